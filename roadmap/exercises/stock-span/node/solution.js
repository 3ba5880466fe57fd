'use strict';

// spans returns, for each day i, how many consecutive days ending at day i
// (day i included) had a price at most prices[i].
function spans(prices) {
  // waymark:begin solution solve
  const out = new Array(prices.length);
  const stack = []; // days not yet beaten by a later price, prices falling
  for (let i = 0; i < prices.length; i++) {
    while (stack.length > 0 && prices[stack[stack.length - 1]] <= prices[i]) stack.pop();
    out[i] = stack.length === 0 ? i + 1 : i - stack[stack.length - 1];
    stack.push(i);
  }
  return out;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { spans };
