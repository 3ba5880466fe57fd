package main

// spans returns, for each day i, how many consecutive days ending at day i
// (day i included) had a price at most prices[i].
func spans(prices []int) []int {
	// waymark:begin solution solve
	out := make([]int, len(prices))
	var stack []int // days not yet beaten by a later price, prices falling
	for i, p := range prices {
		for len(stack) > 0 && prices[stack[len(stack)-1]] <= p {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			out[i] = i + 1
		} else {
			out[i] = i - stack[len(stack)-1]
		}
		stack = append(stack, i)
	}
	return out
	// waymark:end
}
