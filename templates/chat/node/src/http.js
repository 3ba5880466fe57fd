// Small helpers every route uses to answer JSON.

/** sendError answers status with {"error": message, ...extra}. */
export function sendError(res, status, message, extra = {}) {
  return res.status(status).json({ error: message, ...extra });
}

/** notImplemented is the handler of an endpoint whose milestone is not built yet. */
export function notImplemented(milestone) {
  return (req, res) => sendError(res, 501, 'not implemented', { milestone });
}

/** isObject tells a JSON object body from anything else (arrays, strings, nothing). */
export function isObject(body) {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/**
 * errorHandler turns every error into a JSON answer: a body that is not
 * JSON is a 400, an oversized one a 413; anything else is logged and
 * answered 500 without details, never a stack trace.
 */
export function errorHandler(log) {
  // Express recognises error handlers by their four parameters.
  return (err, req, res, next) => {
    if (err.type === 'entity.too.large') return sendError(res, 413, 'request body is too large');
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'request body must be a JSON object');
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

/** securityHeaders sets headers that cost nothing and close old holes. */
export function securityHeaders(req, res, next) {
  res.set({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer' });
  next();
}
