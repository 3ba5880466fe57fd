// status-codes: a tiny in-memory item store whose every answer carries the
// status code and headers HTTP defines for it. It listens on 127.0.0.1 at
// $PORT and stops cleanly on SIGINT or SIGTERM. Only node: modules are used.
'use strict';

const http = require('node:http');

const MAX_BODY = 1 << 16;

// items holds the store: id → { id, name }. Ids are never reused.
const items = new Map();
let nextId = 1;

function sendJSON(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendError(res, status, message, headers = {}) {
  sendJSON(res, status, { error: message }, headers);
}

// notImplemented answers 501 naming the exercise's milestone, which
// `waymark check` reads as "this is still to do".
// eslint-disable-next-line no-unused-vars
function notImplemented(res) {
  sendJSON(res, 501, { error: 'not implemented', milestone: 'solve' });
}

// readBody collects the request body, refusing one over MAX_BODY bytes.
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
// createItem answers POST /items: 201 with the item and its Location, or
// 415, 400 or 422 for a request it cannot accept.
async function createItem(req, res) {
  const type = (req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    return sendError(res, 415, 'send the item as JSON (Content-Type: application/json)');
  }
  let input;
  try {
    input = JSON.parse(await readBody(req));
  } catch {
    return sendError(res, 400, 'the body is not valid JSON');
  }
  if (input === null || typeof input !== 'object' || typeof input.name !== 'string' || input.name.trim() === '') {
    return sendError(res, 422, 'name is required');
  }
  const item = { id: nextId++, name: input.name };
  items.set(item.id, item);
  return sendJSON(res, 201, item, { Location: `/items/${item.id}` });
}

// itemRoute answers GET and DELETE /items/<id>: the item, 204, 404 or 405.
function itemRoute(req, res, rawId) {
  const id = /^[0-9]+$/.test(rawId) ? Number(rawId) : NaN;
  if (req.method !== 'GET' && req.method !== 'DELETE') {
    return sendError(res, 405, 'use GET or DELETE', { Allow: 'GET, DELETE' });
  }
  if (!items.has(id)) {
    return sendError(res, 404, 'no such item');
  }
  if (req.method === 'GET') {
    return sendJSON(res, 200, items.get(id));
  }
  items.delete(id);
  res.writeHead(204);
  return res.end();
}
// waymark:end

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/healthz' && req.method === 'GET') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  // waymark:begin solution solve
  if (pathname === '/items') {
    if (req.method !== 'POST') {
      return sendError(res, 405, 'use POST', { Allow: 'POST' });
    }
    return createItem(req, res);
  }
  const match = /^\/items\/([^/]+)$/.exec(pathname);
  if (match) {
    return itemRoute(req, res, match[1]);
  }
  // waymark:stub
  // if (pathname === '/items' || pathname.startsWith('/items/')) {
  //   return notImplemented(res);
  // }
  // waymark:end
  return sendError(res, 404, 'not found');
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) {
      sendError(res, 500, 'internal server error');
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
