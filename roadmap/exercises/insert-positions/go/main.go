// Command insert-positions is the judge's harness around insertPosition:
// each case's arguments are the sorted list and the queries; the answer is
// the position of each query.
package main

import "encoding/json"

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var sorted, queries []int
		if err := decode(args, &sorted, &queries); err != nil {
			return nil, err
		}
		return func() any {
			out := make([]int, len(queries))
			for i, q := range queries {
				out[i] = insertPosition(sorted, q)
			}
			return out
		}, nil
	})
}
