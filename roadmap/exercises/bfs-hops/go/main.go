// Command bfs-hops is the judge's harness around hops: each case's
// arguments are the number of nodes, the two lists of edge ends and the
// start node.
package main

import "encoding/json"

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var n, start int
		var us, vs []int
		if err := decode(args, &n, &us, &vs, &start); err != nil {
			return nil, err
		}
		return func() any { return hops(n, us, vs, start) }, nil
	})
}
