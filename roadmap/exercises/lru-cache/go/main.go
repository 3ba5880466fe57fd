// Command lru-cache is the judge's harness around LRUCache: each case's
// arguments are the capacity, the operations (a string, "p" for a put and
// "g" for a get), and their keys and values (a get ignores its value); the
// answer is what each get returned, in order.
package main

import (
	"encoding/json"
	"errors"
)

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var capacity int
		var ops string
		var keys, values []int
		if err := decode(args, &capacity, &ops, &keys, &values); err != nil {
			return nil, err
		}
		if len(keys) != len(ops) || len(values) != len(ops) {
			return nil, errors.New("the operations, keys and values differ in length")
		}
		return func() any {
			cache := NewLRUCache(capacity)
			got := []int{}
			for i, op := range []byte(ops) {
				if op == 'g' {
					got = append(got, cache.Get(keys[i]))
				} else {
					cache.Put(keys[i], values[i])
				}
			}
			return got
		}, nil
	})
}
