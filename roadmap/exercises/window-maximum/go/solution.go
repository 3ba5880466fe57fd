package main

// windowMax returns the largest number of each window of k consecutive
// numbers, from the window starting at 0 to the one ending at the last
// number: len(nums)-k+1 of them, none when k > len(nums). k is at least 1.
func windowMax(nums []int, k int) []int {
	// waymark:begin solution solve
	var out []int
	var queue []int // positions in the window whose numbers fall from front to back
	head := 0
	for i, x := range nums {
		for len(queue) > head && nums[queue[len(queue)-1]] <= x {
			queue = queue[:len(queue)-1]
		}
		queue = append(queue, i)
		if queue[head] <= i-k {
			head++ // it slid out of the window
		}
		if i >= k-1 {
			out = append(out, nums[queue[head]])
		}
	}
	return out
	// waymark:end
}
