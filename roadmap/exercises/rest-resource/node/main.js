// rest-resource serves a REST resource of books: the right status for every
// answer, and RFC 9457 problem details that name every invalid field in one
// 422. It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or
// SIGTERM. Only node: modules are used.
'use strict';

const http = require('node:http');

const MAX_BODY = 1 << 16;

const books = new Map();
let nextId = 1;

function sendJSON(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

// sendProblem answers status with an RFC 9457 problem document.
function sendProblem(res, status, title, errors) {
  const doc = { type: 'about:blank', title, status };
  if (errors) {
    doc.errors = errors;
  }
  const body = JSON.stringify(doc);
  res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Content-Length': Buffer.byteLength(body) });
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
// validate checks every field of input and returns { book } or { errors }
// with a message for each field that is wrong.
function validate(input) {
  const errors = {};
  const book = {};
  const { title, author, year, isbn } = input;
  if (typeof title !== 'string' || title === '' || [...title].length > 200) {
    errors.title = 'is required: a string of 1 to 200 characters';
  } else {
    book.title = title;
  }
  if (typeof author !== 'string' || author.trim() === '') {
    errors.author = 'is required: a non-empty string';
  } else {
    book.author = author;
  }
  if (!Number.isInteger(year) || year < 1450 || year > 2100) {
    errors.year = 'must be a whole number from 1450 to 2100';
  } else {
    book.year = year;
  }
  if ('isbn' in input) {
    if (typeof isbn !== 'string' || !/^[0-9]{13}$/.test(isbn)) {
      errors.isbn = 'must be a string of 13 digits';
    } else {
      book.isbn = isbn;
    }
  }
  for (const key of Object.keys(input)) {
    if (!['title', 'author', 'year', 'isbn'].includes(key)) {
      errors[key] = 'is not a field you can set';
    }
  }
  return Object.keys(errors).length > 0 ? { errors } : { book };
}

// readBook decodes and validates the request's book, answering 415, 400 or
// 422 itself (and returning null) when it cannot.
async function readBook(req, res) {
  const type = (req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    sendProblem(res, 415, 'Send the book as application/json');
    return null;
  }
  let input;
  try {
    input = JSON.parse(await readBody(req));
  } catch {
    input = null;
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    sendProblem(res, 400, 'The body is not a JSON object');
    return null;
  }
  const { book, errors } = validate(input);
  if (errors) {
    sendProblem(res, 422, 'The book is not valid', errors);
    return null;
  }
  return book;
}
// waymark:end

// item answers GET, PUT and DELETE of /books/<id>.
async function item(req, res, id) {
  // waymark:begin solution solve
  if (!books.has(id)) {
    return sendProblem(res, 404, 'There is no such book');
  }
  if (req.method === 'GET') {
    return sendJSON(res, 200, books.get(id));
  }
  if (req.method === 'DELETE') {
    books.delete(id);
    res.writeHead(204);
    return res.end();
  }
  const book = await readBook(req, res);
  if (book) {
    books.set(id, { id, ...book });
    sendJSON(res, 200, books.get(id));
  }
  return undefined;
  // waymark:stub
  // return notImplemented(res);
  // waymark:end
}

// create answers POST /books: 201 with a Location, or the problem.
async function create(req, res) {
  // waymark:begin solution solve
  const book = await readBook(req, res);
  if (book) {
    const id = nextId++;
    books.set(id, { id, ...book });
    sendJSON(res, 201, books.get(id), { Location: `/books/${id}` });
  }
  // waymark:stub
  // return notImplemented(res);
  // waymark:end
}

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/healthz' && req.method === 'GET') {
    return sendJSON(res, 200, { status: 'ok' });
  }
  if (pathname === '/books') {
    if (req.method === 'GET') {
      return sendJSON(res, 200, [...books.values()]);
    }
    if (req.method === 'POST') {
      return create(req, res);
    }
    res.setHeader('Allow', 'GET, POST');
    return sendProblem(res, 405, 'Method not allowed');
  }
  const m = /^\/books\/([^/]+)$/.exec(pathname);
  if (m && ['GET', 'PUT', 'DELETE'].includes(req.method)) {
    return item(req, res, /^[0-9]+$/.test(m[1]) ? Number(m[1]) : 0);
  }
  return sendProblem(res, 404, 'Not found');
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) {
      sendProblem(res, 500, 'Internal server error');
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
