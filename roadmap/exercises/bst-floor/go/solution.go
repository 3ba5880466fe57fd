package main

// Node is a node of a binary search tree: every value in Left is smaller
// than Val, every value in Right larger.
type Node struct {
	Val         int
	Left, Right *Node
}

// floor returns the largest value of the tree at most x, and false when
// every value is larger than x (or the tree is empty).
func floor(root *Node, x int) (int, bool) {
	// waymark:begin solution solve
	best, found := 0, false
	for n := root; n != nil; {
		if n.Val > x {
			n = n.Left
			continue
		}
		best, found = n.Val, true // a candidate; a better one is on the right
		n = n.Right
	}
	return best, found
	// waymark:end
}
