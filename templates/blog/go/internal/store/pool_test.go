package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A second read must not wait for a first one still reading: in WAL mode
// SQLite serves readers side by side, and a pool of one connection would
// queue them.
func TestSQLiteReadsRunSideBySide(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "blog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := st.db.QueryContext(ctx, "SELECT id FROM users") // holds its connection until closed
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	wait, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var n int
	if err := st.db.QueryRowContext(wait, "SELECT COUNT(*) FROM articles").Scan(&n); err != nil {
		t.Fatalf("a second read while the first is open: %v", err)
	}
}

// Under concurrent queries the PostgreSQL pool keeps its connections open
// instead of closing all but database/sql's default of 2 idle ones.
func TestPostgresPoolKeepsConnections(t *testing.T) {
	url := os.Getenv("TEST_DATABASE_URL")
	if url == "" {
		t.Skip("TEST_DATABASE_URL is not set")
	}
	ctx := context.Background()
	st, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const n = 8
	conns := make(chan func() error, n)
	for range n {
		c, err := st.db.Conn(ctx) // n connections in use at once
		if err != nil {
			t.Fatal(err)
		}
		conns <- c.Close
	}
	close(conns)
	for closeConn := range conns {
		if err := closeConn(); err != nil {
			t.Fatal(err)
		}
	}
	if idle := st.db.Stats().Idle; idle < n {
		t.Errorf("%d idle connections after %d were in use, want them all kept", idle, n)
	}
}
