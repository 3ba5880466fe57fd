import jwt from 'jsonwebtoken';

/**
 * AccessTokens signs and verifies JWTs with HS256 and JWT_SECRET. The
 * claims carry the user id (sub, a string) and role; verify pins the
 * algorithm, so an "alg": "none" token, or one of any other algorithm, is
 * refused instead of trusted.
 */
export class AccessTokens {
  #secret;

  constructor(secret, ttl, now = () => new Date()) {
    if (!secret) throw new Error('access tokens need a secret');
    this.#secret = secret;
    this.ttl = ttl;
    this.now = now;
  }

  issue(user) {
    const iat = Math.floor(this.now().getTime() / 1000);
    return jwt.sign({ sub: String(user.id), role: user.role, iat, exp: iat + Math.round(this.ttl) }, this.#secret, {
      algorithm: 'HS256',
    });
  }

  /** verify returns {id, role} of a valid token and throws otherwise. */
  verify(token) {
    const claims = jwt.verify(token, this.#secret, {
      algorithms: ['HS256'],
      clockTimestamp: Math.floor(this.now().getTime() / 1000),
    });
    const id = Number(claims.sub);
    if (!Number.isSafeInteger(id) || id <= 0 || !['customer', 'admin'].includes(claims.role)) {
      throw new Error('access token has invalid claims');
    }
    return { id, role: claims.role };
  }
}
