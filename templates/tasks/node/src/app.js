import fs from 'node:fs';
import express from 'express';
import { errorHandler, requestLogger, sendError } from './http.js';
import { silentLogger } from './log.js';
import { health } from './routes/health.js';
// waymark:begin solution auth
import { Passwords } from './auth/passwords.js';
import { AccessTokens } from './auth/tokens.js';
import { authRouter } from './routes/auth.js';
// waymark:stub
// waymark:end
// waymark:begin solution tasks
import { tasksRouter } from './routes/tasks.js';
// waymark:stub
// // The routes of milestones not done yet answer 501 with this.
// import { notImplementedRoutes } from './http.js';
// waymark:end
// waymark:begin solution hardening
import { MAX_BODY_BYTES, refuseUnsafeUrls, securityHeaders } from './hardening.js';
// waymark:stub
// waymark:end

// Read once at start: a request never waits on the disk for it.
const openapi = fs.readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8');

/**
 * createApp builds the Express application: middleware, routes, the JSON
 * 404 and the error handler. It does not listen; server.js does, and the
 * tests hand the app to supertest.
 *
 * @param {object} deps
 * @param {object} deps.config  settings (config.js)
 * @param {object} deps.db      the database adapter (db/index.js)
 * @param {object} [deps.log]   logger (log.js)
 * @param {() => Date} [deps.now] the clock; tests move it
 */
export function createApp({ config, db, log = silentLogger, now = () => new Date() }) {
  const app = express();
  app.disable('x-powered-by'); // do not advertise the framework
  // Behind a reverse proxy the operator runs (TRUST_PROXY=1, as in
  // docker-compose.yml), req.ip is the last X-Forwarded-For hop, the address
  // the proxy saw. Otherwise it is the connection's peer, whatever the
  // headers say.
  if (config.trustProxy) app.set('trust proxy', 1);

  app.use(requestLogger(log));
  // waymark:begin solution hardening
  app.use(securityHeaders);
  app.use(refuseUnsafeUrls);
  const bodyLimit = MAX_BODY_BYTES;
  // waymark:stub
  // // TODO(hardening): security headers on every response, and a 1 MiB body limit (413).
  // const bodyLimit = '100mb';
  // waymark:end
  // Every body is read as JSON, whatever its Content-Type says.
  app.use(express.json({ limit: bodyLimit, type: () => true }));

  app.get('/healthz', health({ db, log }));
  app.get('/openapi.yaml', (req, res) => {
    res.type('application/yaml').send(openapi);
  });

  // waymark:begin solution auth
  const tokens = new AccessTokens(config.jwtSecret, config.accessTokenTtl, now);
  const passwords = new Passwords(config.bcryptCost);
  app.use('/api/auth', authRouter({ db, log, now, tokens, passwords, refreshTtl: config.refreshTokenTtl }));
  // waymark:stub
  // app.use(
  //   '/api/auth',
  //   notImplementedRoutes('auth', [
  //     'POST /register',
  //     'POST /login',
  //     'GET /me',
  //     'DELETE /me',
  //     'POST /password',
  //     'POST /refresh',
  //     'POST /logout',
  //   ]),
  // );
  // waymark:end

  // waymark:begin solution tasks
  app.use('/api/tasks', tasksRouter({ db, tokens, now }));
  // waymark:stub
  // app.use(
  //   '/api/tasks',
  //   notImplementedRoutes('tasks', ['POST /', 'GET /', 'GET /:id', 'PATCH /:id', 'DELETE /:id']),
  // );
  // waymark:end

  app.use((req, res) => sendError(res, 404, 'not found'));
  app.use(errorHandler(log));
  return app;
}
