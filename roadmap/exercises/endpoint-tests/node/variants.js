// The broken versions of the API, by name, each breaking one promise.
'use strict';

const VARIANTS = {
  'created-200': { created200: true }, // POST answers 200
  'no-location': { noLocation: true }, // POST sends no Location
  'empty-name-ok': { emptyNameOK: true }, // an empty name is created
  'bad-json-500': { badJSON500: true }, // a body that is not JSON is 500
  'delete-body': { deleteBody: true }, // DELETE answers 200 with a body
  'delete-keeps': { deleteKeeps: true }, // DELETE answers 204 but keeps the item
  'text-plain': { textPlain: true }, // JSON sent as text/plain
};

// bugsOf is the variant name's bugs; none for '' (the real API).
function bugsOf(name) {
  return VARIANTS[name] || {};
}

module.exports = { bugsOf, VARIANTS };
