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

/** passwordHashOf returns the password hash of user id, or undefined. */
export async function passwordHashOf(db, id) {
  return (await db.get('SELECT password_hash FROM users WHERE id = ?', [id]))?.password_hash;
}

/** deleteUser deletes a user; their tasks and refresh tokens go with them (ON DELETE CASCADE). */
export async function deleteUser(db, id) {
  const { changes } = await db.run('DELETE FROM users WHERE id = ?', [id]);
  return changes > 0;
}

/**
 * changePassword stores a user's new password hash and revokes every one
 * of their refresh tokens, in one transaction: whoever knew the old
 * password cannot stay signed in with a session it started. It reports
 * whether the user exists.
 */
export function changePassword(db, id, passwordHash, now) {
  return db.transaction(async (tx) => {
    const { changes } = await tx.run('UPDATE users SET password_hash = ? WHERE id = ?', [passwordHash, id]);
    if (changes === 0) return false;
    await tx.run('UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [
      now.toISOString(),
      id,
    ]);
    return true;
  });
}
