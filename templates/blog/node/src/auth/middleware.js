import { fail } from '../http.js';
import { userById } from '../store/users.js';

/**
 * authenticate reads "Authorization: Token <jwt>" (or Bearer) and loads the
 * user on every request, so that a role change applies to existing tokens at
 * once. With required, no token is 401; a bad token is 401 either way.
 */
export function authenticate({ db, tokens }, { required }) {
  return async (req, res, next) => {
    const header = req.get('Authorization');
    if (!header) return required ? fail(res, 401, 'missing authorization token') : next();
    const [scheme, token] = header.split(' ');
    const id = /^(Token|Bearer)$/i.test(scheme) && token ? tokens.verify(token) : undefined;
    const user = id && (await userById(db, id));
    if (!user) return fail(res, 401, 'invalid or expired token');
    req.user = user;
    next();
  };
}
