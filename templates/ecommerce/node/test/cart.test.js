import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testApp } from './helpers.js';
import { adminAuth, newProduct, setupShop, signUp } from './shop.js';

for (const dialect of dialects()) {
  describe(`cart (${dialect})`, () => {
    let t;
    let admin;
    before(async () => {
      t = await testApp(dialect, { setup: setupShop });
      admin = await adminAuth(t.api);
    });
    after(() => t.close());

    test('needs a token; a new cart is empty', async () => {
      await t.api.get('/api/cart').expect(401);
      const { auth } = await signUp(t.api);
      const res = await t.api.get('/api/cart').set('Authorization', auth).expect(200);
      assert.deepEqual(res.body, { items: [], item_count: 0, total: 0, currency: 'EUR' });
    });

    test('add, add more, set, remove: priced from the catalog and held to the stock', async () => {
      const mug = await newProduct(t.api, admin, { price: 1250, stock: 3 });
      const spoon = await newProduct(t.api, admin, { price: 499, stock: 10 });
      const { auth } = await signUp(t.api);
      const cart = (req) => req.set('Authorization', auth);

      let res = await cart(t.api.post('/api/cart/items'))
        .send({ product_id: mug.id, quantity: 2, unit_price: 1 })
        .expect(200);
      assert.equal(res.body.items[0].unit_price, 1250);
      assert.equal(res.body.items[0].line_total, 2500);
      res = await cart(t.api.post('/api/cart/items'))
        .send({ product_id: String(spoon.id), quantity: 1 })
        .expect(200);
      assert.equal(res.body.item_count, 3);
      assert.equal(res.body.total, 2999);

      res = await cart(t.api.post('/api/cart/items')).send({ product_id: mug.id, quantity: 2 }).expect(422);
      assert.equal(typeof res.body.fields.quantity, 'string');
      await cart(t.api.put(`/api/cart/items/${mug.id}`))
        .send({ quantity: 4 })
        .expect(422);
      await cart(t.api.put(`/api/cart/items/${mug.id}`))
        .send({ quantity: 0 })
        .expect(422);
      await cart(t.api.put(`/api/cart/items/${mug.id}`))
        .send({ quantity: 1.5 })
        .expect(422);
      res = await cart(t.api.put(`/api/cart/items/${mug.id}`))
        .send({ quantity: 3 })
        .expect(200);
      assert.equal(res.body.total, 4249);

      res = await cart(t.api.post('/api/cart/items')).send({ product_id: 999999, quantity: 1 }).expect(422);
      assert.equal(typeof res.body.fields.product_id, 'string');

      res = await cart(t.api.delete(`/api/cart/items/${spoon.id}`)).expect(200);
      assert.equal(res.body.items.length, 1);
      assert.equal(res.body.total, 3750);
      await cart(t.api.delete(`/api/cart/items/${spoon.id}`)).expect(404);

      // A price change shows in the cart at once: the cart stores no prices.
      await t.api
        .put(`/api/products/${mug.id}`)
        .set('Authorization', admin)
        .send({ name: 'Mug', price: 1000, stock: 3 })
        .expect(200);
      res = await cart(t.api.get('/api/cart')).expect(200);
      assert.equal(res.body.total, 3000);
    });

    test('carts are per customer', async () => {
      const mug = await newProduct(t.api, admin);
      const ann = await signUp(t.api);
      const bob = await signUp(t.api);
      await t.api
        .post('/api/cart/items')
        .set('Authorization', ann.auth)
        .send({ product_id: mug.id, quantity: 1 })
        .expect(200);
      const res = await t.api.get('/api/cart').set('Authorization', bob.auth).expect(200);
      assert.equal(res.body.total, 0);
    });

    test('NUL bytes are refused, never stored', async () => {
      const mug = await newProduct(t.api, admin);
      const { auth } = await signUp(t.api);
      await t.api
        .post('/api/cart/items')
        .set('Authorization', auth)
        .send({ product_id: mug.id, quantity: 1, note: '\u0000' })
        .expect(422);
      await t.api.put('/api/cart/items/%00').set('Authorization', auth).send({ quantity: 1 }).expect(400);
      await t.api.delete(`/api/cart/items/${mug.id}%00`).set('Authorization', auth).expect(400);
    });
  });
}
