package main

// countPairs returns how many pairs of positions i < j have
// nums[i] + nums[j] == target.
func countPairs(nums []int, target int) int {
	// waymark:begin solution solve
	seen := make(map[int]int, len(nums)) // value → how many times it came before
	pairs := 0
	for _, x := range nums {
		pairs += seen[target-x]
		seen[x]++
	}
	return pairs
	// waymark:end
}
