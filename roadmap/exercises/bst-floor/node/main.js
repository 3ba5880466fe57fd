'use strict';
// The judge's harness around floor: each case's arguments are the tree's
// values, from which it builds a balanced binary search tree, and the
// queries; the answer is each query's floor, or null.
const { serve } = require('./judge');
const { Node, floor } = require('./solution');

serve(([vals, queries]) => {
  const sorted = [...new Set(vals)].sort((a, b) => a - b);
  const root = build(sorted, 0, sorted.length);
  return () => queries.map((q) => floor(root, q));
});

// build makes a balanced binary search tree of sorted[lo, hi): its middle
// value is the root, the values before it the left subtree, those after it
// the right one.
function build(sorted, lo, hi) {
  if (lo >= hi) return null;
  const mid = (lo + hi) >>> 1;
  return new Node(sorted[mid], build(sorted, lo, mid), build(sorted, mid + 1, hi));
}
