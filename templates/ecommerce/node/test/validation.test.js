import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { nulPath } from '../src/http.js';
import { testApp } from './helpers.js';

test('nulPath names the string that holds a NUL byte', () => {
  assert.equal(nulPath({ name: 'Lamp' }), undefined);
  assert.equal(nulPath({ name: 'La\0mp' }), 'name');
  assert.equal(nulPath({ items: [{ sku: 'a' }, { sku: '\0' }] }), 'items[1].sku');
  assert.equal(nulPath('\0'), 'body');
  assert.equal(nulPath({ 'a\0': 1 }), 'body');
  assert.equal(nulPath({ n: 1, ok: true, none: null }), undefined);
});

// The guard runs before every route, so it holds in the starter too.
describe('NUL bytes never reach a route', () => {
  let t;
  before(async () => {
    t = await testApp('sqlite');
  });
  after(() => t.close());

  test('in the path: 400', async () => {
    await t.api.get('/healthz%00').expect(400);
    await t.api.get('/api/products/%00').expect(400);
  });

  test('in a query parameter or its name: 422 naming it', async () => {
    let res = await t.api.get('/healthz?q=%00').expect(422);
    assert.equal(res.body.fields.q, 'must not contain NUL bytes');
    res = await t.api.get('/healthz?a%00b=1').expect(422);
    assert.equal(typeof res.body.fields.query, 'string');
    await t.api.get('/healthz?tags=a&tags=b%00').expect(422);
  });

  test('in a JSON body: 422 naming the field', async () => {
    const res = await t.api
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@example.com", "password": "x\\u0000"}')
      .expect(422);
    assert.deepEqual(res.body.fields, { password: 'must not contain NUL bytes' });
  });
});
