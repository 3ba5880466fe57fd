'use strict';

// shortestRun returns the length of the shortest run of consecutive numbers
// whose sum is at least target, or 0 when no run reaches it. The numbers are
// positive.
function shortestRun(nums, target) {
  // waymark:begin solution solve
  let best = 0;
  let sum = 0;
  let left = 0;
  for (let right = 0; right < nums.length; right++) {
    sum += nums[right];
    while (sum >= target) {
      const n = right - left + 1;
      if (best === 0 || n < best) best = n;
      sum -= nums[left];
      left++;
    }
  }
  return best;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { shortestRun };
