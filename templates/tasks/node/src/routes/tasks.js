import express from 'express';
import { requireAuth } from '../auth/middleware.js';
import { methodNotAllowed, sendError } from '../http.js';
import { createTask, deleteTask, listTasks, taskById, updateTask } from '../store/tasks.js';
import { NewTask, TaskPatch } from '../validation/task.js';
import { parseBody } from '../validate.js';
// waymark:begin solution query
import { parseTaskQuery } from '../validation/taskQuery.js';
import { validationFailed } from '../http.js';
// waymark:stub
// waymark:end

/** toJSON is a task as clients see it: no owner, times in RFC 3339 (UTC, whole seconds). */
export function toJSON(task) {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    due_date: task.due_date ?? null,
    labels: task.labels ?? [],
    created_at: rfc3339(task.created_at),
    updated_at: rfc3339(task.updated_at),
  };
}

// SQLite gives the stored text back, PostgreSQL a Date.
function rfc3339(t) {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * taskId reads :id. An id that is not a positive whole number cannot exist,
 * so it is answered 404 like an unknown id.
 */
function taskId(req) {
  if (!/^\d{1,15}$/.test(req.params.id)) return undefined;
  const id = Number(req.params.id);
  return id > 0 ? id : undefined;
}

const notFound = (res) => sendError(res, 404, 'task not found');

/** tasksRouter serves /api/tasks: the signed-in user's tasks. */
export function tasksRouter({ db, tokens, now }) {
  const router = express.Router();
  router.use(requireAuth({ tokens, db }));

  router
    .route('/')
    .post(async (req, res) => {
      const fields = parseBody(NewTask, req, res);
      if (!fields) return;
      const task = await createTask(db, req.userId, fields, now());
      res.status(201).location(`/api/tasks/${task.id}`).json(toJSON(task));
    })
    .get(async (req, res) => {
      // waymark:begin solution query
      const parsed = parseTaskQuery(req.query);
      if (parsed.fields) return validationFailed(res, parsed.fields);
      const { query } = parsed;
      // waymark:stub
      // // TODO(query): read status, priority, label, due_before, due_after, q, sort, page and limit.
      // const query = { page: 1, limit: 20 };
      // waymark:end
      const { tasks, total } = await listTasks(db, req.userId, query);
      res.json({ data: tasks.map(toJSON), page: query.page, limit: query.limit, total });
    })
    .all(methodNotAllowed('GET', 'POST'));

  router
    .route('/:id')
    .get(async (req, res) => {
      const id = taskId(req);
      const task = id && (await taskById(db, req.userId, id));
      if (!task) return notFound(res);
      res.json(toJSON(task));
    })
    .patch(async (req, res) => {
      const id = taskId(req);
      if (!id) return notFound(res);
      const changes = parseBody(TaskPatch, req, res);
      if (!changes) return;
      const task = await updateTask(db, req.userId, id, withoutUndefined(changes), now());
      if (!task) return notFound(res);
      res.json(toJSON(task));
    })
    .delete(async (req, res) => {
      const id = taskId(req);
      if (!id || !(await deleteTask(db, req.userId, id))) return notFound(res);
      res.status(204).end();
    })
    .all(methodNotAllowed('GET', 'PATCH', 'DELETE'));

  return router;
}

function withoutUndefined(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}
