// Command count-inversions is the judge's harness around inversions: each
// case's one argument is the list.
package main

import "encoding/json"

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var nums []int
		if err := decode(args, &nums); err != nil {
			return nil, err
		}
		return func() any { return inversions(nums) }, nil
	})
}
