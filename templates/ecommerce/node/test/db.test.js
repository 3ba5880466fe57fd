import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { UniqueViolationError } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';
import { dialects, openTestDatabase } from './helpers.js';

for (const dialect of dialects()) {
  describe(`database (${dialect})`, () => {
    let t;
    before(async () => {
      t = await openTestDatabase(dialect);
    });
    after(() => t.close());

    test('migrating again applies nothing', async () => {
      assert.deepEqual(await migrate(t.db), []);
    });

    test('a failing transaction rolls back whole', async () => {
      await assert.rejects(
        t.db.transaction(async (tx) => {
          await tx.run("INSERT INTO categories (slug, name) VALUES ('tmp', 'Tmp')");
          throw new Error('boom');
        }),
      );
      assert.equal(await t.db.get("SELECT id FROM categories WHERE slug = 'tmp'"), undefined);
    });

    test('unique violations have one error type', async () => {
      await t.db.run("INSERT INTO categories (slug, name) VALUES ('dup', 'Dup')");
      await assert.rejects(t.db.run("INSERT INTO categories (slug, name) VALUES ('dup', 'Dup')"), UniqueViolationError);
    });

    test('the stock can never go below zero', async () => {
      const at = new Date().toISOString();
      const { rows } = await t.db.run(
        "INSERT INTO products (name, price, currency, stock, created_at) VALUES ('P', 1, 'EUR', 1, ?) RETURNING id",
        [at],
      );
      await assert.rejects(t.db.run('UPDATE products SET stock = stock - 2 WHERE id = ?', [rows[0].id]));
    });
  });
}
