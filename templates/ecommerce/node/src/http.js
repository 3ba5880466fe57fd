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
  // eslint-disable-next-line no-unused-vars
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
