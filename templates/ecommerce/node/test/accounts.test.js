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

    test("the role comes from the database: a demoted admin's old token is refused", async () => {
      const email = uniqueEmail();
      const { user } = await signUp(t.api, email);
      await t.db.run("UPDATE users SET role = 'admin' WHERE id = ?", [user.id]);
      const login = await t.api.post('/api/auth/login').send({ email, password: 'correct-horse-42' }).expect(200);
      const adminToken = `Bearer ${login.body.access_token}`;
      const lamp = { name: 'Lamp', price: 1999, stock: 3 };
      await t.api.post('/api/products').set('Authorization', adminToken).send(lamp).expect(201);

      await t.db.run("UPDATE users SET role = 'customer' WHERE id = ?", [user.id]);
      await t.api.post('/api/products').set('Authorization', adminToken).send(lamp).expect(403);
      await t.api.get('/api/admin/orders').set('Authorization', adminToken).expect(403);
      const me = await t.api.get('/api/auth/me').set('Authorization', adminToken).expect(200);
      assert.equal(me.body.user.role, 'customer');
    });

    test("a deleted user's token is refused everywhere", async () => {
      const { user, auth } = await signUp(t.api);
      await t.db.run('DELETE FROM users WHERE id = ?', [user.id]);
      await t.api.get('/api/auth/me').set('Authorization', auth).expect(401);
      await t.api.get('/api/cart').set('Authorization', auth).expect(401);
      await t.api.post('/api/cart/items').set('Authorization', auth).send({ product_id: 1, quantity: 1 }).expect(401);
      await t.api.post('/api/orders').set('Authorization', auth).expect(401);
      await t.api.get('/api/orders').set('Authorization', auth).expect(401);
    });

    test('a correctly signed token without exp is refused', async () => {
      const { user } = await signUp(t.api);
      const forever = jwt.sign({ sub: String(user.id), role: 'customer' }, TEST_SECRET, { algorithm: 'HS256' });
      await t.api.get('/api/auth/me').set('Authorization', `Bearer ${forever}`).expect(401);
      const { exp, iat } = jwt.decode((await signUp(t.api)).auth.slice('Bearer '.length));
      assert.equal(exp - iat, 900, 'the access token lives TOKEN_TTL seconds');
    });

    test('admins change roles through PUT /api/admin/users/:id/role', async () => {
      const ann = await signUp(t.api);
      const path = `/api/admin/users/${ann.user.id}/role`;
      await t.api.put(path).send({ role: 'admin' }).expect(401);
      await t.api.put(path).set('Authorization', ann.auth).send({ role: 'admin' }).expect(403);
      const bad = await t.api.put(path).set('Authorization', admin).send({ role: 'owner' }).expect(422);
      assert.equal(typeof bad.body.fields.role, 'string');
      await t.api.put('/api/admin/users/999999/role').set('Authorization', admin).send({ role: 'admin' }).expect(404);

      const promoted = await t.api.put(path).set('Authorization', admin).send({ role: 'admin' }).expect(200);
      assert.equal(promoted.body.user.role, 'admin');
      // ann's token from before the promotion works as an admin's now ...
      const lamp = { name: 'Lamp', price: 1, stock: 1 };
      await t.api.post('/api/products').set('Authorization', ann.auth).send(lamp).expect(201);
      // ... and after the demotion no token of hers does.
      await t.api.put(path).set('Authorization', admin).send({ role: 'customer' }).expect(200);
      await t.api.post('/api/products').set('Authorization', ann.auth).send(lamp).expect(403);

      const self = (await t.api.get('/api/auth/me').set('Authorization', admin).expect(200)).body.user.id;
      const demoteSelf = t.api.put(`/api/admin/users/${self}/role`).set('Authorization', admin);
      await demoteSelf.send({ role: 'customer' }).expect(422);
    });

    test('NUL bytes in any string are a 422 naming the field, never a 500', async () => {
      const ann = await signUp(t.api);
      const cases = [
        [
          'post',
          '/api/auth/register',
          undefined,
          { email: 'nul\u0000@example.com', password: 'correct-horse-42' },
          'email',
        ],
        ['post', '/api/auth/register', undefined, { email: uniqueEmail(), password: 'correct\u0000horse' }, 'password'],
        ['post', '/api/auth/login', undefined, { email: `${ann.user.email}\u0000`, password: 'x' }, 'email'],
        ['post', '/api/products', admin, { name: 'Lamp\u0000', price: 1, stock: 1 }, 'name'],
        ['post', '/api/products', admin, { name: 'Lamp', description: '\u0000', price: 1, stock: 1 }, 'description'],
        ['post', '/api/products', admin, { name: 'Lamp', price: 1, stock: 1, category: 'gear\u0000' }, 'category'],
        [
          'post',
          '/api/products',
          admin,
          { name: 'L', price: 1, stock: 1, images: ['https://e.com/\u0000'] },
          'images[0]',
        ],
        ['put', '/api/products/1', admin, { name: '\u0000', price: 1, stock: 1 }, 'name'],
        ['put', `/api/admin/users/${ann.user.id}/role`, admin, { role: 'admin\u0000' }, 'role'],
      ];
      for (const [method, path, auth, body, field] of cases) {
        let req = t.api[method](path);
        if (auth) req = req.set('Authorization', auth);
        const res = await req.send(body);
        assert.equal(res.status, 422, `${method} ${path} ${JSON.stringify(body)}: ${res.status}`);
        assert.equal(res.body.fields?.[field], 'must not contain NUL bytes', JSON.stringify(res.body));
      }
    });

    test('the configured admin is kept, and a customer email is never promoted', async () => {
      assert.equal(await ensureAdmin(t.db, ADMIN.email, 'x'), 'exists');
      const email = uniqueEmail();
      await signUp(t.api, email);
      await assert.rejects(ensureAdmin(t.db, email, 'x'));
    });
  });
}
