import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UniqueViolationError } from './index.js';

/**
 * openSqlite opens (and creates) the database file. better-sqlite3 is
 * synchronous; the methods are async only so that callers look the same on
 * PostgreSQL. One connection: while a transaction awaits, other queries wait.
 */
export function openSqlite(file) {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');

  const cache = new Map();
  const query = (sql, params = []) => {
    try {
      let stmt = cache.get(sql);
      if (!stmt) cache.set(sql, (stmt = raw.prepare(sql)));
      if (stmt.reader) return { rows: stmt.all(...params), changes: 0 }; // SELECT, ... RETURNING
      return { rows: [], changes: stmt.run(...params).changes };
    } catch (err) {
      if (/^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(err.code)) throw new UniqueViolationError(err);
      throw err;
    }
  };
  const methods = {
    all: async (sql, params) => query(sql, params).rows,
    get: async (sql, params) => query(sql, params).rows[0],
    run: async (sql, params) => ({ changes: query(sql, params).changes }),
    exec: async (sql) => void raw.exec(sql),
  };

  let running = null; // the transaction in progress
  // Callers loop until no transaction runs, then go on synchronously, so
  // that nothing can start in between.
  const settled = () => running.catch(() => {});
  const wrap =
    (fn) =>
    async (...args) => {
      while (running) await settled();
      return fn(...args);
    };

  return {
    dialect: 'sqlite',
    all: wrap(methods.all),
    get: wrap(methods.get),
    run: wrap(methods.run),
    exec: wrap(methods.exec),
    async transaction(fn) {
      while (running) await settled();
      const tx = (async () => {
        raw.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(methods);
          raw.exec('COMMIT');
          return result;
        } catch (err) {
          if (raw.inTransaction) raw.exec('ROLLBACK');
          throw err;
        }
      })();
      running = tx;
      try {
        return await tx;
      } finally {
        if (running === tx) running = null;
      }
    },
    async close() {
      while (running) await settled();
      raw.close();
    },
  };
}
