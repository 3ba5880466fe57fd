import express from 'express';
import { z } from 'zod';
import { signedIn } from '../auth/middleware.js';
import { nulPath, sendError } from '../http.js';
import { charge, PaymentError, SIGNATURE_HEADER, verifySignature } from '../payments/provider.js';
import { applyWebhookEvent, listPayments, markPaid, recordDeclined } from '../store/payments.js';
import { msg, parseBody } from '../validate.js';
import { visibleOrder } from './orders.js';

// Only the card number is read: the amount is always the order's own total.
const payment = z.object({ card_number: z.string(msg('a string')).min(1, { error: 'is required' }) });

/** orderPaymentsRouter: POST /:id/pay and GET /:id/payments under /api/orders. */
export function orderPaymentsRouter({ db, tokens, now }) {
  const router = express.Router();

  router.post('/:id/pay', signedIn(tokens, db), async (req, res) => {
    const order = await visibleOrder(db, req, { ownerOnly: true });
    if (!order) return sendError(res, 404, 'order not found');
    const input = parseBody(payment, req, res);
    if (!input) return;
    if (order.status !== 'pending') return sendError(res, 409, `the order is ${order.status}, not pending`);
    let reference;
    try {
      ({ reference } = charge(input.card_number, order.total));
    } catch (err) {
      if (!(err instanceof PaymentError)) throw err;
      if (err.status === 422) return sendError(res, 422, 'validation failed', { fields: { card_number: err.message } });
      await recordDeclined(db, order.id, order.total, err.message, now());
      return sendError(res, 402, err.message);
    }
    const paid = await markPaid(db, { orderId: order.id, source: 'card', reference, amount: order.total, now: now() });
    if (!paid) return sendError(res, 409, 'the order is no longer pending');
    res.json(paid);
  });

  router.get('/:id/payments', signedIn(tokens, db), async (req, res) => {
    const order = await visibleOrder(db, req);
    if (!order) return sendError(res, 404, 'order not found');
    res.json({ data: await listPayments(db, order.id) });
  });

  return router;
}

const event = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(100),
  data: z.record(z.string(), z.unknown()).optional(),
});

/**
 * webhook handles POST /api/payments/webhook. It must see the raw bytes
 * (app.js mounts it with express.raw, before the JSON parser): the
 * signature is checked over exactly what was sent, before anything is
 * parsed or changed.
 */
export function webhook({ db, secret, now, log }) {
  return async (req, res) => {
    if (!verifySignature(secret, req.body, req.get(SIGNATURE_HEADER))) {
      return sendError(res, 401, 'missing or invalid signature');
    }
    let parsed;
    try {
      parsed = event.safeParse(JSON.parse(req.body.toString('utf8')));
    } catch {
      return sendError(res, 400, 'request body is not valid JSON');
    }
    if (!parsed.success || nulPath(parsed.data)) return sendError(res, 400, 'not a payment event');
    const outcome = await applyWebhookEvent(db, parsed.data, now());
    log.info('payment webhook', { event: parsed.data.id, type: parsed.data.type, outcome });
    res.json({ received: true, event: parsed.data.id, outcome });
  };
}
