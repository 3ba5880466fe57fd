package main

// islands returns how many islands the map has: groups of land cells ('#')
// joined up, down, left or right. Every row has the same length.
func islands(grid []string) int {
	// waymark:begin solution solve
	if len(grid) == 0 {
		return 0
	}
	rows, cols := len(grid), len(grid[0])
	seen := make([]bool, rows*cols)
	count := 0
	var stack []int
	for start := range seen {
		if seen[start] || grid[start/cols][start%cols] != '#' {
			continue
		}
		count++ // a new island: visit all of it
		seen[start] = true
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			cell := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			r, c := cell/cols, cell%cols
			for _, d := range [4][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
				nr, nc := r+d[0], c+d[1]
				if nr >= 0 && nr < rows && nc >= 0 && nc < cols && grid[nr][nc] == '#' && !seen[nr*cols+nc] {
					seen[nr*cols+nc] = true
					stack = append(stack, nr*cols+nc)
				}
			}
		}
	}
	return count
	// waymark:end
}
