// The hardening a service on the internet needs: security headers, a body
// size limit and no text the database cannot store. The rate limits are in
// ratelimit.js.
import { sendError, validationFailed } from './http.js';

/** Request bodies over 1 MiB answer 413 (express.json's limit). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * securityHeaders sets headers that make browsers safer with an API: no
 * MIME sniffing, never framed, no referrer, nothing cached, no scripts.
 */
export function securityHeaders(req, res, next) {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  next();
}

/** hasNul reports whether a parsed JSON value holds a NUL byte in any string or key. */
function hasNul(value) {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  }
  return false;
}

/**
 * nulFields returns { field: message } for each top-level field of a JSON
 * body whose value holds a NUL byte ("body" for a NUL in a key, or in a body
 * that is not an object). PostgreSQL refuses such text with an error
 * (SQLSTATE 22021) and SQLite stores it as it is, which is no better.
 */
export function nulFields(body) {
  const fields = {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    if (hasNul(body)) fields.body = 'must not contain NUL bytes';
    return fields;
  }
  for (const [key, value] of Object.entries(body)) {
    if (key.includes('\u0000')) fields.body = 'field names must not contain NUL bytes';
    else if (hasNul(value)) fields[key] = 'must not contain NUL bytes';
  }
  return fields;
}

/**
 * refuseUnsafeUrls answers 400 for a path, and 422 naming the parameter for
 * a query string, holding a NUL byte (or, for the path, bad %-escapes),
 * before any handler can pass it to the database.
 */
export function refuseUnsafeUrls(req, res, next) {
  if (!safePath(req.path)) return sendError(res, 400, 'the path must be text without NUL bytes');
  const fields = {};
  for (const [key, value] of Object.entries(req.query)) {
    if (key.includes('\u0000')) fields.query = 'parameter names must not contain NUL bytes';
    else if (hasNul(value)) fields[key] = 'must not contain NUL bytes';
  }
  if (Object.keys(fields).length > 0) return validationFailed(res, fields);
  next();
}

function safePath(path) {
  try {
    return !decodeURIComponent(path).includes('\u0000');
  } catch {
    return false; // a malformed %-escape
  }
}
