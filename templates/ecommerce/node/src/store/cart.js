// Cart lines: (user, product, quantity). Prices are never stored here: a
// cart is always priced from the catalog as it is now.

/** cart answers {items, item_count, total, currency} for userId. */
export async function getCart(db, userId, currency) {
  const rows = await db.all(
    `SELECT ci.product_id, p.name, p.price AS unit_price, ci.quantity, p.stock, p.currency
       FROM cart_items ci JOIN products p ON p.id = ci.product_id
      WHERE ci.user_id = ? ORDER BY ci.product_id`,
    [userId],
  );
  const items = rows.map(({ currency: _c, ...r }) => ({ ...r, line_total: r.unit_price * r.quantity }));
  return {
    items,
    item_count: items.reduce((n, i) => n + i.quantity, 0),
    total: items.reduce((n, i) => n + i.line_total, 0),
    currency: rows[0]?.currency ?? currency,
  };
}

/**
 * setQuantity sets (add=false) or adds to (add=true) the quantity of a
 * line, holding the result to the stock, in one transaction. It answers
 * 'ok', 'no-product' or 'over-stock' (with the stock).
 */
export async function setQuantity(db, userId, productId, quantity, { add }) {
  return db.transaction(async (tx) => {
    const product = await tx.get('SELECT stock FROM products WHERE id = ?', [productId]);
    if (!product) return { outcome: 'no-product' };
    const line = await tx.get('SELECT quantity FROM cart_items WHERE user_id = ? AND product_id = ?', [
      userId,
      productId,
    ]);
    const wanted = add ? (line?.quantity ?? 0) + quantity : quantity;
    if (wanted > product.stock) return { outcome: 'over-stock', stock: product.stock, wanted };
    await tx.run(
      `INSERT INTO cart_items (user_id, product_id, quantity) VALUES (?, ?, ?)
       ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = excluded.quantity`,
      [userId, productId, wanted],
    );
    return { outcome: 'ok' };
  });
}

/** removeLine deletes a line; false when it was not in the cart. */
export async function removeLine(db, userId, productId) {
  const { changes } = await db.run('DELETE FROM cart_items WHERE user_id = ? AND product_id = ?', [userId, productId]);
  return changes > 0;
}
