// session-cookie logs users in with a random session id kept in an
// HttpOnly, Secure, SameSite cookie, and forgets it at logout. It listens on
// 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM. Only node:
// modules are used.
'use strict';

const crypto = require('node:crypto');
const http = require('node:http');

const MAX_BODY = 1 << 16;

// The server's table from session id to user.
const sessions = new Map();

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

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// waymark:begin solution solve
// sessionID is the value of the request's session cookie, '' without one.
function sessionID(req) {
  for (const part of (req.headers.cookie || '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === 'session') {
      return part.slice(eq + 1).trim();
    }
  }
  return '';
}

// sessionCookie is the Set-Cookie value holding id for maxAge seconds.
function sessionCookie(id, maxAge) {
  return `session=${id}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;
}
// waymark:end

// login answers POST /login: a new session for the user, in a cookie.
function login(res, user) {
  // waymark:begin solution solve
  const id = crypto.randomBytes(16).toString('hex');
  sessions.set(id, user);
  res.writeHead(204, { 'Set-Cookie': sessionCookie(id, 3600) });
  res.end();
  // waymark:stub
  // notImplemented(res);
  // waymark:end
}

// me answers GET /me: the user of the request's session, or 401.
function me(req, res) {
  // waymark:begin solution solve
  const user = sessions.get(sessionID(req));
  if (!user) {
    return sendJSON(res, 401, { error: 'log in first' });
  }
  return sendJSON(res, 200, { user });
  // waymark:stub
  // return notImplemented(res);
  // waymark:end
}

// logout answers POST /logout: the session forgotten on the server, and the
// browser told to drop its cookie.
function logout(req, res) {
  // waymark:begin solution solve
  sessions.delete(sessionID(req));
  res.writeHead(204, { 'Set-Cookie': sessionCookie('', 0) });
  res.end();
  // waymark:stub
  // notImplemented(res);
  // waymark:end
}

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && pathname === '/healthz') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (req.method === 'POST' && pathname === '/login') {
    let input = null;
    try {
      input = JSON.parse(await readBody(req));
    } catch {
      // answered below
    }
    if (!input || typeof input.user !== 'string' || input.user === '') {
      return sendJSON(res, 400, { error: 'send {"user": "<name>"}' });
    }
    return login(res, input.user);
  }
  if (req.method === 'GET' && pathname === '/me') {
    return me(req, res);
  }
  if (req.method === 'POST' && pathname === '/logout') {
    return logout(req, res);
  }
  return sendJSON(res, 404, { error: 'not found' });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) {
      sendJSON(res, 500, { error: 'internal server error' });
    } else {
      res.destroy();
    }
  });
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
