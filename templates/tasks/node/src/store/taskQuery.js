// The listing's filters and sort order, as SQL. User input only ever
// reaches the database as a parameter: the SQL text below is constant.

// Priorities are words, whose alphabetical order would be wrong.
const PRIORITY_RANK = "CASE t.priority WHEN 'low' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END";

/** The sort keys and the SQL each orders by. Only these strings reach ORDER BY. */
const SORT_COLUMNS = {
  created_at: 't.created_at',
  due_date: 't.due_date',
  priority: PRIORITY_RANK,
  title: 'LOWER(t.title)',
};

export const SORT_KEYS = Object.keys(SORT_COLUMNS);

/**
 * narrow adds the query's filters to the condition where ({ sql, params })
 * and returns the combined condition. All filters combine with AND.
 */
export function narrow(where, query) {
  const conds = [where.sql];
  const params = [...where.params];
  const add = (sql, ...values) => {
    conds.push(sql);
    params.push(...values);
  };
  if (query.status) add('t.status = ?', query.status);
  if (query.priority) add('t.priority = ?', query.priority);
  if (query.label) add('EXISTS (SELECT 1 FROM task_labels l WHERE l.task_id = t.id AND l.label = ?)', query.label);
  // A NULL due date compares as unknown, so tasks without one never match.
  if (query.due_before) add('t.due_date < ?', query.due_before);
  if (query.due_after) add('t.due_date > ?', query.due_after);
  if (query.q) {
    const pattern = `%${escapeLike(query.q.toLowerCase())}%`;
    add("(LOWER(t.title) LIKE ? ESCAPE '\\' OR LOWER(t.description) LIKE ? ESCAPE '\\')", pattern, pattern);
  }
  return { sql: conds.join(' AND '), params };
}

/**
 * orderBy returns the ORDER BY list for sort ("title", "-due_date", ...);
 * the default is newest first. The id breaks ties so that pages never
 * overlap or skip a task.
 */
export function orderBy(sort = '-created_at') {
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  const column = SORT_COLUMNS[key];
  if (!column) return 't.created_at DESC, t.id DESC';
  const dir = desc ? ' DESC' : ' ASC';
  const order = `${column}${dir}, t.id${dir}`;
  // Tasks without a due date come last in both directions.
  return key === 'due_date' ? `(t.due_date IS NULL) ASC, ${order}` : order;
}

/** escapeLike makes s match itself literally inside a LIKE pattern. */
function escapeLike(s) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
