'use strict';
// The judge's harness around islands: each case's one argument is the map, a
// list of rows of '#' (land) and '.' (water).
const { serve } = require('./judge');
const { islands } = require('./solution');

serve(([grid]) => () => islands(grid));
