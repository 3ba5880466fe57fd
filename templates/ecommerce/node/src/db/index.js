// One small interface over SQLite (better-sqlite3) and PostgreSQL (pg), so
// each query is written once, with `?` placeholders and values passed as
// parameters, never pasted into SQL:
//
//   await db.all(sql, params)   rows        await db.get(sql, params)  first row
//   await db.run(sql, params)   { changes } await db.exec(sql)         migrations
//   await db.transaction(async (tx) => ...) tx has all, get, run, exec
//
// A unique-constraint violation is thrown as UniqueViolationError.

export class UniqueViolationError extends Error {
  constructor(cause) {
    super('unique constraint violated', { cause });
    this.name = 'UniqueViolationError';
  }
}

/** openDatabase opens sqlite://<file> (or sqlite::memory:) or postgres://... */
export async function openDatabase(url, options = {}) {
  if (url.startsWith('sqlite:')) {
    const { openSqlite } = await import('./sqlite.js');
    const file = url.replace(/^sqlite:(\/\/)?/, '');
    return openSqlite(file === '' ? ':memory:' : file);
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(url, options);
  }
  throw new Error('DATABASE_URL must start with sqlite:// or postgres://');
}
