// Session tokens: 32 random bytes, handed to the client once, stored only as
// their SHA-256. Every instance reads the same sessions table, so a token
// works on all of them.
import crypto from 'node:crypto';
import { sendError } from '../http.js';
import { userBySession } from '../store/users.js';

export const newToken = () => crypto.randomBytes(32).toString('base64url');

export const hashToken = (token) => crypto.createHash('sha256').update(token).digest('hex');

/** bearerToken is the token of "Authorization: Bearer <token>", or ''. */
export function bearerToken(header = '') {
  const [scheme, token] = header.split(' ', 2);
  return scheme?.toLowerCase() === 'bearer' && token ? token.trim() : '';
}

/** userForToken finds the user of a token: undefined for a missing, unknown or expired one. */
export async function userForToken(db, token, now) {
  if (!token) return undefined;
  return userBySession(db, hashToken(token), now());
}

/**
 * requireUser answers 401 unless the request carries a valid bearer token,
 * and sets req.user for the handlers after it.
 */
export function requireUser({ db, now }) {
  return async (req, res, next) => {
    const user = await userForToken(db, bearerToken(req.get('Authorization')), now);
    if (!user) {
      res.set('WWW-Authenticate', 'Bearer realm="chat"');
      return sendError(res, 401, 'missing or invalid token');
    }
    req.user = user;
    next();
  };
}
