class ListNode:
    """One node of a singly linked list."""

    def __init__(self, val, next=None):
        self.val = val
        self.next = next


def reorder(head):
    """Relinks the list L0 → L1 → … → Ln into L0 → Ln → L1 → Ln-1 → L2 → … and
    returns its head. It moves the nodes themselves: no node is made, and no
    value changes."""
    # waymark:begin solution solve
    if head is None or head.next is None:
        return head
    # The middle: slow stops at the last node of the first half.
    slow = fast = head
    while fast.next is not None and fast.next.next is not None:
        slow, fast = slow.next, fast.next.next
    # Reverse the second half.
    back, n = None, slow.next
    while n is not None:
        n.next, back, n = back, n, n.next
    slow.next = None
    # Weave: one node from the front, one from the back.
    front = head
    while back is not None:
        fnext, bnext = front.next, back.next
        front.next, back.next = back, fnext
        front, back = fnext, bnext
    return head
    # waymark:end
