import jwt from 'jsonwebtoken';

/** Tokens signs and verifies the API's HS256 JWTs; the subject is the user id. */
export class Tokens {
  constructor(secret, ttlSeconds) {
    this.secret = secret;
    this.ttl = ttlSeconds;
  }

  sign(userId) {
    return jwt.sign({}, this.secret, { algorithm: 'HS256', subject: String(userId), expiresIn: this.ttl });
  }

  /** verify returns the user id, or undefined for a malformed, forged or expired token. */
  verify(token) {
    try {
      // Pin the algorithm: never let the token choose ("none", RS256 with our secret as a key...).
      const { sub } = jwt.verify(token, this.secret, { algorithms: ['HS256'] });
      const id = Number(sub);
      return Number.isSafeInteger(id) && id > 0 ? id : undefined;
    } catch {
      return undefined;
    }
  }
}
