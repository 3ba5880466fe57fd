'use strict';

// LRUCache holds at most a fixed number of keys; when a new key would go over,
// it forgets the least recently used one (a get or a put uses a key).
class LRUCache {
  // constructor makes an empty cache of capacity keys (at least 1).
  constructor(capacity) {
    // waymark:begin solution solve
    this.capacity = capacity;
    this.entries = new Map(); // key → value, the least recently used first
    // waymark:stub
    // throw new Error('TODO(solve): not implemented yet');
    // waymark:end
  }

  // get returns the key's value, or -1 when the cache does not hold it.
  get(key) {
    // waymark:begin solution solve
    if (!this.entries.has(key)) return -1;
    const value = this.entries.get(key);
    this.entries.delete(key); // set again: now the most recently used
    this.entries.set(key, value);
    return value;
    // waymark:stub
    // throw new Error('TODO(solve): not implemented yet');
    // waymark:end
  }

  // put sets the key's value, forgetting the least recently used key when the
  // cache would hold more than its capacity.
  put(key, value) {
    // waymark:begin solution solve
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value);
    // waymark:stub
    // throw new Error('TODO(solve): not implemented yet');
    // waymark:end
  }
}

module.exports = { LRUCache };
