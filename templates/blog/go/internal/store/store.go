// Package store keeps the blog in SQL: SQLite in a local file by default,
// PostgreSQL when DATABASE_URL points at one. Every query is parameterized;
// what differs between the two dialects stays inside this package.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // the "sqlite" driver, pure Go
)

// Dialect is the SQL flavour behind a Store.
type Dialect string

// The two supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Sentinel errors for errors.Is.
var (
	// ErrNotFound means that no row matched.
	ErrNotFound = errors.New("not found")
	// ErrConflict means that a unique constraint refused the write.
	ErrConflict = errors.New("already exists")
)

// Store is the blog's database.
type Store struct {
	db      *sql.DB
	dialect Dialect
}

// Open connects to url ("sqlite://file.db", "postgres://..." or
// "postgresql://...") and checks that the database answers.
func Open(ctx context.Context, url string) (*Store, error) {
	var (
		db      *sql.DB
		dialect Dialect
		err     error
	)
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		dialect = Postgres
		db, err = sql.Open("pgx", url)
		// waymark:begin solution performance
		if err == nil {
			sizePool(db, postgresConns)
		}
		// waymark:stub
		// waymark:end
	case strings.HasPrefix(url, "sqlite://"):
		dialect = SQLite
		db, err = openSQLite(strings.TrimPrefix(url, "sqlite://"))
	default:
		return nil, fmt.Errorf("DATABASE_URL %q: want sqlite://<file> or postgres://<user>@<host>/<db>", redact(url))
	}
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", dialect, err)
	}
	return &Store{db: db, dialect: dialect}, nil
}

func openSQLite(path string) (*sql.DB, error) {
	if path == "" {
		return nil, errors.New("sqlite:// needs a file, such as sqlite://./data/blog.db")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create the database folder: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)")
	if err != nil {
		return nil, err
	}
	// SQLite has one writer at a time; a single connection queues every
	// statement and so never meets "database is locked". WAL would let
	// several connections read side by side, but under the performance
	// milestone's 32 clients on 2 cores one connection served the article
	// list about 1.5 times as many requests a second as 2, 4 or 8 did, with
	// half their p99 (docs/performance.md): with the pure-Go driver each read
	// is CPU work, and more connections only add contention for the cores.
	db.SetMaxOpenConns(1)
	return db, nil
}

// waymark:begin solution performance
// postgresConns sizes the PostgreSQL pool. database/sql keeps only 2 idle
// connections by default: with more concurrent requests than that it opens
// a connection for each extra one and closes it right after, which means a
// new TCP connection, authentication and backend process per query. A fixed
// pool, as many idle connections as open ones, keeps them. 16 serves dozens
// of concurrent clients on a few cores while staying well under
// PostgreSQL's default max_connections of 100 for several instances.
const postgresConns = 16

// sizePool gives db a fixed pool of n connections, each kept open up to 30
// minutes so that a database restart or failover is picked up in time.
func sizePool(db *sql.DB, n int) {
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	db.SetConnMaxLifetime(30 * time.Minute)
}

// waymark:end

// Dialect reports the store's SQL flavour.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Close releases the connections.
func (s *Store) Close() error { return s.db.Close() }

// q turns the "?" placeholders this package writes into PostgreSQL's
// numbered "$n" ones. No query here has a "?" inside a string literal.
func (s *Store) q(query string) string {
	if s.dialect != Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c != '?' {
			b.WriteRune(c)
			continue
		}
		n++
		b.WriteString("$" + strconv.Itoa(n))
	}
	return b.String()
}

// tx runs fn inside a transaction and commits when it returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// redact hides a database URL's password.
func redact(url string) string {
	scheme, at := strings.Index(url, "://"), strings.LastIndex(url, "@")
	if scheme < 0 || at < scheme {
		return url
	}
	if user, _, ok := strings.Cut(url[scheme+3:at], ":"); ok {
		return url[:scheme+3] + user + ":***" + url[at:]
	}
	return url
}
