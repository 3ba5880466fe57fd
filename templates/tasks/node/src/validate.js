import { z } from 'zod';
import { sendError, validationFailed } from './http.js';
// waymark:begin solution hardening
import { nulFields } from './hardening.js';
// waymark:stub
// waymark:end

/**
 * parseBody validates req.body with a zod schema. It returns the parsed
 * value, or undefined after answering 400 (the body is not a JSON object)
 * or 422 with every invalid field at once.
 */
export function parseBody(schema, req, res) {
  const body = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    sendError(res, 400, 'request body must be a JSON object');
    return undefined;
  }
  // waymark:begin solution hardening
  // Every field at once, whatever the schema: no NUL byte reaches the database.
  const withNul = nulFields(body);
  if (Object.keys(withNul).length > 0) {
    validationFailed(res, withNul);
    return undefined;
  }
  // waymark:stub
  // waymark:end
  return parseOr422(schema, body, res);
}

/** parseOr422 validates input; on failure it answers 422 and returns undefined. */
export function parseOr422(schema, input, res) {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  validationFailed(res, fieldErrors(result.error));
  return undefined;
}

/** fieldErrors maps a zod error to {field: message}, the first message per field. */
export function fieldErrors(error) {
  const fields = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'body');
    fields[key] ??= issue.message;
  }
  return fields;
}

/** A string field: "is required" when missing, "must be a string" for other types. */
export function string() {
  return z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') });
}

/** charCount counts characters (code points), as people do, not UTF-16 units. */
export function charCount(s) {
  return [...s].length;
}
