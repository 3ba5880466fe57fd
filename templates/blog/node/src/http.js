import express from 'express';

// Errors answer the specification's GenericErrorModel,
// {"errors": {"body": ["message", ...]}}. Messages are collected per field
// ('': about no field in particular) and flattened by messages().

/** fail answers status with {"errors":{"body":[message]}}. */
export function fail(res, status, message) {
  return res.status(status).json({ errors: { body: [message] } });
}

/**
 * messages flattens { email: ["can't be blank"] } into one list: a field's
 * message is prefixed with the field's name ("email can't be blank"), the
 * fields in alphabetical order; '' (no field) keeps its messages as they are.
 */
export function messages(errors) {
  return Object.keys(errors)
    .sort()
    .flatMap((field) => errors[field].map((m) => (field === '' ? m : `${field} ${m}`)));
}

/** invalid answers 422 for the messages per invalid field: { email: ['has already been taken'] }. */
export function invalid(res, errors) {
  return res.status(422).json({ errors: { body: messages(errors) } });
}

/**
 * validate parses data with a zod schema. It returns the parsed value, or
 * answers 422 naming every invalid field and returns undefined.
 */
export function validate(res, schema, data) {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const errors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.at(-1) ?? '';
    (errors[field] ??= []).push(issue.message);
  }
  invalid(res, errors);
  return undefined;
}

// BAD_TEXT is the message for text PostgreSQL cannot store (SQLSTATE 22021).
const BAD_TEXT = 'must be UTF-8 text without NUL bytes';

/** badTextField names the first string in value (a parsed body or query) that holds a NUL, or undefined. */
function badTextField(value, name) {
  if (typeof value === 'string') return value.includes('\u0000') ? name : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('\u0000')) return name;
    const found = badTextField(v, Array.isArray(value) ? name : key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * rejectBadText answers 422 when the path, a query value or a parsed body
 * field holds a NUL byte, before any handler takes it to the database.
 * Mount it after the body parser. (Invalid UTF-8 cannot get this far: Node
 * decodes it to U+FFFD, and a broken escape in the path is Express's 400.)
 */
export function rejectBadText(req, res, next) {
  const path = req.originalUrl.split('?')[0];
  const field =
    /%00/i.test(path) || path.includes('\u0000')
      ? 'path'
      : (badTextField(req.query, 'query') ?? badTextField(req.body, 'body'));
  if (field !== undefined) return invalid(res, { [field]: [BAD_TEXT] });
  next();
}

/** notImplementedRoutes answers every endpoint (["POST /login", ...]) with 501 naming milestone. */
export function notImplementedRoutes(milestone, endpoints) {
  const router = express.Router();
  for (const endpoint of endpoints) {
    const [method, path] = endpoint.split(' ');
    router[method.toLowerCase()](path, (req, res) => res.status(501).json({ error: 'not implemented', milestone }));
  }
  return router;
}

/** errorHandler answers bad bodies 422/413, a path that is not UTF-8 422 and anything else 500, logged, never with a stack trace. */
export function errorHandler(log) {
  // Express recognises error handlers by their four parameters.
  return (err, req, res, next) => {
    if (err.type === 'entity.too.large') return fail(res, 413, 'request body is too large');
    if (err.type === 'entity.parse.failed') return fail(res, 422, 'request body is not valid JSON');
    // A path parameter that does not decode (%ff: not UTF-8) names nothing
    // that could exist: 422, as for a NUL byte.
    if (err instanceof URIError) return invalid(res, { path: [BAD_TEXT] });
    if (err.status >= 400 && err.status < 500) return fail(res, err.status, 'bad request');
    log.error('request failed', { method: req.method, path: req.path, err: err.stack ?? String(err) });
    if (res.headersSent) return res.end();
    return fail(res, 500, 'internal server error');
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
