import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * Tokens signs and verifies the API's HS256 JWTs. Claims: sub (the user id),
 * iat, exp (always) and ver, the user's token version when it was issued: a
 * password change raises the version and so ends every earlier token. No
 * role: the role is read from the database on every request.
 */
export class Tokens {
  constructor(secret, ttlSeconds) {
    if (!secret) throw new Error('empty JWT secret');
    if (!(ttlSeconds > 0)) throw new Error('the token lifetime must be positive');
    // A KeyObject, made once: given the secret as a string, jsonwebtoken
    // first tries to read it as a PEM public key on every call, and that
    // failed attempt (an exception) cost about half of a signed-in request.
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
    this.ttl = ttlSeconds;
  }

  sign(userId, version) {
    return jwt.sign({ ver: version }, this.secret, {
      algorithm: 'HS256',
      subject: String(userId),
      expiresIn: this.ttl,
    });
  }

  /**
   * verify returns { id, version }, or undefined for a malformed, forged or
   * expired token, and for one without exp or ver: jsonwebtoken accepts a
   * token without exp, which would then be valid forever.
   */
  verify(token) {
    try {
      // Pin the algorithm: never let the token choose ("none", RS256 with our secret as a key...).
      const { sub, exp, ver } = jwt.verify(token, this.secret, { algorithms: ['HS256'] });
      const id = Number(sub);
      if (!Number.isSafeInteger(id) || id <= 0 || typeof exp !== 'number' || !Number.isSafeInteger(ver))
        return undefined;
      return { id, version: ver };
    } catch {
      return undefined;
    }
  }
}
