import { loadOrder } from './orders.js';

const PAYMENT_COLUMNS = 'id, order_id, source, reference, amount, status, created_at';

async function insertPayment(tx, { orderId, source, reference, amount, status, now }) {
  const { rows } = await tx.run(
    `INSERT INTO payments (order_id, source, reference, amount, status, created_at) VALUES (?, ?, ?, ?, ?, ?)
     RETURNING ${PAYMENT_COLUMNS}`,
    [orderId, source, reference, amount, status, now.toISOString()],
  );
  return rows[0];
}

export const listPayments = (db, orderId) =>
  db.all(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id = ? ORDER BY id`, [orderId]);

/** recordDeclined keeps a refused attempt in the order's payment history. */
export const recordDeclined = (db, orderId, amount, reason, now) =>
  insertPayment(db, { orderId, source: 'card', reference: reason, amount, status: 'declined', now });

/**
 * markPaid records a succeeded payment and moves the order from pending to
 * paid, in one transaction. The UPDATE is conditional on 'pending': an
 * order paid in the meantime answers undefined (409) and records nothing.
 */
export async function markPaid(db, { orderId, source, reference, amount, now }) {
  return db.transaction((tx) => markPaidIn(tx, { orderId, source, reference, amount, now }));
}

async function markPaidIn(tx, { orderId, source, reference, amount, now }) {
  const { changes } = await tx.run(
    "UPDATE orders SET status = 'paid', updated_at = ? WHERE id = ? AND status = 'pending'",
    [now.toISOString(), orderId],
  );
  if (changes === 0) return undefined;
  const payment = await insertPayment(tx, { orderId, source, reference, amount, status: 'succeeded', now });
  return { order: await loadOrder(tx, orderId), payment };
}

/**
 * applyWebhookEvent records the event id (a primary key) and applies the
 * event in the same transaction, so a replay changes nothing. Answers
 * 'duplicate', 'applied' or 'ignored'.
 */
export async function applyWebhookEvent(db, event, now) {
  return db.transaction(async (tx) => {
    const { changes } = await tx.run(
      'INSERT INTO webhook_events (id, type, received_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
      [event.id, event.type, now.toISOString()],
    );
    if (changes === 0) return 'duplicate';
    if (event.type !== 'payment.succeeded') return 'ignored';
    const { order_id: orderId, amount, currency, reference } = event.data ?? {};
    if (!Number.isSafeInteger(orderId)) return 'ignored';
    const order = await tx.get('SELECT status, total, currency FROM orders WHERE id = ?', [orderId]);
    // Only the exact amount in the order's currency pays a pending order.
    if (!order || order.status !== 'pending' || order.total !== amount || order.currency !== currency) return 'ignored';
    const paid = await markPaidIn(tx, {
      orderId,
      source: 'webhook',
      reference: String(reference ?? event.id),
      amount,
      now,
    });
    return paid ? 'applied' : 'ignored';
  });
}
