// Package storetest opens migrated stores for tests.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

// PostgresEnv points the tests at PostgreSQL, for example
// postgres://postgres:postgres@localhost:5432/shop_test?sslmode=disable.
const PostgresEnv = "TEST_DATABASE_URL"

// Open returns a migrated store closed when the test ends: PostgreSQL when
// TEST_DATABASE_URL is set (in a schema of the test's own, dropped after),
// otherwise a fresh SQLite file.
func Open(t testing.TB) *store.Store {
	t.Helper()
	if url := os.Getenv(PostgresEnv); url != "" {
		return open(t, ownSchema(t, url))
	}
	return open(t, "sqlite://"+filepath.Join(t.TempDir(), "test.db"))
}

// ownSchema creates a schema for this test and returns a URL using it, so
// tests sharing one database never see each other's rows.
func ownSchema(t testing.TB, url string) string {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	defer db.Close()
	schema := "shop_" + strings.ToLower(rand.Text()[:12])
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create test schema: %v", err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", url); err == nil {
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
