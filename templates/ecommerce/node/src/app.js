import fs from 'node:fs';
import express from 'express';
import { errorHandler, refuseNul, requestLogger, sendError } from './http.js';
import { silentLogger } from './log.js';
import { health } from './routes/health.js';
// waymark:begin solution catalog
import { catalogRouter } from './routes/catalog.js';
// waymark:stub
// waymark:end
// waymark:begin solution accounts
import { AccessTokens } from './auth/tokens.js';
import { Passwords } from './auth/passwords.js';
import { authRouter } from './routes/auth.js';
import { adminProductsRouter } from './routes/adminProducts.js';
import { adminUsersRouter } from './routes/adminUsers.js';
// waymark:stub
// waymark:end
// waymark:begin solution cart
import { cartRouter } from './routes/cart.js';
// waymark:stub
// waymark:end
// waymark:begin solution checkout
import { adminOrdersRouter, ordersRouter } from './routes/orders.js';
// waymark:stub
// waymark:end
// waymark:begin solution payments
import { orderPaymentsRouter, webhook } from './routes/payments.js';
// waymark:stub
// // The routes of milestones not done yet answer 501 with this.
// import { stubRoutes } from './http.js';
// waymark:end

// The same OpenAPI document as every other stack of this project.
const openapi = fs.readFileSync(new URL('../openapi.json', import.meta.url), 'utf8');

const MAX_BODY = '1mb';

/**
 * createApp builds the Express application (it does not listen: server.js
 * does, and the tests hand it to supertest).
 *
 * @param {object} deps
 * @param {object} deps.config settings (config.js)
 * @param {object} deps.db     the database adapter (db/index.js)
 * @param {object} [deps.log]
 * @param {() => Date} [deps.now] the clock
 */
export function createApp({ config, db, log = silentLogger, now = () => new Date() }) {
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy (deploy/nginx.conf), TRUST_PROXY=1 makes req.ip
  // the address that proxy saw: the last X-Forwarded-For hop. Without it
  // req.ip is the peer, and a client cannot pick its own address.
  if (config.trustProxy) app.set('trust proxy', 1);
  app.use(requestLogger(log));
  app.use((req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY' });
    next();
  });

  // The webhook's signature covers the raw bytes, so this route reads the
  // body as a Buffer and must come before the JSON parser.
  // waymark:begin solution payments
  app.post(
    '/api/payments/webhook',
    express.raw({ type: () => true, limit: MAX_BODY }),
    webhook({ db, secret: config.webhookSecret, now, log }),
  );
  // waymark:stub
  // app.use('/api/payments', stubRoutes('payments', ['POST /webhook']));
  // waymark:end

  // Every other body is read as JSON, whatever its Content-Type says.
  app.use(express.json({ limit: MAX_BODY, type: () => true }));
  // No route ever sees a NUL byte (PostgreSQL cannot store one in text).
  app.use(refuseNul);

  app.get('/healthz', health({ db, log }));
  app.get('/openapi.json', (req, res) => res.type('application/json').send(openapi));

  // waymark:begin solution catalog
  app.use('/api', catalogRouter({ db }));
  // waymark:stub
  // app.use('/api', stubRoutes('catalog', ['GET /categories', 'GET /products', 'GET /products/:id']));
  // waymark:end

  // waymark:begin solution accounts
  const tokens = new AccessTokens(config.jwtSecret, config.tokenTtl, now);
  const passwords = new Passwords(config.bcryptCost);
  app.use('/api/auth', authRouter({ db, tokens, passwords, now, log }));
  app.use('/api/products', adminProductsRouter({ db, tokens, now, currency: config.currency }));
  app.use('/api/admin/users', adminUsersRouter({ db, tokens, log }));
  // waymark:stub
  // app.use('/api/auth', stubRoutes('accounts', ['POST /register', 'POST /login', 'GET /me']));
  // app.use('/api/products', stubRoutes('accounts', ['POST /', 'PUT /:id', 'DELETE /:id']));
  // app.use('/api/admin/users', stubRoutes('accounts', ['PUT /:id/role']));
  // waymark:end

  // waymark:begin solution cart
  app.use('/api/cart', cartRouter({ db, tokens, currency: config.currency }));
  // waymark:stub
  // app.use('/api/cart', stubRoutes('cart', ['GET /', 'POST /items', 'PUT /items/:id', 'DELETE /items/:id']));
  // waymark:end

  // waymark:begin solution payments
  app.use('/api/orders', orderPaymentsRouter({ db, tokens, now }));
  // waymark:stub
  // app.use('/api/orders', stubRoutes('payments', ['POST /:id/pay', 'GET /:id/payments']));
  // waymark:end

  // waymark:begin solution checkout
  app.use('/api/orders', ordersRouter({ db, tokens, now }));
  app.use('/api/admin/orders', adminOrdersRouter({ db, tokens, now }));
  // waymark:stub
  // app.use('/api/orders', stubRoutes('checkout', ['POST /', 'GET /', 'GET /:id']));
  // app.use('/api/admin/orders', stubRoutes('checkout', ['GET /', 'PATCH /:id']));
  // waymark:end

  app.use((req, res) => sendError(res, 404, 'not found'));
  app.use(errorHandler(log));
  return app;
}
