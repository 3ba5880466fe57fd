package main

// minCoins returns the fewest coins, each of a value in coins (as many of
// each as needed), that add up to amount, or -1 when no combination does.
func minCoins(coins []int, amount int) int {
	// waymark:begin solution solve
	const impossible = -1
	best := make([]int, amount+1) // best[a]: the fewest coins for a
	for a := 1; a <= amount; a++ {
		best[a] = impossible
		for _, c := range coins {
			if c <= a && best[a-c] != impossible && (best[a] == impossible || best[a-c]+1 < best[a]) {
				best[a] = best[a-c] + 1
			}
		}
	}
	return best[amount]
	// waymark:end
}
