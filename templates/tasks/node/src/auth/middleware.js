import { sendError } from '../http.js';
import { userById } from '../store/users.js';

/**
 * requireAuth lets a request through only with a valid access token in
 * "Authorization: Bearer <token>" whose user still exists, and sets
 * req.user ({ id, email }) and req.userId; otherwise it answers 401. The
 * user is read on every request: a token proves who it was issued to, not
 * that they still have an account.
 *
 * @param {object} deps
 * @param {import('./tokens.js').AccessTokens} deps.tokens
 * @param {object} deps.db
 */
export function requireAuth({ tokens, db }) {
  return async (req, res, next) => {
    const [scheme, token] = (req.get('Authorization') ?? '').split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      res.set('WWW-Authenticate', 'Bearer realm="tasks"');
      return sendError(res, 401, 'missing bearer token');
    }
    let userId;
    try {
      userId = tokens.verify(token.trim());
    } catch {
      res.set('WWW-Authenticate', 'Bearer realm="tasks", error="invalid_token"');
      return sendError(res, 401, 'invalid or expired access token');
    }
    const user = await userById(db, userId);
    if (!user) {
      res.set('WWW-Authenticate', 'Bearer realm="tasks", error="invalid_token"');
      return sendError(res, 401, 'this account no longer exists');
    }
    req.user = user;
    req.userId = user.id;
    next();
  };
}
