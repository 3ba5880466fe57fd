'use strict';
// The judge's harness around powMod: each case's arguments are three lists
// of the same length, the bases, the exponents and the moduli; the answer is
// powMod of each triple.
const { serve } = require('./judge');
const { powMod } = require('./solution');

serve(([bases, exps, mods]) => () => bases.map((b, i) => powMod(b, exps[i], mods[i])));
