'use strict';
// The judge's harness around windowMax: each case's arguments are the list
// and the window's size.
const { serve } = require('./judge');
const { windowMax } = require('./solution');

serve(([nums, k]) => () => windowMax(nums, k));
