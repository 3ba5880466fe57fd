'use strict';
// The judge's harness around LRUCache: each case's arguments are the
// capacity, the operations (a string, "p" for a put and "g" for a get), and
// their keys and values (a get ignores its value); the answer is what each get
// returned, in order.
const { serve } = require('./judge');
const { LRUCache } = require('./solution');

serve(([capacity, ops, keys, values]) => () => {
  const cache = new LRUCache(capacity);
  const got = [];
  for (let i = 0; i < ops.length; i++) {
    if (ops[i] === 'g') got.push(cache.get(keys[i]));
    else cache.put(keys[i], values[i]);
  }
  return got;
});
