import bcrypt from 'bcryptjs';

/** Passwords: at least 8 characters and at most 72 bytes (bcrypt ignores the rest). */
export const MIN_PASSWORD_CHARS = 8;
export const MAX_PASSWORD_BYTES = 72;

/** Passwords hashes with bcrypt: slow on purpose and salted. */
export class Passwords {
  #dummy;

  constructor(cost = 10) {
    this.cost = cost;
  }

  hash(password) {
    return bcrypt.hash(password, this.cost);
  }

  /** verify compares; without a hash (unknown email) it spends the same time, so timing tells nothing. */
  async verify(hash, password) {
    if (hash) return bcrypt.compare(password, hash);
    this.#dummy ??= await bcrypt.hash('no such user', this.cost);
    await bcrypt.compare(password, this.#dummy);
    return false;
  }
}
