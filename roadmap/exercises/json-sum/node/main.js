// json-sum answers POST /api/sum: it reads a size-limited JSON body holding
// a list of numbers and answers their sum as JSON. It listens on 127.0.0.1
// at $PORT and stops cleanly on SIGINT or SIGTERM. Only node: modules are
// used.
'use strict';

const http = require('node:http');

// The largest request body read.
const MAX_BODY = 64 * 1024;

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

// sum answers {"sum": …, "count": …} for a body {"numbers": [...]}.
function sum(req, res) {
  // waymark:begin solution solve
  const type = (req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    return sendJSON(res, 415, { error: 'send JSON with Content-Type: application/json' });
  }
  const chunks = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY && !refused) {
      refused = true;
      // Answer now and close: reading the rest would be reading what we refuse.
      sendJSON(res, 413, { error: `the body is over ${MAX_BODY} bytes` }, { Connection: 'close' });
      req.destroy();
    } else if (!refused) {
      chunks.push(chunk);
    }
  });
  req.on('end', () => {
    if (refused) {
      return;
    }
    let doc;
    try {
      doc = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (err) {
      return sendJSON(res, 400, { error: `the body is not valid JSON: ${err.message}` });
    }
    const isObject = doc !== null && typeof doc === 'object' && !Array.isArray(doc);
    if (!isObject || !Array.isArray(doc.numbers) || Object.keys(doc).length !== 1) {
      return sendJSON(res, 422, { error: 'send an object with one key, "numbers": a list of numbers' });
    }
    const bad = doc.numbers.findIndex((n) => typeof n !== 'number');
    if (bad >= 0) {
      return sendJSON(res, 422, { error: `numbers[${bad}] is not a number` });
    }
    return sendJSON(res, 200, { sum: doc.numbers.reduce((a, b) => a + b, 0), count: doc.numbers.length });
  });
  return undefined;
  // waymark:stub
  // return notImplemented(res);
  // waymark:end
}

function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && pathname === '/healthz') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (pathname === '/api/sum') {
    if (req.method !== 'POST') {
      return sendJSON(res, 405, { error: 'use POST' }, { Allow: 'POST' });
    }
    return sum(req, res);
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
