// Command running-median is the judge's harness around medians: each
// case's one argument is the stream of numbers.
package main

import "encoding/json"

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var nums []int
		if err := decode(args, &nums); err != nil {
			return nil, err
		}
		return func() any { return medians(nums) }, nil
	})
}
