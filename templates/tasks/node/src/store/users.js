// Users. Emails are stored lower-cased, so the UNIQUE constraint makes them
// unique case-insensitively.

/** createUser stores a user; a taken email throws UniqueViolationError. */
export async function createUser(db, email, passwordHash, now) {
  const { rows } = await db.run('INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?) RETURNING id', [
    email,
    passwordHash,
    now.toISOString(),
  ]);
  return { id: rows[0].id, email };
}

/** userByEmail returns { id, email, password_hash }, or undefined. */
export function userByEmail(db, email) {
  return db.get('SELECT id, email, password_hash FROM users WHERE email = ?', [email]);
}

/** userById returns { id, email }, or undefined. */
export function userById(db, id) {
  return db.get('SELECT id, email FROM users WHERE id = ?', [id]);
}
