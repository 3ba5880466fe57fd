import { readDotEnv } from './dotenv.js';

const LEVELS = ['debug', 'info', 'warn', 'error'];

/**
 * Reads the settings from env, then from the .env file at dotenvPath (env
 * wins). Every bad value is reported at once, each naming its variable.
 * The chat's tokens are random and stored hashed, so there is no secret to
 * configure.
 */
export function loadConfig(env = process.env, dotenvPath = '.env') {
  const dotenv = readDotEnv(dotenvPath);
  const get = (key) => {
    const v = env[key] !== undefined && env[key] !== '' ? env[key] : dotenv[key];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const errors = [];
  const parse = (key, fallback, convert) => {
    const raw = get(key);
    if (raw === undefined) return fallback;
    try {
      return convert(raw);
    } catch (err) {
      errors.push(`${key}=${JSON.stringify(raw)}: ${err.message}`);
      return fallback;
    }
  };

  const config = {
    env: get('APP_ENV') ?? 'development',
    port: parse('PORT', 8080, (v) => integer(v, 1, 65535)),
    databaseUrl: get('DATABASE_URL') ?? 'sqlite://./data/chat.db',
    redisUrl: get('REDIS_URL') ?? '',
    allowedOrigins: (get('ALLOWED_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    // seconds; a session always ends, so a leaked token is useless after at most 30 days
    sessionTtl: parse('SESSION_TTL', 7 * 24 * 3600, (v) => atMost(parseDuration(v), MAX_SESSION_TTL, '720h (30 days)')),
    // behind a reverse proxy: rate limits count the last X-Forwarded-For hop
    trustProxy: parse('TRUST_PROXY', false, boolean),
    bcryptCost: parse('BCRYPT_COST', 10, (v) => integer(v, 4, 31)),
    logFormat: get('LOG_FORMAT') ?? 'text',
    logLevel: get('LOG_LEVEL') ?? 'info',
    shutdownTimeout: parse('SHUTDOWN_TIMEOUT', 10, parseDuration),
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
  if (config.redisUrl && !/^rediss?:\/\//.test(config.redisUrl)) {
    errors.push('REDIS_URL: want redis://host:port/db or rediss://...');
  }
  if (errors.length > 0) throw new Error(`configuration: ${errors.join('; ')}`);
  return config;
}

/** MAX_SESSION_TTL is the longest SESSION_TTL allowed, in seconds. */
export const MAX_SESSION_TTL = 30 * 24 * 3600;

function atMost(n, max, text) {
  if (n > max) throw new Error(`at most ${text}`);
  return n;
}

function boolean(v) {
  if (['1', 'true'].includes(v)) return true;
  if (['0', 'false'].includes(v)) return false;
  throw new Error('want 1 or 0');
}

function integer(v, min, max) {
  if (!/^\d+$/.test(v)) throw new Error('want a whole number');
  const n = Number(v);
  if (n < min || n > max) throw new Error(`want ${min} to ${max}`);
  return n;
}

const UNITS = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** parseDuration reads "168h", "1h30m" or "90s" (Go's notation) into seconds. */
export function parseDuration(v) {
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== v) {
    throw new Error('want a duration such as 10s, 168h or 1h30m');
  }
  const seconds = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit], 0);
  if (seconds <= 0) throw new Error('must be positive');
  return seconds;
}
