// openapi-doc serves a small notes API and its OpenAPI document, the file
// openapi.json of the folder it runs in. It listens on 127.0.0.1 at $PORT
// and stops cleanly on SIGINT or SIGTERM. Only node: modules are used.
'use strict';

const fs = require('node:fs');
const http = require('node:http');

const MAX_BODY = 1 << 16;

const notes = new Map();
let nextId = 1;

function sendJSON(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
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

// serveDocument answers GET /openapi.json with the file, read on every
// request so that an edit shows at once; 501 until the file exists.
function serveDocument(res) {
  let text;
  try {
    text = fs.readFileSync('openapi.json', 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') {
      return sendJSON(res, 501, { error: 'not implemented', milestone: 'solve' });
    }
    throw err;
  }
  try {
    JSON.parse(text);
  } catch {
    return sendJSON(res, 500, { error: 'openapi.json is not valid JSON' });
  }
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  return res.end(text);
}

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && pathname === '/healthz') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (req.method === 'GET' && pathname === '/openapi.json') {
    return serveDocument(res);
  }
  if (pathname === '/notes' && req.method === 'GET') {
    return sendJSON(res, 200, [...notes.values()]);
  }
  if (pathname === '/notes' && req.method === 'POST') {
    let input;
    try {
      input = JSON.parse(await readBody(req));
    } catch {
      return sendJSON(res, 400, { error: 'the body is not JSON' });
    }
    const text = input && input.text;
    if (typeof text !== 'string' || text === '' || [...text].length > 500) {
      return sendJSON(res, 422, { error: 'text must be 1 to 500 characters' });
    }
    const note = { id: nextId++, text, created_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
    notes.set(note.id, note);
    return sendJSON(res, 201, note, { Location: `/notes/${note.id}` });
  }
  const m = /^\/notes\/([0-9]+)$/.exec(pathname);
  if (m && (req.method === 'GET' || req.method === 'DELETE')) {
    const id = Number(m[1]);
    if (!notes.has(id)) {
      return sendJSON(res, 404, { error: 'there is no such note' });
    }
    if (req.method === 'GET') {
      return sendJSON(res, 200, notes.get(id));
    }
    notes.delete(id);
    res.writeHead(204);
    return res.end();
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
