'use strict';
// The judge's harness around shortestRun: each case's arguments are the
// list and the target.
const { serve } = require('./judge');
const { shortestRun } = require('./solution');

serve(([nums, target]) => () => shortestRun(nums, target));
