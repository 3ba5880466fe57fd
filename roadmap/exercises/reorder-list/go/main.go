// Command reorder-list is the judge's harness around reorder: each case's
// one argument is the list's values, which it links into nodes; the answer
// is the values of the reordered list, read from its head.
package main

import (
	"encoding/json"
	"fmt"
)

func main() {
	serve(func(args []json.RawMessage) (func() any, error) {
		var vals []int
		if err := decode(args, &vals); err != nil {
			return nil, err
		}
		var head *ListNode
		orig := make(map[*ListNode]int, len(vals)) // each node and its value
		for i := len(vals) - 1; i >= 0; i-- {
			head = &ListNode{Val: vals[i], Next: head}
			orig[head] = vals[i]
		}
		return func() any { return values(reorder(head), orig) }, nil
	})
}

// values reads the list from head, checking that it is made of the
// original nodes, each once, with their own values.
func values(head *ListNode, orig map[*ListNode]int) []int {
	out := make([]int, 0, len(orig))
	seen := make(map[*ListNode]bool, len(orig))
	for n := head; n != nil; n = n.Next {
		v, ok := orig[n]
		switch {
		case !ok:
			panic("a node that was not in the list: relink the nodes you were given rather than making new ones")
		case seen[n]:
			panic(fmt.Sprintf("the node with value %d comes twice: the list has a cycle", n.Val))
		case v != n.Val:
			panic(fmt.Sprintf("a node's value changed from %d to %d: move the nodes, not their values", v, n.Val))
		}
		seen[n] = true
		out = append(out, n.Val)
	}
	return out
}
