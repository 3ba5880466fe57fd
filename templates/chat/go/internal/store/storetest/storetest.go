// Package storetest opens migrated stores for tests.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/store"
)

// PostgresEnv points the tests at PostgreSQL, for example
// postgres://postgres@localhost:5432/chat_test?sslmode=disable.
const PostgresEnv = "TEST_DATABASE_URL"

// Open returns a migrated store closed at the end of the test: PostgreSQL
// when TEST_DATABASE_URL is set (in a schema of the test's own, dropped
// afterwards, so parallel tests never meet), else a fresh SQLite file.
func Open(t testing.TB) *store.Store {
	t.Helper()
	st, _ := OpenWithSQL(t)
	return st
}

// OpenWithSQL is Open, plus a plain connection to the same database for
// tests that change rows behind the store's back (delete a user, say).
// Its queries are written without parameters, so that they run on both
// dialects.
func OpenWithSQL(t testing.TB) (*store.Store, *sql.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "chat.db")
	dsn, driver, raw := "sqlite://"+path, "sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)"
	if pg := os.Getenv(PostgresEnv); pg != "" {
		dsn = ownSchema(t, pg)
		driver, raw = "pgx", dsn
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open test store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate test store: %v", err)
	}
	db, err := sql.Open(driver, raw)
	if err != nil {
		t.Fatalf("open a second connection: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return st, db
}

// ownSchema creates a uniquely named schema and returns a URL using it.
func ownSchema(t testing.TB, pg string) string {
	t.Helper()
	u, err := url.Parse(pg)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	schema := fmt.Sprintf("chat_test_%x", rand.Text()[:10])
	admin, err := sql.Open("pgx", pg)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA "` + schema + `"`); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", pg); err == nil {
			db.Exec(`DROP SCHEMA "` + schema + `" CASCADE`)
			db.Close()
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
