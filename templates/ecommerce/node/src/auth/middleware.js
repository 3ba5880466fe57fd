import { sendError } from '../http.js';

/** signedIn accepts a request only with a valid "Authorization: Bearer <token>" and sets req.user = {id, role}. */
export function signedIn(tokens) {
  return (req, res, next) => {
    const [scheme, token] = (req.get('Authorization') ?? '').split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      res.set('WWW-Authenticate', 'Bearer realm="shop"');
      return sendError(res, 401, 'missing bearer token');
    }
    try {
      req.user = tokens.verify(token.trim());
    } catch {
      res.set('WWW-Authenticate', 'Bearer realm="shop", error="invalid_token"');
      return sendError(res, 401, 'invalid or expired access token');
    }
    next();
  };
}

/** adminOnly: 401 without a valid token, 403 for a signed-in user who is not an admin. */
export function adminOnly(tokens) {
  const auth = signedIn(tokens);
  return (req, res, next) =>
    auth(req, res, () => (req.user.role === 'admin' ? next() : sendError(res, 403, 'admins only')));
}
