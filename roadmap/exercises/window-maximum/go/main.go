// Command window-maximum is the judge's harness around windowMax: each
// case's arguments are the list and the window's size.
package main

import "encoding/json"

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var nums []int
		var k int
		if err := decode(args, &nums, &k); err != nil {
			return nil, err
		}
		return func() any { return windowMax(nums, k) }, nil
	})
}
