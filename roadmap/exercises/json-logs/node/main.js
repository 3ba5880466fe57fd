// json-logs serves GET /hello and GET /healthz and logs every request as
// one JSON object a line on standard output, with a request id. It listens
// on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM. Only node:
// modules are used.
'use strict';

const http = require('node:http');
const { randomBytes } = require('node:crypto');

// log writes one JSON object as one line on standard output.
function log(level, msg, fields = {}) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
}

function sendJSON(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function handle(req, res, url) {
  if (req.method === 'GET' && url.pathname === '/healthz') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (req.method === 'GET' && url.pathname === '/hello') {
    return sendJSON(res, 200, { hello: url.searchParams.get('name') || '' });
  }
  return sendJSON(res, 404, { error: 'not found' });
}

// A request id taken from a client as it is.
const SANE_ID = /^[A-Za-z0-9-]{1,64}$/;

// logRequests gives every request an id (the client's X-Request-Id when it
// is sane, else a random one), sends it back, and logs the request once it
// is answered.
function logRequests(req, res, url) {
  // waymark:begin solution solve
  const start = process.hrtime.bigint();
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SANE_ID.test(given) ? given : randomBytes(16).toString('hex');
  res.setHeader('X-Request-Id', id);
  res.on('finish', () => {
    // Only chosen fields: never the headers (credentials) nor the query.
    log('info', 'request', {
      method: req.method,
      path: url.pathname,
      status: res.statusCode,
      duration_ms: Number(process.hrtime.bigint() - start) / 1e6,
      request_id: id,
    });
  });
  // waymark:stub
  // if (url.pathname !== '/healthz') {
  //   return sendJSON(res, 501, { error: 'not implemented', milestone: 'solve' });
  // }
  // waymark:end
  return handle(req, res, url);
}

const server = http.createServer((req, res) => {
  try {
    logRequests(req, res, new URL(req.url, 'http://localhost'));
  } catch (err) {
    log('error', 'handler failed', { err: String(err) });
    if (!res.headersSent) {
      sendJSON(res, 500, { error: 'internal server error' });
    } else {
      res.destroy();
    }
  }
});
server.headersTimeout = 5000;
server.requestTimeout = 10000;

const port = Number(process.env.PORT || 8080);
server.listen(port, '127.0.0.1', () => log('info', 'listening', { addr: `127.0.0.1:${port}` }));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
