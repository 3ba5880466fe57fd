// Command count-islands is the judge's harness around islands: each case's
// one argument is the map, a list of rows of '#' (land) and '.' (water).
package main

import "encoding/json"

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var grid []string
		if err := decode(args, &grid); err != nil {
			return nil, err
		}
		return func() any { return islands(grid) }, nil
	})
}
