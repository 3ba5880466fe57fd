package main

import "container/heap"

// pathCost returns the smallest total cost of a path from the top-left
// cell of grid to its bottom-right one, moving up, down, left or right;
// entering a cell costs its digit (1 to 9), and the start costs nothing.
// The grid has at least one row, and every row has the same length.
func pathCost(grid []string) int {
	// waymark:begin solution solve
	rows, cols := len(grid), len(grid[0])
	best := make([]int, rows*cols) // the best cost found so far; -1 for none
	for i := range best {
		best[i] = -1
	}
	best[0] = 0
	q := &queue{{0, 0}}
	for q.Len() > 0 {
		it := heap.Pop(q).(item)
		if it.cost != best[it.cell] {
			continue // a better way to this cell was found after this one was queued
		}
		if it.cell == rows*cols-1 {
			return it.cost
		}
		r, c := it.cell/cols, it.cell%cols
		for _, d := range [4][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
			nr, nc := r+d[0], c+d[1]
			if nr < 0 || nr >= rows || nc < 0 || nc >= cols {
				continue
			}
			next, cost := nr*cols+nc, it.cost+int(grid[nr][nc]-'0')
			if best[next] < 0 || cost < best[next] {
				best[next] = cost
				heap.Push(q, item{cost, next})
			}
		}
	}
	return best[rows*cols-1]
}

// item is a cell and the cost of a path to it.
type item struct{ cost, cell int }

// queue is a min-heap of items by cost, for container/heap.
type queue []item

func (q queue) Len() int           { return len(q) }
func (q queue) Less(i, j int) bool { return q[i].cost < q[j].cost }
func (q queue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)        { *q = append(*q, x.(item)) }
func (q *queue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
	// waymark:end
}
