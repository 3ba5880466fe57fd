import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, parseDuration } from '../src/config.js';

const tmpEnv = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'blog-config-')), '.env');

describe('config', () => {
  it('has defaults', () => {
    const c = loadConfig({ JWT_SECRET: 's' }, tmpEnv());
    assert.equal(c.port, 8080);
    assert.equal(c.bcryptCost, 10);
    assert.equal(c.tokenTtl, 24 * 3600);
    assert.equal(c.adminUsername, 'admin');
  });

  it('reads .env, and the environment wins', () => {
    const file = tmpEnv();
    fs.writeFileSync(file, 'PORT=9000\nJWT_SECRET="from-file"\n# a comment\nBCRYPT_COST=5\n');
    const c = loadConfig({ BCRYPT_COST: '6' }, file);
    assert.equal(c.port, 9000);
    assert.equal(c.jwtSecret, 'from-file');
    assert.equal(c.bcryptCost, 6);
  });

  it('names every bad setting', () => {
    assert.throws(() => loadConfig({ PORT: 'x', BCRYPT_COST: '99', JWT_SECRET: 's' }, tmpEnv()), /PORT.*BCRYPT_COST/);
  });

  it('generates a development secret into .env', () => {
    const file = tmpEnv();
    const c = loadConfig({}, file);
    assert.equal(c.generatedSecret, true);
    assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`JWT_SECRET=${c.jwtSecret}`));
  });

  it('refuses production without a long secret', () => {
    assert.throws(() => loadConfig({ APP_ENV: 'production', JWT_SECRET: 'short' }, tmpEnv()), /32 bytes/);
  });

  it('reads TRUST_PROXY as 1 or 0', () => {
    assert.equal(loadConfig({ JWT_SECRET: 's' }, tmpEnv()).trustProxy, false);
    assert.equal(loadConfig({ JWT_SECRET: 's', TRUST_PROXY: '1' }, tmpEnv()).trustProxy, true);
    assert.equal(loadConfig({ JWT_SECRET: 's', TRUST_PROXY: '0' }, tmpEnv()).trustProxy, false);
    assert.throws(() => loadConfig({ JWT_SECRET: 's', TRUST_PROXY: 'yes please' }, tmpEnv()), /TRUST_PROXY/);
  });

  it('parses durations', () => {
    assert.equal(parseDuration('1h30m'), 5400);
    assert.throws(() => parseDuration('soon'));
  });
});
