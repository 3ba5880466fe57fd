import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, signUp, testApp } from './helpers.js';

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
      assert.deepEqual(Object.keys(taken.body.errors).sort(), ['email', 'username']);
    });

    it('names every missing field', async () => {
      const res = await t.api
        .post('/api/users')
        .send({ user: { username: 'x' } })
        .expect(422);
      assert.ok(res.body.errors.email && res.body.errors.password);
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
