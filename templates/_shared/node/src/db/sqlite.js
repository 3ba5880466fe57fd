import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UniqueViolationError } from './index.js';

/**
 * Opens (and creates) the SQLite database in file.
 *
 * better-sqlite3 is synchronous: each call finishes before it returns, which
 * is fast for a local file. The methods are still async so that callers work
 * the same way with PostgreSQL.
 */
export function openSqlite(file) {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  return new SqliteDatabase(raw);
}

class SqliteDatabase {
  dialect = 'sqlite';
  #raw;
  #statements = new Map();
  /** The running transaction, if any: other callers wait for it. */
  #tx = null;

  constructor(raw) {
    this.#raw = raw;
  }

  async all(sql, params = []) {
    while (this.#tx) await this.#settled();
    return this.#query(sql, params).rows;
  }

  async get(sql, params = []) {
    while (this.#tx) await this.#settled();
    return this.#query(sql, params).rows[0];
  }

  async run(sql, params = []) {
    while (this.#tx) await this.#settled();
    return this.#query(sql, params);
  }

  async exec(sql) {
    while (this.#tx) await this.#settled();
    this.#raw.exec(sql);
  }

  /**
   * Runs fn inside BEGIN IMMEDIATE ... COMMIT (ROLLBACK if it throws).
   * There is one connection, so while fn awaits, other requests' queries
   * wait until the transaction ends instead of slipping into it.
   */
  async transaction(fn) {
    while (this.#tx) await this.#settled();
    const tx = {
      all: async (sql, params = []) => this.#query(sql, params).rows,
      get: async (sql, params = []) => this.#query(sql, params).rows[0],
      run: async (sql, params = []) => this.#query(sql, params),
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
    this.#tx = running;
    try {
      return await running;
    } finally {
      if (this.#tx === running) this.#tx = null;
    }
  }

  async close() {
    while (this.#tx) await this.#settled();
    this.#raw.close();
  }

  /**
   * A promise that settles when the running transaction ends. Callers loop
   * `while (this.#tx) await this.#settled();` and then go on synchronously,
   * so nothing can start in between.
   */
  #settled() {
    return this.#tx.then(
      () => {},
      () => {},
    );
  }

  #prepare(sql) {
    let stmt = this.#statements.get(sql);
    if (!stmt) {
      stmt = this.#raw.prepare(sql);
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * Runs one statement and answers as PostgreSQL's adapter does: the rows it
   * returns (a SELECT, or a write with RETURNING) and how many rows it
   * wrote or returned. Every method goes through here, so a unique
   * constraint is a UniqueViolationError however the statement was run.
   */
  #query(sql, params) {
    try {
      const stmt = this.#prepare(sql);
      if (stmt.reader) {
        const rows = stmt.all(...params);
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
