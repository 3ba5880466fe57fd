import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import { dialects, errorFields, signUp, TEST_SECRET, testApp } from './helpers.js';

for (const dialect of dialects()) {
  describe(`accounts (${dialect})`, () => {
    let t;
    before(async () => (t = await testApp(dialect)));
    after(() => t.close());

    it('registers an author and never shows the hash', async () => {
      const res = await t.api
        .post('/api/users')
        .send({ user: { username: 'ann', email: 'Ann@Example.com', password: 'correct-horse-42' } })
        .expect(201);
      assert.equal(res.body.user.email, 'ann@example.com');
      assert.equal(res.body.user.role, 'author');
      assert.equal(typeof res.body.user.token, 'string');
      assert.ok(!JSON.stringify(res.body).includes('$2'));
    });

    it('answers a taken email or username 422 under that field', async () => {
      const taken = await t.api
        .post('/api/users')
        .send({ user: { username: 'ann', email: 'ann@example.com', password: 'correct-horse-42' } })
        .expect(422);
      assert.deepEqual(errorFields(taken.body).sort(), ['email', 'username']);
    });

    it('names every missing field', async () => {
      const res = await t.api
        .post('/api/users')
        .send({ user: { username: 'x' } })
        .expect(422);
      assert.deepEqual(errorFields(res.body), ['email', 'password']);
    });

    it('logs in, and says the same for a wrong password and an unknown email', async () => {
      const ok = await t.api
        .post('/api/users/login')
        .send({ user: { email: 'ann@example.com', password: 'correct-horse-42' } });
      assert.equal(ok.status, 200);
      const wrong = await t.api
        .post('/api/users/login')
        .send({ user: { email: 'ann@example.com', password: 'nope-nope-1' } });
      const unknown = await t.api
        .post('/api/users/login')
        .send({ user: { email: 'who@example.com', password: 'nope-nope-1' } });
      assert.equal(wrong.status, 401);
      assert.deepEqual(wrong.body, unknown.body);
    });

    it('reads and updates the current user', async () => {
      const { auth } = await signUp(t.api);
      await t.api
        .put('/api/user')
        .set('Authorization', auth)
        .send({ user: { bio: 'hello' } })
        .expect(200);
      const res = await t.api.get('/api/user').set('Authorization', auth).expect(200);
      assert.equal(res.body.user.bio, 'hello');
      await t.api.get('/api/user').set('Authorization', auth.replace('Token', 'Bearer')).expect(200);
    });

    it('answers 401 without a token or with a forged one', async () => {
      await t.api.get('/api/user').expect(401);
      await t.api.get('/api/user').set('Authorization', 'Token not.a.jwt').expect(401);
      const forged =
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJlLW9mLWFub3RoZXIta2V5';
      await t.api.get('/api/user').set('Authorization', `Token ${forged}`).expect(401);
    });
  });
}

// The limits are those of src/ratelimit.js: 5 failures per account and
// address, 20 per address, 30 registrations per address, each a minute.
// These apps trust X-Forwarded-For (TRUST_PROXY=1), so that each request
// can come from an address of its own.
for (const dialect of dialects()) {
  describe(`login and sign-up limits (${dialect})`, () => {
    let t;
    before(async () => (t = await testApp(dialect, { config: { trustProxy: true } })));
    after(() => t.close());

    const login = (email, password, from) =>
      t.api.post('/api/users/login').set('X-Forwarded-For', from).send({ user: { email, password } });
    const register = (username, from) =>
      t.api
        .post('/api/users')
        .set('X-Forwarded-For', from)
        .send({ user: { username, email: `${username}@example.com`, password: 'correct-horse-42' } });
    const assertRetryAfter = (res) => {
      assert.equal(res.status, 429);
      assert.match(res.headers['retry-after'], /^[1-9]\d*$/);
      assert.ok(res.body.errors);
    };

    it('limits failures per account and address, and nobody locks a user out from elsewhere', async () => {
      const ann = await signUp(t.api, 'ann');
      const bob = await signUp(t.api, 'bob');
      for (let i = 0; i < 5; i++)
        assert.equal((await login(ann.user.email, `guess-${i}-x`, '198.51.100.7')).status, 401);
      assertRetryAfter(await login(ann.user.email, 'guess-6-x', '198.51.100.7'));
      assertRetryAfter(await login(ann.user.email, 'correct-horse-42', '198.51.100.7'));
      assert.equal((await login(ann.user.email, 'correct-horse-42', '203.0.113.9')).status, 200);
      assert.equal((await login(bob.user.email, 'correct-horse-42', '198.51.100.7')).status, 200);
    });

    it('limits failures per address across accounts', async () => {
      for (let i = 0; i < 20; i++)
        assert.equal((await login(`user${i}@example.com`, 'guess-guess', '198.51.100.8')).status, 401);
      assertRetryAfter(await login('user99@example.com', 'guess-guess', '198.51.100.8'));
      assert.equal((await login('user99@example.com', 'guess-guess', '203.0.113.10')).status, 401);
    });

    it('never slows down a user who logs in often', async () => {
      const ann = await signUp(t.api, 'ann');
      for (let i = 0; i < 12; i++)
        assert.equal((await login(ann.user.email, 'correct-horse-42', '198.51.100.9')).status, 200);
    });

    it('limits registrations per address', async () => {
      for (let i = 0; i < 30; i++)
        assert.equal((await register(`flood${i}x${process.pid}`, '198.51.100.10')).status, 201);
      assertRetryAfter(await register(`onemore${process.pid}`, '198.51.100.10'));
      assert.equal((await register(`onemore${process.pid}`, '203.0.113.11')).status, 201);
    });

    it('ignores X-Forwarded-For unless TRUST_PROXY=1', async () => {
      const direct = await testApp(dialect);
      try {
        for (let i = 0; i < 5; i++) {
          const res = await direct.api
            .post('/api/users/login')
            .set('X-Forwarded-For', `198.51.100.${i}`)
            .send({ user: { email: 'ann@example.com', password: 'guess-guess' } });
          assert.equal(res.status, 401);
        }
        const res = await direct.api
          .post('/api/users/login')
          .set('X-Forwarded-For', '198.51.100.99')
          .send({ user: { email: 'ann@example.com', password: 'guess-guess' } });
        assertRetryAfter(res);
      } finally {
        await direct.close();
      }
    });
  });

  describe(`passwords, tokens and images (${dialect})`, () => {
    let t;
    before(async () => (t = await testApp(dialect)));
    after(() => t.close());

    it('needs the current password to change it, then ends every earlier token', async () => {
      const ann = await signUp(t.api, 'ann');
      const other = await t.api
        .post('/api/users/login')
        .send({ user: { email: ann.user.email, password: 'correct-horse-42' } })
        .expect(200);
      const change = (user) => t.api.put('/api/user').set('Authorization', ann.auth).send({ user });

      const missing = await change({ password: 'new-password-1' }).expect(422);
      assert.deepEqual(errorFields(missing.body), ['currentPassword']);
      const wrong = await change({ password: 'new-password-1', currentPassword: 'not-it-at-all' }).expect(422);
      assert.deepEqual(errorFields(wrong.body), ['currentPassword']);
      await t.api
        .post('/api/users/login')
        .send({ user: { email: ann.user.email, password: 'new-password-1' } })
        .expect(401);
      await change({ bio: 'no password needed for this' }).expect(200);

      const ok = await change({ password: 'new-password-1', currentPassword: 'correct-horse-42' }).expect(200);
      const fresh = ok.body.user.token;
      assert.ok(fresh && fresh !== ann.token);
      await t.api.get('/api/user').set('Authorization', ann.auth).expect(401);
      await t.api.get('/api/user').set('Authorization', `Token ${other.body.user.token}`).expect(401);
      await t.api.get('/api/user').set('Authorization', `Token ${fresh}`).expect(200);
      await t.api
        .post('/api/users/login')
        .send({ user: { email: ann.user.email, password: 'new-password-1' } })
        .expect(200);
      await t.api
        .post('/api/users/login')
        .send({ user: { email: ann.user.email, password: 'correct-horse-42' } })
        .expect(401);
    });

    it('counts wrong current passwords as failed logins', async () => {
      const ann = await signUp(t.api, 'ann');
      const change = (currentPassword) =>
        t.api
          .put('/api/user')
          .set('Authorization', ann.auth)
          .send({ user: { password: 'new-password-1', currentPassword } });
      for (let i = 0; i < 5; i++) await change('a-guess-at-it').expect(422);
      const limited = await change('correct-horse-42').expect(429);
      assert.match(limited.headers['retry-after'], /^[1-9]\d*$/);
    });

    it('refuses a signed token without exp, an expired one and one without ver', async () => {
      const ann = await signUp(t.api, 'ann');
      const claims = jwt.decode(ann.token);
      const sign = (c) => `Token ${jwt.sign(c, TEST_SECRET, { algorithm: 'HS256', noTimestamp: true })}`;
      await t.api.get('/api/user').set('Authorization', sign(claims)).expect(200);
      const { exp, ...forever } = claims;
      assert.ok(exp);
      await t.api.get('/api/user').set('Authorization', sign(forever)).expect(401);
      const expired = { ...claims, exp: Math.floor(Date.now() / 1000) - 60 };
      await t.api.get('/api/user').set('Authorization', sign(expired)).expect(401);
      const { ver, ...unversioned } = claims;
      assert.equal(ver, 0);
      await t.api.get('/api/user').set('Authorization', sign(unversioned)).expect(401);
    });

    it('takes only http(s) URLs as the profile image', async () => {
      const ann = await signUp(t.api, 'ann');
      const image = (v) =>
        t.api
          .put('/api/user')
          .set('Authorization', ann.auth)
          .send({ user: { image: v } });
      for (const bad of [
        'javascript:alert(1)',
        'JavaScript:alert(1)',
        ' javascript:alert(1)',
        'java\tscript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'data:image/png;base64,iVBORw0KGgo=',
        'http://',
        'https:///a.png',
        'ftp://example.com/a.png',
        '//example.com/a.png',
        '/a.png',
        'https://exa mple.com/a.png',
        'https://example.com/a.png\n',
        `https://${'x'.repeat(2048)}.com`,
      ]) {
        const res = await image(bad);
        assert.equal(res.status, 422, `image ${JSON.stringify(bad)}`);
        assert.deepEqual(errorFields(res.body), ['image'], `image ${JSON.stringify(bad)}: ${JSON.stringify(res.body)}`);
      }
      for (const good of [
        'https://example.com/a.png',
        'http://127.0.0.1:8080/me.jpg?size=2',
        'HTTPS://EXAMPLE.COM/A.PNG',
        '',
      ]) {
        const res = await image(good).expect(200);
        assert.equal(res.body.user.image, good);
      }
    });
  });
}
