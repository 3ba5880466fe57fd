import bcrypt from 'bcryptjs';

/** Password rules: at least 8 characters, at most 72 bytes (bcrypt ignores the rest). */
export const MIN_PASSWORD_CHARS = 8;
export const MAX_PASSWORD_BYTES = 72;

/**
 * Passwords hashes and verifies passwords with bcrypt: slow on purpose, and
 * salted, so a leaked database does not give the passwords away.
 */
export class Passwords {
  #dummy;

  constructor(cost = 10) {
    this.cost = cost;
  }

  hash(password) {
    return bcrypt.hash(password, this.cost);
  }

  /**
   * verify reports whether password matches hash. Without a hash (unknown
   * email) it still spends the time of a real check, so that answer times
   * do not tell which emails have accounts.
   */
  async verify(hash, password) {
    if (!hash) {
      this.#dummy ??= await bcrypt.hash('not a real password', this.cost);
      await bcrypt.compare(password, this.#dummy);
      return false;
    }
    return bcrypt.compare(password, hash);
  }
}
