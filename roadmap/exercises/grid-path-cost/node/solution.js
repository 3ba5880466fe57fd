'use strict';

// pathCost returns the smallest total cost of a path from the top-left cell of
// grid to its bottom-right one, moving up, down, left or right; entering a cell
// costs its digit (1 to 9), and the start costs nothing. The grid has at least
// one row, and every row has the same length.
function pathCost(grid) {
  // waymark:begin solution solve
  const rows = grid.length;
  const cols = grid[0].length;
  const best = new Array(rows * cols).fill(Infinity); // the best cost found so far
  best[0] = 0;
  const heap = [[0, 0]]; // [cost, cell] pairs, a min-heap by cost
  const push = (x) => {
    heap.push(x);
    for (let i = heap.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (heap[p][0] <= heap[i][0]) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        let m = i;
        if (l < heap.length && heap[l][0] < heap[m][0]) m = l;
        if (l + 1 < heap.length && heap[l + 1][0] < heap[m][0]) m = l + 1;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  while (heap.length > 0) {
    const [cost, cell] = pop();
    if (cost !== best[cell]) continue; // a better way to this cell was found after this one was queued
    if (cell === rows * cols - 1) return cost;
    const r = Math.floor(cell / cols);
    const c = cell % cols;
    for (const [dr, dc] of [[-1, 0], [1, 0], [0, -1], [0, 1]]) {
      const nr = r + dr;
      const nc = c + dc;
      if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
      const next = nr * cols + nc;
      const through = cost + grid[nr].charCodeAt(nc) - 48;
      if (through < best[next]) {
        best[next] = through;
        push([through, next]);
      }
    }
  }
  return best[rows * cols - 1];
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { pathCost };
