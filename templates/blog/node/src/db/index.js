// One small interface over SQLite (better-sqlite3) and PostgreSQL (pg), so
// that every query is written once, with `?` placeholders:
//
//   await db.all(sql, params)   every row     await db.get(sql, params)  the first row
//   await db.run(sql, params)   { changes }   await db.exec(sql)         a script (migrations)
//   await db.transaction(async (tx) => ...)   tx has the same four methods
//
// A unique constraint violation is thrown as UniqueViolationError on both.

export class UniqueViolationError extends Error {
  constructor(cause) {
    super('unique constraint violated', { cause });
    this.name = 'UniqueViolationError';
  }
}

/**
 * openDatabase opens sqlite://<file> (or sqlite::memory:) or postgres://...
 * @param {{ searchPath?: string }} [options] the PostgreSQL schema to use (tests)
 */
export async function openDatabase(url, options = {}) {
  if (url.startsWith('sqlite:')) {
    const { openSqlite } = await import('./sqlite.js');
    return openSqlite(url.replace(/^sqlite:(\/\/)?/, '') || ':memory:');
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(url, options);
  }
  throw new Error('DATABASE_URL must start with sqlite:// or postgres://');
}

/** placeholders returns "?, ?, ?" for n values (IN lists). */
export const placeholders = (n) => Array(n).fill('?').join(', ');

/** iso turns a stored time (an ISO string in SQLite, a Date in PostgreSQL) into 2024-05-01T12:30:00.000Z. */
export const iso = (v) => new Date(v).toISOString();
