import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testServer } from './helpers.js';

for (const dialect of dialects()) {
  describe(`boot (${dialect})`, () => {
    let srv;
    before(async () => (srv = await testServer(dialect)));
    after(() => srv.close());

    test('GET /healthz answers ok and the pub/sub mode', async () => {
      const res = await srv.api
        .get('/healthz')
        .expect(200)
        .expect('Content-Type', /application\/json/);
      assert.deepEqual(res.body, { status: 'ok', pubsub: 'local' });
    });

    test('GET / serves the web client', async () => {
      const res = await srv.api
        .get('/')
        .expect(200)
        .expect('Content-Type', /text\/html/);
      assert.match(res.text, /<script/);
      await srv.api
        .get('/app.js')
        .expect(200)
        .expect('Content-Type', /javascript/);
    });

    test('an unknown route answers a JSON 404', async () => {
      const res = await srv.api.get('/no-such-route').expect(404);
      assert.equal(typeof res.body.error, 'string');
    });

    test('security headers are set', async () => {
      const res = await srv.api.get('/healthz');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-frame-options'], 'DENY');
    });
  });
}
