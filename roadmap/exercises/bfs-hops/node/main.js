'use strict';
// The judge's harness around hops: each case's arguments are the number of
// nodes, the two lists of edge ends and the start node.
const { serve } = require('./judge');
const { hops } = require('./solution');

serve(([n, us, vs, start]) => () => hops(n, us, vs, start));
