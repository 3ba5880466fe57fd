// The unit tests of slugify: they must pass against the real function and
// fail against each of its broken variants.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { slugify } = require('./slug.js');

test('slugify', () => {
  // waymark:begin solution solve
  const cases = [
    ['lower case', 'Hello World', 'hello-world'],
    ['digits', 'Top 10 Tips for 2026', 'top-10-tips-for-2026'],
    ['a run of separators is one dash', 'a -- b,  c', 'a-b-c'],
    ['non-ASCII letters separate', 'Crème brûlée', 'cr-me-br-l-e'],
    ['no dash at the ends', '  ¡Hola!  ', 'hola'],
    ['exactly 40 is kept', 'abcdefghij abcdefghij abcdefghij abcdefg', 'abcdefghij-abcdefghij-abcdefghij-abcdefg'],
    ['a long slug is cut at 40', 'abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij', 'abcdefghij-abcdefghij-abcdefghij-abcdefg'],
    ['a cut does not end with a dash', 'abcdefghij abcdefghij abcdefghij abcdef ghij', 'abcdefghij-abcdefghij-abcdefghij-abcdef'],
    ['nothing left', '!!!', 'untitled'],
    ['empty', '', 'untitled'],
  ];
  for (const [name, title, want] of cases) {
    assert.equal(slugify(title), want, name);
  }
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
});
