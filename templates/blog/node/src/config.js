import crypto from 'node:crypto';
import fs from 'node:fs';
import { readDotEnv } from './dotenv.js';

/**
 * loadConfig reads the settings from env, then from the .env file (env wins),
 * and throws one error naming every bad value. Without JWT_SECRET, outside
 * production, it appends a random development secret to .env (mode 0600).
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
  const oneOf = (key, fallback, allowed) =>
    parse(key, fallback, (v) => {
      if (!allowed.includes(v)) throw new Error(`want ${allowed.join(' or ')}`);
      return v;
    });

  const config = {
    env: oneOf('APP_ENV', 'development', ['development', 'production']),
    port: parse('PORT', 8080, (v) => integer(v, 1, 65535)),
    databaseUrl: get('DATABASE_URL') ?? 'sqlite://./data/blog.db',
    jwtSecret: get('JWT_SECRET'),
    tokenTtl: parse('TOKEN_TTL', 24 * 3600, parseDuration), // seconds
    sessionTtl: parse('SESSION_TTL', 8 * 3600, parseDuration),
    bcryptCost: parse('BCRYPT_COST', 10, (v) => integer(v, 4, 31)),
    adminEmail: get('ADMIN_EMAIL'),
    adminPassword: get('ADMIN_PASSWORD'),
    adminUsername: get('ADMIN_USERNAME') ?? 'admin',
    // 1 behind a reverse proxy: the client address of the login and sign-up
    // limits is then the last X-Forwarded-For hop (Express's req.ip).
    trustProxy: parse('TRUST_PROXY', false, flag),
    logFormat: oneOf('LOG_FORMAT', 'text', ['text', 'json']),
    logLevel: oneOf('LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error']),
    shutdownTimeout: parse('SHUTDOWN_TIMEOUT', 10, parseDuration),
    generatedSecret: false,
  };
  if (config.adminPassword !== undefined && config.adminPassword.length < 8) {
    errors.push('ADMIN_PASSWORD: want at least 8 characters');
  }
  if (errors.length > 0) throw new Error(`configuration: ${errors.join('; ')}`);

  if (config.env === 'production') {
    if ((config.jwtSecret ?? '').length < 32) {
      throw new Error('APP_ENV=production needs a JWT_SECRET of at least 32 bytes (try: openssl rand -hex 32)');
    }
  } else if (!config.jwtSecret) {
    config.jwtSecret = crypto.randomBytes(32).toString('hex');
    fs.appendFileSync(
      dotenvPath,
      `\n# Generated for development; never commit .env.\nJWT_SECRET=${config.jwtSecret}\n`,
      {
        mode: 0o600,
      },
    );
    config.generatedSecret = true;
  }
  return config;
}

function flag(v) {
  if (['1', 'true'].includes(v.toLowerCase())) return true;
  if (['0', 'false'].includes(v.toLowerCase())) return false;
  throw new Error('want 1 or 0');
}

function integer(v, min, max) {
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!(n >= min && n <= max)) throw new Error(`want a whole number from ${min} to ${max}`);
  return n;
}

const UNITS = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** parseDuration reads Go-style durations ("90s", "15m", "1h30m") into seconds. */
export function parseDuration(v) {
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  const seconds = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit], 0);
  if (parts.map((p) => p[0]).join('') !== v || !(seconds > 0))
    throw new Error('want a duration such as 90s, 15m or 24h');
  return seconds;
}
