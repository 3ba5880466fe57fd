import express from 'express';

/** sendError answers status with {"error": message, ...extra}. */
export function sendError(res, status, message, extra = {}) {
  return res.status(status).json({ error: message, ...extra });
}

/** validationFailed answers 422 naming every invalid field at once. */
export function validationFailed(res, fields) {
  return sendError(res, 422, 'validation failed', { fields });
}

/** notImplemented answers for an endpoint whose milestone is not built yet. */
export function notImplemented(milestone) {
  return (req, res) => sendError(res, 501, 'not implemented', { milestone });
}

/** stubRoutes: a router whose endpoints ("POST /", "GET /:id", ...) all answer 501. */
export function stubRoutes(milestone, endpoints) {
  const router = express.Router();
  for (const endpoint of endpoints) {
    const [method, path] = endpoint.split(' ');
    router[method.toLowerCase()](path, notImplemented(milestone));
  }
  return router;
}

/**
 * errorHandler turns every error into JSON: bad JSON 400, too large 413,
 * anything else a logged 500 without details (never a stack trace).
 */
export function errorHandler(log) {
  // Express recognises error handlers by their four parameters.
  return (err, req, res, next) => {
    if (err.type === 'entity.too.large') return sendError(res, 413, 'request body is too large');
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'request body is not valid JSON');
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500)
      return sendError(res, err.status, 'bad request');
    log.error('request failed', { method: req.method, path: req.path, err: err.stack ?? String(err) });
    if (res.headersSent) return res.end();
    return sendError(res, 500, 'internal server error');
  };
}

/** requestLogger logs one line per answered request. */
export function requestLogger(log) {
  return (req, res, next) => {
    const start = performance.now();
    res.on('finish', () => {
      const level = res.statusCode >= 500 && res.statusCode !== 501 ? 'error' : 'info';
      log[level]('request', {
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        duration_ms: Math.round((performance.now() - start) * 10) / 10,
      });
    });
    next();
  };
}

/** pathId reads a positive integer id from a path parameter, or undefined. */
export function pathId(value) {
  return /^[1-9]\d{0,15}$/.test(value) ? Number(value) : undefined;
}

/** The message for a string holding a NUL byte (see nulPath). */
export const NO_NUL = 'must not contain NUL bytes';

/**
 * nulPath names the first string of a parsed JSON value or query (a value
 * or an object key) that holds a NUL byte, as a path such as 'name' or
 * 'items[1].sku' ('body' at the top), or answers undefined. No field of this
 * API has a use for NUL, and PostgreSQL cannot store it in text (the
 * statement fails with SQLSTATE 22021), so it is refused before any SQL.
 */
export function nulPath(value, path = '') {
  if (typeof value === 'string') return value.includes('\0') ? path || 'body' : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value).sort()) {
      if (key.includes('\0')) return path || 'body';
      const found = nulPath(value[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/** MAX_PAGE bounds page, so that (page - 1) * limit stays a small OFFSET. */
export const MAX_PAGE = 1_000_000;

/**
 * refuseNul answers 400 for a NUL byte in the path, and 422 naming the
 * parameter or field for one in the query string or the JSON body, before
 * any route sees the request (see nulPath).
 */
export function refuseNul(req, res, next) {
  if (req.path.includes('%00') || req.path.includes('\0')) {
    return sendError(res, 400, 'the path must not contain NUL bytes');
  }
  const fields = {};
  for (const [key, value] of Object.entries(req.query)) {
    if (key.includes('\0')) fields.query = `parameter names ${NO_NUL}`;
    else if (nulPath(value)) fields[key] = NO_NUL;
  }
  if (Object.keys(fields).length > 0) return validationFailed(res, fields);
  const field = req.body === undefined || Buffer.isBuffer(req.body) ? undefined : nulPath(req.body);
  if (field) return validationFailed(res, { [field]: NO_NUL });
  next();
}
