package main

// shortestRun returns the length of the shortest run of consecutive
// numbers whose sum is at least target, or 0 when no run reaches it. The
// numbers are positive.
func shortestRun(nums []int, target int) int {
	// waymark:begin solution solve
	best, sum, left := 0, 0, 0
	for right, x := range nums {
		sum += x
		for sum >= target {
			if n := right - left + 1; best == 0 || n < best {
				best = n
			}
			sum -= nums[left]
			left++
		}
	}
	return best
	// waymark:end
}
