// run-tests runs app.test.js against the real API, or, given the name
// of a variant, against that broken version: exit status 0 when the tests
// pass, 1 when they fail, 2 when they cannot run.
'use strict';

const { spawnSync } = require('node:child_process');
const { VARIANTS } = require('./variants.js');

const variant = process.argv[2] || '';
if (variant !== '' && !(variant in VARIANTS)) {
  console.error(`unknown variant ${JSON.stringify(variant)}; the variants are ${Object.keys(VARIANTS).join(', ')}`);
  process.exit(2);
}
const run = spawnSync(process.execPath, ['--test', 'app.test.js'], {
  stdio: 'inherit',
  env: { ...process.env, API_VARIANT: variant },
});
if (run.error) {
  console.error(`run-tests: cannot run node --test: ${run.error.message}`);
  process.exit(2);
}
const against = variant === '' ? 'the real API' : `the variant ${variant}`;
if (run.status === 0) {
  console.log(`the tests pass against ${against}`);
} else {
  console.log(`the tests fail against ${against}`);
  process.exit(1);
}
