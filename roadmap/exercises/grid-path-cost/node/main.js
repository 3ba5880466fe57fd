'use strict';
// The judge's harness around pathCost: each case's one argument is the grid,
// a list of rows of digits.
const { serve } = require('./judge');
const { pathCost } = require('./solution');

serve(([grid]) => () => pathCost(grid));
