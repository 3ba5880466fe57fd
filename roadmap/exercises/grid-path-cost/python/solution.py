import heapq


def path_cost(grid):
    """Returns the smallest total cost of a path from the top-left cell of grid to
    its bottom-right one, moving up, down, left or right; entering a cell costs
    its digit (1 to 9), and the start costs nothing. The grid has at least one
    row, and every row has the same length."""
    # waymark:begin solution solve
    rows, cols = len(grid), len(grid[0])
    costs = [int(ch) for row in grid for ch in row]
    best = [None] * (rows * cols)  # the best cost found so far
    best[0] = 0
    queue = [(0, 0)]  # (cost, cell) pairs, a min-heap by cost
    goal = rows * cols - 1
    while queue:
        cost, cell = heapq.heappop(queue)
        if cost != best[cell]:
            continue  # a better way to this cell was found after this one was queued
        if cell == goal:
            return cost
        r, c = divmod(cell, cols)
        for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
            if 0 <= nr < rows and 0 <= nc < cols:
                nxt = nr * cols + nc
                through = cost + costs[nxt]
                if best[nxt] is None or through < best[nxt]:
                    best[nxt] = through
                    heapq.heappush(queue, (through, nxt))
    return best[goal]
    # waymark:end
