import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig, MAX_SESSION_TTL, parseDuration } from '../src/config.js';

const load = (env) => loadConfig(env, '/nonexistent/.env');

test('defaults', () => {
  const c = load({});
  assert.equal(c.port, 8080);
  assert.equal(c.databaseUrl, 'sqlite://./data/chat.db');
  assert.equal(c.redisUrl, '');
  assert.deepEqual(c.allowedOrigins, []);
  assert.equal(c.sessionTtl, 7 * 24 * 3600);
  assert.equal(c.trustProxy, false);
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

test('sessions always expire: SESSION_TTL is more than 0 and at most 30 days', () => {
  for (const v of ['0s', '-1h', '721h', '1000000h']) {
    assert.throws(() => load({ SESSION_TTL: v }), /SESSION_TTL/, v);
  }
  assert.equal(load({ SESSION_TTL: '720h' }).sessionTtl, MAX_SESSION_TTL);
});

test('TRUST_PROXY is 1 or 0', () => {
  assert.equal(load({ TRUST_PROXY: '1' }).trustProxy, true);
  assert.equal(load({ TRUST_PROXY: '0' }).trustProxy, false);
  assert.throws(() => load({ TRUST_PROXY: 'yes please' }), /TRUST_PROXY/);
});
