import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import { Passwords } from '../src/auth/passwords.js';
import { dialects, signUp, TEST_SECRET, testApp, uniqueEmail } from './helpers.js';

describe('passwords', () => {
  test('are hashed with bcrypt and verified', async () => {
    const p = new Passwords(4);
    const hash = await p.hash('correct-horse-42');
    assert.match(hash, /^\$2[aby]\$04\$/);
    assert.equal(await p.verify(hash, 'correct-horse-42'), true);
    assert.equal(await p.verify(hash, 'wrong'), false);
    assert.equal(await p.verify(undefined, 'anything'), false);
  });
});

for (const dialect of dialects()) {
  describe(`auth (${dialect})`, () => {
    let t;
    before(async () => {
      t = await testApp(dialect);
    });
    after(() => t.close());

    test('register answers the user and a token pair', async () => {
      const email = uniqueEmail('Reg').toUpperCase();
      const res = await t.api.post('/api/auth/register').send({ email, password: 'correct-horse-42' }).expect(201);
      assert.equal(res.body.user.email, email.toLowerCase());
      assert.equal(typeof res.body.user.id, 'number');
      assert.equal(typeof res.body.refresh_token, 'string');
      const claims = jwt.verify(res.body.access_token, TEST_SECRET, { algorithms: ['HS256'] });
      assert.equal(claims.sub, String(res.body.user.id));
      assert.equal(claims.exp - claims.iat, 900);
    });

    test('an email is registered once, case-insensitively', async () => {
      const email = uniqueEmail('dup');
      await signUp(t.api, email);
      const res = await t.api
        .post('/api/auth/register')
        .send({ email: email.toUpperCase(), password: 'correct-horse-42' })
        .expect(409);
      assert.equal(typeof res.body.error, 'string');
    });

    test('register validates every field at once', async () => {
      const res = await t.api.post('/api/auth/register').send({ email: 'nope' }).expect(422);
      assert.equal(res.body.error, 'validation failed');
      assert.deepEqual(Object.keys(res.body.fields).sort(), ['email', 'password']);
    });

    test('login, and me with the access token', async () => {
      const email = uniqueEmail('login');
      await signUp(t.api, email);
      const res = await t.api.post('/api/auth/login').send({ email, password: 'correct-horse-42' }).expect(200);
      const me = await t.api.get('/api/auth/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
      assert.deepEqual(me.body, { user: res.body.user });
    });

    test('a wrong password or unknown email is 401', async () => {
      const email = uniqueEmail('wrong');
      await signUp(t.api, email);
      for (const body of [
        { email, password: 'not-the-password' },
        { email: uniqueEmail('nobody'), password: 'correct-horse-42' },
      ]) {
        const res = await t.api.post('/api/auth/login').send(body).expect(401);
        assert.equal(res.body.error, 'invalid email or password');
      }
    });

    test('me refuses missing, forged and alg:none tokens', async () => {
      const { user } = await signUp(t.api);
      await t.api.get('/api/auth/me').expect(401);
      await t.api.get('/api/auth/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
      const forged = jwt.sign({ sub: String(user.id) }, 'another-secret', { algorithm: 'HS256' });
      await t.api.get('/api/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
      const none = jwt.sign({ sub: String(user.id) }, null, { algorithm: 'none' });
      await t.api.get('/api/auth/me').set('Authorization', `Bearer ${none}`).expect(401);
    });

    test('refresh rotates; reusing a rotated token revokes the family', async () => {
      const { refresh: first } = await signUp(t.api);
      const r1 = await t.api.post('/api/auth/refresh').send({ refresh_token: first }).expect(200);
      assert.notEqual(r1.body.refresh_token, first);
      assert.equal(typeof r1.body.access_token, 'string');
      const r2 = await t.api.post('/api/auth/refresh').send({ refresh_token: r1.body.refresh_token }).expect(200);

      // The first token was rotated: presenting it again is theft.
      await t.api.post('/api/auth/refresh').send({ refresh_token: first }).expect(401);
      // ... so the newest token of the family is revoked too.
      await t.api.post('/api/auth/refresh').send({ refresh_token: r2.body.refresh_token }).expect(401);
    });

    test('an unknown or expired refresh token is 401', async () => {
      await t.api.post('/api/auth/refresh').send({ refresh_token: 'nope' }).expect(401);
      const { refresh } = await signUp(t.api);
      t.now.advance(8 * 24 * 3600 * 1000);
      try {
        await t.api.post('/api/auth/refresh').send({ refresh_token: refresh }).expect(401);
      } finally {
        t.now.advance(-8 * 24 * 3600 * 1000);
      }
    });

    test('logout revokes the refresh token, twice is fine', async () => {
      const { refresh } = await signUp(t.api);
      await t.api.post('/api/auth/logout').send({ refresh_token: refresh }).expect(204);
      await t.api.post('/api/auth/logout').send({ refresh_token: refresh }).expect(204);
      await t.api.post('/api/auth/refresh').send({ refresh_token: refresh }).expect(401);
      const res = await t.api.post('/api/auth/logout').send({}).expect(422);
      assert.equal(typeof res.body.fields.refresh_token, 'string');
    });

    test('a correctly signed token without exp is 401', async () => {
      // Valid forever if accepted: a stolen token must stop working by itself.
      const { user } = await signUp(t.api);
      const iat = Math.floor(Date.now() / 1000);
      const forever = jwt.sign({ sub: String(user.id), iat }, TEST_SECRET, { algorithm: 'HS256' });
      await t.api.get('/api/auth/me').set('Authorization', `Bearer ${forever}`).expect(401);
    });

    test('a password change needs the current password and ends every other session', async () => {
      const email = uniqueEmail('changer');
      const first = await signUp(t.api, email);
      const other = (await t.api.post('/api/auth/login').send({ email, password: 'correct-horse-42' }).expect(200))
        .body;
      const next = 'a brand new passphrase';
      const change = (auth, body, status) =>
        t.api.post('/api/auth/password').set('Authorization', auth).send(body).expect(status);

      await t.api
        .post('/api/auth/password')
        .send({ current_password: 'correct-horse-42', new_password: next })
        .expect(401);
      let res = await change(first.auth, { new_password: next }, 422);
      assert.equal(typeof res.body.fields.current_password, 'string');
      res = await change(first.auth, { current_password: 'not-the-password', new_password: next }, 422);
      assert.equal(typeof res.body.fields.current_password, 'string');
      res = await change(first.auth, { current_password: 'correct-horse-42' }, 422);
      assert.equal(typeof res.body.fields.new_password, 'string');

      res = await change(first.auth, { current_password: 'correct-horse-42', new_password: next }, 200);
      assert.equal(res.body.user.email, email);
      assert.equal(typeof res.body.access_token, 'string');
      const fresh = res.body.refresh_token;

      const refresh = (token, status) => t.api.post('/api/auth/refresh').send({ refresh_token: token }).expect(status);
      await refresh(first.refresh, 401); // this device's old session
      await refresh(other.refresh_token, 401); // and the other device's
      await refresh(fresh, 200); // the session the change started

      await t.api.post('/api/auth/login').send({ email, password: 'correct-horse-42' }).expect(401);
      await t.api.post('/api/auth/login').send({ email, password: next }).expect(200);
    });

    test('deleting the account needs the password and ends everything', async () => {
      const email = uniqueEmail('leaver');
      const { auth, refresh } = await signUp(t.api, email);
      const del = (authorization, body, status) => {
        const req = t.api.delete('/api/auth/me');
        if (authorization) req.set('Authorization', authorization);
        return req.send(body).expect(status);
      };

      await del(undefined, { current_password: 'correct-horse-42' }, 401);
      let res = await del(auth, {}, 422);
      assert.equal(typeof res.body.fields.current_password, 'string');
      res = await del(auth, { current_password: 'not-the-password' }, 422);
      assert.equal(typeof res.body.fields.current_password, 'string');
      await t.api.get('/api/auth/me').set('Authorization', auth).expect(200);

      res = await del(auth, { current_password: 'correct-horse-42' }, 204);
      assert.equal(res.text, '');

      // The token is still correctly signed and unexpired; its user is gone.
      await t.api.get('/api/auth/me').set('Authorization', auth).expect(401);
      await del(auth, { current_password: 'correct-horse-42' }, 401);
      await t.api.post('/api/auth/refresh').send({ refresh_token: refresh }).expect(401);
      await t.api.post('/api/auth/login').send({ email, password: 'correct-horse-42' }).expect(401);
      await signUp(t.api, email); // the email is free again
    });

    test('malformed JSON is a 400', async () => {
      const res = await t.api
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": ')
        .expect(400);
      assert.equal(typeof res.body.error, 'string');
    });
  });
}
