import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { testApp } from './helpers.js';

/** documented returns every "METHOD /path" of openapi.yaml's paths section. */
function documented() {
  const text = fs.readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8');
  const paths = text.slice(text.indexOf('\npaths:\n'), text.indexOf('\ncomponents:\n'));
  const endpoints = [];
  let path;
  for (const line of paths.split('\n')) {
    const p = line.match(/^ {2}(\/\S*):\s*$/);
    if (p) path = p[1];
    const m = line.match(/^ {4}(get|post|put|patch|delete):\s*$/);
    if (m && path) endpoints.push(`${m[1].toUpperCase()} ${path}`);
  }
  return endpoints;
}

describe('openapi.yaml', () => {
  let t;
  before(async () => {
    t = await testApp('sqlite');
  });
  after(() => t.close());

  test('documents endpoints', () => {
    assert.ok(documented().length >= 12, documented().join('\n'));
  });

  // Every documented endpoint exists: it may answer 401, 422 or 501 (not
  // built yet), but never the router's 404 or 405.
  test('every documented endpoint is routed', async () => {
    for (const endpoint of documented()) {
      const [method, path] = endpoint.split(' ');
      const res = await t.api[method.toLowerCase()](path.replace('{id}', '1')).send({});
      assert.ok(
        res.status !== 405 && !(res.status === 404 && res.body.error === 'not found'),
        `${endpoint}: ${res.status}`,
      );
    }
  });
});
