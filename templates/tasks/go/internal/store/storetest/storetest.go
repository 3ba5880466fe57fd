// Package storetest opens migrated stores for tests.
package storetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/store"
)

// PostgresEnv names the variable that points the tests at a PostgreSQL
// database, for example postgres://postgres@localhost:5432/tasks_test.
const PostgresEnv = "TEST_DATABASE_URL"

// Open returns a migrated store that is closed when the test ends:
// PostgreSQL when TEST_DATABASE_URL is set, otherwise a fresh SQLite file.
// On PostgreSQL, tests share one database, so they must not assume it is
// empty: each test registers its own users with unique emails.
func Open(t testing.TB) *store.Store {
	t.Helper()
	if url := os.Getenv(PostgresEnv); url != "" {
		return open(t, url)
	}
	return open(t, "sqlite://"+filepath.Join(t.TempDir(), "test.db"))
}

// OpenPostgres is Open for tests that only make sense on PostgreSQL; it
// skips the test when TEST_DATABASE_URL is not set.
func OpenPostgres(t testing.TB) *store.Store {
	t.Helper()
	url := os.Getenv(PostgresEnv)
	if url == "" {
		t.Skip("skipping: set " + PostgresEnv + "=postgres://... to run the PostgreSQL tests")
	}
	return open(t, url)
}

func open(t testing.TB, url string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatalf("migrate test database: %v", err)
	}
	return st
}
