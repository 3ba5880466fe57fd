import { sendError } from '../http.js';
import { publicUser, userById } from '../store/users.js';

/**
 * signedIn accepts a request only with a valid "Authorization: Bearer
 * <token>" of a user who still exists, and sets req.user to that user as
 * the database has it now ({id, email, role, created_at}). The user is read
 * on every request, so a role change or a deleted account takes effect at
 * once, whatever tokens are still around.
 */
export function signedIn(tokens, db) {
  const refuse = (res, message) => {
    res.set('WWW-Authenticate', 'Bearer realm="shop", error="invalid_token"');
    return sendError(res, 401, message);
  };
  return async (req, res, next) => {
    const [scheme, token] = (req.get('Authorization') ?? '').split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      res.set('WWW-Authenticate', 'Bearer realm="shop"');
      return sendError(res, 401, 'missing bearer token');
    }
    let id;
    try {
      ({ id } = tokens.verify(token.trim()));
    } catch {
      return refuse(res, 'invalid or expired access token');
    }
    const user = await userById(db, id);
    if (!user) return refuse(res, 'invalid or expired access token');
    req.user = publicUser(user);
    next();
  };
}

/** adminOnly: 401 without a valid token, 403 for a signed-in user who is not an admin (now). */
export function adminOnly(tokens, db) {
  const auth = signedIn(tokens, db);
  return (req, res, next) =>
    auth(req, res, () => (req.user.role === 'admin' ? next() : sendError(res, 403, 'admins only')));
}
