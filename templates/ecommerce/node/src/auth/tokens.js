import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * AccessTokens signs and verifies JWTs with HS256 and JWT_SECRET. A token
 * names its user (sub, a string) and when it expires (exp), nothing more:
 * the role is read from the database on every request (middleware.js), so
 * a token issued before a demotion carries no rights the user has lost.
 * verify pins the algorithm, so an "alg": "none" token, or one of any other
 * algorithm, is refused instead of trusted; a token without exp is refused
 * too, since it would never stop working.
 */
export class AccessTokens {
  #secret;

  constructor(secret, ttl, now = () => new Date()) {
    if (!secret) throw new Error('access tokens need a secret');
    // A KeyObject, made once: given the secret as a string, jsonwebtoken
    // first tries to read it as a PEM public key on every call, and that
    // failed attempt (an exception) cost about half of a signed-in request.
    this.#secret = crypto.createSecretKey(Buffer.from(secret, 'utf8'));
    this.ttl = ttl;
    this.now = now;
  }

  issue(user) {
    const iat = Math.floor(this.now().getTime() / 1000);
    return jwt.sign({ sub: String(user.id), iat, exp: iat + Math.round(this.ttl) }, this.#secret, {
      algorithm: 'HS256',
    });
  }

  /** verify returns {id} of a valid token and throws otherwise. */
  verify(token) {
    const claims = jwt.verify(token, this.#secret, {
      algorithms: ['HS256'],
      clockTimestamp: Math.floor(this.now().getTime() / 1000),
    });
    if (typeof claims.exp !== 'number') throw new Error('access token has no expiry');
    const id = Number(claims.sub);
    if (!Number.isSafeInteger(id) || id <= 0) throw new Error('access token has invalid claims');
    return { id };
  }
}
