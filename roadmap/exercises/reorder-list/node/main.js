'use strict';
// The judge's harness around reorder: each case's one argument is the list's
// values, which it links into nodes; the answer is the values of the
// reordered list, read from its head.
const { serve } = require('./judge');
const { ListNode, reorder } = require('./solution');

serve(([vals]) => {
  let head = null;
  const orig = new Map(); // each node and its value
  for (let i = vals.length - 1; i >= 0; i--) {
    head = new ListNode(vals[i], head);
    orig.set(head, vals[i]);
  }
  return () => values(reorder(head), orig);
});

// values reads the list from head, checking that it is made of the original
// nodes, each once, with their own values.
function values(head, orig) {
  const out = [];
  const seen = new Set();
  for (let n = head; n !== null && n !== undefined; n = n.next) {
    if (!orig.has(n)) throw new Error('a node that was not in the list: relink the nodes you were given rather than making new ones');
    if (seen.has(n)) throw new Error(`the node with value ${n.val} comes twice: the list has a cycle`);
    if (orig.get(n) !== n.val) throw new Error(`a node's value changed from ${orig.get(n)} to ${n.val}: move the nodes, not their values`);
    seen.add(n);
    out.push(n.val);
  }
  return out;
}
