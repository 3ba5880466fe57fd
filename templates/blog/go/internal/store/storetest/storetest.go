// Package storetest opens migrated databases for tests.
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

	"github.com/waymark-dev/waymark/templates/blog/go/internal/store"
)

// PostgresEnv names the variable holding a PostgreSQL URL for tests.
const PostgresEnv = "TEST_DATABASE_URL"

// Open returns a migrated store closed at the end of the test: on
// PostgreSQL (when TEST_DATABASE_URL is set) in a schema of its own,
// dropped afterwards; otherwise in a fresh SQLite file.
func Open(t testing.TB) *store.Store {
	t.Helper()
	if url := os.Getenv(PostgresEnv); url != "" {
		return migrated(t, ownSchema(t, url))
	}
	return migrated(t, "sqlite://"+filepath.Join(t.TempDir(), "blog.db"))
}

// ownSchema creates a uniquely named schema and returns url pointed at it,
// so that parallel tests (and other projects) sharing the database never
// see each other's rows.
func ownSchema(t testing.TB, url string) string {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	defer db.Close()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "blogtest_" + hex.EncodeToString(b)
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", url); err == nil {
			db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "search_path=" + schema
}

func migrated(t testing.TB, url string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return st
}
