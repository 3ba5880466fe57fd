import { fail } from '../http.js';
import { userById } from '../store/users.js';

/**
 * authenticate reads "Authorization: Token <jwt>" (or Bearer) and loads the
 * user on every request, so that a deleted account, a role change or a
 * password change (a new token version) applies to existing tokens at once.
 * The role is the database's; tokens carry none. With required, no token is
 * 401; a bad token is 401 either way.
 */
export function authenticate({ db, tokens }, { required }) {
  return async (req, res, next) => {
    const header = req.get('Authorization');
    if (!header) return required ? fail(res, 401, 'missing authorization token') : next();
    const [scheme, token] = header.split(' ');
    const claims = /^(Token|Bearer)$/i.test(scheme) && token ? tokens.verify(token) : undefined;
    const user = claims && (await userById(db, claims.id));
    if (!user || user.tokenVersion !== claims.version) return fail(res, 401, 'invalid or expired token');
    req.user = user;
    next();
  };
}
