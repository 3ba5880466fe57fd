import pg from 'pg';
import { UniqueViolationError } from './index.js';

// Read BIGINT (ids, COUNT(*)) as numbers and DATE as the text "YYYY-MM-DD"
// (the default would be a Date at local midnight, which shifts with the
// time zone).
const INT8 = 20;
const DATE = 1082;
const types = {
  getTypeParser(oid, format) {
    if (oid === INT8) return (v) => Number(v);
    if (oid === DATE) return (v) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

/** Opens a connection pool to the PostgreSQL database at url. */
export async function openPostgres(url, { searchPath } = {}) {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    // Tests give every run its own schema.
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  // Fail at start, with a clear message, if the database cannot be reached.
  const client = await pool.connect();
  client.release();
  return new PostgresDatabase(pool);
}

/** rebind turns `?` placeholders into PostgreSQL's $1, $2, ... */
function rebind(sql) {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

async function query(client, sql, params) {
  try {
    return await client.query(rebind(sql), params);
  } catch (err) {
    if (err.code === '23505') throw new UniqueViolationError(err);
    throw err;
  }
}

function methods(client) {
  return {
    all: async (sql, params = []) => (await query(client, sql, params)).rows,
    get: async (sql, params = []) => (await query(client, sql, params)).rows[0],
    run: async (sql, params = []) => {
      const res = await query(client, sql, params);
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

  /** Runs fn on one connection inside BEGIN ... COMMIT (ROLLBACK if it throws). */
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

  async close() {
    await this.#pool.end();
  }
}
