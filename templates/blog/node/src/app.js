import express from 'express';
import { errorHandler, fail, rejectBadText, requestLogger } from './http.js';
import { silentLogger } from './log.js';
import { health } from './routes/health.js';
// waymark:begin solution accounts
import { Passwords } from './auth/passwords.js';
import { Tokens } from './auth/tokens.js';
import { LoginGuard, PERIOD_MS, REGISTRATIONS_PER_ADDRESS, TokenBucket } from './ratelimit.js';
import { usersRouter } from './routes/users.js';
// waymark:stub
// waymark:end
// waymark:begin solution articles
import { articlesRouter } from './routes/articles.js';
// waymark:stub
// waymark:end
// waymark:begin solution social
import { socialRouter } from './routes/social.js';
// waymark:stub
// waymark:end
// waymark:begin solution roles
import { rolesRouter } from './routes/roles.js';
// waymark:stub
// waymark:end
// waymark:begin solution admin
import { adminRouter } from './admin/router.js';
// waymark:stub
// import { notBuiltPage } from './admin/views.js';
// // The routes of milestones not done yet answer 501 with this.
// import { notImplementedRoutes } from './http.js';
// waymark:end

/**
 * createApp builds the Express application: the RealWorld API under /api,
 * the dashboard under /admin, the 404 and the error handler. It does not
 * listen; server.js does, and the tests hand it to supertest.
 *
 * @param {object} deps
 * @param {object} deps.config  settings (config.js)
 * @param {object} deps.db      the database adapter (db/index.js)
 * @param {object} [deps.log]   logger (log.js)
 * @param {() => Date} [deps.now] the clock of the login and sign-up limits; tests move it
 */
export function createApp({ config, db, log = silentLogger, now = () => new Date() }) {
  const app = express();
  app.disable('x-powered-by');
  // Behind nginx (deploy/nginx.conf) with TRUST_PROXY=1, req.ip is the last
  // X-Forwarded-For hop: the address the proxy saw. Otherwise it is the
  // peer, and the header, which any client can send, changes nothing.
  if (config.trustProxy) app.set('trust proxy', 1);
  app.use(requestLogger(log));
  app.use((req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY' });
    next();
  });

  app.get('/healthz', health({ db, log }));

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(rejectBadText);
  // waymark:begin solution accounts
  const tokens = new Tokens(config.jwtSecret, config.tokenTtl);
  const passwords = new Passwords(config.bcryptCost);
  // One login budget for the API, the dashboard and current-password checks.
  const logins = new LoginGuard(now);
  const signups = new TokenBucket(REGISTRATIONS_PER_ADDRESS, PERIOD_MS, now);
  api.use(usersRouter({ db, log, tokens, passwords, logins, signups }));
  // waymark:stub
  // api.use(notImplementedRoutes('accounts', ['POST /users', 'POST /users/login', 'GET /user', 'PUT /user']));
  // waymark:end
  // Before the articles: /articles/feed is not an article's slug.
  // waymark:begin solution social
  api.use(socialRouter({ db, tokens }));
  // waymark:stub
  // api.use(
  //   notImplementedRoutes('social', [
  //     'GET /profiles/:username',
  //     'POST /profiles/:username/follow',
  //     'DELETE /profiles/:username/follow',
  //     'GET /articles/feed',
  //     'POST /articles/:slug/favorite',
  //     'DELETE /articles/:slug/favorite',
  //     'GET /articles/:slug/comments',
  //     'POST /articles/:slug/comments',
  //     'DELETE /articles/:slug/comments/:id',
  //     'GET /tags',
  //   ]),
  // );
  // waymark:end
  // waymark:begin solution articles
  api.use(articlesRouter({ db, tokens }));
  // waymark:stub
  // api.use(
  //   notImplementedRoutes('articles', [
  //     'GET /articles',
  //     'POST /articles',
  //     'GET /articles/:slug',
  //     'PUT /articles/:slug',
  //     'DELETE /articles/:slug',
  //   ]),
  // );
  // waymark:end
  // waymark:begin solution roles
  api.use(rolesRouter({ db, log, tokens }));
  // waymark:stub
  // api.use(notImplementedRoutes('roles', ['PUT /admin/users/:username/role']));
  // waymark:end
  app.use('/api', api);

  // waymark:begin solution admin
  app.use('/admin', adminRouter({ db, log, passwords, sessionTtl: config.sessionTtl, logins }));
  // waymark:stub
  // // The pages say they are not built yet; the forms answer 501.
  // app.get(['/admin', '/admin/login', '/admin/users', '/admin/articles', '/admin/comments'], (req, res) =>
  //   res.status(501).type('html').send(notBuiltPage({ milestone: 'admin' })),
  // );
  // app.use(
  //   '/admin',
  //   notImplementedRoutes('admin', [
  //     'POST /login',
  //     'POST /logout',
  //     'POST /users/:username/role',
  //     'POST /articles/:slug/publish',
  //     'POST /articles/:slug/unpublish',
  //     'POST /articles/:slug/delete',
  //     'POST /comments/:id/delete',
  //   ]),
  // );
  // waymark:end

  app.use((req, res) => fail(res, 404, 'not found'));
  app.use(errorHandler(log));
  return app;
}
