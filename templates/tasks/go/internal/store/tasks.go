package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// taskColumns is the SELECT list every task query reads, in scanTask's order.
const taskColumns = `t.id, t.owner_id, t.title, t.description, t.status, t.priority, t.due_date, t.created_at, t.updated_at`

// ownedBy returns the SQL condition that keeps only owner's tasks, and its
// argument. Every task query goes through it, so that no query can forget
// it: another user's task looks exactly like one that does not exist.
func ownedBy(owner int64) (cond string, args []any) {
	// waymark:begin solution isolation
	return "t.owner_id = ?", []any{owner}
	// waymark:stub
	// // TODO(isolation): keep only owner's tasks; for now every task matches.
	// return "1 = 1", nil
	// waymark:end
}

// CreateTask stores t (ID, CreatedAt and UpdatedAt are set here) for its
// OwnerID and returns it as stored.
func (s *Store) CreateTask(ctx context.Context, t Task, now time.Time) (Task, error) {
	t.CreatedAt, t.UpdatedAt = now.UTC(), now.UTC()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.rebind(`INSERT INTO tasks
			(owner_id, title, description, status, priority, due_date, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			t.OwnerID, t.Title, t.Description, t.Status, t.Priority, t.DueDate,
			formatTime(t.CreatedAt), formatTime(t.UpdatedAt),
		).Scan(&t.ID)
		if err != nil {
			return fmt.Errorf("insert task: %w", err)
		}
		return s.writeLabels(ctx, tx, t.ID, t.Labels)
	})
	if err != nil {
		return Task{}, fmt.Errorf("create task: %w", err)
	}
	return t, nil
}

// TaskByID reads one of owner's tasks.
func (s *Store) TaskByID(ctx context.Context, owner, id int64) (Task, error) {
	owned, args := ownedBy(owner)
	rows, err := s.db.QueryContext(ctx,
		s.rebind(`SELECT `+taskColumns+` FROM tasks t WHERE t.id = ? AND `+owned),
		append([]any{id}, args...)...)
	if err != nil {
		return Task{}, fmt.Errorf("read task: %w", err)
	}
	tasks, err := s.collectTasks(ctx, rows)
	if err != nil {
		return Task{}, err
	}
	if len(tasks) == 0 {
		return Task{}, ErrNotFound
	}
	return tasks[0], nil
}

// UpdateTask reads one of owner's tasks, lets apply change it and writes it
// back, all in one transaction so that two concurrent updates cannot undo
// each other's changes.
func (s *Store) UpdateTask(ctx context.Context, owner, id int64, apply func(*Task), now time.Time) (Task, error) {
	owned, args := ownedBy(owner)
	lock := ""
	if s.dialect == Postgres {
		lock = " FOR UPDATE" // SQLite locks the whole database for a write anyway
	}
	var t Task
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx,
			s.rebind(`SELECT `+taskColumns+` FROM tasks t WHERE t.id = ? AND `+owned+lock),
			append([]any{id}, args...)...,
		).Scan(taskFields(&t)...)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("read task: %w", err)
		}
		if t.Labels, err = s.labelsOf(ctx, tx, t.ID); err != nil {
			return err
		}
		apply(&t)
		t.UpdatedAt = now.UTC()
		_, err = tx.ExecContext(ctx, s.rebind(`UPDATE tasks SET title = ?, description = ?, status = ?,
			priority = ?, due_date = ?, updated_at = ? WHERE id = ?`),
			t.Title, t.Description, t.Status, t.Priority, t.DueDate, formatTime(t.UpdatedAt), t.ID)
		if err != nil {
			return fmt.Errorf("update task: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM task_labels WHERE task_id = ?`), t.ID); err != nil {
			return fmt.Errorf("replace labels: %w", err)
		}
		return s.writeLabels(ctx, tx, t.ID, t.Labels)
	})
	if errors.Is(err, ErrNotFound) {
		return Task{}, ErrNotFound
	}
	if err != nil {
		return Task{}, fmt.Errorf("update task %d: %w", id, err)
	}
	return t, nil
}

// DeleteTask deletes one of owner's tasks; its labels go with it (ON
// DELETE CASCADE).
func (s *Store) DeleteTask(ctx context.Context, owner, id int64) error {
	owned, args := ownedBy(owner)
	// "AS t" because ownedBy's condition names the table t.
	res, err := s.db.ExecContext(ctx,
		s.rebind(`DELETE FROM tasks AS t WHERE t.id = ? AND `+owned),
		append([]any{id}, args...)...)
	if err != nil {
		return fmt.Errorf("delete task %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("delete task %d: %w", id, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// ListTasks returns one page of owner's tasks matching q, and how many
// match in all.
func (s *Store) ListTasks(ctx context.Context, owner int64, q TaskQuery) ([]Task, int, error) {
	where, args := ownedBy(owner)
	order := "t.created_at DESC, t.id DESC"
	// waymark:begin solution query
	where, args = q.narrow(where, args)
	order = q.orderBy()
	// waymark:stub
	// waymark:end

	var total int
	if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT COUNT(*) FROM tasks t WHERE `+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count tasks: %w", err)
	}
	rows, err := s.db.QueryContext(ctx,
		s.rebind(`SELECT `+taskColumns+` FROM tasks t WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`),
		append(args, q.Limit, (q.Page-1)*q.Limit)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list tasks: %w", err)
	}
	tasks, err := s.collectTasks(ctx, rows)
	if err != nil {
		return nil, 0, err
	}
	return tasks, total, nil
}

// taskFields returns the scan destinations for taskColumns.
func taskFields(t *Task) []any {
	return []any{&t.ID, &t.OwnerID, &t.Title, &t.Description, &t.Status, &t.Priority,
		scanDate{&t.DueDate}, scanTime{&t.CreatedAt}, scanTime{&t.UpdatedAt}}
}

// collectTasks scans rows of taskColumns, closes them and loads the tasks'
// labels.
func (s *Store) collectTasks(ctx context.Context, rows *sql.Rows) ([]Task, error) {
	tasks := []Task{}
	for rows.Next() {
		var t Task
		if err := rows.Scan(taskFields(&t)...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read task: %w", err)
		}
		tasks = append(tasks, t)
	}
	// Close before the labels query: SQLite has a single connection, which
	// open rows would still hold.
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read tasks: %w", err)
	}
	if len(tasks) == 0 {
		return tasks, nil
	}

	ids := make([]any, len(tasks))
	index := make(map[int64]*Task, len(tasks))
	for i := range tasks {
		ids[i] = tasks[i].ID
		tasks[i].Labels = []string{}
		index[tasks[i].ID] = &tasks[i]
	}
	placeholders := strings.Repeat("?, ", len(ids)-1) + "?"
	lrows, err := s.db.QueryContext(ctx, s.rebind(`SELECT task_id, label FROM task_labels
		WHERE task_id IN (`+placeholders+`) ORDER BY task_id, position`), ids...)
	if err != nil {
		return nil, fmt.Errorf("read labels: %w", err)
	}
	defer lrows.Close()
	for lrows.Next() {
		var (
			id    int64
			label string
		)
		if err := lrows.Scan(&id, &label); err != nil {
			return nil, fmt.Errorf("read labels: %w", err)
		}
		index[id].Labels = append(index[id].Labels, label)
	}
	if err := lrows.Err(); err != nil {
		return nil, fmt.Errorf("read labels: %w", err)
	}
	return tasks, nil
}

// querier is what *sql.DB and *sql.Tx have in common for reads.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *Store) labelsOf(ctx context.Context, db querier, taskID int64) ([]string, error) {
	rows, err := db.QueryContext(ctx, s.rebind(`SELECT label FROM task_labels WHERE task_id = ? ORDER BY position`), taskID)
	if err != nil {
		return nil, fmt.Errorf("read labels: %w", err)
	}
	defer rows.Close()
	labels := []string{}
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return nil, fmt.Errorf("read labels: %w", err)
		}
		labels = append(labels, l)
	}
	return labels, rows.Err()
}

func (s *Store) writeLabels(ctx context.Context, tx *sql.Tx, taskID int64, labels []string) error {
	for i, l := range labels {
		if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO task_labels (task_id, label, position) VALUES (?, ?, ?)`),
			taskID, l, i); err != nil {
			return fmt.Errorf("write label %q: %w", l, err)
		}
	}
	return nil
}
