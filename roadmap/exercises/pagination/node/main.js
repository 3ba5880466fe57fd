// pagination serves a list of products in bounded pages, filtered by
// category, with links to the next and previous pages. It listens on
// 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM. Only node:
// modules are used.
'use strict';

const http = require('node:http');

const CATEGORIES = ['music', 'books', 'games'];
const PRODUCTS = Array.from({ length: 95 }, (_, k) => ({ id: k + 1, name: `Product ${k + 1}`, category: CATEGORIES[(k + 1) % 3] }));

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

// waymark:begin solution solve
// wholeNumber reads a query parameter: def when it is missing, null when it
// is not digits or not within lo…hi.
function wholeNumber(params, name, def, lo, hi) {
  if (!params.has(name)) {
    return def;
  }
  const s = params.get(name);
  if (!/^[0-9]{1,10}$/.test(s)) {
    return null;
  }
  const n = Number(s);
  return n >= lo && n <= hi ? n : null;
}
// waymark:end

// listProducts answers GET /products with one page of products: limit
// (1…100, default 20), offset (from 0) and an optional category.
function listProducts(res, params) {
  // waymark:begin solution solve
  const limit = wholeNumber(params, 'limit', 20, 1, 100);
  if (limit === null) {
    return sendJSON(res, 400, { error: 'limit must be a whole number from 1 to 100' });
  }
  const offset = wholeNumber(params, 'offset', 0, 0, 2 ** 31);
  if (offset === null) {
    return sendJSON(res, 400, { error: 'offset must be a whole number from 0' });
  }
  const category = params.get('category') || '';
  const matching = category ? PRODUCTS.filter((p) => p.category === category) : PRODUCTS;
  const link = (off) => {
    const filter = category ? `category=${encodeURIComponent(category)}&` : '';
    return `/products?${filter}limit=${limit}&offset=${off}`;
  };
  return sendJSON(res, 200, {
    items: matching.slice(offset, offset + limit),
    total: matching.length,
    limit,
    offset,
    next: offset + limit < matching.length ? link(offset + limit) : null,
    prev: offset > 0 ? link(Math.max(0, offset - limit)) : null,
  });
  // waymark:stub
  // return notImplemented(res);
  // waymark:end
}

function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/healthz') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (req.method === 'GET' && url.pathname === '/products') {
    return listProducts(res, url.searchParams);
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
