def islands(grid):
    """Returns how many islands the map has: groups of land cells ('#') joined
    up, down, left or right. Every row has the same length."""
    # waymark:begin solution solve
    if not grid:
        return 0
    rows, cols = len(grid), len(grid[0])
    seen = [[False] * cols for _ in range(rows)]
    count = 0
    for r0 in range(rows):
        for c0 in range(cols):
            if grid[r0][c0] != "#" or seen[r0][c0]:
                continue
            count += 1  # a new island: visit all of it
            seen[r0][c0] = True
            stack = [(r0, c0)]
            while stack:
                r, c = stack.pop()
                for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                    if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "#" and not seen[nr][nc]:
                        seen[nr][nc] = True
                        stack.append((nr, nc))
    return count
    # waymark:end
