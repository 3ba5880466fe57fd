// Products and categories. Money is an integer of minor units (1999 = 19.99).

const COLUMNS = `p.id, p.name, p.description, p.price, p.currency, p.stock, c.slug AS category, p.images, p.created_at
  FROM products p LEFT JOIN categories c ON c.id = p.category_id`;

/** Sort keys map to constant ORDER BY clauses; the id breaks ties. Nothing from the request goes into SQL. */
export const SORTS = {
  id: 'p.id',
  newest: 'p.created_at DESC, p.id DESC',
  price_asc: 'p.price, p.id',
  price_desc: 'p.price DESC, p.id',
  name: 'p.name, p.id',
};

/** toProduct turns a row into the API's JSON shape. */
export function toProduct(row) {
  return { ...row, images: JSON.parse(row.images) };
}

export async function listCategories(db) {
  return db.all('SELECT id, slug, name FROM categories ORDER BY id');
}

export async function categoryId(db, slug) {
  return (await db.get('SELECT id FROM categories WHERE slug = ?', [slug]))?.id;
}

/** escapeLike makes % and _ in search text match themselves. */
const escapeLike = (s) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * listProducts answers one page of products matching filter, and the count
 * of all matches. The WHERE clause is built from fixed conditions with
 * placeholders.
 */
export async function listProducts(db, { page, limit, category, minPrice, maxPrice, q, sort }) {
  const where = [];
  const params = [];
  if (category !== undefined) {
    where.push('c.slug = ?');
    params.push(category);
  }
  if (minPrice !== undefined) {
    where.push('p.price >= ?');
    params.push(minPrice);
  }
  if (maxPrice !== undefined) {
    where.push('p.price <= ?');
    params.push(maxPrice);
  }
  if (q !== undefined && q !== '') {
    where.push("(LOWER(p.name) LIKE ? ESCAPE '\\' OR LOWER(p.description) LIKE ? ESCAPE '\\')");
    const pattern = `%${escapeLike(q.toLowerCase())}%`;
    params.push(pattern, pattern);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rows = await db.all(`SELECT ${COLUMNS} ${clause} ORDER BY ${SORTS[sort]} LIMIT ? OFFSET ?`, [
    ...params,
    limit,
    (page - 1) * limit,
  ]);
  const { n } = await db.get(
    `SELECT COUNT(*) AS n FROM products p LEFT JOIN categories c ON c.id = p.category_id ${clause}`,
    params,
  );
  return { data: rows.map(toProduct), total: Number(n) };
}

export async function getProduct(db, id) {
  const row = await db.get(`SELECT ${COLUMNS} WHERE p.id = ?`, [id]);
  return row && toProduct(row);
}

/** createProduct inserts p ({name, description, price, currency, stock, categoryId, images}). */
export async function createProduct(db, p, now) {
  const { rows } = await db.run(
    `INSERT INTO products (name, description, price, currency, stock, category_id, images, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [p.name, p.description, p.price, p.currency, p.stock, p.categoryId, JSON.stringify(p.images), now.toISOString()],
  );
  return getProduct(db, rows[0].id);
}

/** updateProduct replaces every field of product id; undefined when there is none. */
export async function updateProduct(db, id, p) {
  const { changes } = await db.run(
    `UPDATE products SET name = ?, description = ?, price = ?, currency = ?, stock = ?, category_id = ?, images = ?
     WHERE id = ?`,
    [p.name, p.description, p.price, p.currency, p.stock, p.categoryId, JSON.stringify(p.images), id],
  );
  return changes === 0 ? undefined : getProduct(db, id);
}

/** deleteProduct answers 'deleted', 'missing' or 'ordered' (orders reference it: kept for their history). */
export async function deleteProduct(db, id) {
  return db.transaction(async (tx) => {
    if (await tx.get('SELECT 1 AS x FROM order_items WHERE product_id = ? LIMIT 1', [id])) return 'ordered';
    const { changes } = await tx.run('DELETE FROM products WHERE id = ?', [id]);
    return changes === 0 ? 'missing' : 'deleted';
  });
}
