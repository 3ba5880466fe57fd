package check

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	sqlite "modernc.org/sqlite"
)

// sqlEngine makes a fresh database for each run of a file.
type sqlEngine interface {
	open(ctx context.Context) (sqlDB, error)
	describe() string
}

// sqlDB is one fresh database.
type sqlDB interface {
	exec(ctx context.Context, stmt string) error
	query(ctx context.Context, stmt string) (*resultSet, error)
	close()
}

// sqlEngine picks SQLite, or PostgreSQL when the session has a database
// and the step allows it. A step that needs PostgreSQL without one is
// skipped with the error's advice.
func (r *Runner) sqlEngine(q *SQLStep) (sqlEngine, error) {
	switch {
	case q.Dialect == "sqlite" || q.Dialect != "postgres" && r.Database == "":
		return sqliteEngine{}, nil
	case r.Database == "":
		return nil, errors.New("needs PostgreSQL: run `waymark check --database postgres://…` (or set DATABASE_URL) with a database waymark may create schemas in")
	}
	return pgEngine{url: r.Database}, nil
}

// sqliteEngine is an in-memory SQLite database, in process.
type sqliteEngine struct{}

func (sqliteEngine) describe() string { return "SQLite (in memory)" }

// sqliteMaxValue bounds one text or blob value (SQLITE_LIMIT_LENGTH), so a
// runaway group_concat cannot take waymark's memory.
const sqliteMaxValue = 16 << 20

func (sqliteEngine) open(ctx context.Context) (sqlDB, error) {
	db, err := sql.Open("sqlite", ":memory:?_defensive=1")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	err = conn.Raw(func(dc any) error {
		a, ok := dc.(sqlite.AuthorizerRegisterer)
		if !ok {
			return fmt.Errorf("the SQLite driver offers no authorizer (%T)", dc)
		}
		return a.RegisterAuthorizer(sandbox)
	})
	if err == nil {
		_, err = sqlite.Limit(conn, sqliteLimitLength, sqliteMaxValue)
	}
	if err != nil {
		conn.Close()
		db.Close()
		return nil, err
	}
	return &sqliteDB{db: db, conn: conn}, nil
}

// sqliteLimitLength is SQLITE_LIMIT_LENGTH.
const sqliteLimitLength = 0

// sandbox keeps a check's statements inside their in-memory database: no
// ATTACH (nor VACUUM INTO, which SQLite authorizes as one), so no file of
// the learner's machine is opened, written or created.
func sandbox(action sqlite.AuthorizerActionCode, arg1, _, _, _ string) sqlite.AuthorizerReturnCode {
	switch action {
	case sqlite.AuthAttach, sqlite.AuthDetach:
		return sqlite.AuthorizerDeny
	case sqlite.AuthFunction:
		if strings.EqualFold(arg1, "load_extension") {
			return sqlite.AuthorizerDeny
		}
	}
	return sqlite.AuthorizerOK
}

type sqliteDB struct {
	db   *sql.DB
	conn *sql.Conn
}

func (s *sqliteDB) exec(ctx context.Context, stmt string) error {
	_, err := s.conn.ExecContext(ctx, stmt)
	return err
}

func (s *sqliteDB) query(ctx context.Context, stmt string) (*resultSet, error) {
	rows, err := s.conn.QueryContext(ctx, stmt)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	rs := &resultSet{Columns: cols, Rows: [][]any{}}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if len(rs.Rows) == maxSQLRows {
			rs.More = true
			break
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]any, len(cols))
		for i, v := range vals {
			row[i] = sqlValue(v)
		}
		rs.Rows = append(rs.Rows, row)
	}
	return rs, rows.Err()
}

func (s *sqliteDB) close() {
	s.conn.Close()
	s.db.Close()
}

// pgEngine is a fresh schema, dropped afterwards, in a PostgreSQL database.
type pgEngine struct{ url string }

func (pgEngine) describe() string { return "PostgreSQL (a fresh schema)" }

func (e pgEngine) open(ctx context.Context) (sqlDB, error) {
	cfg, err := pgx.ParseConfig(e.url)
	if err != nil {
		return nil, fmt.Errorf("the database URL: %w", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "waymark_check_" + hex.EncodeToString(b[:])
	if deadline, ok := ctx.Deadline(); ok {
		ms := max(time.Until(deadline).Milliseconds(), 1)
		cfg.RuntimeParams["statement_timeout"] = strconv.FormatInt(ms, 10)
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("could not connect to PostgreSQL: %w", err)
	}
	id := pgx.Identifier{schema}.Sanitize()
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+id); err != nil {
		conn.Close(context.Background())
		return nil, fmt.Errorf("could not create a schema for the check: %w", err)
	}
	db := &pgDB{conn: conn, schema: id}
	if _, err := conn.Exec(ctx, "SET search_path TO "+id); err != nil {
		db.close()
		return nil, err
	}
	return db, nil
}

type pgDB struct {
	conn   *pgx.Conn
	schema string
}

func (p *pgDB) exec(ctx context.Context, stmt string) error {
	_, err := p.conn.Exec(ctx, stmt, pgx.QueryExecModeSimpleProtocol)
	return err
}

func (p *pgDB) query(ctx context.Context, stmt string) (*resultSet, error) {
	rows, err := p.conn.Query(ctx, stmt, pgx.QueryExecModeSimpleProtocol)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	rs := &resultSet{Rows: [][]any{}}
	for _, f := range rows.FieldDescriptions() {
		rs.Columns = append(rs.Columns, f.Name)
	}
	for rows.Next() {
		if len(rs.Rows) == maxSQLRows {
			rs.More = true
			break
		}
		vals, err := rows.Values()
		if err != nil {
			return nil, err
		}
		row := make([]any, len(vals))
		for i, v := range vals {
			row[i] = sqlValue(v)
		}
		rs.Rows = append(rs.Rows, row)
	}
	return rs, rows.Err()
}

// close drops the schema with a context of its own: the step's may be
// over, and the schema must not be left behind.
func (p *pgDB) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, _ = p.conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+p.schema+" CASCADE")
	_ = p.conn.Close(ctx)
}

// sqlValue normalises a database value to text, a float64 number, a bool
// or nil, so that SQLite's and PostgreSQL's answers compare alike.
func sqlValue(v any) any {
	switch x := v.(type) {
	case nil, string, bool, float64:
		return x
	case int64:
		return float64(x)
	case int32:
		return float64(x)
	case int16:
		return float64(x)
	case int8:
		return float64(x)
	case int:
		return float64(x)
	case uint32:
		return float64(x)
	case float32:
		return float64(x)
	case []byte:
		if utf8.Valid(x) {
			return string(x)
		}
		return "x'" + hex.EncodeToString(x) + "'"
	case time.Time:
		return timeText(x)
	case pgtype.Numeric:
		if f, err := x.Float64Value(); err == nil && f.Valid && !math.IsInf(f.Float64, 0) {
			return f.Float64
		}
		if !x.Valid {
			return nil
		}
	case [16]byte: // uuid
		h := hex.EncodeToString(x[:])
		return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
	}
	if dv, ok := v.(driver.Valuer); ok {
		if val, err := dv.Value(); err == nil && val != v {
			return sqlValue(val)
		}
	}
	return fmt.Sprint(v)
}

// timeText writes a date as 2006-01-02 and a time as 2006-01-02 15:04:05,
// as SQLite stores them; a zone other than UTC is kept.
func timeText(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 && t.Location() == time.UTC {
		return t.Format(time.DateOnly)
	}
	layout := "2006-01-02 15:04:05.999999999"
	if t.Location() != time.UTC {
		layout += "-07:00"
	}
	return t.Format(layout)
}
