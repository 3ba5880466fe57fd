package main

// insertPosition returns where x would be inserted into sorted (ascending)
// to keep it sorted, before any number equal to it: how many numbers of
// sorted are smaller than x.
func insertPosition(sorted []int, x int) int {
	// waymark:begin solution solve
	lo, hi := 0, len(sorted) // the answer is in [lo, hi]
	for lo < hi {
		mid := lo + (hi-lo)/2
		if sorted[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
	// waymark:end
}
