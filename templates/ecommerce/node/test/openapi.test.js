import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { testApp } from './helpers.js';

const doc = JSON.parse(fs.readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'));
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every "METHOD /path" the document describes. */
const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((m) => [m, path]),
);

describe('openapi.json', () => {
  let t;
  before(async () => {
    t = await testApp('sqlite');
  });
  after(() => t.close());

  test('is served as an OpenAPI 3 document', async () => {
    const res = await t.api
      .get('/openapi.json')
      .expect(200)
      .expect('Content-Type', /application\/json/);
    assert.match(res.body.openapi, /^3\./);
    assert.deepEqual(res.body.paths, doc.paths);
  });

  test('documents the endpoints', () => {
    assert.ok(documented.length >= 20, `${documented.length} endpoints`);
  });

  // Every documented endpoint is routed: it may answer 401, 404 for a
  // missing record, 422 or 501 (not built yet), but never the catch-all
  // "not found" of an unknown route.
  for (const [method, path] of documented) {
    test(`${method.toUpperCase()} ${path} is routed`, async () => {
      const url = path.replace(/\{[a-z_]+\}/g, '1');
      const res = await t.api[method](url).send({});
      assert.ok(!(res.status === 404 && res.body.error === 'not found'), `${res.status} ${JSON.stringify(res.body)}`);
    });
  }
});
