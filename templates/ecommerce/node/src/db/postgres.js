import pg from 'pg';
import { UniqueViolationError } from './index.js';

// BIGINT (ids, money, COUNT(*)) as numbers: safe below 2^53.
const INT8 = 20;
const types = {
  getTypeParser: (oid, format) => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format)),
};

/** openPostgres opens a pool and fails fast if the database cannot be reached. */
export async function openPostgres(url, { searchPath } = {}) {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}), // tests: one schema each
  });
  (await pool.connect()).release();
  return new PostgresDatabase(pool);
}

/** `?` → $1, $2, ... */
const rebind = (sql) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

function methods(client) {
  const query = async (sql, params) => {
    try {
      return await client.query(rebind(sql), params);
    } catch (err) {
      if (err.code === '23505') throw new UniqueViolationError(err);
      throw err;
    }
  };
  return {
    all: async (sql, params = []) => (await query(sql, params)).rows,
    get: async (sql, params = []) => (await query(sql, params)).rows[0],
    run: async (sql, params = []) => {
      const res = await query(sql, params);
      return { changes: res.rowCount ?? 0, rows: res.rows };
    },
    exec: async (sql) => void (await client.query(sql)),
  };
}

class PostgresDatabase {
  dialect = 'postgres';
  #pool;

  constructor(pool) {
    this.#pool = pool;
    Object.assign(this, methods(pool));
  }

  /** transaction runs fn on one connection inside BEGIN ... COMMIT (ROLLBACK if it throws). */
  async transaction(fn) {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(methods(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  close() {
    return this.#pool.end();
  }
}
