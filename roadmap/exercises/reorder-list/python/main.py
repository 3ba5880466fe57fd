"""The judge's harness around reorder: each case's one argument is the list's
values, which it links into nodes; the answer is the values of the reordered
list, read from its head."""

from judge import serve
from solution import ListNode, reorder


def prepare(args):
    (vals,) = args
    head = None
    orig = {}  # id of each node → the node and its value
    for v in reversed(vals):
        head = ListNode(v, head)
        orig[id(head)] = (head, v)
    return lambda: values(reorder(head), orig)


def values(head, orig):
    """Reads the list from head, checking that it is made of the original nodes,
    each once, with their own values."""
    out = []
    seen = set()
    n = head
    while n is not None:
        node, v = orig.get(id(n), (None, None))
        if node is not n:
            raise ValueError("a node that was not in the list: relink the nodes you were given rather than making new ones")
        if id(n) in seen:
            raise ValueError(f"the node with value {n.val} comes twice: the list has a cycle")
        if v != n.val:
            raise ValueError(f"a node's value changed from {v} to {n.val}: move the nodes, not their values")
        seen.add(id(n))
        out.append(n.val)
        n = n.next
    return out


serve(prepare)
