class Node:
    """A node of a binary search tree: every value in left is smaller than val,
    every value in right larger."""

    def __init__(self, val, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right


def floor(root, x):
    """Returns the largest value of the tree at most x, or None when every value
    is larger than x (or the tree is empty)."""
    # waymark:begin solution solve
    best = None
    n = root
    while n is not None:
        if n.val > x:
            n = n.left
        else:
            best = n.val  # a candidate; a better one is on the right
            n = n.right
    return best
    # waymark:end
