// Package storetest opens migrated stores for tests.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/store"
)

// PostgresEnv names the variable that points the tests at a PostgreSQL
// database, for example postgres://postgres@localhost:5432/tasks_test.
const PostgresEnv = "TEST_DATABASE_URL"

// Open returns a migrated store that is closed when the test ends:
// PostgreSQL when TEST_DATABASE_URL is set, otherwise a fresh SQLite file.
// On PostgreSQL every test gets a schema of its own, dropped when it ends,
// so tests (and other projects' tests) sharing the database never meet.
func Open(t testing.TB) *store.Store {
	t.Helper()
	if url := os.Getenv(PostgresEnv); url != "" {
		return open(t, isolated(t, url))
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
	return open(t, isolated(t, url))
}

// isolated creates a fresh schema in the database at url and returns a URL
// whose connections use it.
func isolated(t testing.TB, url string) string {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	defer db.Close()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	schema := "test_" + hex.EncodeToString(b[:])
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create test schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", url)
		if err == nil {
			_, _ = db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "search_path=" + schema
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
