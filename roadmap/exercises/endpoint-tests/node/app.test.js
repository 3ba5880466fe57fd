// The endpoint tests of the items API: they must pass against the real API
// and fail against each of its broken variants.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { createServer } = require('./app.js');

test('items', async (t) => {
  // waymark:begin solution solve
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${server.address().port}`;
  const send = async (method, path, body) => {
    const res = await fetch(base + path, { method, body, headers: { 'Content-Type': 'application/json' } });
    return { res, text: await res.text() };
  };
  const assertJSON = (res) => assert.match(res.headers.get('content-type') || '', /^application\/json/);

  let { res, text } = await send('POST', '/items', '{"name": "lamp"}');
  assert.equal(res.status, 201);
  assertJSON(res);
  const created = JSON.parse(text);
  assert.equal(created.name, 'lamp');
  const loc = res.headers.get('location');
  assert.equal(loc, `/items/${created.id}`);

  ({ res, text } = await send('GET', loc));
  assert.equal(res.status, 200);
  assertJSON(res);
  assert.deepEqual(JSON.parse(text), created);

  assert.equal((await send('POST', '/items', '{"name": ')).res.status, 400);
  assert.equal((await send('POST', '/items', '{"name": ""}')).res.status, 422);
  assert.equal((await send('POST', '/items', '{}')).res.status, 422);
  ({ res } = await send('GET', '/items/999999'));
  assert.equal(res.status, 404);
  assertJSON(res);

  ({ res, text } = await send('DELETE', loc));
  assert.equal(res.status, 204);
  assert.equal(text, '');
  assert.equal((await send('GET', loc)).res.status, 404);
  assert.equal((await send('DELETE', loc)).res.status, 404);
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
});
