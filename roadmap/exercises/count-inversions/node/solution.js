'use strict';

// inversions returns how many pairs of positions i < j have
// nums[i] > nums[j]. It may reorder nums.
function inversions(nums) {
  // waymark:begin solution solve
  const buf = new Array(nums.length);
  // sortCount sorts nums[lo, hi) with merge sort and returns the inversions
  // it removed.
  const sortCount = (lo, hi) => {
    if (hi - lo < 2) return 0;
    const mid = (lo + hi) >>> 1;
    let n = sortCount(lo, mid) + sortCount(mid, hi);
    let i = lo;
    let j = mid;
    let k = lo;
    while (i < mid && j < hi) {
      if (nums[i] <= nums[j]) buf[k++] = nums[i++];
      else {
        n += mid - i; // nums[j] is smaller than every number left in the first half
        buf[k++] = nums[j++];
      }
    }
    while (i < mid) buf[k++] = nums[i++];
    while (j < hi) buf[k++] = nums[j++];
    for (let x = lo; x < hi; x++) nums[x] = buf[x];
    return n;
  };
  return sortCount(0, nums.length);
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { inversions };
