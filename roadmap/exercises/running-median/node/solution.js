'use strict';

// medians returns, after each number of nums, the lower median of the numbers
// so far: the middle one of an odd count, the smaller of the two middle ones
// of an even count.
function medians(nums) {
  // waymark:begin solution solve
  const low = new Heap((a, b) => a > b); // the smaller half, largest on top
  const high = new Heap((a, b) => a < b); // the larger half, smallest on top
  const out = [];
  for (const x of nums) {
    low.push(x);
    high.push(low.pop());
    if (high.size() > low.size()) low.push(high.pop());
    out.push(low.top());
  }
  return out;
}

// Heap is a binary heap whose top is the item that comes first by before.
class Heap {
  constructor(before) {
    this.items = [];
    this.before = before;
  }

  size() {
    return this.items.length;
  }

  top() {
    return this.items[0];
  }

  push(x) {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(a[i], a[parent])) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }

  pop() {
    const a = this.items;
    const first = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < a.length && this.before(a[l], a[best])) best = l;
        if (r < a.length && this.before(a[r], a[best])) best = r;
        if (best === i) break;
        [a[i], a[best]] = [a[best], a[i]];
        i = best;
      }
    }
    return first;
  }
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { medians };
