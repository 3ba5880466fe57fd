// The sample catalog a fresh development database starts with.

const CATEGORIES = [
  ['books', 'Books'],
  ['coffee', 'Coffee'],
  ['gear', 'Gear'],
];

// [category, name, description, price in cents, stock]
const PRODUCTS = [
  ['books', 'The Go Programming Language', 'Donovan and Kernighan on Go, from the basics to concurrency.', 3999, 25],
  [
    'books',
    'Designing Data-Intensive Applications',
    'Kleppmann on storage, replication, transactions and streams.',
    4550,
    12,
  ],
  ['books', 'HTTP Pocket Reference', 'Methods, status codes and headers at a glance.', 1299, 40],
  ['coffee', 'Espresso Beans 1kg', 'A dark roast for long nights.', 2490, 30],
  ['coffee', 'Filter Coffee 250g', 'A light roast, ground for filter machines.', 990, 50],
  ['gear', 'Mechanical Keyboard', 'Tactile switches, full size, USB-C.', 12900, 8],
  ['gear', 'Desk Mat', 'Felt, 90 × 40 cm.', 2900, 20],
  ['gear', 'Rubber Duck', 'Explain your code to it: the classic debugging companion.', 499, 100],
];

/**
 * seedCatalog fills an empty catalog with the sample data, in one
 * transaction, and reports whether it did. A catalog with any category or
 * product is left alone.
 */
export async function seedCatalog(db, { currency = 'EUR', now = new Date() } = {}) {
  return db.transaction(async (tx) => {
    const { n } = await tx.get('SELECT (SELECT COUNT(*) FROM categories) + (SELECT COUNT(*) FROM products) AS n');
    if (Number(n) > 0) return false;
    const ids = {};
    for (const [slug, name] of CATEGORIES) {
      const { rows } = await tx.run('INSERT INTO categories (slug, name) VALUES (?, ?) RETURNING id', [slug, name]);
      ids[slug] = rows[0].id;
    }
    for (const [slug, name, description, price, stock] of PRODUCTS) {
      await tx.run(
        `INSERT INTO products (name, description, price, currency, stock, category_id, images, created_at)
         VALUES (?, ?, ?, ?, ?, ?, '[]', ?)`,
        [name, description, price, currency, stock, ids[slug], now.toISOString()],
      );
    }
    return true;
  });
}
