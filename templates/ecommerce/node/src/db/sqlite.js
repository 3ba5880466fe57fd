import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UniqueViolationError } from './index.js';

/** openSqlite opens (and creates) the SQLite database in file. */
export function openSqlite(file) {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  return new SqliteDatabase(raw);
}

// better-sqlite3 is synchronous and this is one connection. A transaction
// whose callback awaits would let other requests' statements slip into it,
// so while one runs, every other call waits for it to finish: transactions
// are serialized, which is exactly what checkout needs. Each method checks
// #busy again right after every wait and then goes on synchronously, so no
// two transactions can start in between.
class SqliteDatabase {
  dialect = 'sqlite';
  #raw;
  #cache = new Map();
  #busy = null; // the running transaction's promise

  constructor(raw) {
    this.#raw = raw;
  }

  async all(sql, params = []) {
    while (this.#busy) await this.#busy.catch(() => {});
    return this.#all(sql, params);
  }

  async get(sql, params = []) {
    while (this.#busy) await this.#busy.catch(() => {});
    return this.#all(sql, params)[0];
  }

  async run(sql, params = []) {
    while (this.#busy) await this.#busy.catch(() => {});
    return this.#run(sql, params);
  }

  async exec(sql) {
    while (this.#busy) await this.#busy.catch(() => {});
    this.#raw.exec(sql);
  }

  /** transaction runs fn inside BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when it throws. */
  async transaction(fn) {
    while (this.#busy) await this.#busy.catch(() => {});
    const tx = {
      all: async (sql, params = []) => this.#all(sql, params),
      get: async (sql, params = []) => this.#all(sql, params)[0],
      run: async (sql, params = []) => this.#run(sql, params),
      exec: async (sql) => void this.#raw.exec(sql),
    };
    const running = (async () => {
      this.#raw.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(tx);
        this.#raw.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.#raw.inTransaction) this.#raw.exec('ROLLBACK');
        throw err;
      }
    })();
    this.#busy = running;
    try {
      return await running;
    } finally {
      if (this.#busy === running) this.#busy = null;
    }
  }

  async close() {
    while (this.#busy) await this.#busy.catch(() => {});
    this.#raw.close();
  }

  #stmt(sql) {
    let stmt = this.#cache.get(sql);
    if (!stmt) this.#cache.set(sql, (stmt = this.#raw.prepare(sql)));
    return stmt;
  }

  #all(sql, params) {
    const stmt = this.#stmt(sql);
    return stmt.reader ? stmt.all(...params) : (stmt.run(...params), []);
  }

  #run(sql, params) {
    try {
      const stmt = this.#stmt(sql);
      if (stmt.reader) {
        const rows = stmt.all(...params); // INSERT ... RETURNING
        return { changes: rows.length, rows };
      }
      return { changes: stmt.run(...params).changes, rows: [] };
    } catch (err) {
      if (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new UniqueViolationError(err);
      }
      throw err;
    }
  }
}
