'use strict';
// The judge's harness around inversions: each case's one argument is the
// list.
const { serve } = require('./judge');
const { inversions } = require('./solution');

serve(([nums]) => () => inversions(nums));
