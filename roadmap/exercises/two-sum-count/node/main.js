'use strict';
// The judge's harness around countPairs: each case's arguments are the list
// and the target.
const { serve } = require('./judge');
const { countPairs } = require('./solution');

serve(([nums, target]) => () => countPairs(nums, target));
