import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { UniqueViolationError } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';
import { dialects, openTestDatabase } from './helpers.js';

for (const dialect of dialects()) {
  describe(`database (${dialect})`, () => {
    test('migrations apply once', async () => {
      const { db, close } = await openTestDatabase(dialect); // migrated once already
      try {
        assert.deepEqual(await migrate(db), []);
        const rows = await db.all('SELECT version FROM schema_migrations ORDER BY version');
        // Every file of the dialect's folder, in name order, once.
        const files = fs
          .readdirSync(new URL(`../src/db/migrations/${dialect}/`, import.meta.url))
          .filter((name) => name.endsWith('.sql'))
          .sort();
        assert.ok(files.includes('0001_init.sql'));
        assert.deepEqual(
          rows.map((r) => r.version),
          files,
        );
      } finally {
        await close();
      }
    });

    test('a unique violation is a UniqueViolationError and a failed transaction rolls back', async () => {
      const { db, close } = await openTestDatabase(dialect);
      try {
        const insert = 'INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?)';
        const now = new Date().toISOString();
        await db.run(insert, ['a@example.com', 'x', now]);
        await assert.rejects(db.run(insert, ['a@example.com', 'x', now]), UniqueViolationError);
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.run(insert, ['b@example.com', 'x', now]);
            throw new Error('boom');
          }),
          /boom/,
        );
        const { n } = await db.get('SELECT COUNT(*) AS n FROM users');
        assert.equal(Number(n), 1);
      } finally {
        await close();
      }
    });

    test('queries wait for a running transaction', async () => {
      const { db, close } = await openTestDatabase(dialect);
      try {
        const insert = 'INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?)';
        const now = new Date().toISOString();
        const tx = db.transaction(async (t) => {
          await t.run(insert, ['c@example.com', 'x', now]);
          await new Promise((r) => setTimeout(r, 20));
          throw new Error('rolled back');
        });
        const count = db.get('SELECT COUNT(*) AS n FROM users');
        await assert.rejects(tx);
        assert.equal(Number((await count).n), 0);
      } finally {
        await close();
      }
    });
  });
}
