'use strict';
// The judge's harness around medians: each case's one argument is the stream
// of numbers.
const { serve } = require('./judge');
const { medians } = require('./solution');

serve(([nums]) => () => medians(nums));
