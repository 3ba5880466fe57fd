// Command stock-span is the judge's harness around spans: each case's one
// argument is the list of prices.
package main

import "encoding/json"

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var prices []int
		if err := decode(args, &prices); err != nil {
			return nil, err
		}
		return func() any { return spans(prices) }, nil
	})
}
