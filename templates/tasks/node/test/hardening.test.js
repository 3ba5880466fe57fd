import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS, REGISTRATIONS_PER_ADDRESS } from '../src/ratelimit.js';
import { dialects, signUp, TEST_SECRET, testApp, uniqueEmail } from './helpers.js';

for (const dialect of dialects()) {
  describe(`hardening (${dialect})`, () => {
    let t;
    before(async () => {
      t = await testApp(dialect);
    });
    after(() => t.close());

    test('password rules: at least 8 characters, at most 72 bytes', async () => {
      for (const password of ['short', 'é'.repeat(37)]) {
        const res = await t.api.post('/api/auth/register').send({ email: uniqueEmail(), password }).expect(422);
        assert.equal(typeof res.body.fields.password, 'string');
      }
      await t.api.post('/api/auth/register').send({ email: uniqueEmail(), password: 'ééééé-ok' }).expect(201);
    });

    test('security headers on every answer, errors included', async () => {
      for (const res of [await t.api.get('/healthz'), await t.api.get('/api/tasks'), await t.api.get('/nope')]) {
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.equal(res.headers['x-frame-options'], 'DENY');
      }
    });

    test('an expired token is 401', async () => {
      const { user } = await signUp(t.api);
      const iat = Math.floor(Date.now() / 1000) - 7200;
      const expired = jwt.sign({ sub: String(user.id), iat, exp: iat + 3600 }, TEST_SECRET, { algorithm: 'HS256' });
      await t.api.get('/api/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
    });

    test('a body over 1 MiB is 413, malformed JSON 400 without internals', async () => {
      const { auth } = await signUp(t.api);
      await t.api
        .post('/api/tasks')
        .set('Authorization', auth)
        .send({ title: 'x'.repeat(1100000) })
        .expect(413);
      const res = await t.api
        .post('/api/tasks')
        .set('Authorization', auth)
        .set('Content-Type', 'application/json')
        .send('{"title": ')
        .expect(400);
      assert.deepEqual(Object.keys(res.body), ['error']);
      assert.doesNotMatch(res.text, /at .*\.js/);
    });

    test('the 6th login for one email within a minute is 429 with Retry-After', async () => {
      const email = uniqueEmail('target');
      await signUp(t.api, email);
      for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) {
        await t.api
          .post('/api/auth/login')
          .send({ email, password: `guess-${i}` })
          .expect(401);
      }
      const res = await t.api
        .post('/api/auth/login')
        .send({ email: email.toUpperCase(), password: 'correct-horse-42' });
      assert.equal(res.status, 429);
      const wait = Number(res.headers['retry-after']);
      assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After ${res.headers['retry-after']}`);
      // Another email is not affected.
      await t.api.post('/api/auth/login').send({ email: uniqueEmail(), password: 'whatever-1' }).expect(401);
      t.now.advance(61_000);
      await t.api.post('/api/auth/login').send({ email, password: 'correct-horse-42' }).expect(200);
    });

    // PostgreSQL refuses text with a NUL byte (SQLSTATE 22021), SQLite stores
    // it: on neither may one reach the database. Every string a client sends
    // is refused before, with 422 (400 for a path), never 500.
    test('NUL bytes in a body, a query parameter or the path are refused', async () => {
      const email = uniqueEmail('nul');
      const { auth } = await signUp(t.api, email);
      const task = await t.api.post('/api/tasks').set('Authorization', auth).send({ title: 'clean' }).expect(201);
      const cases = [
        [
          'register email',
          'post',
          '/api/auth/register',
          { email: 'nul\u0000@example.com', password: 'long enough' },
          422,
          'email',
        ],
        [
          'register password',
          'post',
          '/api/auth/register',
          { email: uniqueEmail(), password: 'long\u0000enough' },
          422,
          'password',
        ],
        [
          'login email',
          'post',
          '/api/auth/login',
          { email: `${email}\u0000`, password: 'correct-horse-42' },
          422,
          'email',
        ],
        ['refresh token', 'post', '/api/auth/refresh', { refresh_token: 'x\u0000' }, 422, 'refresh_token'],
        ['task title', 'post', '/api/tasks', { title: 'a\u0000b' }, 422, 'title'],
        ['task description', 'post', '/api/tasks', { title: 'ok', description: '\u0000' }, 422, 'description'],
        ['task label', 'post', '/api/tasks', { title: 'ok', labels: ['fine', 'bad\u0000'] }, 422, 'labels'],
        ['a key of the body', 'post', '/api/tasks', { title: 'ok', 'x\u0000': 'y' }, 422, 'body'],
        ['patched title', 'patch', `/api/tasks/${task.body.id}`, { title: '\u0000' }, 422, 'title'],
        ['query q', 'get', '/api/tasks?q=%00', undefined, 422, 'q'],
        ['query label', 'get', '/api/tasks?label=work%00', undefined, 422, 'label'],
        ['query status', 'get', '/api/tasks?status=todo%00', undefined, 422, 'status'],
        ['path', 'get', '/api/tasks/1%00', undefined, 400, undefined],
      ];
      for (const [name, method, path, body, status, field] of cases) {
        const req = t.api[method](path).set('Authorization', auth);
        const res = await (body === undefined ? req : req.send(body));
        assert.equal(res.status, status, `${name}: ${res.status} ${res.text}`);
        if (field) assert.equal(typeof res.body.fields?.[field], 'string', `${name}: ${res.text}`);
      }
      const list = await t.api.get('/api/tasks').set('Authorization', auth).expect(200);
      assert.equal(list.body.total, 1, 'nothing was stored on the way');
    });

    test('hostile titles, searches and pages are never a 500', async () => {
      const { auth } = await signUp(t.api);
      const strings = ['plain', 'a\u0000b', '\ud800', '%_\\', "' OR 1=1 --", '\u2028', 'x'.repeat(300)];
      const pages = ['1', '9223372036854775807', '9007199254740991', '-1', '1e3', '0x10', '100000'];
      for (const [i, s] of strings.entries()) {
        const created = await t.api.post('/api/tasks').set('Authorization', auth).send({ title: s });
        assert.ok(created.status < 500, `title ${JSON.stringify(s)}: ${created.status}`);
        const qs = new URLSearchParams({ q: s, label: s, page: pages[i % pages.length] });
        const listed = await t.api.get(`/api/tasks?${qs}`).set('Authorization', auth);
        assert.ok(listed.status < 500, `${qs}: ${listed.status}`);
      }
    });
  });

  describe(`rate limits (${dialect})`, () => {
    // Each test gets its own app (and so its own limiter). Behind the test
    // proxy (TRUST_PROXY=1) the client address is the X-Forwarded-For one.
    const withApp = (config, fn) => async () => {
      const app = await testApp(dialect, { config });
      try {
        await fn(app);
      } finally {
        await app.close();
      }
    };
    const login = (api, email, password, from) => {
      const req = api.post('/api/auth/login');
      if (from) req.set('X-Forwarded-For', from);
      return req.send({ email, password });
    };

    test(
      "guessing a user's password from one address does not lock them out elsewhere",
      withApp({ trustProxy: true }, async ({ api }) => {
        const email = uniqueEmail('victim');
        await signUp(api, email);
        for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) {
          assert.equal((await login(api, email, `guess-${i}`, '198.51.100.1')).status, 401);
        }
        assert.equal((await login(api, email, 'correct-horse-42', '198.51.100.1')).status, 429);
        assert.equal((await login(api, email, 'correct-horse-42', '198.51.100.2')).status, 200);
      }),
    );

    test(
      'successful logins are never limited',
      withApp({}, async ({ api }) => {
        const email = uniqueEmail('frequent');
        await signUp(api, email);
        for (let i = 0; i < 3 * LOGIN_FAILURES_PER_ACCOUNT; i++) {
          assert.equal((await login(api, email, 'correct-horse-42')).status, 200, `login ${i + 1}`);
        }
      }),
    );

    test(
      'an address may fail only so often across accounts',
      withApp({}, async ({ api }) => {
        for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS; i++) {
          assert.equal((await login(api, uniqueEmail('spray'), 'wrong-password')).status, 401);
        }
        const res = await login(api, uniqueEmail('spray'), 'wrong-password');
        assert.equal(res.status, 429);
        assert.ok(Number(res.headers['retry-after']) >= 1);
      }),
    );

    test(
      'registration is limited per address, every attempt counted',
      withApp({ trustProxy: true }, async ({ api }) => {
        // A refused password costs no bcrypt, and counts all the same.
        const register = (from) =>
          api
            .post('/api/auth/register')
            .set('X-Forwarded-For', from)
            .send({ email: uniqueEmail('flood'), password: 'short' });
        for (let i = 0; i < REGISTRATIONS_PER_ADDRESS; i++) assert.equal((await register('203.0.113.5')).status, 422);
        const res = await register('203.0.113.5');
        assert.equal(res.status, 429);
        assert.ok(Number(res.headers['retry-after']) >= 1);
        assert.equal((await register('203.0.113.6')).status, 422);
      }),
    );

    for (const trustProxy of [false, true]) {
      test(
        `X-Forwarded-For decides the address only with TRUST_PROXY (${trustProxy})`,
        withApp({ trustProxy }, async ({ api }) => {
          const email = uniqueEmail('proxied');
          await signUp(api, email);
          for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) {
            await login(api, email, 'wrong-password', `192.0.2.200, 203.0.113.${i + 1}`);
          }
          const res = await login(api, email, 'wrong-password', '192.0.2.200, 203.0.113.99');
          // Without a trusted proxy every guess came from the same peer.
          assert.equal(res.status, trustProxy ? 401 : 429);
        }),
      );
    }

    // Checking the current password is a login in disguise: a stolen access
    // token must not turn into unlimited guesses.
    for (const [method, path] of [
      ['post', '/api/auth/password'],
      ['delete', '/api/auth/me'],
    ]) {
      test(
        `wrong current passwords are limited like logins (${method} ${path})`,
        withApp({}, async ({ api }) => {
          const { auth } = await signUp(api);
          const attempt = (password) =>
            api[method](path)
              .set('Authorization', auth)
              .send({ current_password: password, new_password: 'another passphrase' });
          for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++)
            assert.equal((await attempt('wrong-password')).status, 422);
          const res = await attempt('correct-horse-42');
          assert.equal(res.status, 429);
          assert.ok(Number(res.headers['retry-after']) >= 1);
        }),
      );
    }
  });
}
