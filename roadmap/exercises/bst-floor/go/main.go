// Command bst-floor is the judge's harness around floor: each case's
// arguments are the tree's values, from which it builds a balanced binary
// search tree, and the queries; the answer is each query's floor, or null.
package main

import (
	"encoding/json"
	"slices"
)

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var vals, queries []int
		if err := decode(args, &vals, &queries); err != nil {
			return nil, err
		}
		slices.Sort(vals)
		root := build(slices.Compact(vals))
		return func() any {
			out := make([]any, len(queries))
			for i, q := range queries {
				if v, ok := floor(root, q); ok {
					out[i] = v
				}
			}
			return out
		}, nil
	})
}

// build makes a balanced binary search tree of sorted: its middle value is
// the root, the values before it the left subtree, those after it the
// right one.
func build(sorted []int) *Node {
	if len(sorted) == 0 {
		return nil
	}
	mid := len(sorted) / 2
	return &Node{Val: sorted[mid], Left: build(sorted[:mid]), Right: build(sorted[mid+1:])}
}
