"""The judge's harness around floor: each case's arguments are the tree's
values, from which it builds a balanced binary search tree, and the queries;
the answer is each query's floor, or null."""

from judge import serve
from solution import Node, floor


def build(values, lo, hi):
    """Makes a balanced binary search tree of values[lo:hi]: its middle value is
    the root, the values before it the left subtree, those after it the right one."""
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    return Node(values[mid], build(values, lo, mid), build(values, mid + 1, hi))


def prepare(args):
    values, queries = args
    values = sorted(set(values))
    root = build(values, 0, len(values))
    return lambda: [floor(root, q) for q in queries]


serve(prepare)
