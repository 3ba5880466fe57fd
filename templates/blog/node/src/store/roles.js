// Roles: changing one, and the first admin from ADMIN_EMAIL at start.
import crypto from 'node:crypto';
import { createUser, userByEmail, userByUsername, userById } from './users.js';

export async function setRole(db, userId, role) {
  await db.run('UPDATE users SET role = ? WHERE id = ?', [role, userId]);
  return userById(db, userId);
}

/**
 * ensureAdmin creates the admin with email, named username (or
 * username-xxxxxx when someone has that name), when no account has the
 * email. An existing account is never changed: 'unchanged' when it is an
 * admin already, 'refused' when it is not, because whoever registered it
 * chose its password; promoting it would hand the dashboard to a stranger
 * who signed up with the operator's address first.
 * @returns {Promise<'created'|'unchanged'|'refused'>}
 */
export async function ensureAdmin(db, { email, passwordHash, username }) {
  const existing = await userByEmail(db, email);
  if (existing) return existing.role === 'admin' ? 'unchanged' : 'refused';
  const name = (await userByUsername(db, username)) ? `${username}-${crypto.randomBytes(3).toString('hex')}` : username;
  await createUser(db, { username: name, email, passwordHash: await passwordHash(), role: 'admin' });
  return 'created';
}
