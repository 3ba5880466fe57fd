import { UniqueViolationError } from '../db/index.js';

export const STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'];

/** The legal status changes: anything not listed here is a 409. */
export const TRANSITIONS = {
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** CheckoutError rolls a checkout back and says how to answer: 409 or 422 (with fields). */
export class CheckoutError extends Error {
  constructor(status, message, fields) {
    super(message);
    this.status = status;
    this.fields = fields;
  }
}

const ORDER_COLUMNS = 'id, user_id, status, total, currency, created_at, updated_at';

/**
 * placeOrder checks out, in one transaction, either the given lines
 * ([{productId, quantity}], "buy now") or, without lines, the user's cart.
 *
 * Each product's stock is taken with one conditional statement,
 *   UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?
 * and a statement that changes no row rolls the whole order back with a
 * 409: two requests can never sell the same item. Prices come from the
 * catalog, never from the client.
 *
 * With an idempotency key, a repeat of the same request (requestHash) answers
 * the order the first request placed: { order, replayed: true }. The key
 * with another request is a 422: that is a client's mistake, not a retry.
 */
export async function placeOrder(db, { userId, lines, key, requestHash, now }) {
  try {
    return await db.transaction(async (tx) => {
      if (key !== undefined) {
        const first = await orderOfKey(tx, userId, key, requestHash);
        if (first) return { order: first, replayed: true };
      }
      const fromCart = lines === undefined;
      if (fromCart) {
        lines = (await tx.all('SELECT product_id, quantity FROM cart_items WHERE user_id = ?', [userId])).map((r) => ({
          productId: r.product_id,
          quantity: r.quantity,
        }));
      }
      if (lines.length === 0) throw new CheckoutError(422, 'validation failed', { items: 'the cart is empty' });

      // One line per product, in id order: PostgreSQL takes row locks in the
      // same order in every transaction, so two checkouts cannot deadlock.
      const merged = new Map();
      for (const { productId, quantity } of lines) merged.set(productId, (merged.get(productId) ?? 0) + quantity);
      const items = [];
      for (const [productId, quantity] of [...merged].sort((a, b) => a[0] - b[0])) {
        const product = await tx.get('SELECT name, price, currency FROM products WHERE id = ?', [productId]);
        if (!product)
          throw new CheckoutError(422, 'validation failed', { items: `product ${productId} does not exist` });
        const taken = await tx.run('UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?', [
          quantity,
          productId,
          quantity,
        ]);
        if (taken.changes === 0) throw new CheckoutError(409, `not enough stock for ${product.name}`);
        items.push({
          product_id: productId,
          name: product.name,
          unit_price: product.price,
          quantity,
          currency: product.currency,
        });
      }
      const currency = items[0].currency;
      if (items.some((i) => i.currency !== currency)) {
        throw new CheckoutError(422, 'validation failed', { items: 'all products of an order must share a currency' });
      }
      const total = items.reduce((sum, i) => sum + i.unit_price * i.quantity, 0);
      const at = now.toISOString();
      const { rows } = await tx.run(
        `INSERT INTO orders (user_id, status, total, currency, idempotency_key, request_hash, created_at, updated_at)
         VALUES (?, 'pending', ?, ?, ?, ?, ?, ?) RETURNING id`,
        [userId, total, currency, key ?? null, requestHash ?? null, at, at],
      );
      const orderId = rows[0].id;
      for (const i of items) {
        await tx.run(
          'INSERT INTO order_items (order_id, product_id, name, unit_price, quantity) VALUES (?, ?, ?, ?, ?)',
          [orderId, i.product_id, i.name, i.unit_price, i.quantity],
        );
        if (fromCart)
          await tx.run('DELETE FROM cart_items WHERE user_id = ? AND product_id = ?', [userId, i.product_id]);
      }
      return { order: await loadOrder(tx, orderId), replayed: false };
    });
  } catch (err) {
    // On PostgreSQL two requests with the same key can race past the first
    // SELECT; the unique index lets one insert, the other lands here.
    if (err instanceof UniqueViolationError && key !== undefined) {
      const first = await orderOfKey(db, userId, key, requestHash);
      if (first) return { order: first, replayed: true };
    }
    throw err;
  }
}

/**
 * orderOfKey loads the order key placed for userId, or undefined. When
 * another request placed it, it throws a 422 CheckoutError; an order without
 * a recorded hash (placed before hashes were kept) counts as a match.
 */
async function orderOfKey(db, userId, key, requestHash) {
  const first = await db.get('SELECT id, request_hash FROM orders WHERE user_id = ? AND idempotency_key = ?', [
    userId,
    key,
  ]);
  if (!first) return undefined;
  if (first.request_hash !== null && first.request_hash !== requestHash) {
    throw new CheckoutError(422, 'this Idempotency-Key was used with another request', {
      'Idempotency-Key': 'already placed an order with another body; send a new key for a new order',
    });
  }
  return loadOrder(db, first.id);
}

/** loadOrder reads an order with its items, or undefined. */
export async function loadOrder(db, id) {
  const order = await db.get(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ?`, [id]);
  if (!order) return undefined;
  const items = await db.all(
    'SELECT product_id, name, unit_price, quantity FROM order_items WHERE order_id = ? ORDER BY product_id',
    [id],
  );
  return { ...order, items: items.map((i) => ({ ...i, line_total: i.unit_price * i.quantity })) };
}

/** listOrders answers a page of orders, newest first: one user's (userId) or everybody's. */
export async function listOrders(db, { userId, status, page, limit }) {
  const where = [];
  const params = [];
  if (userId !== undefined) {
    where.push('user_id = ?');
    params.push(userId);
  }
  if (status !== undefined) {
    where.push('status = ?');
    params.push(status);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const ids = await db.all(`SELECT id FROM orders ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`, [
    ...params,
    limit,
    (page - 1) * limit,
  ]);
  const { n } = await db.get(`SELECT COUNT(*) AS n FROM orders ${clause}`, params);
  const data = [];
  for (const { id } of ids) data.push(await loadOrder(db, id));
  return { data, total: Number(n) };
}

/**
 * changeStatus moves an order to status if TRANSITIONS allows it, in one
 * transaction; cancelling puts the items back in stock. Answers
 * { order } or { error: 'missing' | 'illegal', from }.
 */
export async function changeStatus(db, id, status, now) {
  return db.transaction(async (tx) => {
    const current = await tx.get('SELECT status FROM orders WHERE id = ?', [id]);
    if (!current) return { error: 'missing' };
    if (!TRANSITIONS[current.status].includes(status)) return { error: 'illegal', from: current.status };
    // Conditional on the status just read: a concurrent change makes this a no-op.
    const { changes } = await tx.run('UPDATE orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?', [
      status,
      now.toISOString(),
      id,
      current.status,
    ]);
    if (changes === 0) return { error: 'illegal', from: current.status };
    if (status === 'cancelled') {
      for (const item of await tx.all('SELECT product_id, quantity FROM order_items WHERE order_id = ?', [id])) {
        await tx.run('UPDATE products SET stock = stock + ? WHERE id = ?', [item.quantity, item.product_id]);
      }
    }
    return { order: await loadOrder(tx, id) };
  });
}
