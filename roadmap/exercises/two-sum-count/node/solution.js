'use strict';

// countPairs returns how many pairs of positions i < j have
// nums[i] + nums[j] === target.
function countPairs(nums, target) {
  // waymark:begin solution solve
  const seen = new Map(); // value → how many times it came before
  let pairs = 0;
  for (const x of nums) {
    pairs += seen.get(target - x) ?? 0;
    seen.set(x, (seen.get(x) ?? 0) + 1);
  }
  return pairs;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { countPairs };
