package store

import (
	"context"
	"crypto/rand"
	"fmt"
)

// Namespace returns a random name made once per database and shared by
// every instance that uses it. Instances put it in their Redis channel
// names, so that two deployments (or two test runs) sharing one Redis
// never hear each other's rooms.
func (s *Store) Namespace(ctx context.Context) (string, error) {
	if _, err := s.db.ExecContext(ctx,
		s.q(`INSERT INTO settings (key, value) VALUES ('namespace', ?) ON CONFLICT (key) DO NOTHING`), rand.Text()); err != nil {
		return "", fmt.Errorf("namespace: %w", err)
	}
	var ns string
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'namespace'`).Scan(&ns); err != nil {
		return "", fmt.Errorf("namespace: %w", err)
	}
	return ns, nil
}
