// Refresh tokens, stored as SHA-256 hashes. Every login starts a family;
// each refresh rotates the presented token (rotated_at) and adds the next
// one to the same family. A rotated token presented again means somebody
// holds a copy: the whole family is revoked.

/** RefreshTokenError: "invalid" (unknown, expired, revoked) or "reused" (already rotated). */
export class RefreshTokenError extends Error {
  constructor(reason) {
    super(`refresh token is ${reason}`);
    this.name = 'RefreshTokenError';
    this.reason = reason;
  }
}

/** createRefreshToken stores { userId, familyId, hash, expiresAt }. */
export function createRefreshToken(db, { userId, familyId, hash, expiresAt }, now) {
  return db.run(
    `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?)`,
    [userId, familyId, hash, expiresAt.toISOString(), now.toISOString()],
  );
}

/**
 * rotateRefreshToken exchanges the token whose hash is presentedHash for
 * next ({ hash, expiresAt }; user and family are copied) and returns the
 * user id. It throws RefreshTokenError("reused") after revoking the family
 * when the token was already rotated, and RefreshTokenError("invalid") for
 * unknown, expired and revoked tokens.
 */
export async function rotateRefreshToken(db, presentedHash, next, now) {
  const outcome = await db.transaction(async (tx) => {
    const row = await tx.get(
      `SELECT id, user_id, family_id, expires_at, rotated_at, revoked_at
       FROM refresh_tokens WHERE token_hash = ?`,
      [presentedHash],
    );
    if (!row || row.revoked_at !== null) return { error: 'invalid' };
    if (row.rotated_at !== null) {
      await revokeFamily(tx, row.family_id, now);
      return { error: 'reused' }; // commit the revocation, then refuse
    }
    if (new Date(row.expires_at) <= now) return { error: 'invalid' };

    // The condition on rotated_at makes the rotation atomic: of two
    // concurrent refreshes with the same token only one updates the row.
    const { changes } = await tx.run(
      'UPDATE refresh_tokens SET rotated_at = ? WHERE id = ? AND rotated_at IS NULL AND revoked_at IS NULL',
      [now.toISOString(), row.id],
    );
    if (changes !== 1) {
      await revokeFamily(tx, row.family_id, now);
      return { error: 'reused' };
    }
    await createRefreshToken(tx, { ...next, userId: row.user_id, familyId: row.family_id }, now);
    return { userId: row.user_id };
  });
  if (outcome.error) throw new RefreshTokenError(outcome.error);
  return outcome.userId;
}

/**
 * revokeRefreshFamily revokes the token whose hash is presentedHash and
 * every token of its family: logging out ends the whole session. An unknown
 * or already revoked token is not an error; logging out twice is harmless.
 */
export function revokeRefreshFamily(db, presentedHash, now) {
  return db.transaction(async (tx) => {
    const row = await tx.get('SELECT family_id FROM refresh_tokens WHERE token_hash = ?', [presentedHash]);
    if (row) await revokeFamily(tx, row.family_id, now);
  });
}

function revokeFamily(tx, familyId, now) {
  return tx.run('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL', [
    now.toISOString(),
    familyId,
  ]);
}
