import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashToken } from '../src/auth/sessions.js';
import { dialects, signUp, testServer, uniqueName } from './helpers.js';

for (const dialect of dialects()) {
  describe(`accounts (${dialect})`, () => {
    let srv;
    before(async () => (srv = await testServer(dialect)));
    after(() => srv.close());

    test('register answers a token and the user, lower-cased', async () => {
      const name = uniqueName('Ann');
      const res = await srv.api.post('/api/auth/register').send({ username: name, password: 'correct-horse-42' });
      assert.equal(res.status, 201);
      assert.equal(typeof res.body.token, 'string');
      assert.equal(res.body.user.username, name.toLowerCase());
      assert.equal(typeof res.body.user.id, 'number');
      assert.equal(res.body.user.password_hash, undefined);
    });

    test('only the hash of a token is stored', async () => {
      const { token } = await signUp(srv.api);
      const rows = await srv.db.all('SELECT token_hash FROM sessions');
      assert.ok(rows.some((r) => r.token_hash === hashToken(token)));
      assert.ok(!rows.some((r) => r.token_hash === token));
    });

    test('a taken username answers 409', async () => {
      const name = uniqueName();
      await signUp(srv.api, name);
      const res = await srv.api.post('/api/auth/register').send({ username: name, password: 'another-pass-99' });
      assert.equal(res.status, 409);
      assert.equal(typeof res.body.error, 'string');
    });

    test('bad usernames and passwords answer 422, a non-object body 400', async () => {
      for (const body of [
        { username: 'ab', password: 'correct-horse-42' },
        { username: 'no spaces', password: 'correct-horse-42' },
        { username: uniqueName(), password: 'short' },
        { username: uniqueName(), password: 'x'.repeat(73) },
      ]) {
        await srv.api.post('/api/auth/register').send(body).expect(422);
      }
      await srv.api.post('/api/auth/register').send('[1]').expect(400);
    });

    test('login, me and logout', async () => {
      const name = uniqueName();
      await signUp(srv.api, name);
      const login = await srv.api.post('/api/auth/login').send({ username: name, password: 'correct-horse-42' });
      assert.equal(login.status, 200);
      const auth = `Bearer ${login.body.token}`;
      const me = await srv.api.get('/api/auth/me').set('Authorization', auth).expect(200);
      assert.equal(me.body.username, name);
      await srv.api.post('/api/auth/logout').set('Authorization', auth).expect(204);
      await srv.api.get('/api/auth/me').set('Authorization', auth).expect(401);
    });

    test('a wrong password and an unknown user answer 401 alike', async () => {
      const name = uniqueName();
      await signUp(srv.api, name);
      const wrong = await srv.api.post('/api/auth/login').send({ username: name, password: 'wrong-password' });
      const unknown = await srv.api
        .post('/api/auth/login')
        .send({ username: uniqueName(), password: 'wrong-password' });
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.deepEqual(wrong.body, unknown.body);
    });

    test('no token, a made-up one and an expired one answer 401', async () => {
      await srv.api.get('/api/auth/me').expect(401);
      await srv.api.get('/api/auth/me').set('Authorization', 'Bearer not-a-real-token').expect(401);
      const { token, auth } = await signUp(srv.api);
      await srv.db.run('UPDATE sessions SET expires_at = ? WHERE token_hash = ?', [
        new Date(Date.now() - 1000).toISOString(),
        hashToken(token),
      ]);
      await srv.api.get('/api/auth/me').set('Authorization', auth).expect(401);
    });
  });
}
