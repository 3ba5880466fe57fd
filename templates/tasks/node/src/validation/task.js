import { z } from 'zod';
import { charCount, string } from '../validate.js';

// Limits on task fields.
export const MAX_TITLE_CHARS = 200;
export const MAX_DESCRIPTION_CHARS = 10_000;
export const MAX_LABELS = 20;
export const MAX_LABEL_CHARS = 50;

export const STATUSES = ['todo', 'doing', 'done'];
export const PRIORITIES = ['low', 'medium', 'high'];

/** isDate reports whether s is a real calendar date written YYYY-MM-DD. */
export function isDate(s) {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

const Title = string()
  .trim()
  .min(1, 'must not be blank')
  .refine((t) => charCount(t) <= MAX_TITLE_CHARS, `must be at most ${MAX_TITLE_CHARS} characters`);
const Description = string().refine(
  (d) => charCount(d) <= MAX_DESCRIPTION_CHARS,
  `must be at most ${MAX_DESCRIPTION_CHARS} characters`,
);
export const Status = z.enum(STATUSES, { error: 'must be todo, doing or done' });
export const Priority = z.enum(PRIORITIES, { error: 'must be low, medium or high' });
const DueDate = z
  .string({ error: 'must be a date YYYY-MM-DD or null' })
  .refine(isDate, 'must be a date YYYY-MM-DD or null')
  .nullable();
const Labels = z
  .array(
    z
      .string({ error: 'must be an array of strings' })
      .trim()
      .min(1, 'must not contain blank labels')
      .refine((l) => charCount(l) <= MAX_LABEL_CHARS, `labels must be at most ${MAX_LABEL_CHARS} characters`),
    { error: 'must be an array of strings' },
  )
  .max(MAX_LABELS, `must have at most ${MAX_LABELS} labels`)
  .transform((labels) => [...new Set(labels)]); // duplicates dropped, order kept

/** NewTask is the body of POST /api/tasks: title is required, the rest have defaults. */
export const NewTask = z.object({
  title: Title,
  description: Description.default(''),
  status: Status.default('todo'),
  priority: Priority.default('medium'),
  due_date: DueDate.default(null),
  labels: Labels.default([]),
});

/**
 * TaskPatch is the body of PATCH /api/tasks/:id: any subset of the fields,
 * validated like NewTask's. A field left out stays as it is; "due_date":
 * null clears the due date.
 */
export const TaskPatch = z.object({
  title: Title.optional(),
  description: Description.optional(),
  status: Status.optional(),
  priority: Priority.optional(),
  due_date: DueDate.optional(),
  labels: Labels.optional(),
});
