import express from 'express';

// Small helpers every route uses to answer JSON.

/** sendError answers status with {"error": message, ...extra}. */
export function sendError(res, status, message, extra = {}) {
  return res.status(status).json({ error: message, ...extra });
}

/** validationFailed answers 422 with one message per invalid field. */
export function validationFailed(res, fields) {
  return sendError(res, 422, 'validation failed', { fields });
}

/** notImplemented is a handler for an endpoint of a milestone not built yet. */
export function notImplemented(milestone) {
  return (req, res) => sendError(res, 501, 'not implemented', { milestone });
}

/**
 * notImplementedRoutes returns a router whose endpoints (["POST /login", ...])
 * all answer 501 naming milestone. Replace it with the real router.
 */
export function notImplementedRoutes(milestone, endpoints) {
  const router = express.Router();
  for (const endpoint of endpoints) {
    const [method, path] = endpoint.split(' ');
    router[method.toLowerCase()](path, notImplemented(milestone));
  }
  return router;
}

/** methodNotAllowed answers 405 for a path that exists with other methods. */
export function methodNotAllowed(...allowed) {
  return (req, res) => {
    res.set('Allow', allowed.join(', '));
    sendError(res, 405, 'method not allowed');
  };
}

/**
 * errorHandler turns every error into a JSON answer. Bodies that are not
 * JSON are a 400 and oversized ones a 413; anything else is logged and
 * answered 500 without details: never a stack trace in a response.
 */
export function errorHandler(log) {
  // Express recognises error handlers by their four parameters.
  return (err, req, res, next) => {
    if (err.type === 'entity.too.large') return sendError(res, 413, 'request body is too large');
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'request body is not valid JSON');
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      return sendError(res, err.status, 'bad request');
    }
    log.error('request failed', { method: req.method, path: req.path, err: err.stack ?? String(err) });
    if (res.headersSent) return res.end();
    return sendError(res, 500, 'internal server error');
  };
}

/** requestLogger logs one line per request once it is answered. */
export function requestLogger(log) {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      // 501 is a stub waiting for its milestone, not a fault.
      const level = res.statusCode >= 500 && res.statusCode !== 501 ? 'error' : 'info';
      log[level]('request', {
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        duration_ms: Math.round(ms * 10) / 10,
      });
    });
    next();
  };
}
