// The database adapter (src/db/) answers the same way on SQLite and, when
// TEST_DATABASE_URL is set, on PostgreSQL: the rest of the code relies on it.
// Each run works in a table of its own, apart from the project's schema.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { openDatabase, UniqueViolationError } from '../src/db/index.js';

const dialects = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** open returns a fresh database of dialect and a function that closes and removes it. */
async function open(dialect) {
  if (dialect === 'sqlite') {
    const db = await openDatabase('sqlite::memory:');
    return { db, drop: () => db.close() };
  }
  const url = process.env.TEST_DATABASE_URL;
  const schema = `adapter_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = await openDatabase(url, { searchPath: schema });
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

for (const dialect of dialects) {
  describe(`database adapter (${dialect})`, () => {
    let db;
    let drop;
    before(async () => {
      ({ db, drop } = await open(dialect));
      const id = dialect === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGSERIAL PRIMARY KEY';
      await db.exec(`CREATE TABLE probe (id ${id}, name TEXT NOT NULL UNIQUE)`);
    });
    after(() => drop());

    test('run answers the rows written and those RETURNING gives back', async () => {
      const inserted = await db.run('INSERT INTO probe (name) VALUES (?) RETURNING id', ['a']);
      assert.equal(inserted.changes, 1);
      assert.equal(inserted.rows.length, 1);
      assert.equal(typeof inserted.rows[0].id, 'number');
      const updated = await db.run('UPDATE probe SET name = ? WHERE name = ?', ['b', 'a']);
      assert.deepEqual(updated, { changes: 1, rows: [] });
      assert.deepEqual(await db.get('SELECT name FROM probe WHERE id = ?', [inserted.rows[0].id]), { name: 'b' });
      assert.equal(await db.get('SELECT name FROM probe WHERE id = ?', [-1]), undefined);
    });

    test('a unique violation is a UniqueViolationError from every method', async () => {
      await db.run('INSERT INTO probe (name) VALUES (?)', ['taken']);
      const again = 'INSERT INTO probe (name) VALUES (?) RETURNING id';
      await assert.rejects(db.run(again, ['taken']), UniqueViolationError);
      await assert.rejects(db.get(again, ['taken']), UniqueViolationError);
      await assert.rejects(db.all(again, ['taken']), UniqueViolationError);
      await assert.rejects(
        db.transaction((tx) => tx.get(again, ['taken'])),
        UniqueViolationError,
      );
    });

    test('a transaction that throws leaves nothing behind', async () => {
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO probe (name) VALUES (?)', ['rolled back']);
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await db.get('SELECT id FROM probe WHERE name = ?', ['rolled back']), undefined);
    });

    test('a query waits for the running transaction instead of slipping into it', async () => {
      let release;
      const held = new Promise((resolve) => {
        release = resolve;
      });
      const tx = db.transaction(async (t) => {
        await t.run('INSERT INTO probe (name) VALUES (?)', ['uncommitted']);
        await held;
        throw new Error('rolled back');
      });
      const seen = db.get('SELECT COUNT(*) AS n FROM probe WHERE name = ?', ['uncommitted']);
      release();
      await assert.rejects(tx, /rolled back/);
      assert.equal(Number((await seen).n), 0);
    });
  });
}
