'use strict';
// The judge's harness around minCoins: each case's arguments are the coin
// values and the amount.
const { serve } = require('./judge');
const { minCoins } = require('./solution');

serve(([coins, amount]) => () => minCoins(coins, amount));
