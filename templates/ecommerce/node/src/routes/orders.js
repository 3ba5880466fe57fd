import crypto from 'node:crypto';
import express from 'express';
import { z } from 'zod';
import { adminOnly, signedIn } from '../auth/middleware.js';
import { MAX_PAGE, pathId, sendError, validationFailed } from '../http.js';
import { productId, quantity } from './cart.js';
import { changeStatus, CheckoutError, listOrders, loadOrder, placeOrder, STATUSES } from '../store/orders.js';
import { msg, parseBody } from '../validate.js';

const MAX_KEY = 255;

// Only items is read: a total or unit_price in the body is ignored.
const checkout = z.object({
  items: z
    .array(z.object({ product_id: productId, quantity }), msg('an array of {product_id, quantity}'))
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'at most 100 lines' })
    .optional(),
});

const statusChange = z.object({ status: z.enum(STATUSES, { error: `must be one of ${STATUSES.join(', ')}` }) });

/** listQuery reads page, limit and status; undefined after answering 422. */
function listQuery(req, res) {
  const fields = {};
  const num = (key, fallback, max) => {
    const raw = req.query[key];
    if (raw === undefined) return fallback;
    const n = /^\d{1,7}$/.test(raw) ? Number(raw) : 0;
    if (n < 1 || n > max) fields[key] = `must be a whole number from 1 to ${max}`;
    return n;
  };
  const query = { page: num('page', 1, MAX_PAGE), limit: num('limit', 20, 100), status: req.query.status || undefined };
  if (query.status !== undefined && !STATUSES.includes(query.status))
    fields.status = `must be one of ${STATUSES.join(', ')}`;
  if (Object.keys(fields).length > 0) return void validationFailed(res, fields);
  return query;
}

/**
 * canonicalJson is JSON.stringify with the keys of every object sorted, so
 * one value always has one text however a client ordered or spaced it.
 */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * hashRequest fingerprints the request an Idempotency-Key arrives with:
 * sha256 of the method, the path and the body as canonical JSON (no body
 * counts as {}). The key sent again with another fingerprint is refused.
 */
export function hashRequest(req) {
  const path = req.originalUrl.split('?')[0];
  const body = canonicalJson(req.body ?? {});
  return crypto.createHash('sha256').update(`${req.method} ${path}\n${body}`).digest('hex');
}

/** ordersRouter: checkout and the customer's orders (/api/orders). */
export function ordersRouter({ db, tokens, now }) {
  const router = express.Router();
  router.use(signedIn(tokens, db));

  router.post('/', async (req, res) => {
    const input = parseBody(checkout, req, res, { optional: true });
    if (!input) return;
    const key = req.get('Idempotency-Key');
    if (key !== undefined && (key === '' || key.length > MAX_KEY || key.includes('\0'))) {
      return validationFailed(res, { 'Idempotency-Key': `must be 1 to ${MAX_KEY} characters, without NUL bytes` });
    }
    const lines = input.items?.map((i) => ({ productId: i.product_id, quantity: i.quantity }));
    const requestHash = key === undefined ? undefined : hashRequest(req);
    try {
      const { order, replayed } = await placeOrder(db, { userId: req.user.id, lines, key, requestHash, now: now() });
      res.location(`/api/orders/${order.id}`);
      if (replayed) return res.set('Idempotent-Replayed', 'true').json(order);
      res.status(201).json(order);
    } catch (err) {
      if (!(err instanceof CheckoutError)) throw err;
      sendError(res, err.status, err.message, err.fields ? { fields: err.fields } : {});
    }
  });

  router.get('/', async (req, res) => {
    const query = listQuery(req, res);
    if (!query) return;
    const { data, total } = await listOrders(db, { ...query, userId: req.user.id });
    res.json({ data, page: query.page, limit: query.limit, total });
  });

  router.get('/:id', async (req, res) => {
    const order = await visibleOrder(db, req);
    if (!order) return sendError(res, 404, 'order not found');
    res.json(order);
  });

  return router;
}

/**
 * visibleOrder loads the order of the :id path parameter if the signed-in
 * user may see it (its owner or an admin). Anybody else gets undefined, a
 * 404 like a missing order: a 403 would confirm that the id exists.
 */
export async function visibleOrder(db, req, { ownerOnly = false } = {}) {
  const id = pathId(req.params.id);
  const order = id && (await loadOrder(db, id));
  if (!order) return undefined;
  if (order.user_id === req.user.id || (!ownerOnly && req.user.role === 'admin')) return order;
  return undefined;
}

/** adminOrdersRouter: every order, and status changes (/api/admin/orders). */
export function adminOrdersRouter({ db, tokens, now }) {
  const router = express.Router();
  router.use(adminOnly(tokens, db));

  router.get('/', async (req, res) => {
    const query = listQuery(req, res);
    if (!query) return;
    const { data, total } = await listOrders(db, query);
    res.json({ data, page: query.page, limit: query.limit, total });
  });

  router.patch('/:id', async (req, res) => {
    const id = pathId(req.params.id);
    if (!id) return sendError(res, 404, 'order not found');
    const input = parseBody(statusChange, req, res);
    if (!input) return;
    const result = await changeStatus(db, id, input.status, now());
    if (result.error === 'missing') return sendError(res, 404, 'order not found');
    if (result.error === 'illegal')
      return sendError(res, 409, `an order that is ${result.from} cannot become ${input.status}`);
    res.json(result.order);
  });

  return router;
}
