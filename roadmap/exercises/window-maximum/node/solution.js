'use strict';

// windowMax returns the largest number of each window of k consecutive
// numbers, from the window starting at 0 to the one ending at the last
// number: nums.length - k + 1 of them, none when k > nums.length. k is at
// least 1.
function windowMax(nums, k) {
  // waymark:begin solution solve
  const out = [];
  const queue = []; // positions in the window whose numbers fall from front to back
  let head = 0;
  for (let i = 0; i < nums.length; i++) {
    while (queue.length > head && nums[queue[queue.length - 1]] <= nums[i]) queue.pop();
    queue.push(i);
    if (queue[head] <= i - k) head++; // it slid out of the window
    if (i >= k - 1) out.push(nums[queue[head]]);
  }
  return out;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { windowMax };
