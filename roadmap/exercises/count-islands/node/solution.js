'use strict';

// islands returns how many islands the map has: groups of land cells ('#')
// joined up, down, left or right. Every row has the same length.
function islands(grid) {
  // waymark:begin solution solve
  if (grid.length === 0) return 0;
  const rows = grid.length;
  const cols = grid[0].length;
  const seen = new Uint8Array(rows * cols);
  let count = 0;
  const stack = [];
  for (let start = 0; start < rows * cols; start++) {
    if (seen[start] || grid[Math.floor(start / cols)][start % cols] !== '#') continue;
    count++; // a new island: visit all of it
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const cell = stack.pop();
      const r = Math.floor(cell / cols);
      const c = cell % cols;
      for (const [nr, nc] of [[r - 1, c], [r + 1, c], [r, c - 1], [r, c + 1]]) {
        if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && grid[nr][nc] === '#' && !seen[nr * cols + nc]) {
          seen[nr * cols + nc] = 1;
          stack.push(nr * cols + nc);
        }
      }
    }
  }
  return count;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { islands };
