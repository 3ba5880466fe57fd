// app is a small items API, and the broken versions of it that endpoint
// tests must catch. createServer returns a node:http server with an empty
// store; when API_VARIANT names a variant, it is that broken version.
'use strict';

const http = require('node:http');
const { bugsOf } = require('./variants.js');

function createServer() {
  const b = bugsOf(process.env.API_VARIANT || '');
  const items = new Map();
  let nextId = 1;

  const sendJSON = (res, status, value, headers = {}) => {
    const body = JSON.stringify(value);
    const type = b.textPlain ? 'text/plain; charset=utf-8' : 'application/json';
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };

  return http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const { pathname } = new URL(req.url, 'http://localhost');
      if (req.method === 'POST' && pathname === '/items') {
        let input;
        try {
          input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return sendJSON(res, b.badJSON500 ? 500 : 400, { error: 'the body is not JSON' });
        }
        const name = input && input.name;
        if ((typeof name !== 'string' || name === '') && !(b.emptyNameOK && name === '')) {
          return sendJSON(res, 422, { error: 'name is required' });
        }
        const item = { id: nextId++, name };
        items.set(item.id, item);
        return sendJSON(res, b.created200 ? 200 : 201, item, b.noLocation ? {} : { Location: `/items/${item.id}` });
      }
      const m = /^\/items\/([0-9]+)$/.exec(pathname);
      if (m && (req.method === 'GET' || req.method === 'DELETE')) {
        const id = Number(m[1]);
        if (!items.has(id)) {
          return sendJSON(res, 404, { error: 'there is no such item' });
        }
        if (req.method === 'GET') {
          return sendJSON(res, 200, items.get(id));
        }
        if (!b.deleteKeeps) {
          items.delete(id);
        }
        if (b.deleteBody) {
          return sendJSON(res, 200, { deleted: true });
        }
        res.writeHead(204);
        return res.end();
      }
      return sendJSON(res, 404, { error: 'not found' });
    });
  });
}

module.exports = { createServer };
