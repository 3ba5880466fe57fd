import { UniqueViolationError } from '../db/index.js';

export const ROLES = ['customer', 'admin'];

/** publicUser is what the API shows of a user: never the password hash. */
export const publicUser = ({ id, email, role, created_at }) => ({ id, email, role, created_at });

/** createUser inserts a user, or returns undefined when the email is taken. */
export async function createUser(db, { email, passwordHash, role = 'customer' }, now = new Date()) {
  try {
    const { rows } = await db.run(
      'INSERT INTO users (email, password_hash, role, created_at) VALUES (?, ?, ?, ?) RETURNING id',
      [email, passwordHash, role, now.toISOString()],
    );
    return userById(db, rows[0].id);
  } catch (err) {
    if (err instanceof UniqueViolationError) return undefined;
    throw err;
  }
}

export const userByEmail = (db, email) =>
  db.get('SELECT id, email, password_hash, role, created_at FROM users WHERE email = ?', [email]);

export const userById = (db, id) =>
  db.get('SELECT id, email, password_hash, role, created_at FROM users WHERE id = ?', [id]);

/**
 * ensureAdmin creates the configured admin at start. It answers 'created'
 * or 'exists'; an existing account of that email that is not an admin is
 * an error (promoting it silently would hand the shop to whoever
 * registered that email first).
 */
export async function ensureAdmin(db, email, passwordHash) {
  if (await createUser(db, { email, passwordHash, role: 'admin' })) return 'created';
  const user = await userByEmail(db, email);
  if (user?.role !== 'admin') throw new Error(`ADMIN_EMAIL ${email} belongs to a customer account`);
  return 'exists';
}

/** setRole gives user id the role and answers the user, or undefined when there is none. */
export async function setRole(db, id, role) {
  const { changes } = await db.run('UPDATE users SET role = ? WHERE id = ?', [role, id]);
  return changes === 0 ? undefined : userById(db, id);
}
