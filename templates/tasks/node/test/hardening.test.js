import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import { RateLimiter } from '../src/hardening.js';
import { dialects, signUp, TEST_SECRET, testApp, testClock, uniqueEmail } from './helpers.js';

describe('RateLimiter', () => {
  test('allows limit attempts per window, then tells how long to wait', () => {
    const now = testClock(new Date('2026-01-01T00:00:00Z'));
    const l = new RateLimiter(2, 60_000, now);
    assert.equal(l.allow('a').ok, true);
    assert.equal(l.allow('a').ok, true);
    now.advance(20_000);
    assert.deepEqual(l.allow('a'), { ok: false, retryAfter: 40 });
    assert.equal(l.allow('b').ok, true);
    now.advance(40_000);
    assert.equal(l.allow('a').ok, true);
  });
});

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
      for (let i = 0; i < 5; i++) {
        await t.api
          .post('/api/auth/login')
          .send({ email, password: `guess-${i}` })
          .expect(401);
      }
      const res = await t.api.post('/api/auth/login').send({ email, password: 'correct-horse-42' }).expect(429);
      assert.ok(Number(res.headers['retry-after']) >= 1);
      // Another email is not affected.
      await t.api.post('/api/auth/login').send({ email: uniqueEmail(), password: 'whatever-1' }).expect(401);
      t.now.advance(61_000);
      await t.api.post('/api/auth/login').send({ email, password: 'correct-horse-42' }).expect(200);
    });
  });
}
