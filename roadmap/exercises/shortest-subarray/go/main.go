// Command shortest-subarray is the judge's harness around shortestRun:
// each case's arguments are the list and the target.
package main

import "encoding/json"

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var nums []int
		var target int
		if err := decode(args, &nums, &target); err != nil {
			return nil, err
		}
		return func() any { return shortestRun(nums, target) }, nil
	})
}
