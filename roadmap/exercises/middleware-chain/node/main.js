// middleware-chain wraps its handlers in two middlewares: one gives every
// request an id, one turns a crash into a clean 500 that names it. It
// listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
// Only node: modules are used.
'use strict';

const crypto = require('node:crypto');
const http = require('node:http');

function sendJSON(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

// notImplemented answers 501 naming the exercise's milestone, which
// `waymark check` reads as "this is still to do".
// eslint-disable-next-line no-unused-vars
function notImplemented(res) {
  sendJSON(res, 501, { error: 'not implemented', milestone: 'solve' });
}

// app is the application's handler: (req, res) => void.
function app(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && pathname === '/hello') {
    return sendJSON(res, 200, { hello: 'world' });
  }
  if (req.method === 'GET' && pathname === '/boom') {
    throw new Error('connecting to postgres://admin:hunter2@db.internal/app failed');
  }
  return sendJSON(res, 404, { error: 'not found' });
}

// waymark:begin solution solve
const GOOD_ID = /^[A-Za-z0-9._-]{1,64}$/;
// waymark:end

// withRequestID gives every request an id (req.id): the incoming
// X-Request-Id when it is safe, a new random one otherwise, and sets the
// answer's header.
function withRequestID(next) {
  return (req, res) => {
    // waymark:begin solution solve
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && GOOD_ID.test(incoming) ? incoming : crypto.randomBytes(16).toString('hex');
    res.setHeader('X-Request-Id', req.id);
    return next(req, res);
    // waymark:stub
    // return notImplemented(res);
    // waymark:end
  };
}

// withRecovery turns an error thrown by next into a logged error and a
// clean 500 that names the request.
function withRecovery(next) {
  return (req, res) => {
    // waymark:begin solution solve
    try {
      return next(req, res);
    } catch (err) {
      console.error(`request ${req.id}: ${err.stack}`);
      if (res.headersSent) {
        return res.destroy();
      }
      return sendJSON(res, 500, { error: 'internal server error', request_id: req.id });
    }
    // waymark:stub
    // return next(req, res);
    // waymark:end
  };
}

// chain wraps the application's handler in its middlewares. The first
// wraps all the others, so it runs first and finishes last.
function chain(handler) {
  // waymark:begin solution solve
  return withRequestID(withRecovery(handler));
  // waymark:stub
  // return withRequestID(handler);
  // waymark:end
}

const wrapped = chain(app);

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  return wrapped(req, res);
});
server.headersTimeout = 5000;
server.requestTimeout = 10000;

const port = Number(process.env.PORT || 8080);
server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
