-- The task list filters by owner and usually by status, and sorts by due
-- date: one index answers the WHERE and the ORDER BY of
-- GET /api/tasks?status=todo&sort=due_date without reading the owner's other
-- tasks or sorting them afterwards. EXPLAIN QUERY PLAN (SQLite) or EXPLAIN
-- (PostgreSQL) shows it in use.
CREATE INDEX tasks_owner_status_due_idx ON tasks (owner_id, status, due_date);
