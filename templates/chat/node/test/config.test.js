import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig, parseDuration } from '../src/config.js';

const load = (env) => loadConfig(env, '/nonexistent/.env');

test('defaults', () => {
  const c = load({});
  assert.equal(c.port, 8080);
  assert.equal(c.databaseUrl, 'sqlite://./data/chat.db');
  assert.equal(c.redisUrl, '');
  assert.deepEqual(c.allowedOrigins, []);
  assert.equal(c.sessionTtl, 7 * 24 * 3600);
});

test('values from the environment', () => {
  const c = load({ PORT: '9000', REDIS_URL: 'redis://127.0.0.1:6379/0', ALLOWED_ORIGINS: 'a.example, *.b.example' });
  assert.equal(c.port, 9000);
  assert.equal(c.redisUrl, 'redis://127.0.0.1:6379/0');
  assert.deepEqual(c.allowedOrigins, ['a.example', '*.b.example']);
});

test('every bad value is reported at once', () => {
  assert.throws(
    () => load({ PORT: 'x', SESSION_TTL: 'forever', REDIS_URL: 'http://x' }),
    (err) => /PORT/.test(err.message) && /SESSION_TTL/.test(err.message) && /REDIS_URL/.test(err.message),
  );
});

test('parseDuration reads Go durations', () => {
  assert.equal(parseDuration('168h'), 168 * 3600);
  assert.equal(parseDuration('1m30s'), 90);
  assert.throws(() => parseDuration('10'));
});
