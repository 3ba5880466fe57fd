// etag serves one JSON article with an ETag, answering conditional
// requests: 304 for a client that has the current version (If-None-Match)
// and 412 or 428 for a change that could overwrite another (If-Match). It
// listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
// Only node: modules are used.
'use strict';

const crypto = require('node:crypto');
const http = require('node:http');

const MAX_BODY = 1 << 16;

let current = { title: 'Hello', body: 'The first article.' };

function sendJSON(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendError(res, status, message) {
  sendJSON(res, status, { error: message });
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
// etagOf names one version of the article: a strong tag, quoted, that
// changes exactly when its JSON does.
function etagOf(article) {
  const hash = crypto.createHash('sha256').update(JSON.stringify(article)).digest('hex');
  return `"${hash.slice(0, 16)}"`;
}

// matches reports whether a header's list of tags (or "*") names tag. Weak
// comparison (If-None-Match) ignores a W/ prefix; strong comparison
// (If-Match) never matches a weak tag.
function matches(header, tag, weak) {
  return header.split(',').some((raw) => {
    let t = raw.trim();
    if (t === '*') {
      return true;
    }
    if (t.startsWith('W/')) {
      if (!weak) {
        return false;
      }
      t = t.slice(2);
    }
    return t === tag;
  });
}

// getArticle answers GET /article: 200 with the article and its ETag, or
// 304 when If-None-Match names the current version.
function getArticle(req, res) {
  const tag = etagOf(current);
  const headers = { ETag: tag, 'Cache-Control': 'no-cache' };
  const inm = req.headers['if-none-match'];
  if (inm && matches(inm, tag, true)) {
    res.writeHead(304, headers);
    return res.end();
  }
  return sendJSON(res, 200, current, headers);
}

// putArticle answers PUT /article: 428 without If-Match, 412 when it names
// another version, else stores the article and answers 200 with its ETag.
async function putArticle(req, res) {
  const im = req.headers['if-match'];
  if (!im) {
    return sendError(res, 428, 'send If-Match with the ETag of the version you are changing');
  }
  let input;
  try {
    input = JSON.parse(await readBody(req));
  } catch {
    input = null;
  }
  // The check and the write happen with no await between them, so no
  // other request can change the article in between.
  if (!matches(im, etagOf(current), false)) {
    return sendError(res, 412, 'the article changed since you read it: GET it again');
  }
  if (input === null || typeof input !== 'object' || typeof input.title !== 'string' || typeof input.body !== 'string') {
    return sendError(res, 400, 'send the article as JSON with a string title and body');
  }
  current = { title: input.title, body: input.body };
  return sendJSON(res, 200, current, { ETag: etagOf(current) });
}
// waymark:end

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/healthz' && req.method === 'GET') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (pathname === '/article' && (req.method === 'GET' || req.method === 'PUT')) {
    // waymark:begin solution solve
    return req.method === 'GET' ? getArticle(req, res) : putArticle(req, res);
    // waymark:stub
    // return notImplemented(res);
    // waymark:end
  }
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
