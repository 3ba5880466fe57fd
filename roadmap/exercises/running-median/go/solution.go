package main

import "container/heap"

// medians returns, after each number of nums, the lower median of the
// numbers so far: the middle one of an odd count, the smaller of the two
// middle ones of an even count.
func medians(nums []int) []int {
	// waymark:begin solution solve
	out := make([]int, len(nums))
	low := &intHeap{less: func(a, b int) bool { return a > b }}  // the smaller half, largest on top
	high := &intHeap{less: func(a, b int) bool { return a < b }} // the larger half, smallest on top
	for i, x := range nums {
		heap.Push(low, x)
		heap.Push(high, heap.Pop(low))
		if high.Len() > low.Len() {
			heap.Push(low, heap.Pop(high))
		}
		out[i] = low.items[0]
	}
	return out
}

// intHeap is a heap of ints ordered by less, for container/heap.
type intHeap struct {
	items []int
	less  func(a, b int) bool
}

func (h *intHeap) Len() int           { return len(h.items) }
func (h *intHeap) Less(i, j int) bool { return h.less(h.items[i], h.items[j]) }
func (h *intHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *intHeap) Push(x any)         { h.items = append(h.items, x.(int)) }
func (h *intHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
	// waymark:end
}
