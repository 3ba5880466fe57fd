import { sendError } from '../http.js';

/**
 * requireAuth lets a request through only with a valid access token in
 * "Authorization: Bearer <token>", and sets req.userId; otherwise it
 * answers 401.
 */
export function requireAuth(tokens) {
  return (req, res, next) => {
    const [scheme, token] = (req.get('Authorization') ?? '').split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      res.set('WWW-Authenticate', 'Bearer realm="tasks"');
      return sendError(res, 401, 'missing bearer token');
    }
    try {
      req.userId = tokens.verify(token.trim());
    } catch {
      res.set('WWW-Authenticate', 'Bearer realm="tasks", error="invalid_token"');
      return sendError(res, 401, 'invalid or expired access token');
    }
    next();
  };
}
