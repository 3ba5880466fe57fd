// Helpers for the blog's queries, which run unchanged on SQLite and
// PostgreSQL (see index.js).

/** placeholders returns "?, ?, ?" for n values (IN lists). */
export const placeholders = (n) => Array(n).fill('?').join(', ');

/** iso turns a stored time (an ISO string in SQLite, a Date in PostgreSQL) into 2024-05-01T12:30:00.000Z. */
export const iso = (v) => new Date(v).toISOString();
