// Package store keeps the shop in SQL: SQLite in a local file by default,
// PostgreSQL when DATABASE_URL says so. Every query is parameterized and
// written once, with "?" placeholders rebound for PostgreSQL.
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

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver (pure Go)
)

// Dialect names the SQL flavour behind a Store.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Errors callers test with errors.Is.
var (
	ErrNotFound   = errors.New("not found")
	ErrConflict   = errors.New("already exists")
	ErrOutOfStock = errors.New("not enough stock")
	ErrEmptyCart  = errors.New("the cart is empty")
	ErrTransition = errors.New("illegal status transition")
	ErrInUse      = errors.New("still referenced")
)

// Store is the shop's database.
type Store struct {
	db      *sql.DB
	dialect Dialect
}

// Open connects to url: "sqlite://path/file.db" or "postgres://...". An
// empty url means "sqlite://./data/shop.db".
func Open(ctx context.Context, url string) (*Store, error) {
	if url == "" {
		url = "sqlite://./data/shop.db"
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
		return nil, errors.New("sqlite:// needs a file path, for example sqlite://./data/shop.db")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create the database folder: %w", err)
	}
	// _txlock=immediate makes every transaction BEGIN IMMEDIATE: it takes
	// the write lock at once, so two checkouts never both read the stock
	// and then fight over the upgrade to a writer.
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

// Dialect reports the store's SQL flavour.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Close closes the pool.
func (s *Store) Close() error { return s.db.Close() }

// q rewrites "?" placeholders into PostgreSQL's "$n". No query of this
// package holds a literal question mark.
func (s *Store) q(query string) string {
	if s.dialect != Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r != '?' {
			b.WriteRune(r)
			continue
		}
		n++
		b.WriteString("$" + strconv.Itoa(n))
	}
	return b.String()
}

// insertID runs an INSERT and returns the new row's id: RETURNING id works
// on both dialects (SQLite 3.35 and later).
func (s *Store) insertID(ctx context.Context, ex execer, query string, args ...any) (int64, error) {
	var id int64
	err := ex.QueryRowContext(ctx, s.q(query+" RETURNING id"), args...).Scan(&id)
	return id, err
}

// execer is what *sql.DB and *sql.Tx have in common.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// inTx runs fn in a transaction and commits when fn returns nil.
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

// isUniqueViolation reports whether err is a unique-constraint failure.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

// isForeignKeyViolation reports whether err is a foreign-key failure.
func isForeignKeyViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "FOREIGN KEY constraint failed") || strings.Contains(msg, "SQLSTATE 23503")
}

// redact hides a database URL's password before it is logged.
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
