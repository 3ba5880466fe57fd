'use strict';

// minCoins returns the fewest coins, each of a value in coins (as many of each
// as needed), that add up to amount, or -1 when no combination does.
function minCoins(coins, amount) {
  // waymark:begin solution solve
  const best = new Array(amount + 1).fill(Infinity); // best[a]: the fewest coins for a
  best[0] = 0;
  for (let a = 1; a <= amount; a++) {
    for (const c of coins) {
      if (c <= a && best[a - c] + 1 < best[a]) best[a] = best[a - c] + 1;
    }
  }
  return best[amount] === Infinity ? -1 : best[amount];
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { minCoins };
