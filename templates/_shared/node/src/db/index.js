// The database adapter: one small interface over SQLite (better-sqlite3) and
// PostgreSQL (pg), so that the rest of the code writes each query once.
//
// Queries use `?` placeholders; the PostgreSQL adapter rewrites them to $1,
// $2, ... Values are always passed as parameters, never pasted into SQL.
//
//   await db.all(sql, params)    every row, as plain objects
//   await db.get(sql, params)    the first row, or undefined
//   await db.run(sql, params)    { changes, rows }: how many rows were written,
//                                and those a RETURNING clause gave back
//   await db.exec(sql)           several statements, no parameters (migrations)
//   await db.transaction(async (tx) => { ... })   tx has all, get, run and exec
//   await db.close()
//
// A unique constraint violation is thrown as UniqueViolationError, whatever
// the database.

export class UniqueViolationError extends Error {
  constructor(cause) {
    super('unique constraint violated', { cause });
    this.name = 'UniqueViolationError';
  }
}

/**
 * Opens the database that url names: sqlite://<file> (or sqlite::memory:)
 * or postgres://user:pass@host:port/db.
 *
 * @param {string} url
 * @param {{ searchPath?: string }} [options] searchPath: the PostgreSQL schema to use (tests)
 */
export async function openDatabase(url, options = {}) {
  if (url.startsWith('sqlite:')) {
    const { openSqlite } = await import('./sqlite.js');
    return openSqlite(sqlitePath(url));
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(url, options);
  }
  throw new Error(`DATABASE_URL must start with sqlite:// or postgres:// (got ${JSON.stringify(url.split(':')[0])})`);
}

/** sqlitePath turns sqlite://./data/app.db, sqlite:///abs/x.db or sqlite::memory: into a file name. */
export function sqlitePath(url) {
  const rest = url.replace(/^sqlite:(\/\/)?/, '');
  return rest === '' || rest === ':memory:' ? ':memory:' : rest;
}
