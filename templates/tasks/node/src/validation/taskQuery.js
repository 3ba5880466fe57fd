import { z } from 'zod';
import { SORT_KEYS } from '../store/taskQuery.js';
import { isDate, Priority, Status } from './task.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Pages are bounded, so that (page - 1) * limit stays a small exact integer for OFFSET. */
export const MAX_PAGE = 100_000;

const wholeNumber = (min, max, message) =>
  z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);

const DateParam = z.string().refine(isDate, 'must be a date YYYY-MM-DD');

/** TaskQuery is the query string of GET /api/tasks, every parameter optional. */
const TaskQuery = z.object({
  status: Status.optional(),
  priority: Priority.optional(),
  label: z.string().trim().optional(),
  due_before: DateParam.optional(),
  due_after: DateParam.optional(),
  q: z.string().trim().optional(),
  sort: z
    .string()
    .refine(
      (s) => SORT_KEYS.includes(s.replace(/^-/, '')),
      `must be one of ${SORT_KEYS.join(', ')}, optionally prefixed with -`,
    )
    .optional(),
  page: wholeNumber(1, MAX_PAGE, `must be a whole number from 1 to ${MAX_PAGE}`).default(1),
  limit: wholeNumber(1, MAX_PAGE_SIZE, `must be a whole number from 1 to ${MAX_PAGE_SIZE}`).default(DEFAULT_PAGE_SIZE),
});

/**
 * parseTaskQuery reads a listing's query string (req.query). Empty values
 * count as not given; of a repeated parameter the first counts. It returns
 * { query } or { fields } with a message per invalid parameter.
 */
export function parseTaskQuery(raw) {
  const input = {};
  for (const key of Object.keys(TaskQuery.shape)) {
    const v = Array.isArray(raw[key]) ? raw[key][0] : raw[key];
    if (typeof v === 'string' && v !== '') input[key] = v;
  }
  const result = TaskQuery.safeParse(input);
  if (result.success) return { query: result.data };
  const fields = {};
  for (const issue of result.error.issues) fields[String(issue.path[0])] ??= issue.message;
  return { fields };
}
