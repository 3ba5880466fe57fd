// Tasks and their labels. Every query goes through ownedBy, so that no
// query can forget the owner: another user's task looks exactly like one
// that does not exist.
// waymark:begin solution query
import { narrow, orderBy } from './taskQuery.js';
// waymark:stub
// waymark:end

const TASK_COLUMNS =
  't.id, t.owner_id, t.title, t.description, t.status, t.priority, t.due_date, t.created_at, t.updated_at';

/** ownedBy returns the SQL condition that keeps only ownerId's tasks. */
function ownedBy(ownerId) {
  // waymark:begin solution isolation
  return { sql: 't.owner_id = ?', params: [ownerId] };
  // waymark:stub
  // // TODO(isolation): keep only the owner's tasks; for now every task matches.
  // return { sql: '1 = 1', params: [] };
  // waymark:end
}

/** createTask stores the task's fields for ownerId and returns the task as stored. */
export async function createTask(db, ownerId, fields, now) {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const { rows } = await tx.run(
      `INSERT INTO tasks (owner_id, title, description, status, priority, due_date, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [ownerId, fields.title, fields.description, fields.status, fields.priority, fields.due_date, at, at],
    );
    const id = rows[0].id;
    await writeLabels(tx, id, fields.labels);
    return { id, owner_id: ownerId, ...fields, created_at: at, updated_at: at };
  });
}

/** taskById returns one of ownerId's tasks, or undefined. */
export async function taskById(db, ownerId, id) {
  const owned = ownedBy(ownerId);
  const rows = await db.all(`SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = ? AND ${owned.sql}`, [
    id,
    ...owned.params,
  ]);
  return (await withLabels(db, rows))[0];
}

/**
 * updateTask reads one of ownerId's tasks, merges changes into it and
 * writes it back, in one transaction so that two concurrent updates cannot
 * undo each other's changes. It returns the task, or undefined.
 */
export function updateTask(db, ownerId, id, changes, now) {
  const owned = ownedBy(ownerId);
  const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : ''; // SQLite locks the whole database
  return db.transaction(async (tx) => {
    const row = await tx.get(`SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = ? AND ${owned.sql}${lock}`, [
      id,
      ...owned.params,
    ]);
    if (!row) return undefined;
    const [current] = await withLabels(tx, [row]);
    const task = { ...current, ...changes, updated_at: now.toISOString() };
    await tx.run(
      `UPDATE tasks SET title = ?, description = ?, status = ?, priority = ?, due_date = ?, updated_at = ?
       WHERE id = ?`,
      [task.title, task.description, task.status, task.priority, task.due_date, task.updated_at, task.id],
    );
    if (changes.labels) {
      await tx.run('DELETE FROM task_labels WHERE task_id = ?', [task.id]);
      await writeLabels(tx, task.id, task.labels);
    }
    return task;
  });
}

/** deleteTask deletes one of ownerId's tasks (labels cascade) and reports whether it existed. */
export async function deleteTask(db, ownerId, id) {
  const owned = ownedBy(ownerId);
  // "AS t" because ownedBy's condition names the table t.
  const { changes } = await db.run(`DELETE FROM tasks AS t WHERE t.id = ? AND ${owned.sql}`, [id, ...owned.params]);
  return changes > 0;
}

/**
 * listTasks returns one page of ownerId's tasks matching query, and how
 * many match in all: { tasks, total }.
 */
export async function listTasks(db, ownerId, query) {
  // waymark:begin solution query
  const where = narrow(ownedBy(ownerId), query);
  const order = orderBy(query.sort);
  // waymark:stub
  // const where = ownedBy(ownerId);
  // const order = 't.created_at DESC, t.id DESC';
  // waymark:end
  const { total } = await db.get(`SELECT COUNT(*) AS total FROM tasks t WHERE ${where.sql}`, where.params);
  const rows = await db.all(
    `SELECT ${TASK_COLUMNS} FROM tasks t WHERE ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    [...where.params, query.limit, (query.page - 1) * query.limit],
  );
  return { tasks: await withLabels(db, rows), total: Number(total) };
}

/** withLabels adds each task row's labels, in the order they were given, with one query. */
async function withLabels(db, rows) {
  if (rows.length === 0) return [];
  const placeholders = rows.map(() => '?').join(', ');
  const labels = await db.all(
    `SELECT task_id, label FROM task_labels WHERE task_id IN (${placeholders}) ORDER BY task_id, position`,
    rows.map((r) => r.id),
  );
  const byTask = new Map(rows.map((r) => [r.id, []]));
  for (const { task_id: taskId, label } of labels) byTask.get(taskId).push(label);
  return rows.map((r) => ({ ...r, labels: byTask.get(r.id) }));
}

async function writeLabels(tx, taskId, labels) {
  for (const [position, label] of labels.entries()) {
    await tx.run('INSERT INTO task_labels (task_id, label, position) VALUES (?, ?, ?)', [taskId, label, position]);
  }
}
