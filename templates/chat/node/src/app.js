import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { errorHandler, requestLogger, securityHeaders, sendError } from './http.js';
import { silentLogger } from './log.js';
import { health } from './routes/health.js';
// waymark:begin solution accounts
import { authRouter } from './routes/auth.js';
// waymark:stub
// waymark:end
// waymark:begin solution rooms
import { requireUser } from './auth/sessions.js';
import { roomsRouter } from './routes/rooms.js';
// waymark:stub
// waymark:end
// waymark:begin solution realtime
import { Hub } from './realtime/hub.js';
import { realtime } from './realtime/socket.js';
// waymark:stub
// // The routes of milestones not done yet answer 501 with this.
// import { notImplemented } from './http.js';
// waymark:end
// waymark:begin solution scale
import { RedisBroker } from './realtime/broker.js';
import { namespace } from './store/settings.js';
// waymark:stub
// waymark:end

const webDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web');

/** Request bodies are small JSON objects. */
const MAX_BODY = '64kb';

/**
 * createChat builds the whole server: the Express app for REST and the web
 * client, and an http.Server that also takes the WebSocket upgrades of
 * /ws. It does not listen: server.js does, and the tests listen on port 0.
 * With config.redisUrl set it connects to Redis first.
 *
 * @param {object} deps
 * @param {object} deps.config  settings (config.js)
 * @param {object} deps.db      the database adapter (db/index.js)
 * @param {object} [deps.log]   logger (log.js)
 * @param {() => Date} [deps.now] the clock; tests move it
 * @param {object} [deps.limits] WebSocket limits (tests make them small)
 * @param {object} [deps.broker] carries frames between instances instead of Redis (tests bring their own)
 * @returns {Promise<{ app, server: http.Server, pubsub: string, close: () => Promise<void> }>}
 */
export async function createChat({ config, db, log = silentLogger, now = () => new Date(), limits = {}, broker }) {
  let pubsub = 'local';
  // waymark:begin solution realtime
  const hub = new Hub({ log });
  if (broker) hub.useBroker(broker);
  // waymark:stub
  // const hub = null;
  // waymark:end
  // waymark:begin solution scale
  if (config.redisUrl) {
    hub.useBroker(await RedisBroker.connect(config.redisUrl, await namespace(db), log));
    pubsub = 'redis';
  }
  // waymark:stub
  // if (config.redisUrl) {
  //   log.warn('REDIS_URL is set, but sharing rooms through Redis is the scale milestone: rooms stay on this instance');
  // }
  // waymark:end

  const app = express();
  app.disable('x-powered-by'); // do not advertise the framework
  // req.ip is the client address the login and sign-up limits count: the
  // peer, or behind a proxy the operator runs (TRUST_PROXY=1, nginx in
  // deploy/nginx.conf) the last X-Forwarded-For hop, the one that proxy saw.
  app.set('trust proxy', config.trustProxy ? 1 : false);
  app.use(requestLogger(log));
  app.use(securityHeaders);
  // Every body is read as JSON, whatever its Content-Type says.
  app.use(express.json({ limit: MAX_BODY, type: () => true }));

  app.get('/healthz', health({ db, log, pubsub }));
  // The browser client: plain HTML, CSS and JavaScript, no build step. It
  // talks only to this origin, so a strict policy costs nothing.
  app.use(
    express.static(webDir, {
      setHeaders: (res) =>
        res.set('Content-Security-Policy', "default-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'"),
    }),
  );

  // waymark:begin solution accounts
  app.use('/api/auth', authRouter({ db, now, hub, bcryptCost: config.bcryptCost, sessionTtl: config.sessionTtl }));
  // waymark:stub
  // app.post('/api/auth/register', notImplemented('accounts'));
  // app.post('/api/auth/login', notImplemented('accounts'));
  // app.post('/api/auth/logout', notImplemented('accounts'));
  // app.get('/api/auth/me', notImplemented('accounts'));
  // waymark:end

  // waymark:begin solution rooms
  app.use('/api/rooms', requireUser({ db, now }), roomsRouter({ db, now, hub }));
  // waymark:stub
  // app.all(['/api/rooms', '/api/rooms/*rest'], notImplemented('rooms'));
  // waymark:end

  const server = http.createServer(app);
  let closeSockets = () => {};
  // waymark:begin solution realtime
  // A WebSocket handshake is an 'upgrade' event of the HTTP server, not a
  // request Express sees; a plain GET /ws is one, and is told to upgrade.
  const ws = realtime({ db, hub, log, now, allowedOrigins: config.allowedOrigins, limits });
  server.on('upgrade', ws.onUpgrade);
  closeSockets = ws.closeAll;
  app.get('/ws', (req, res) => sendError(res, 426, 'upgrade required: /ws is a WebSocket endpoint'));
  // waymark:stub
  // app.get('/ws', notImplemented('realtime'));
  // waymark:end

  app.use((req, res) => sendError(res, 404, 'not found'));
  app.use(errorHandler(log));

  /** close ends every WebSocket with "going away" and leaves Redis. */
  let closing;
  const close = () => {
    closing ??= (async () => {
      closeSockets();
      await hub?.close();
    })();
    return closing;
  };
  return { app, server, pubsub, close };
}
