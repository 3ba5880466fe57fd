'use strict';

// powMod returns base to the power exp, modulo mod: base^exp mod mod. base
// and exp are at least 0, mod from 1 to 9·10⁷ (so that a product of two
// numbers below mod stays exact in a JavaScript number).
function powMod(base, exp, mod) {
  // waymark:begin solution solve
  if (exp === 0) return 1 % mod;
  const half = powMod(base, Math.floor(exp / 2), mod); // computed once: one call per level
  let r = (half * half) % mod;
  if (exp % 2 === 1) r = (r * (base % mod)) % mod;
  return r;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { powMod };
