package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// migrations holds numbered .sql files per dialect. A released file is never
// edited; a schema change is a new file.
//
//go:embed migrations
var migrations embed.FS

// migrateLock is the PostgreSQL advisory lock that keeps two instances that
// start together from applying the same migration twice.
const migrateLock = 4_242_001

// Migrate applies, in one transaction, the migrations not yet recorded in
// schema_migrations, and returns how many it applied.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	dir := path.Join("migrations", string(s.dialect))
	files, err := fs.Glob(migrations, dir+"/*.sql")
	if err != nil {
		return 0, err
	}
	sort.Strings(files)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if s.dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, migrateLock); err != nil {
			return 0, fmt.Errorf("migrate: lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY)`); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	applied := 0
	for _, file := range files {
		name := path.Base(file)
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), name).Scan(&n); err != nil {
			return 0, fmt.Errorf("migrate: %w", err)
		}
		if n > 0 {
			continue
		}
		script, err := fs.ReadFile(migrations, file)
		if err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, string(script)); err != nil {
			return 0, fmt.Errorf("apply %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version) VALUES (?)`), name); err != nil {
			return 0, fmt.Errorf("record %s: %w", name, err)
		}
		applied++
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("migrate: commit: %w", err)
	}
	return applied, nil
}
