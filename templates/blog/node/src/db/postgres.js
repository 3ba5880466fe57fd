import pg from 'pg';
import { UniqueViolationError } from './index.js';

// COUNT(*) and BIGINT ids come back as numbers, not strings.
const types = {
  getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)),
};

/** openPostgres opens a pool and fails at once, clearly, if the database cannot be reached. */
export async function openPostgres(url, { searchPath } = {}) {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  (await pool.connect()).release();

  const methods = (client) => {
    const query = async (sql, params = []) => {
      let n = 0;
      try {
        return await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        );
      } catch (err) {
        if (err.code === '23505') throw new UniqueViolationError(err);
        throw err;
      }
    };
    return {
      all: async (sql, params) => (await query(sql, params)).rows,
      get: async (sql, params) => (await query(sql, params)).rows[0],
      run: async (sql, params) => ({ changes: (await query(sql, params)).rowCount ?? 0 }),
      exec: async (sql) => void (await client.query(sql)),
    };
  };

  return {
    dialect: 'postgres',
    ...methods(pool),
    async transaction(fn) {
      const client = await pool.connect();
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
    },
    close: () => pool.end(),
  };
}
