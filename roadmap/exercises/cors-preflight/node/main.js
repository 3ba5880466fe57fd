// cors-preflight serves a tiny notes API behind a CORS layer that lets
// exactly two origins read it and preflight it, with credentials. It
// listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
// Only node: modules are used.
'use strict';

const http = require('node:http');

const MAX_BODY = 1 << 16;

// The origins whose pages may read the API's answers, with credentials.
const ALLOWED_ORIGINS = ['http://localhost:5173', 'https://app.example.com'];
// The methods and request headers a preflight may ask for.
const ALLOWED_METHODS = ['GET', 'POST', 'DELETE'];
const ALLOWED_HEADERS = ['content-type', 'authorization'];

let notes = [];
let nextId = 1;

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

// notesAPI answers the API the CORS layer protects: list, add and clear.
async function notesAPI(req, res, pathname) {
  if (pathname !== '/api/notes') {
    return sendJSON(res, 404, { error: 'not found' });
  }
  if (req.method === 'GET') {
    return sendJSON(res, 200, notes);
  }
  if (req.method === 'POST') {
    let input = null;
    try {
      input = JSON.parse(await readBody(req));
    } catch {
      // answered below
    }
    if (!input || typeof input.text !== 'string' || input.text === '') {
      return sendJSON(res, 400, { error: 'send {"text": "…"}' });
    }
    const note = { id: nextId++, text: input.text };
    notes.push(note);
    return sendJSON(res, 201, note);
  }
  if (req.method === 'DELETE') {
    notes = [];
    res.writeHead(204);
    return res.end();
  }
  res.setHeader('Allow', 'GET, POST, DELETE');
  return sendJSON(res, 405, { error: 'method not allowed' });
}

// withCORS adds CORS permission for the trusted origins to the API's
// answers and answers preflight requests itself.
async function withCORS(req, res, pathname) {
  // waymark:begin solution solve
  const origin = req.headers.origin;
  const trusted = ALLOWED_ORIGINS.includes(origin);
  res.setHeader('Vary', 'Origin');
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    res.setHeader('Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
    const method = req.headers['access-control-request-method'];
    const headers = (req.headers['access-control-request-headers'] || '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== '');
    if (!trusted || !ALLOWED_METHODS.includes(method) || !headers.every((h) => ALLOWED_HEADERS.includes(h))) {
      res.writeHead(403, { 'Content-Type': 'text/plain' });
      return res.end('this cross-origin request is not allowed\n');
    }
    res.writeHead(204, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Methods': 'GET, POST, DELETE',
      'Access-Control-Allow-Headers': 'Content-Type, Authorization',
      'Access-Control-Max-Age': '600',
    });
    return res.end();
  }
  if (trusted) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  return notesAPI(req, res, pathname);
  // waymark:stub
  // return notImplemented(res);
  // waymark:end
}

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/healthz' && req.method === 'GET') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (pathname.startsWith('/api/')) {
    return withCORS(req, res, pathname);
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
