import bcrypt from 'bcryptjs';

/** Passwords hashes with bcrypt at cost (BCRYPT_COST, 10 by default). */
export class Passwords {
  constructor(cost = 10) {
    this.cost = cost;
  }

  hash(password) {
    return bcrypt.hash(password, this.cost);
  }

  verify(password, hash) {
    return bcrypt.compare(password, hash);
  }
}

// Compared against when the email is unknown, so that an unknown email
// takes as long as a wrong password and does not give itself away.
export const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 4);
