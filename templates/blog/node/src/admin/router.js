// The admin dashboard under /admin: a session cookie after a form sign-in,
// a CSRF token in every form, and the role checked on every request.
//
// Sign-in (double submit): GET /admin/login puts a random token in the
// blog_login cookie and in the form; POST /admin/login must send both.
// After it, the session row holds its own CSRF token (synchronizer token),
// answered in X-CSRF-Token and in each form's hidden csrf_token input.
import crypto from 'node:crypto';
import cookieParser from 'cookie-parser';
import express from 'express';
import { rejectBadText } from '../http.js';
import { ROLES, canManageUsers } from '../policy.js';
import { checkPassword } from '../routes/users.js';
import { retryAfterSeconds } from '../ratelimit.js';
import * as admin from '../store/admin.js';
import { setRole } from '../store/roles.js';
import { userByEmail, userByUsername } from '../store/users.js';
import * as views from './views.js';

const SESSION_COOKIE = 'blog_admin';
const LOGIN_COOKIE = 'blog_login';

// overTls: the request came over TLS, directly or through the proxy.
// Believing X-Forwarded-Proto without TRUST_PROXY is harmless here: it can
// only make the client's own cookie stricter.
const overTls = (req) => req.secure || req.get('X-Forwarded-Proto') === 'https';

const randomToken = () => crypto.randomBytes(32).toString('hex');
const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');

/** sameToken compares in constant time; an empty or missing token never matches. */
function sameToken(a, b) {
  if (typeof a !== 'string' || typeof b !== 'string' || a === '') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * adminRouter serves the dashboard; mount it at /admin. logins is the
 * LoginGuard shared with the API's login, so that both count against one
 * budget per account.
 */
export function adminRouter({ db, log, passwords, sessionTtl, logins }) {
  const router = express.Router();
  router.use(cookieParser());
  router.use(express.urlencoded({ extended: false, limit: '64kb' }));
  router.use(rejectBadText);
  router.use((req, res, next) => {
    // No scripts at all, styles only from the page itself, forms only to us.
    res.set({
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'Cache-Control': 'no-store',
    });
    next();
  });

  const cookie = (req, res, name, value, maxAgeSeconds) =>
    res.cookie(name, value, {
      path: '/admin',
      httpOnly: true,
      sameSite: 'lax',
      secure: overTls(req),
      maxAge: maxAgeSeconds * 1000,
    });
  const page = (res, status, body) => res.status(status).type('html').send(body);

  /** requireAdmin loads the session, checks the role and, on POST, the CSRF token. */
  const requireAdmin = async (req, res, next) => {
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await admin.sessionByHash(db, sha256(token)) : undefined;
    if (!session) return res.redirect(303, '/admin/login');
    if (!canManageUsers(session.user)) {
      return page(res, 403, views.messagePage({ title: 'Forbidden', message: 'The dashboard is for admins only.' }));
    }
    res.set('X-CSRF-Token', session.csrf);
    if (req.method === 'POST' && !sameToken(req.body?.csrf_token, session.csrf)) {
      const message =
        'This form has expired or was not sent by the dashboard (missing or wrong CSRF token). Reload the page and try again.';
      return page(res, 403, views.messagePage({ title: 'Forbidden', message, session }));
    }
    req.session = session;
    next();
  };

  router.get('/login', (req, res) => {
    const csrf = randomToken();
    cookie(req, res, LOGIN_COOKIE, csrf, 3600);
    res.set('X-CSRF-Token', csrf);
    page(res, 200, views.loginPage({ csrf }));
  });

  router.post('/login', async (req, res) => {
    const csrf = req.cookies[LOGIN_COOKIE];
    if (!sameToken(req.body?.csrf_token, csrf)) {
      const message = 'The sign-in form has expired (missing or wrong CSRF token). Reload it and try again.';
      return page(res, 403, views.messagePage({ title: 'Forbidden', message }));
    }
    const email = String(req.body.email ?? '').trim();
    const again = (status, message) => {
      res.set('X-CSRF-Token', csrf);
      page(res, status, views.loginPage({ csrf, message, email }));
    };
    const user = email ? await userByEmail(db, email) : undefined;
    const password = String(req.body.password ?? '');
    const check = await checkPassword({ logins, passwords }, { email, addr: req.ip, password, user });
    if (check.result === 'limited') {
      res.set('Retry-After', String(retryAfterSeconds(check.retryAfterMs)));
      return again(429, 'Too many failed attempts. Wait a minute and try again.');
    }
    if (check.result === 'wrong') return again(401, 'Wrong email or password.');
    if (!canManageUsers(user)) return again(403, 'The dashboard is for admins only.');

    const token = randomToken();
    const expiresAt = new Date(Date.now() + sessionTtl * 1000);
    await admin.createSession(db, { tokenHash: sha256(token), userId: user.id, csrf: randomToken(), expiresAt });
    cookie(req, res, SESSION_COOKIE, token, sessionTtl);
    log.info('admin signed in', { user: user.username });
    res.redirect(303, '/admin');
  });

  router.use(requireAdmin);

  router.post('/logout', async (req, res) => {
    await admin.deleteSession(db, sha256(req.cookies[SESSION_COOKIE]));
    res.clearCookie(SESSION_COOKIE, { path: '/admin', httpOnly: true, sameSite: 'lax', secure: overTls(req) });
    res.redirect(303, '/admin/login');
  });

  router.get('/', async (req, res) => {
    page(res, 200, views.overviewPage({ session: req.session, counts: await admin.counts(db) }));
  });

  router.get('/users', async (req, res) => {
    page(res, 200, views.usersPage({ session: req.session, users: await admin.users(db), roles: ROLES }));
  });

  router.post('/users/:username/role', async (req, res) => {
    const role = req.body.role;
    if (!ROLES.includes(role)) {
      const message = `The role must be one of ${ROLES.join(', ')}.`;
      return page(res, 422, views.messagePage({ title: 'Invalid role', message, session: req.session }));
    }
    const user = await userByUsername(db, req.params.username);
    if (!user) return notFound(res, req.session);
    if (user.id === req.session.user.id && role !== 'admin') {
      const message = 'You cannot demote yourself; ask another admin.';
      return page(res, 422, views.messagePage({ title: 'Not changed', message, session: req.session }));
    }
    await setRole(db, user.id, role);
    log.info('role changed', { by: req.session.user.username, user: user.username, role });
    res.redirect(303, '/admin/users');
  });

  router.get('/articles', async (req, res) => {
    page(res, 200, views.articlesPage({ session: req.session, articles: await admin.articles(db) }));
  });

  const articleAction = (change) => async (req, res) => {
    if (!(await change(req.params.slug))) return notFound(res, req.session);
    res.redirect(303, '/admin/articles');
  };
  router.post(
    '/articles/:slug/publish',
    articleAction((slug) => admin.setPublished(db, slug, true)),
  );
  router.post(
    '/articles/:slug/unpublish',
    articleAction((slug) => admin.setPublished(db, slug, false)),
  );
  router.post(
    '/articles/:slug/delete',
    articleAction((slug) => admin.deleteArticleBySlug(db, slug)),
  );

  router.get('/comments', async (req, res) => {
    page(res, 200, views.commentsPage({ session: req.session, comments: await admin.comments(db) }));
  });

  router.post('/comments/:id/delete', async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || !(await admin.deleteCommentById(db, id))) return notFound(res, req.session);
    res.redirect(303, '/admin/comments');
  });

  const notFound = (res, session) =>
    page(res, 404, views.messagePage({ title: 'Not found', message: 'There is no such thing (any more).', session }));

  return router;
}
