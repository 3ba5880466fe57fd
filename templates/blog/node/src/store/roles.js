// Roles: changing one, and the first admin from ADMIN_EMAIL at start.
import crypto from 'node:crypto';
import { createUser, userByEmail, userByUsername, userById } from './users.js';

export async function setRole(db, userId, role) {
  await db.run('UPDATE users SET role = ? WHERE id = ?', [role, userId]);
  return userById(db, userId);
}

/**
 * ensureAdmin makes the user with email an admin: it promotes them if they
 * exist (their password stays theirs) and creates them otherwise, named
 * username (or username-xxxx when someone has that name).
 * @returns {Promise<'created'|'promoted'|'unchanged'>}
 */
export async function ensureAdmin(db, { email, passwordHash, username }) {
  const existing = await userByEmail(db, email);
  if (existing) {
    if (existing.role === 'admin') return 'unchanged';
    await setRole(db, existing.id, 'admin');
    return 'promoted';
  }
  const name = (await userByUsername(db, username)) ? `${username}-${crypto.randomBytes(2).toString('hex')}` : username;
  await createUser(db, { username: name, email, passwordHash: await passwordHash(), role: 'admin' });
  return 'created';
}
