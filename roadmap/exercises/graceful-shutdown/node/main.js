// graceful-shutdown serves a health check and a slow endpoint, and on
// SIGTERM or SIGINT stops accepting connections, finishes the requests in
// flight and exits with status 0. It listens on 127.0.0.1 at $PORT. Only
// node: modules are used.
'use strict';

const http = require('node:http');

// closing is set once the server is shutting down: its answers then close
// their connections, which would otherwise stay open, idle, and keep the
// server from ever finishing its close.
let closing = false;

function sendJSON(res, status, value) {
  const body = JSON.stringify(value);
  const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
  if (closing) {
    headers.Connection = 'close';
  }
  res.writeHead(status, headers);
  res.end(body);
}

// notImplemented answers 501 naming the exercise's milestone, which
// `waymark check` reads as "this is still to do".
// eslint-disable-next-line no-unused-vars
function notImplemented(res) {
  sendJSON(res, 501, { error: 'not implemented', milestone: 'solve' });
}

// work sleeps ?ms= milliseconds, standing in for real work that takes a
// while: a slow query, a call to another service.
function work(url, res) {
  // waymark:begin solution solve
  const raw = url.searchParams.get('ms') || '';
  const ms = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
  if (!(ms >= 0 && ms <= 10000)) {
    return sendJSON(res, 400, { error: 'ms must be a whole number from 0 to 10000' });
  }
  setTimeout(() => sendJSON(res, 200, { slept_ms: ms }), ms);
  return undefined;
  // waymark:stub
  // return notImplemented(res);
  // waymark:end
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/healthz') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (req.method === 'GET' && url.pathname === '/work') {
    return work(url, res);
  }
  return sendJSON(res, 404, { error: 'not found' });
});
server.headersTimeout = 5000;
server.requestTimeout = 15000;

const port = Number(process.env.PORT || 8080);
server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});

// waymark:begin solution solve
// On SIGTERM or SIGINT: stop accepting, let the requests in flight finish,
// and let the process end by itself (status 0) once nothing is left to do.
// A timer that is unref'd does not keep it alive; it only bounds the wait.
function shutdown(signal) {
  console.log(`${signal}: shutting down, finishing the requests in flight`);
  closing = true;
  server.close(() => console.log('stopped'));
  server.closeIdleConnections();
  setTimeout(() => {
    console.error('requests still running after 10 s: giving up on them');
    process.exit(1);
  }, 10000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
// waymark:end
