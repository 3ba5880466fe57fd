// jwt-verify issues HS256 tokens signed with $JWT_SECRET and accepts on
// GET /me only those that verify: the pinned algorithm, the signature, exp
// and nbf. It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or
// SIGTERM. Only node: modules are used.
'use strict';

const crypto = require('node:crypto');
const http = require('node:http');

const MAX_BODY = 1 << 16;
const KEY = process.env.JWT_SECRET || '';

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

// sign is the HMAC-SHA256 of signed with the key, as a Buffer.
function sign(signed) {
  return crypto.createHmac('sha256', KEY).update(signed).digest();
}

// issue signs a 15-minute HS256 token for sub.
function issue(sub) {
  const now = Math.floor(Date.now() / 1000);
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const claims = Buffer.from(JSON.stringify({ sub, iat: now, exp: now + 15 * 60 })).toString('base64url');
  return `${header}.${claims}.${sign(`${header}.${claims}`).toString('base64url')}`;
}

// waymark:begin solution solve
// decodePart decodes one base64url part (no padding), or throws.
function decodePart(part) {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) {
    throw new Error('not base64url');
  }
  return Buffer.from(part, 'base64url');
}

// verify checks token and returns its sub, or throws: the header pinned to
// HS256, the signature, exp (required) and nbf.
function verify(token) {
  const parts = token.split('.');
  if (parts.length !== 3) {
    throw new Error('not three parts');
  }
  const header = JSON.parse(decodePart(parts[0]).toString('utf8'));
  if (!header || header.alg !== 'HS256') {
    throw new Error('the algorithm must be HS256');
  }
  const signature = decodePart(parts[2]);
  const expected = sign(`${parts[0]}.${parts[1]}`);
  if (signature.length !== expected.length || !crypto.timingSafeEqual(signature, expected)) {
    throw new Error('bad signature');
  }
  const claims = JSON.parse(decodePart(parts[1]).toString('utf8'));
  const now = Date.now() / 1000;
  if (!claims || typeof claims.exp !== 'number' || now >= claims.exp) {
    throw new Error('expired, or no exp');
  }
  if ('nbf' in claims && (typeof claims.nbf !== 'number' || now < claims.nbf)) {
    throw new Error('not valid yet');
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') {
    throw new Error('no sub');
  }
  return claims.sub;
}
// waymark:end

// me answers GET /me: 200 with the token's sub, or 401.
function me(req, res) {
  // waymark:begin solution solve
  const [scheme, token] = (req.headers.authorization || '').split(' ');
  if (!token || scheme.toLowerCase() !== 'bearer') {
    return sendJSON(res, 401, { error: 'send Authorization: Bearer <token>' }, { 'WWW-Authenticate': 'Bearer' });
  }
  let sub;
  try {
    sub = verify(token.trim());
  } catch (err) {
    return sendJSON(res, 401, { error: `invalid token: ${err.message}` }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
  return sendJSON(res, 200, { sub });
  // waymark:stub
  // return notImplemented(res);
  // waymark:end
}

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && pathname === '/healthz') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (req.method === 'POST' && pathname === '/token') {
    let input = null;
    try {
      input = JSON.parse(await readBody(req));
    } catch {
      // answered below
    }
    if (!input || typeof input.sub !== 'string' || input.sub === '') {
      return sendJSON(res, 400, { error: 'send {"sub": "<user>"}' });
    }
    return sendJSON(res, 200, { access_token: issue(input.sub) });
  }
  if (req.method === 'GET' && pathname === '/me') {
    return me(req, res);
  }
  return sendJSON(res, 404, { error: 'not found' });
}

if (KEY.length < 16) {
  console.error('jwt-verify: set JWT_SECRET to a key of at least 16 characters');
  process.exit(1);
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
