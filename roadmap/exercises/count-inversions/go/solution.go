package main

// inversions returns how many pairs of positions i < j have
// nums[i] > nums[j]. It may reorder nums.
func inversions(nums []int) int {
	// waymark:begin solution solve
	return sortCount(nums, make([]int, len(nums)))
}

// sortCount sorts a with merge sort, using buf (as long as a) for merging,
// and returns the inversions it removed.
func sortCount(a, buf []int) int {
	if len(a) < 2 {
		return 0
	}
	mid := len(a) / 2
	n := sortCount(a[:mid], buf[:mid]) + sortCount(a[mid:], buf[mid:])
	i, j, k := 0, mid, 0
	for i < mid && j < len(a) {
		if a[i] <= a[j] {
			buf[k] = a[i]
			i++
		} else {
			buf[k] = a[j]
			j++
			n += mid - i // a[j] is smaller than every number left in the first half
		}
		k++
	}
	k += copy(buf[k:], a[i:mid])
	copy(buf[k:], a[j:])
	copy(a, buf)
	return n
	// waymark:end
}
