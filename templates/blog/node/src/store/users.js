// The users table. Emails are stored lower-cased; password hashes never
// leave this file except through passwordHash for the login check.

const COLUMNS = 'id, username, email, password_hash, bio, image, role, token_version';

const toUser = (r) =>
  r && {
    id: Number(r.id),
    username: r.username,
    email: r.email,
    passwordHash: r.password_hash,
    bio: r.bio,
    image: r.image,
    role: r.role,
    tokenVersion: Number(r.token_version),
  };

export async function userById(db, id) {
  return toUser(await db.get(`SELECT ${COLUMNS} FROM users WHERE id = ?`, [id]));
}

export async function userByEmail(db, email) {
  return toUser(await db.get(`SELECT ${COLUMNS} FROM users WHERE email = ?`, [email.toLowerCase()]));
}

export async function userByUsername(db, username) {
  return toUser(await db.get(`SELECT ${COLUMNS} FROM users WHERE username = ?`, [username]));
}

/** takenFields returns {email: [...], username: [...]} for the values another user already has. */
export async function takenFields(db, { email, username }, exceptId = 0) {
  const errors = {};
  const rows = await db.all('SELECT email, username FROM users WHERE (email = ? OR username = ?) AND id <> ?', [
    (email ?? '').toLowerCase(),
    username ?? '',
    exceptId,
  ]);
  for (const r of rows) {
    if (email && r.email === email.toLowerCase()) errors.email = ['has already been taken'];
    if (username && r.username === username) errors.username = ['has already been taken'];
  }
  return errors;
}

export async function createUser(db, { username, email, passwordHash, role = 'author' }) {
  const row = await db.get(
    `INSERT INTO users (username, email, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
    [username, email.toLowerCase(), passwordHash, role, new Date().toISOString()],
  );
  return toUser(row);
}

/**
 * updateUser changes the fields given (username, email, passwordHash, bio,
 * image) and returns the user. A new passwordHash also ends every session
 * of the user, in the same transaction: it raises the token version, so that
 * no earlier token verifies, and deletes their dashboard sessions.
 */
export async function updateUser(db, id, fields) {
  const columns = { username: 'username', email: 'email', passwordHash: 'password_hash', bio: 'bio', image: 'image' };
  const sets = [];
  const params = [];
  for (const [key, column] of Object.entries(columns)) {
    if (fields[key] === undefined) continue;
    sets.push(`${column} = ?`);
    params.push(key === 'email' ? fields[key].toLowerCase() : (fields[key] ?? ''));
  }
  const newPassword = fields.passwordHash !== undefined;
  if (newPassword) sets.push('token_version = token_version + 1');
  if (sets.length > 0) {
    await db.transaction(async (tx) => {
      await tx.run(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
      if (newPassword) await tx.run('DELETE FROM admin_sessions WHERE user_id = ?', [id]);
    });
  }
  return userById(db, id);
}

/** userJson is the RealWorld user with this project's role: never the hash. */
export function userJson(user, token) {
  return { email: user.email, token, username: user.username, bio: user.bio, image: user.image, role: user.role };
}
