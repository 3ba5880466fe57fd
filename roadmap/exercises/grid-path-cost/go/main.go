// Command grid-path-cost is the judge's harness around pathCost: each
// case's one argument is the grid, a list of rows of digits.
package main

import "encoding/json"

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var grid []string
		if err := decode(args, &grid); err != nil {
			return nil, err
		}
		return func() any { return pathCost(grid) }, nil
	})
}
