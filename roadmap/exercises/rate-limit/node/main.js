// rate-limit serves GET /api/data at most five times per API key in a
// 60-second window, with the IETF RateLimit fields. It listens on 127.0.0.1
// at $PORT and stops cleanly on SIGINT or SIGTERM. Only node: modules are
// used.
'use strict';

const http = require('node:http');

// The quota: requests per window, per API key.
const QUOTA = 5;
const PERIOD_MS = 60 * 1000;
// How many windows are kept before the ones that are over are swept.
const MAX_KEYS = 10000;

// Every key's current window: { start (ms), used }.
const windows = new Map();

function sendJSON(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

// notImplemented answers 501 naming the exercise's milestone, which
// `waymark check` reads as "this is still to do".
// eslint-disable-next-line no-unused-vars
function notImplemented(res) {
  sendJSON(res, 501, { error: 'not implemented', milestone: 'solve' });
}

// waymark:begin solution solve
// take counts one request of key: whether it is allowed, how many are left
// in the window, and the seconds (rounded up, at least 1) until the window
// ends. It never awaits, so no other request runs in between.
function take(key) {
  const now = Date.now();
  if (windows.size >= MAX_KEYS) {
    for (const [k, w] of windows) {
      if (now - w.start >= PERIOD_MS) {
        windows.delete(k);
      }
    }
  }
  let win = windows.get(key);
  if (!win || now - win.start >= PERIOD_MS) {
    win = { start: now, used: 0 };
    windows.set(key, win);
  }
  const allowed = win.used < QUOTA;
  if (allowed) {
    win.used++;
  }
  const reset = Math.max(1, Math.ceil((win.start + PERIOD_MS - now) / 1000));
  return { allowed, left: QUOTA - win.used, reset };
}
// waymark:end

// data answers GET /api/data within the key's quota, 429 beyond it.
function data(req, res) {
  const key = req.headers['x-api-key'];
  if (!key) {
    return sendJSON(res, 401, { error: 'send your API key in X-Api-Key' });
  }
  // waymark:begin solution solve
  const { allowed, left, reset } = take(key);
  const headers = {
    'RateLimit-Policy': `"default";q=${QUOTA};w=${PERIOD_MS / 1000}`,
    RateLimit: `"default";r=${left};t=${reset}`,
  };
  if (!allowed) {
    return sendJSON(res, 429, { error: 'this key has used its requests for this minute: retry later' }, { ...headers, 'Retry-After': String(reset) });
  }
  return sendJSON(res, 200, { data: 'the answer is 42' }, headers);
  // waymark:stub
  // return notImplemented(res);
  // waymark:end
}

function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && pathname === '/healthz') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (req.method === 'GET' && pathname === '/api/data') {
    return data(req, res);
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
