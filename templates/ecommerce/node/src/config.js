import crypto from 'node:crypto';
import fs from 'node:fs';
import { readDotEnv } from './dotenv.js';

const LEVELS = ['debug', 'info', 'warn', 'error'];
const MIN_PRODUCTION_SECRET = 32;
// An access token cannot be revoked, so it lives briefly: 15 minutes unless
// TOKEN_TTL says otherwise, never more than an hour.
const MAX_TOKEN_TTL = 3600;
// Secrets a development server may invent for itself (and keep in .env).
const GENERATED = { JWT_SECRET: 'jwtSecret', WEBHOOK_SECRET: 'webhookSecret' };

/**
 * loadConfig reads the settings from env, then from the .env file (env
 * wins). Outside production, a missing JWT_SECRET or WEBHOOK_SECRET is
 * generated and appended to .env (mode 0600), so tokens and signatures
 * survive restarts. Throws one error listing every bad setting.
 */
export function loadConfig(env = process.env, dotenvPath = '.env') {
  const dotenv = readDotEnv(dotenvPath);
  const get = (key) => (env[key] ? env[key] : dotenv[key]) || undefined;
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
    databaseUrl: get('DATABASE_URL') ?? 'sqlite://./data/shop.db',
    jwtSecret: get('JWT_SECRET'),
    webhookSecret: get('WEBHOOK_SECRET'),
    tokenTtl: parse('TOKEN_TTL', 900, (v) => atMost(parseDuration(v), MAX_TOKEN_TTL)), // seconds
    trustProxy: parse('TRUST_PROXY', false, boolean),
    adminEmail: get('ADMIN_EMAIL')?.trim().toLowerCase(),
    adminPassword: get('ADMIN_PASSWORD'),
    currency: (get('STORE_CURRENCY') ?? 'EUR').toUpperCase(),
    bcryptCost: parse('BCRYPT_COST', 10, (v) => integer(v, 4, 31)),
    logFormat: get('LOG_FORMAT') ?? 'text',
    logLevel: get('LOG_LEVEL') ?? 'info',
    shutdownTimeout: parse('SHUTDOWN_TIMEOUT', 10, parseDuration),
    generated: [],
  };
  if (!['development', 'production'].includes(config.env)) errors.push(`APP_ENV: want development or production`);
  if (!['text', 'json'].includes(config.logFormat)) errors.push('LOG_FORMAT: want text or json');
  if (!LEVELS.includes(config.logLevel)) errors.push(`LOG_LEVEL: want ${LEVELS.join(', ')}`);
  if (!/^[A-Z]{3}$/.test(config.currency)) errors.push('STORE_CURRENCY: want a three-letter code such as EUR');
  if (Boolean(config.adminEmail) !== Boolean(config.adminPassword)) {
    errors.push('ADMIN_EMAIL and ADMIN_PASSWORD go together');
  }
  if (errors.length > 0) throw new Error(`configuration: ${errors.join('; ')}`);

  for (const [key, field] of Object.entries(GENERATED)) {
    if (config.env === 'production') {
      if ((config[field] ?? '').length < MIN_PRODUCTION_SECRET) {
        throw new Error(
          `APP_ENV=production needs ${key} of at least ${MIN_PRODUCTION_SECRET} bytes (openssl rand -hex 32)`,
        );
      }
    } else if (!config[field]) {
      config[field] = appendSecret(dotenvPath, key);
      config.generated.push(key);
    }
  }
  return config;
}

function appendSecret(file, key) {
  const secret = crypto.randomBytes(32).toString('hex');
  try {
    fs.appendFileSync(file, `\n# Generated on first run for development; never commit this file.\n${key}=${secret}\n`, {
      mode: 0o600,
    });
  } catch (err) {
    throw new Error(`save a development ${key} to ${file}: ${err.message} (or set ${key} yourself)`, { cause: err });
  }
  return secret;
}

function integer(v, min, max) {
  if (!/^\d+$/.test(v)) throw new Error('want a whole number');
  const n = Number(v);
  if (n < min || n > max) throw new Error(`want ${min} to ${max}`);
  return n;
}

function atMost(seconds, max) {
  if (seconds > max) throw new Error(`at most ${max / 60} minutes (an access token cannot be revoked)`);
  return seconds;
}

function boolean(v) {
  if (/^(1|true)$/i.test(v)) return true;
  if (/^(0|false)$/i.test(v)) return false;
  throw new Error('want 1 or 0');
}

const UNITS = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** parseDuration reads Go-style durations ("15m", "1h30m", "90s") into seconds. */
export function parseDuration(v) {
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== v) throw new Error('want a duration such as 15m or 1h');
  const seconds = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit], 0);
  if (seconds <= 0) throw new Error('must be positive');
  return seconds;
}
