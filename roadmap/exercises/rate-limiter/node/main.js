'use strict';
// The judge's harness around allow: each case's arguments are the capacity,
// the rate, and the requests' times and clients.
const { serve } = require('./judge');
const { allow } = require('./solution');

serve(([capacity, rate, times, clients]) => () => allow(capacity, rate, times, clients));
