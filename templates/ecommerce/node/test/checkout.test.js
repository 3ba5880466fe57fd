import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testApp, uniqueEmail } from './helpers.js';
import { adminAuth, newProduct, setupShop, signUp } from './shop.js';

for (const dialect of dialects()) {
  describe(`checkout (${dialect})`, () => {
    let t;
    let admin;
    before(async () => {
      t = await testApp(dialect, { setup: setupShop });
      admin = await adminAuth(t.api);
    });
    after(() => t.close());

    const stockOf = async (id) => (await t.api.get(`/api/products/${id}`).expect(200)).body.stock;

    test('the cart becomes an order; a repeated Idempotency-Key places nothing new', async () => {
      const widget = await newProduct(t.api, admin, { price: 1250, stock: 10 });
      const { auth } = await signUp(t.api);
      await t.api.post('/api/orders').set('Authorization', auth).expect(422);
      await t.api
        .post('/api/cart/items')
        .set('Authorization', auth)
        .send({ product_id: widget.id, quantity: 2 })
        .expect(200);

      const key = `key-${uniqueEmail()}`;
      const first = await t.api
        .post('/api/orders')
        .set('Authorization', auth)
        .set('Idempotency-Key', key)
        .send({ total: 1 })
        .expect(201);
      assert.equal(first.body.status, 'pending');
      assert.equal(first.body.total, 2500);
      assert.equal(first.body.items[0].line_total, 2500);
      assert.equal(first.headers.location, `/api/orders/${first.body.id}`);

      const again = await t.api
        .post('/api/orders')
        .set('Authorization', auth)
        .set('Idempotency-Key', key)
        .send({ total: 1 })
        .expect(200);
      assert.equal(again.body.id, first.body.id);
      assert.equal(again.headers['idempotent-replayed'], 'true');

      const list = await t.api.get('/api/orders').set('Authorization', auth).expect(200);
      assert.equal(list.body.total, 1);
      assert.equal((await t.api.get('/api/cart').set('Authorization', auth)).body.items.length, 0);
      assert.equal(await stockOf(widget.id), 8);
    });

    test('an Idempotency-Key sent with another body is 422; the same body, however written, replays', async () => {
      const widget = await newProduct(t.api, admin, { price: 700, stock: 10 });
      const { auth } = await signUp(t.api);
      const key = `key-${uniqueEmail()}`;
      const order = (body) => {
        const req = t.api.post('/api/orders').set('Authorization', auth).set('Idempotency-Key', key);
        return body === undefined ? req : req.set('Content-Type', 'application/json').send(body);
      };
      const first = await order({ items: [{ product_id: widget.id, quantity: 1 }] }).expect(201);
      const again = await order(`{ "items" : [ { "quantity": 1, "product_id": ${widget.id} } ] }`).expect(200);
      assert.equal(again.body.id, first.body.id);

      for (const other of [{ items: [{ product_id: widget.id, quantity: 2 }] }, undefined]) {
        const res = await order(other).expect(422);
        assert.equal(typeof res.body.fields['Idempotency-Key'], 'string', JSON.stringify(res.body));
      }
      assert.equal(await stockOf(widget.id), 9);
      assert.equal((await t.api.get('/api/orders').set('Authorization', auth)).body.total, 1);
    });

    test('an Idempotency-Key raced by two different bodies places one order', async () => {
      const widget = await newProduct(t.api, admin, { price: 100, stock: 100 });
      const { auth } = await signUp(t.api);
      const key = `race-${uniqueEmail()}`;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t.api
            .post('/api/orders')
            .set('Authorization', auth)
            .set('Idempotency-Key', key)
            .send({ items: [{ product_id: widget.id, quantity: 1 + (i % 2) }] }),
        ),
      );
      const placed = new Set(results.filter((r) => r.status < 300).map((r) => r.body.id));
      assert.equal(placed.size, 1, JSON.stringify(results.map((r) => r.status)));
      assert.ok(results.every((r) => [200, 201, 422].includes(r.status)));
      const won = results.find((r) => r.status === 201).body.items[0].quantity;
      assert.equal(await stockOf(widget.id), 100 - won);
    });

    test('NUL bytes and huge pages are 422, never a 500', async () => {
      const { auth } = await signUp(t.api);
      const widget = await newProduct(t.api, admin);
      for (const path of [
        '/api/orders?status=pending%00',
        '/api/orders?page=9223372036854775807',
        '/api/orders?page=1000001',
      ]) {
        await t.api.get(path).set('Authorization', auth).expect(422);
      }
      await t.api.get('/api/admin/orders?page=9223372036854775807').set('Authorization', admin).expect(422);
      await t.api.get('/api/admin/orders?page=1000000&limit=100').set('Authorization', admin).expect(200);
      await t.api.get('/api/orders/1%00').set('Authorization', auth).expect(400);
      await t.api
        .post('/api/orders')
        .set('Authorization', auth)
        .send({ items: [{ product_id: widget.id, quantity: 1 }], note: '\u0000' })
        .expect(422);
      await t.api.patch('/api/admin/orders/1').set('Authorization', admin).send({ status: 'paid\u0000' }).expect(422);
    });

    test('buy now ignores client prices; more than the stock is 409 and changes nothing', async () => {
      const widget = await newProduct(t.api, admin, { price: 1250, stock: 3 });
      const { auth } = await signUp(t.api);
      const res = await t.api
        .post('/api/orders')
        .set('Authorization', auth)
        .send({ items: [{ product_id: widget.id, quantity: 1, unit_price: 1 }], total: 1 })
        .expect(201);
      assert.equal(res.body.total, 1250);
      const other = await newProduct(t.api, admin, { stock: 5 });
      // The second line fails, so the first line's stock comes back too.
      await t.api
        .post('/api/orders')
        .set('Authorization', auth)
        .send({
          items: [
            { product_id: other.id, quantity: 1 },
            { product_id: widget.id, quantity: 3 },
          ],
        })
        .expect(409);
      assert.equal(await stockOf(widget.id), 2);
      assert.equal(await stockOf(other.id), 5);
      await t.api
        .post('/api/orders')
        .set('Authorization', auth)
        .send({ items: [{ product_id: 999999, quantity: 1 }] })
        .expect(422);
    });

    test('20 parallel checkouts of a stock of 5 sell exactly 5', async () => {
      const limited = await newProduct(t.api, admin, { stock: 5 });
      const { auth } = await signUp(t.api);
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          t.api
            .post('/api/orders')
            .set('Authorization', auth)
            .send({ items: [{ product_id: limited.id, quantity: 1 }] }),
        ),
      );
      const counts = {};
      for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
      assert.deepEqual(counts, { 201: 5, 409: 15 });
      assert.equal(await stockOf(limited.id), 0);
      assert.equal((await t.api.get('/api/orders').set('Authorization', auth)).body.total, 5);
    });

    test('orders are private; admins change their status along the legal transitions', async () => {
      const widget = await newProduct(t.api, admin, { stock: 10 });
      const ann = await signUp(t.api);
      const bob = await signUp(t.api);
      const order = (
        await t.api
          .post('/api/orders')
          .set('Authorization', ann.auth)
          .send({ items: [{ product_id: widget.id, quantity: 2 }] })
      ).body;
      await t.api.get(`/api/orders/${order.id}`).set('Authorization', bob.auth).expect(404);
      await t.api.get(`/api/orders/${order.id}`).set('Authorization', admin).expect(200);

      const patch = (status, auth = admin) =>
        t.api.patch(`/api/admin/orders/${order.id}`).set('Authorization', auth).send({ status });
      await patch('paid', ann.auth).expect(403);
      await patch('shipped').expect(409);
      await patch('lost').expect(422);
      await patch('paid').expect(200);
      await patch('shipped').expect(200);
      await patch('cancelled').expect(409);
      await patch('delivered').expect(200);

      const second = (
        await t.api
          .post('/api/orders')
          .set('Authorization', ann.auth)
          .send({ items: [{ product_id: widget.id, quantity: 3 }] })
      ).body;
      assert.equal(await stockOf(widget.id), 5);
      await t.api
        .patch(`/api/admin/orders/${second.id}`)
        .set('Authorization', admin)
        .send({ status: 'cancelled' })
        .expect(200);
      assert.equal(await stockOf(widget.id), 8);
      await t.api
        .patch(`/api/admin/orders/${second.id}`)
        .set('Authorization', admin)
        .send({ status: 'paid' })
        .expect(409);

      const mine = await t.api.get('/api/orders?status=cancelled').set('Authorization', ann.auth).expect(200);
      assert.deepEqual(
        mine.body.data.map((o) => o.id),
        [second.id],
      );
      const all = await t.api.get('/api/admin/orders').set('Authorization', admin).expect(200);
      assert.ok(all.body.total >= 2);
      await t.api.get('/api/admin/orders').set('Authorization', ann.auth).expect(403);
    });

    test('a product that was ordered cannot be deleted', async () => {
      const widget = await newProduct(t.api, admin);
      const { auth } = await signUp(t.api);
      await t.api
        .post('/api/orders')
        .set('Authorization', auth)
        .send({ items: [{ product_id: widget.id, quantity: 1 }] })
        .expect(201);
      await t.api.delete(`/api/products/${widget.id}`).set('Authorization', admin).expect(409);
    });
  });
}
