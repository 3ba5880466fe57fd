// Accounts and their sessions. A session token is random and opaque: the
// database keeps only its SHA-256, so a leaked table leaks no usable token.
import { UniqueViolationError } from '../db/index.js';

export class UsernameTakenError extends Error {}

/** createUser adds an account; throws UsernameTakenError when the name is taken. */
export async function createUser(db, { username, passwordHash, now }) {
  const createdAt = now.toISOString();
  try {
    const { rows } = await db.run(
      'INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?) RETURNING id',
      [username, passwordHash, createdAt],
    );
    return { id: Number(rows[0].id), username, created_at: createdAt };
  } catch (err) {
    if (err instanceof UniqueViolationError) throw new UsernameTakenError('username is taken');
    throw err;
  }
}

/** userByUsername returns { user, passwordHash }, or undefined. */
export async function userByUsername(db, username) {
  const row = await db.get('SELECT id, username, password_hash, created_at FROM users WHERE username = ?', [username]);
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export async function createSession(db, { userId, tokenHash, expiresAt, now }) {
  await db.run('INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)', [
    tokenHash,
    userId,
    expiresAt.toISOString(),
    now.toISOString(),
  ]);
}

/** userBySession returns the owner of an unexpired session, or undefined. */
export async function userBySession(db, tokenHash, now) {
  const row = await db.get(
    `SELECT u.id, u.username, u.created_at
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND s.expires_at > ?`,
    [tokenHash, now.toISOString()],
  );
  return row && toUser(row);
}

export async function deleteSession(db, tokenHash) {
  await db.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
}

function toUser(row) {
  return { id: Number(row.id), username: row.username, created_at: iso(row.created_at) };
}

/** iso turns a column time (TEXT in SQLite, a Date from PostgreSQL) into ISO 8601 text. */
export function iso(v) {
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}
