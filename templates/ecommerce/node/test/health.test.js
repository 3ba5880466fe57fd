import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testApp } from './helpers.js';

for (const dialect of dialects()) {
  describe(`boot (${dialect})`, () => {
    let t;
    before(async () => {
      t = await testApp(dialect);
    });
    after(() => t.close());

    test('GET /healthz answers {"status":"ok"}', async () => {
      const res = await t.api
        .get('/healthz')
        .expect(200)
        .expect('Content-Type', /application\/json/);
      assert.deepEqual(res.body, { status: 'ok' });
    });

    test('an unknown route answers a JSON 404', async () => {
      const res = await t.api
        .get('/no-such-route')
        .expect(404)
        .expect('Content-Type', /application\/json/);
      assert.deepEqual(res.body, { error: 'not found' });
    });

    test('malformed JSON is a 400, never a stack trace', async () => {
      const res = await t.api
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email":')
        .expect(400);
      assert.equal(typeof res.body.error, 'string');
    });
  });
}
