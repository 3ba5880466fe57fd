import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig, parseDuration } from '../src/config.js';

const tmpEnv = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shop-config-')), '.env');

test('development generates both secrets into .env once', () => {
  const file = tmpEnv();
  const first = loadConfig({}, file);
  assert.deepEqual(first.generated, ['JWT_SECRET', 'WEBHOOK_SECRET']);
  assert.equal((fs.statSync(file).mode & 0o777).toString(8), '600');
  const second = loadConfig({}, file);
  assert.deepEqual(second.generated, []);
  assert.equal(second.jwtSecret, first.jwtSecret);
  assert.equal(second.webhookSecret, first.webhookSecret);
});

test('the environment wins over .env', () => {
  const file = tmpEnv();
  fs.writeFileSync(file, 'PORT=9000\nSTORE_CURRENCY="usd"\n');
  const config = loadConfig({ PORT: '9100', JWT_SECRET: 'a', WEBHOOK_SECRET: 'b' }, file);
  assert.equal(config.port, 9100);
  assert.equal(config.currency, 'USD');
});

test('production needs long secrets', () => {
  const file = tmpEnv();
  assert.throws(
    () => loadConfig({ APP_ENV: 'production', JWT_SECRET: 'short', WEBHOOK_SECRET: 'x'.repeat(32) }, file),
    /JWT_SECRET/,
  );
  assert.throws(() => loadConfig({ APP_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }, file), /WEBHOOK_SECRET/);
  assert.equal(fs.existsSync(file), false);
});

test('bad settings are listed together', () => {
  assert.throws(
    () =>
      loadConfig(
        { PORT: 'x', LOG_FORMAT: 'xml', ADMIN_EMAIL: 'a@b.c', JWT_SECRET: 'a', WEBHOOK_SECRET: 'b' },
        tmpEnv(),
      ),
    (err) => /PORT/.test(err.message) && /LOG_FORMAT/.test(err.message) && /ADMIN_PASSWORD/.test(err.message),
  );
});

test('parseDuration', () => {
  assert.equal(parseDuration('1h30m'), 5400);
  assert.throws(() => parseDuration('10'));
});

test('access tokens are short-lived: 15 minutes by default, at most an hour', () => {
  const base = { JWT_SECRET: 'a', WEBHOOK_SECRET: 'b' };
  assert.equal(loadConfig(base, tmpEnv()).tokenTtl, 900);
  assert.equal(loadConfig({ ...base, TOKEN_TTL: '1h' }, tmpEnv()).tokenTtl, 3600);
  assert.throws(() => loadConfig({ ...base, TOKEN_TTL: '24h' }, tmpEnv()), /TOKEN_TTL/);
});

test('TRUST_PROXY is off unless set to 1', () => {
  const base = { JWT_SECRET: 'a', WEBHOOK_SECRET: 'b' };
  assert.equal(loadConfig(base, tmpEnv()).trustProxy, false);
  assert.equal(loadConfig({ ...base, TRUST_PROXY: '1' }, tmpEnv()).trustProxy, true);
  assert.throws(() => loadConfig({ ...base, TRUST_PROXY: 'maybe' }, tmpEnv()), /TRUST_PROXY/);
});
