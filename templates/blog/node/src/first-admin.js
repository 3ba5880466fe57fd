// The first admin, from ADMIN_EMAIL and ADMIN_PASSWORD, at every start.
import { Passwords } from './auth/passwords.js';
import { ensureAdmin } from './store/roles.js';

/**
 * ensureFirstAdmin creates the admin when config sets one and no account
 * has its email, and logs what it did. An existing non-admin account with
 * that email is left alone ('refused') and the log says what the operator
 * can do; the server starts anyway, so that a stranger's sign-up cannot keep
 * it down.
 * @returns {Promise<'created'|'unchanged'|'refused'|'none'>}
 */
export async function ensureFirstAdmin({ db, config, log }) {
  if (!config.adminEmail || !config.adminPassword) return 'none';
  const passwords = new Passwords(config.bcryptCost);
  const email = config.adminEmail.trim().toLowerCase();
  const result = await ensureAdmin(db, {
    email,
    username: config.adminUsername ?? 'admin',
    passwordHash: () => passwords.hash(config.adminPassword),
  });
  if (result === 'refused') {
    log.error(
      'ADMIN_EMAIL belongs to an account that is not an admin, so it was not promoted: whoever registered it ' +
        'chose its password. If the account is yours, set ADMIN_EMAIL to an address no account has, restart, ' +
        'sign in to /admin as that new admin and give this account the admin role on the Users page; if it is ' +
        'not yours, delete it or choose another ADMIN_EMAIL',
      { email },
    );
  } else {
    log.info('first admin', { email, result });
  }
  return result;
}
