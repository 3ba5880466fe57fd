// Command coin-change is the judge's harness around minCoins: each case's
// arguments are the coin values and the amount.
package main

import "encoding/json"

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var coins []int
		var amount int
		if err := decode(args, &coins, &amount); err != nil {
			return nil, err
		}
		return func() any { return minCoins(coins, amount) }, nil
	})
}
