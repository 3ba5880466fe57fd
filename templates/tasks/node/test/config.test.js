import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadConfig, parseDuration } from '../src/config.js';
import { sqlitePath } from '../src/db/index.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tasks-config-'));

describe('config', () => {
  test('defaults', () => {
    const c = loadConfig({ JWT_SECRET: 's' }, path.join(tmp(), '.env'));
    assert.equal(c.port, 8080);
    assert.equal(c.databaseUrl, 'sqlite://./data/tasks.db');
    assert.equal(c.accessTokenTtl, 900);
    assert.equal(c.refreshTokenTtl, 7 * 24 * 3600);
    assert.equal(c.generatedSecret, false);
    assert.equal(c.trustProxy, false);
  });

  test('TRUST_PROXY is 1 or 0', () => {
    for (const [value, want] of [
      ['1', true],
      ['true', true],
      ['0', false],
    ]) {
      assert.equal(loadConfig({ JWT_SECRET: 's', TRUST_PROXY: value }, path.join(tmp(), '.env')).trustProxy, want);
    }
    assert.throws(() => loadConfig({ JWT_SECRET: 's', TRUST_PROXY: 'yes' }, path.join(tmp(), '.env')), /TRUST_PROXY/);
  });

  test('without JWT_SECRET a development secret is generated into .env (0600) and reused', () => {
    const file = path.join(tmp(), '.env');
    const first = loadConfig({}, file);
    assert.equal(first.generatedSecret, true);
    assert.match(first.jwtSecret, /^[0-9a-f]{64}$/);
    if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const second = loadConfig({}, file);
    assert.equal(second.jwtSecret, first.jwtSecret);
    assert.equal(second.generatedSecret, false);
  });

  test('the environment wins over .env', () => {
    const file = path.join(tmp(), '.env');
    fs.writeFileSync(file, '# comment\nPORT=9000\nexport LOG_LEVEL="debug"\nJWT_SECRET=from-file\n');
    const c = loadConfig({ PORT: '9100' }, file);
    assert.equal(c.port, 9100);
    assert.equal(c.logLevel, 'debug');
    assert.equal(c.jwtSecret, 'from-file');
  });

  test('bad settings are all reported', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', ACCESS_TOKEN_TTL: 'soon', JWT_SECRET: 's' }, path.join(tmp(), '.env')),
      (err) => /PORT/.test(err.message) && /ACCESS_TOKEN_TTL/.test(err.message),
    );
  });

  test('production refuses a short or missing secret', () => {
    assert.throws(() => loadConfig({ APP_ENV: 'production', JWT_SECRET: 'short' }, path.join(tmp(), '.env')));
    assert.throws(() => loadConfig({ APP_ENV: 'production' }, path.join(tmp(), '.env')));
  });

  test('durations use Go-style notation', () => {
    assert.equal(parseDuration('15m'), 900);
    assert.equal(parseDuration('1h30m'), 5400);
    assert.equal(parseDuration('500ms'), 0.5);
    assert.throws(() => parseDuration('15'));
  });

  test('sqlite URLs', () => {
    assert.equal(sqlitePath('sqlite://./data/tasks.db'), './data/tasks.db');
    assert.equal(sqlitePath('sqlite:///tmp/x.db'), '/tmp/x.db');
    assert.equal(sqlitePath('sqlite::memory:'), ':memory:');
  });
});
