'use strict';
// The judge's harness around insertPosition: each case's arguments are the
// sorted list and the queries; the answer is the position of each query.
const { serve } = require('./judge');
const { insertPosition } = require('./solution');

serve(([sorted, queries]) => () => queries.map((q) => insertPosition(sorted, q)));
