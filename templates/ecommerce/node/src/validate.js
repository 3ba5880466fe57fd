import { sendError, validationFailed } from './http.js';

/**
 * parseBody validates req.body with a zod schema: the parsed value, or
 * undefined after answering 400 (not a JSON object) or 422 (every invalid
 * field at once).
 */
export function parseBody(schema, req, res, { optional = false } = {}) {
  let body = req.body;
  if (body === undefined && optional) body = {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    sendError(res, 400, 'request body must be a JSON object');
    return undefined;
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  validationFailed(res, fieldErrors(result.error));
  return undefined;
}

/** fieldErrors maps a zod error to {field: first message}. */
export function fieldErrors(error) {
  const fields = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? 'body')] ??= issue.message;
  return fields;
}

/** What a missing field and a field of the wrong type are called. */
export const msg = (type) => ({ error: (issue) => (issue.input === undefined ? 'is required' : `must be ${type}`) });
