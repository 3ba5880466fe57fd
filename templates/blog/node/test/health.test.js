import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, testApp } from './helpers.js';

for (const dialect of dialects()) {
  describe(`boot (${dialect})`, () => {
    let t;
    before(async () => (t = await testApp(dialect)));
    after(() => t.close());

    it('answers /healthz', async () => {
      const res = await t.api
        .get('/healthz')
        .expect(200)
        .expect('Content-Type', /application\/json/);
      assert.deepEqual(res.body, { status: 'ok' });
    });

    it('serves the API description', async () => {
      const res = await t.api.get('/openapi.yaml').expect(200).expect('Content-Type', /yaml/);
      assert.match(res.text, /^openapi: 3/m);
    });

    it('answers an unknown path 404 in the RealWorld error shape', async () => {
      const res = await t.api.get('/no-such-page').expect(404);
      assert.ok(Array.isArray(res.body.errors.body));
    });
  });
}
