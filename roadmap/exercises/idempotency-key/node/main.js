// idempotency-key makes payments on POST /payments at most once per
// Idempotency-Key, however often and however fast a client retries. It
// listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
// Only node: modules are used.
'use strict';

const http = require('node:http');

const MAX_BODY = 1 << 16;

const made = [];
// The answer given per key: { amount, currency, done, payment }; done is
// false while the key's first request is being charged.
const keys = new Map();

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

// charge asks the bank for the money (it takes 200 ms, as a real call
// would) and records the payment.
async function charge(amount, currency) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  const payment = { id: made.length + 1, amount, currency };
  made.push(payment);
  return payment;
}

// create answers POST /payments: a payment made at most once per
// Idempotency-Key.
async function create(req, res) {
  const key = req.headers['idempotency-key'] || '';
  if (key === '' || key.length > 255) {
    return sendJSON(res, 400, { error: 'send an Idempotency-Key header of 1 to 255 characters' });
  }
  let input = null;
  try {
    input = JSON.parse(await readBody(req));
  } catch {
    // answered below
  }
  if (!input || !Number.isInteger(input.amount) || input.amount < 1 || typeof input.currency !== 'string' || !/^[A-Z]{3}$/.test(input.currency)) {
    return sendJSON(res, 422, { error: 'send a whole amount of cents above 0 and a currency such as EUR' });
  }
  // waymark:begin solution solve
  const { amount, currency } = input;
  const known = keys.get(key);
  if (known) {
    if (known.amount !== amount || known.currency !== currency) {
      return sendJSON(res, 422, { error: 'this Idempotency-Key was used for another payment' });
    }
    if (!known.done) {
      return sendJSON(res, 409, { error: 'this payment is still being made: retry in a moment' });
    }
    return sendJSON(res, 201, known.payment, { 'Idempotent-Replayed': 'true' });
  }
  // Reserved with no await since the lookup: a retry from now on sees it
  // in flight.
  const entry = { amount, currency, done: false, payment: null };
  keys.set(key, entry);
  entry.payment = await charge(amount, currency);
  entry.done = true;
  return sendJSON(res, 201, entry.payment);
  // waymark:stub
  // return notImplemented(res);
  // waymark:end
}

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && pathname === '/healthz') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (pathname === '/payments' && req.method === 'GET') {
    return sendJSON(res, 200, made);
  }
  if (pathname === '/payments' && req.method === 'POST') {
    return create(req, res);
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
