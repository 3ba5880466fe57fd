package main

// ListNode is one node of a singly linked list.
type ListNode struct {
	Val  int
	Next *ListNode
}

// reorder relinks the list L0 → L1 → … → Ln into L0 → Ln → L1 → Ln-1 →
// L2 → … and returns its head. It moves the nodes themselves: no node is
// made, and no value changes.
func reorder(head *ListNode) *ListNode {
	// waymark:begin solution solve
	if head == nil || head.Next == nil {
		return head
	}
	// The middle: slow stops at the last node of the first half.
	slow, fast := head, head
	for fast.Next != nil && fast.Next.Next != nil {
		slow, fast = slow.Next, fast.Next.Next
	}
	// Reverse the second half.
	var back *ListNode
	for n := slow.Next; n != nil; {
		next := n.Next
		n.Next = back
		back, n = n, next
	}
	slow.Next = nil
	// Weave: one node from the front, one from the back.
	for front := head; back != nil; {
		fnext, bnext := front.Next, back.Next
		front.Next, back.Next = back, fnext
		front, back = fnext, bnext
	}
	return head
	// waymark:end
}
