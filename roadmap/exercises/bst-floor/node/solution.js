'use strict';

// Node is a node of a binary search tree: every value in left is smaller than
// val, every value in right larger.
class Node {
  constructor(val, left = null, right = null) {
    this.val = val;
    this.left = left;
    this.right = right;
  }
}

// floor returns the largest value of the tree at most x, or null when every
// value is larger than x (or the tree is empty).
function floor(root, x) {
  // waymark:begin solution solve
  let best = null;
  for (let n = root; n !== null; ) {
    if (n.val > x) {
      n = n.left;
    } else {
      best = n.val; // a candidate; a better one is on the right
      n = n.right;
    }
  }
  return best;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { Node, floor };
