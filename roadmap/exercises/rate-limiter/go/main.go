// Command rate-limiter is the judge's harness around allow: each case's
// arguments are the capacity, the rate, and the requests' times and
// clients.
package main

import (
	"encoding/json"
	"errors"
)

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var capacity, rate int
		var times, clients []int
		if err := decode(args, &capacity, &rate, &times, &clients); err != nil {
			return nil, err
		}
		if len(clients) != len(times) {
			return nil, errors.New("the times and the clients differ in length")
		}
		return func() any { return allow(capacity, rate, times, clients) }, nil
	})
}
