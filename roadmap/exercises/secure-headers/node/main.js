// secure-headers serves a small site whose every answer carries the
// headers that switch on the browser's protections, with a nonce-based
// Content-Security-Policy on its page. It listens on 127.0.0.1 at $PORT and
// stops cleanly on SIGINT or SIGTERM. Only node: modules are used.
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

// setSecurityHeaders adds the browser's protections to an answer, whatever
// it turns out to be.
function setSecurityHeaders(res) {
  // waymark:begin solution solve
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // waymark:stub
  // waymark:end
}

// home answers GET / with the greeting page, its one script allowed by a
// nonce that is new for every answer.
function home(res, url) {
  // waymark:begin solution solve
  const name = url.searchParams.get('name') || 'world';
  const escaped = name.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const nonce = crypto.randomBytes(16).toString('base64');
  const body = `<!doctype html>\n<title>Hello</title>\n<h1>Hello, ${escaped}!</h1>\n<script nonce="${nonce}">document.title += " (script ran)";</script>\n`;
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': `default-src 'self'; script-src 'nonce-${nonce}'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
  });
  res.end(body);
  // waymark:stub
  // notImplemented(res);
  // waymark:end
}

// hello answers GET /api/hello.
function hello(res) {
  // waymark:begin solution solve
  sendJSON(res, 200, { hello: 'world' });
  // waymark:stub
  // notImplemented(res);
  // waymark:end
}

function handle(req, res) {
  setSecurityHeaders(res);
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/healthz') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (req.method === 'GET' && url.pathname === '/') {
    return home(res, url);
  }
  if (req.method === 'GET' && url.pathname === '/api/hello') {
    return hello(res);
  }
  return sendJSON(res, 404, { error: 'not found' });
}

const server = http.createServer((req, res) => {
  try {
    handle(req, res);
  } catch (err) {
    console.error(err);
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
server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
