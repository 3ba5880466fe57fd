import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import { ensureAdmin } from '../src/store/users.js';
import { dialects, testApp, TEST_SECRET, uniqueEmail } from './helpers.js';
import { ADMIN, adminAuth, newProduct, setupShop, signUp } from './shop.js';

for (const dialect of dialects()) {
  describe(`accounts (${dialect})`, () => {
    let t;
    let admin;
    before(async () => {
      t = await testApp(dialect, { setup: setupShop });
      admin = await adminAuth(t.api);
    });
    after(() => t.close());

    test('register ignores a role and never returns the hash', async () => {
      const res = await t.api
        .post('/api/auth/register')
        .send({ email: uniqueEmail(), password: 'correct-horse-42', role: 'admin' })
        .expect(201);
      assert.equal(res.body.user.role, 'customer');
      assert.equal(res.body.user.password_hash, undefined);
      assert.equal(typeof res.body.access_token, 'string');
    });

    test('a taken email is 409, bad input 422 naming both fields', async () => {
      const email = uniqueEmail();
      await signUp(t.api, email);
      await t.api.post('/api/auth/register').send({ email, password: 'another-pass-1' }).expect(409);
      const res = await t.api.post('/api/auth/register').send({ email: 'nope', password: 'short' }).expect(422);
      assert.deepEqual(Object.keys(res.body.fields).sort(), ['email', 'password']);
    });

    test('login and me', async () => {
      const email = uniqueEmail();
      await signUp(t.api, email);
      await t.api.post('/api/auth/login').send({ email, password: 'wrong-password' }).expect(401);
      await t.api.post('/api/auth/login').send({ email: uniqueEmail(), password: 'wrong-password' }).expect(401);
      const res = await t.api.post('/api/auth/login').send({ email, password: 'correct-horse-42' }).expect(200);
      const me = await t.api.get('/api/auth/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
      assert.equal(me.body.user.email, email);
    });

    test('unsigned, forged and expired tokens are 401', async () => {
      const { user } = await signUp(t.api);
      const none = jwt.sign({ sub: String(user.id), role: 'admin' }, null, { algorithm: 'none' });
      const forged = jwt.sign({ sub: String(user.id), role: 'admin' }, 'another-secret');
      const expired = jwt.sign({ sub: String(user.id), role: 'customer', exp: 1 }, TEST_SECRET);
      for (const token of [none, forged, expired, 'garbage']) {
        await t.api.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      }
      await t.api.get('/api/auth/me').expect(401);
    });

    test('products are for admins: 401 without a token, 403 for a customer', async () => {
      const { auth } = await signUp(t.api);
      const body = { name: 'Lamp', price: 1999, stock: 3 };
      await t.api.post('/api/products').send(body).expect(401);
      await t.api.post('/api/products').set('Authorization', auth).send(body).expect(403);
      await t.api.put('/api/products/1').set('Authorization', auth).send(body).expect(403);
      await t.api.delete('/api/products/1').set('Authorization', auth).expect(403);
    });

    test('the admin creates, replaces and deletes a product', async () => {
      const lamp = await newProduct(t.api, admin, { category: 'gear', images: ['https://example.com/l.jpg'] });
      assert.equal(lamp.currency, 'EUR');
      assert.equal(lamp.category, 'gear');
      assert.deepEqual(lamp.images, ['https://example.com/l.jpg']);
      const res = await t.api
        .put(`/api/products/${lamp.id}`)
        .set('Authorization', admin)
        .send({ name: 'Lamp', price: 2499, stock: 5 })
        .expect(200);
      assert.equal(res.body.price, 2499);
      assert.equal(res.body.category, null);
      await t.api.delete(`/api/products/${lamp.id}`).set('Authorization', admin).expect(204);
      await t.api.get(`/api/products/${lamp.id}`).expect(404);
      await t.api.delete(`/api/products/${lamp.id}`).set('Authorization', admin).expect(404);
    });

    test('product validation', async () => {
      await t.api
        .post('/api/products')
        .set('Authorization', admin)
        .send({ name: 'L', price: 19.99, stock: 1 })
        .expect(422);
      let res = await t.api
        .post('/api/products')
        .set('Authorization', admin)
        .send({ name: '', price: -5, stock: -1 })
        .expect(422);
      assert.deepEqual(Object.keys(res.body.fields).sort(), ['name', 'price', 'stock']);
      res = await t.api
        .post('/api/products')
        .set('Authorization', admin)
        .send({ name: 'L', price: 1, stock: 1, category: 'nope' })
        .expect(422);
      assert.equal(typeof res.body.fields.category, 'string');
    });

    test('the configured admin is kept, and a customer email is never promoted', async () => {
      assert.equal(await ensureAdmin(t.db, ADMIN.email, 'x'), 'exists');
      const email = uniqueEmail();
      await signUp(t.api, email);
      await assert.rejects(ensureAdmin(t.db, email, 'x'));
    });
  });
}
