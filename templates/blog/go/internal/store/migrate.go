package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"time"
)

// migrations holds numbered .sql files per dialect. A released file is never
// edited; a schema change is a new file.
//
//go:embed migrations
var migrations embed.FS

// Migrate applies, in one transaction, every migration not yet recorded in
// schema_migrations, and returns their names.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	dir := path.Join("migrations", string(s.dialect))
	names, err := fs.Glob(migrations, dir+"/*.sql")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var applied []string
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if s.dialect == Postgres {
			// Two servers starting together must not both migrate.
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(424242)`); err != nil {
				return fmt.Errorf("lock migrations: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		for _, name := range names {
			version := path.Base(name)
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), version).Scan(&n); err != nil {
				return fmt.Errorf("read schema_migrations: %w", err)
			}
			if n > 0 {
				continue
			}
			script, err := fs.ReadFile(migrations, name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(script)); err != nil {
				return fmt.Errorf("apply migration %s: %w", version, err)
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`), version, dbTime(time.Now())); err != nil {
				return fmt.Errorf("record migration %s: %w", version, err)
			}
			applied = append(applied, version)
		}
		return nil
	})
	return applied, err
}
