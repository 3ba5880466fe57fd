package store

import (
	"context"
	"os"
	"testing"
)

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
