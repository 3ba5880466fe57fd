'use strict';
// The judge's harness around spans: each case's one argument is the list of
// prices.
const { serve } = require('./judge');
const { spans } = require('./solution');

serve(([prices]) => () => spans(prices));
