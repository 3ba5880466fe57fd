// The broken versions of slugify, by name, each breaking one rule.
'use strict';

const VARIANTS = {
  'keeps-case': { keepsCase: true }, // "Hello" gives "Hello"
  'drops-digits': { dropsDigits: true }, // "Top 10" gives "top"
  'no-collapse': { noCollapse: true }, // "a -- b" gives "a----b"
  'keeps-edges': { keepsEdges: true }, // " hi! " gives "-hi-"
  'no-limit': { noLimit: true }, // a slug of any length
  'cut-leaves-dash': { cutLeavesDash: true }, // a cut may end with "-"
  'empty-slug': { emptySlug: true }, // "!!!" gives ""
};

// bugsOf is the variant name's bugs; none for '' (the real slugify).
function bugsOf(name) {
  return VARIANTS[name] || {};
}

module.exports = { bugsOf, VARIANTS };
