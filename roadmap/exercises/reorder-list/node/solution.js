'use strict';

// ListNode is one node of a singly linked list.
class ListNode {
  constructor(val, next = null) {
    this.val = val;
    this.next = next;
  }
}

// reorder relinks the list L0 → L1 → … → Ln into L0 → Ln → L1 → Ln-1 → L2 → …
// and returns its head. It moves the nodes themselves: no node is made, and no
// value changes.
function reorder(head) {
  // waymark:begin solution solve
  if (head === null || head.next === null) return head;
  // The middle: slow stops at the last node of the first half.
  let slow = head;
  let fast = head;
  while (fast.next !== null && fast.next.next !== null) {
    slow = slow.next;
    fast = fast.next.next;
  }
  // Reverse the second half.
  let back = null;
  for (let n = slow.next; n !== null; ) {
    const next = n.next;
    n.next = back;
    back = n;
    n = next;
  }
  slow.next = null;
  // Weave: one node from the front, one from the back.
  for (let front = head; back !== null; ) {
    const fnext = front.next;
    const bnext = back.next;
    front.next = back;
    back.next = fnext;
    front = fnext;
    back = bnext;
  }
  return head;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { ListNode, reorder };
