// Package store keeps the chat's users, sessions, rooms and messages in SQL:
// SQLite in a local file by default, PostgreSQL when DATABASE_URL says so.
// Every query is parameterized; dialect differences stay in this package.
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
	_ "modernc.org/sqlite"             // the "sqlite" driver: pure Go, no cgo
)

// Dialect names the SQL flavour behind a Store.
type Dialect string

// The dialects Open understands.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Errors for errors.Is.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("already exists")
)

// DefaultURL is the database used when DATABASE_URL is empty.
const DefaultURL = "sqlite://./data/chat.db"

// Store is the application's database.
type Store struct {
	db      *sql.DB
	dialect Dialect
	now     func() time.Time
}

// Open connects to url ("sqlite://file.db" or "postgres://...") and pings it.
func Open(ctx context.Context, url string) (*Store, error) {
	if url == "" {
		url = DefaultURL
	}
	st := &Store{now: time.Now}
	var err error
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		st.dialect = Postgres
		st.db, err = sql.Open("pgx", url)
	case strings.HasPrefix(url, "sqlite://"):
		st.dialect = SQLite
		st.db, err = openSQLite(strings.TrimPrefix(url, "sqlite://"))
	default:
		return nil, errors.New("DATABASE_URL: want sqlite://<file> or postgres://<user>@<host>/<db>")
	}
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", st.dialect, err)
	}
	if err := st.db.PingContext(ctx); err != nil {
		st.db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", st.dialect, err)
	}
	return st, nil
}

func openSQLite(path string) (*sql.DB, error) {
	if path == "" {
		return nil, errors.New("sqlite:// needs a file path, for example " + DefaultURL)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create the database folder: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)")
	if err != nil {
		return nil, err
	}
	// One writer at a time is all SQLite allows; one connection makes the
	// pool queue statements instead of failing with "database is locked".
	db.SetMaxOpenConns(1)
	return db, nil
}

// Dialect reports the store's SQL flavour.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Close closes the pool.
func (s *Store) Close() error { return s.db.Close() }

// q turns the "?" placeholders of a query into PostgreSQL's "$n" when
// needed. No query in this package has a "?" inside a string literal.
func (s *Store) q(query string) string {
	if s.dialect != Postgres {
		return query
	}
	parts := strings.Split(query, "?")
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString("$" + strconv.Itoa(i))
		}
		b.WriteString(p)
	}
	return b.String()
}

// timeLayout writes times in UTC with fixed-width fractions, so SQLite's
// text order is time order; PostgreSQL parses the same text.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// timeCol scans a time column: a time.Time from PostgreSQL, text from SQLite.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(v any) error {
	var text string
	switch v := v.(type) {
	case time.Time:
		*c.t = v.UTC()
		return nil
	case string:
		text = v
	case []byte:
		text = string(v)
	default:
		return fmt.Errorf("scan time: unexpected %T", v)
	}
	t, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		return fmt.Errorf("scan time: %w", err)
	}
	*c.t = t.UTC()
	return nil
}

// isUniqueViolation recognises both drivers' unique-constraint errors
// without importing them.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}
