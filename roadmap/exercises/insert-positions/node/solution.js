'use strict';

// insertPosition returns where x would be inserted into sorted (ascending) to
// keep it sorted, before any number equal to it: how many numbers of sorted
// are smaller than x.
function insertPosition(sorted, x) {
  // waymark:begin solution solve
  let lo = 0;
  let hi = sorted.length; // the answer is in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { insertPosition };
