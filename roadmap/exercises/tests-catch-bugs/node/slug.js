// slug turns titles into the slugs of URLs, such as hello-world.
'use strict';

const { bugsOf } = require('./variants.js');

// build is slugify with the bugs b switched on; none for the real one.
function build(title, b) {
  let out = '';
  for (const ch of title) {
    if (ch >= 'A' && ch <= 'Z' && !b.keepsCase) {
      out += ch.toLowerCase();
    } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9' && !b.dropsDigits)) {
      out += ch;
    } else if (b.noCollapse || out === '' || !out.endsWith('-')) {
      out += '-';
    }
  }
  if (!b.keepsEdges) {
    out = out.replace(/^-+|-+$/g, '');
  }
  if (out.length > 40 && !b.noLimit) {
    out = out.slice(0, 40);
    if (!b.cutLeavesDash) {
      out = out.replace(/-+$/, '');
    }
  }
  if (out === '' && !b.emptySlug) {
    out = 'untitled';
  }
  return out;
}

// slugify returns the slug of title: lower-case letters a–z and digits,
// every run of other characters one "-", none at the ends, at most 40
// characters, and "untitled" when nothing is left. When SLUG_VARIANT names
// a variant, it is that broken version instead, so the tests can be run
// against it.
function slugify(title) {
  return build(title, bugsOf(process.env.SLUG_VARIANT || ''));
}

module.exports = { slugify };
