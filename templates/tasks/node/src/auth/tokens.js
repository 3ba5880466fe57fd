import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * AccessTokens issues and verifies short-lived access tokens: JWTs signed
 * with HS256 and the server's secret, with the claims sub (the user id, as
 * a string), iat and exp.
 */
export class AccessTokens {
  #secret;

  /**
   * @param {string} secret JWT_SECRET
   * @param {number} ttl    lifetime in seconds
   * @param {() => Date} now
   */
  constructor(secret, ttl, now = () => new Date()) {
    if (!secret) throw new Error('access tokens need a secret');
    // A KeyObject, made once: given the secret as a string, jsonwebtoken
    // first tries to read it as a PEM public key on every call, and that
    // failed attempt (an exception) cost about half of a signed-in request.
    this.#secret = crypto.createSecretKey(Buffer.from(secret, 'utf8'));
    this.ttl = ttl;
    this.now = now;
  }

  /** issue returns a new access token for userId and its lifetime in seconds. */
  issue(userId) {
    const iat = Math.floor(this.now().getTime() / 1000);
    const exp = iat + Math.round(this.ttl);
    const token = jwt.sign({ sub: String(userId), iat, exp }, this.#secret, { algorithm: 'HS256' });
    return { token, expiresIn: exp - iat };
  }

  /**
   * verify returns the user id of a valid token and throws otherwise. The
   * algorithm is pinned: a token whose header says "alg": "none", or any
   * other algorithm, is refused instead of trusted. A token without exp is
   * refused too: jsonwebtoken would accept it, valid forever.
   */
  verify(token) {
    const claims = jwt.verify(token, this.#secret, {
      algorithms: ['HS256'],
      clockTimestamp: Math.floor(this.now().getTime() / 1000),
    });
    if (typeof claims.exp !== 'number') throw new Error('access token has no expiry');
    const id = Number(claims.sub);
    if (typeof claims.sub !== 'string' || !Number.isSafeInteger(id) || id <= 0) {
      throw new Error('access token has no valid subject');
    }
    return id;
  }
}

/**
 * newRefreshToken returns a new opaque refresh token for the client and the
 * hash the server stores in its place. 32 random bytes cannot be guessed,
 * so a fast hash is enough here (unlike passwords, which people choose).
 */
export function newRefreshToken() {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

/** hashRefreshToken returns the stored form of a refresh token: hex SHA-256. */
export function hashRefreshToken(token) {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** newTokenFamily returns a random id for the refresh tokens one login starts. */
export function newTokenFamily() {
  return crypto.randomBytes(16).toString('hex');
}
