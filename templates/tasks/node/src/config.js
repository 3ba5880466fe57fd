import crypto from 'node:crypto';
import fs from 'node:fs';
import { readDotEnv } from './dotenv.js';

const LEVELS = ['debug', 'info', 'warn', 'error'];
const MIN_PRODUCTION_SECRET = 32;

/**
 * Reads the settings from env, then from the .env file at dotenvPath (env
 * wins). Without JWT_SECRET, outside production, it generates a random
 * development secret and appends it to .env (created with mode 0600), so
 * that tokens survive restarts. Throws one error listing every bad setting.
 */
export function loadConfig(env = process.env, dotenvPath = '.env') {
  const dotenv = readDotEnv(dotenvPath);
  const get = (key) => (env[key] !== undefined && env[key] !== '' ? env[key] : dotenv[key]) || undefined;

  const errors = [];
  const parse = (key, fallback, convert) => {
    const raw = get(key);
    if (raw === undefined) return fallback;
    try {
      return convert(raw.trim());
    } catch (err) {
      errors.push(`${key}=${JSON.stringify(raw)}: ${err.message}`);
      return fallback;
    }
  };

  const config = {
    env: get('APP_ENV') ?? 'development',
    port: parse('PORT', 8080, (v) => integer(v, 1, 65535)),
    databaseUrl: get('DATABASE_URL') ?? 'sqlite://./data/tasks.db',
    jwtSecret: get('JWT_SECRET'),
    accessTokenTtl: parse('ACCESS_TOKEN_TTL', 15 * 60, parseDuration), // seconds
    refreshTokenTtl: parse('REFRESH_TOKEN_TTL', 7 * 24 * 3600, parseDuration),
    bcryptCost: parse('BCRYPT_COST', 10, (v) => integer(v, 4, 31)),
    logFormat: get('LOG_FORMAT') ?? 'text',
    logLevel: get('LOG_LEVEL') ?? 'info',
    shutdownTimeout: parse('SHUTDOWN_TIMEOUT', 10, parseDuration),
    // TRUST_PROXY=1: a reverse proxy the operator runs is in front, so the
    // client's address is the last X-Forwarded-For hop. Never set it without
    // such a proxy, or anyone can choose their own address.
    trustProxy: parse('TRUST_PROXY', false, onOff),
    generatedSecret: false,
  };
  if (!['development', 'production'].includes(config.env)) {
    errors.push(`APP_ENV=${JSON.stringify(config.env)}: want development or production`);
  }
  if (!['text', 'json'].includes(config.logFormat)) {
    errors.push(`LOG_FORMAT=${JSON.stringify(config.logFormat)}: want text or json`);
  }
  if (!LEVELS.includes(config.logLevel)) {
    errors.push(`LOG_LEVEL=${JSON.stringify(config.logLevel)}: want ${LEVELS.join(', ')}`);
  }
  if (errors.length > 0) throw new Error(`configuration: ${errors.join('; ')}`);

  if (config.env === 'production') {
    if ((config.jwtSecret ?? '').length < MIN_PRODUCTION_SECRET) {
      throw new Error(
        `APP_ENV=production needs JWT_SECRET of at least ${MIN_PRODUCTION_SECRET} bytes (try: openssl rand -hex 32)`,
      );
    }
  } else if (!config.jwtSecret) {
    config.jwtSecret = appendDevSecret(dotenvPath);
    config.generatedSecret = true;
  }
  return config;
}

function appendDevSecret(file) {
  const secret = crypto.randomBytes(32).toString('hex');
  try {
    fs.appendFileSync(
      file,
      `\n# Generated on first run for development; never commit this file.\nJWT_SECRET=${secret}\n`,
      { mode: 0o600 },
    );
  } catch (err) {
    throw new Error(`save a development JWT_SECRET to ${file}: ${err.message} (or set JWT_SECRET yourself)`, {
      cause: err,
    });
  }
  return secret;
}

function onOff(v) {
  if (['1', 'true'].includes(v.toLowerCase())) return true;
  if (['0', 'false'].includes(v.toLowerCase())) return false;
  throw new Error('want 1 or 0');
}

function integer(v, min, max) {
  if (!/^\d+$/.test(v)) throw new Error('want a whole number');
  const n = Number(v);
  if (n < min || n > max) throw new Error(`want ${min} to ${max}`);
  return n;
}

const UNITS = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** parseDuration reads "15m", "168h", "1h30m" or "90s" (Go's notation) into seconds. */
export function parseDuration(v) {
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== v) {
    throw new Error('want a duration such as 15m, 168h or 1h30m');
  }
  const seconds = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit], 0);
  if (seconds <= 0) throw new Error('must be positive');
  return seconds;
}
