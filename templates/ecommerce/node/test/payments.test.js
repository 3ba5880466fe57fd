import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sign, verifySignature } from '../src/payments/provider.js';
import { dialects, testApp, WEBHOOK_SECRET } from './helpers.js';
import { adminAuth, newProduct, setupShop, signUp } from './shop.js';

for (const dialect of dialects()) {
  describe(`payments (${dialect})`, () => {
    let t;
    let admin;
    before(async () => {
      t = await testApp(dialect, { setup: setupShop });
      admin = await adminAuth(t.api);
    });
    after(() => t.close());

    async function placeOrder(price = 800, quantity = 2) {
      const product = await newProduct(t.api, admin, { price, stock: 5 });
      const customer = await signUp(t.api);
      const res = await t.api
        .post('/api/orders')
        .set('Authorization', customer.auth)
        .send({ items: [{ product_id: product.id, quantity }] })
        .expect(201);
      return { order: res.body, customer };
    }

    test('test cards: declined 402, unknown 422, success pays the order total once', async () => {
      const { order, customer } = await placeOrder();
      const pay = (card, auth = customer.auth) =>
        t.api.post(`/api/orders/${order.id}/pay`).set('Authorization', auth).send({ card_number: card, amount: 1 });
      await pay('4000000000000002').expect(402);
      await pay('4000000000009995').expect(402);
      await pay('4111111111111111').expect(422);
      const stranger = await signUp(t.api);
      await pay('4242424242424242', stranger.auth).expect(404);
      await pay('4242424242424242', admin).expect(404);

      const res = await pay('4242 4242 4242 4242').expect(200);
      assert.equal(res.body.order.status, 'paid');
      assert.equal(res.body.payment.amount, 1600);
      assert.equal(res.body.payment.status, 'succeeded');
      assert.equal(res.body.payment.source, 'card');
      await pay('4242424242424242').expect(409);

      const list = await t.api.get(`/api/orders/${order.id}/payments`).set('Authorization', customer.auth).expect(200);
      assert.deepEqual(
        list.body.data.map((p) => p.status),
        ['declined', 'declined', 'succeeded'],
      );
      await t.api.get(`/api/orders/${order.id}/payments`).set('Authorization', stranger.auth).expect(404);
    });

    test('the webhook: signature first, applied once per event id', async () => {
      const { order } = await placeOrder(1250, 2);
      const body = JSON.stringify({
        id: `evt_${order.id}`,
        type: 'payment.succeeded',
        data: { order_id: order.id, amount: 2500, currency: 'EUR', reference: 'ref_1' },
      });
      const send = (signature) => {
        const req = t.api.post('/api/payments/webhook').set('Content-Type', 'application/json');
        if (signature) req.set('X-Signature', signature);
        return req.send(body);
      };
      await send().expect(401);
      await send(sign('wrong-secret', body)).expect(401);
      await send('sha256=zz').expect(401);
      const status = async () =>
        (await t.api.get(`/api/orders/${order.id}`).set('Authorization', admin).expect(200)).body.status;
      assert.equal(await status(), 'pending');

      let res = await send(sign(WEBHOOK_SECRET, body)).expect(200);
      assert.deepEqual(res.body, { received: true, event: `evt_${order.id}`, outcome: 'applied' });
      assert.equal(await status(), 'paid');
      res = await send(sign(WEBHOOK_SECRET, body)).expect(200);
      assert.equal(res.body.outcome, 'duplicate');
      const payments = await t.api.get(`/api/orders/${order.id}/payments`).set('Authorization', admin).expect(200);
      assert.equal(payments.body.data.length, 1);
      assert.equal(payments.body.data[0].source, 'webhook');
    });

    test('NUL bytes are refused, even in a correctly signed event', async () => {
      const { order, customer } = await placeOrder();
      await t.api
        .post(`/api/orders/${order.id}/pay`)
        .set('Authorization', customer.auth)
        .send({ card_number: '4242424242424242\u0000' })
        .expect(422);
      const body = JSON.stringify({
        id: 'evt_\u0000',
        type: 'payment.succeeded',
        data: { order_id: order.id, amount: order.total, currency: 'EUR' },
      });
      await t.api
        .post('/api/payments/webhook')
        .set('X-Signature', sign(WEBHOOK_SECRET, Buffer.from(body)))
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
    });

    test('a webhook for a wrong amount is ignored', async () => {
      const { order } = await placeOrder(1000, 1);
      const body = JSON.stringify({
        id: `evt_short_${order.id}`,
        type: 'payment.succeeded',
        data: { order_id: order.id, amount: 1, currency: 'EUR', reference: 'ref_2' },
      });
      const res = await t.api
        .post('/api/payments/webhook')
        .set('X-Signature', sign(WEBHOOK_SECRET, body))
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(200);
      assert.equal(res.body.outcome, 'ignored');
    });
  });
}

test('verifySignature', () => {
  const body = Buffer.from('{"id":"evt_1"}');
  assert.equal(verifySignature('s', body, sign('s', body)), true);
  assert.equal(verifySignature('s', Buffer.from('{"id":"evt_2"}'), sign('s', body)), false);
  assert.equal(verifySignature('s', body, undefined), false);
  assert.equal(verifySignature('s', body, sign('s', body).toUpperCase()), false);
});
