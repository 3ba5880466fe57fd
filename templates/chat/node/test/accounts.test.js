import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashToken } from '../src/auth/sessions.js';
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS, REGISTRATIONS_PER_ADDRESS } from '../src/ratelimit.js';
import { dialects, signUp, testClock, testServer, uniqueName } from './helpers.js';

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

    test("a deleted user's token answers 401", async () => {
      const { user, auth } = await signUp(srv.api);
      await srv.db.run('DELETE FROM users WHERE id = ?', [user.id]);
      await srv.api.get('/api/auth/me').set('Authorization', auth).expect(401);
      await srv.api.post('/api/auth/logout').set('Authorization', auth).expect(401);
    });
  });

  // Each test has a server of its own whose clock stands still, so that no
  // attempt comes back while a slow machine runs the test. TRUST_PROXY=1
  // lets one test play several client addresses.
  describe(`login and sign-up limits (${dialect})`, () => {
    const withServer = async (config, fn) => {
      const srv = await testServer(dialect, { config, now: testClock() });
      try {
        await fn(srv);
      } finally {
        await srv.close();
      }
    };
    const login = (srv, username, password, from) => {
      const req = srv.api.post('/api/auth/login');
      if (from) req.set('X-Forwarded-For', from);
      return req.send({ username, password });
    };
    const assertTooMany = (res, what) => {
      assert.equal(res.status, 429, what);
      const secs = Number(res.get('Retry-After'));
      assert.ok(Number.isInteger(secs) && secs >= 1 && secs <= 60, `${what}: Retry-After ${res.get('Retry-After')}`);
    };

    test('failed logins are limited per username and address; the user still logs in from elsewhere', () =>
      withServer({ trustProxy: true }, async (srv) => {
        const name = uniqueName();
        await signUp(srv.api, name);
        for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) {
          assert.equal((await login(srv, name, 'wrong-password', '203.0.113.7')).status, 401, `failure ${i + 1}`);
        }
        assertTooMany(await login(srv, name, 'wrong-password', '203.0.113.7'), 'the 6th failure');
        assertTooMany(await login(srv, name, 'correct-horse-42', '203.0.113.7'), 'the right password from there');
        assert.equal((await login(srv, name, 'correct-horse-42', '198.51.100.2')).status, 200, 'from another address');
      }));

    test('failed logins are limited per address across usernames', () =>
      withServer({ trustProxy: true }, async (srv) => {
        for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS; i++) {
          assert.equal((await login(srv, uniqueName(), 'wrong-password', '203.0.113.7')).status, 401);
        }
        assertTooMany(await login(srv, uniqueName(), 'wrong-password', '203.0.113.7'), 'a new username');
      }));

    test('a successful login gives its attempt back', () =>
      withServer({}, async (srv) => {
        const name = uniqueName();
        await signUp(srv.api, name);
        for (let i = 0; i < 3 * LOGIN_FAILURES_PER_ACCOUNT; i++) {
          assert.equal((await login(srv, name, 'correct-horse-42')).status, 200, `login ${i + 1}`);
        }
      }));

    test('X-Forwarded-For counts only with TRUST_PROXY', () =>
      withServer({}, async (srv) => {
        const name = uniqueName();
        for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) await login(srv, name, 'wrong-password', `203.0.113.${i}`);
        assertTooMany(
          await login(srv, name, 'wrong-password', '198.51.100.9'),
          'a 6th failure claiming another address',
        );
      }));

    test('registration attempts are limited per address, valid or not', () =>
      withServer({ trustProxy: true }, async (srv) => {
        const register = (body, from) => srv.api.post('/api/auth/register').set('X-Forwarded-For', from).send(body);
        for (let i = 0; i < REGISTRATIONS_PER_ADDRESS; i++) {
          assert.equal((await register({ username: 'x', password: 'short' }, '203.0.113.7')).status, 422);
        }
        const good = { username: uniqueName(), password: 'correct-horse-42' };
        assertTooMany(await register(good, '203.0.113.7'), 'registration 31');
        assert.equal((await register(good, '198.51.100.2')).status, 201, 'from another address');
      }));
  });
}
