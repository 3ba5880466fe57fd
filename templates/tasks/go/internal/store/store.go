// Package store keeps users, refresh tokens and tasks in SQL: SQLite in a
// local file by default, PostgreSQL when DATABASE_URL says so. Every query is
// parameterized; the few dialect differences live in this package only.
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

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver (pure Go, no cgo)
)

// Dialect names the SQL flavour of the database behind a Store.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Errors callers can test for with errors.Is.
var (
	// ErrNotFound means no row matched, including a row that exists but
	// belongs to somebody else: callers cannot tell the two apart, on purpose.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a unique constraint refused the write.
	ErrConflict = errors.New("already exists")
)

// Store is the application's database.
type Store struct {
	db      *sql.DB
	dialect Dialect
}

// Open connects to the database named by url and checks that it answers.
// url is "sqlite://path/to/file.db" (a relative path is relative to the
// working directory), "postgres://..." or "postgresql://...". An empty url
// means "sqlite://./data/tasks.db".
func Open(ctx context.Context, url string) (*Store, error) {
	if url == "" {
		url = "sqlite://./data/tasks.db"
	}
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
		return nil, errors.New("sqlite:// needs a file path, for example sqlite://./data/tasks.db")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create the database folder: %w", err)
	}
	// busy_timeout waits for a lock instead of failing at once, foreign_keys
	// turns on ON DELETE CASCADE, and WAL lets readers run beside a writer.
	// _txlock=immediate makes every transaction BEGIN IMMEDIATE: it takes the
	// write lock at once (waiting in busy_timeout), so a transaction never
	// reads and then fails to upgrade to a writer with "database is locked".
	dsn := "file:" + path + "?_txlock=immediate&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	// waymark:begin solution performance
	// SQLite has one writer at a time, but in WAL mode any number of readers
	// beside it: several connections let reads run in parallel instead of
	// queueing behind one connection, and writers wait for each other in
	// busy_timeout.
	sizePool(db, sqliteConns)
	// waymark:stub
	// // One connection: every statement waits for the one before it.
	// db.SetMaxOpenConns(1)
	// waymark:end
	return db, nil
}

// waymark:begin solution performance
// Connection pool sizes. database/sql keeps only 2 idle connections by
// default: with more concurrent requests than that it opens a connection for
// each extra one and closes it right after, which for PostgreSQL means a new
// TCP connection, authentication and backend process per query. A fixed pool,
// as many idle connections as open ones, keeps them. 16 serves dozens of
// concurrent clients on a few cores while staying well under PostgreSQL's
// default max_connections of 100 for several instances.
const (
	postgresConns = 16
	sqliteConns   = 8
)

// sizePool gives db a fixed pool of n connections, each kept open up to
// 30 minutes so that a database restart or failover is picked up in time.
func sizePool(db *sql.DB, n int) {
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	db.SetConnMaxLifetime(30 * time.Minute)
}

// waymark:end

// Dialect reports which SQL flavour the store speaks.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Close closes the connection pool.
func (s *Store) Close() error { return s.db.Close() }

// rebind rewrites the "?" placeholders every query in this package is
// written with into PostgreSQL's "$1, $2, ...". No query here has a literal
// "?" in a string, so a plain scan is enough.
func (s *Store) rebind(query string) string {
	if s.dialect != Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// inTx runs fn in a transaction, committing if fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// redact hides the password of a database URL before it is logged.
func redact(url string) string {
	at := strings.LastIndex(url, "@")
	scheme := strings.Index(url, "://")
	if at < 0 || scheme < 0 {
		return url
	}
	userinfo := url[scheme+3 : at]
	if user, _, ok := strings.Cut(userinfo, ":"); ok {
		return url[:scheme+3] + user + ":***" + url[at:]
	}
	return url
}
