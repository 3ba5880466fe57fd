package store

import (
	"fmt"
	"time"
)

// timeLayout is how times are written to the database: UTC with a fixed
// number of fractional digits, so that SQLite, which stores them as text,
// orders them correctly; PostgreSQL parses the same text into TIMESTAMPTZ.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// DateLayout is the format of a due date, in JSON and in the database.
const DateLayout = "2006-01-02"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// scanTime reads a time column whatever the driver hands back: PostgreSQL
// gives a time.Time, SQLite the text formatTime wrote.
type scanTime struct{ t *time.Time }

func (s scanTime) Scan(v any) error {
	switch v := v.(type) {
	case time.Time:
		*s.t = v.UTC()
		return nil
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	default:
		return fmt.Errorf("scan time: unexpected %T", v)
	}
}

func (s scanTime) parse(text string) error {
	t, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		return fmt.Errorf("scan time: %w", err)
	}
	*s.t = t.UTC()
	return nil
}

// scanDate reads a nullable date column into a "YYYY-MM-DD" string, nil
// for NULL.
type scanDate struct{ d **string }

func (s scanDate) Scan(v any) error {
	var text string
	switch v := v.(type) {
	case nil:
		*s.d = nil
		return nil
	case time.Time:
		text = v.Format(DateLayout)
	case string:
		text = v
	case []byte:
		text = string(v)
	default:
		return fmt.Errorf("scan date: unexpected %T", v)
	}
	*s.d = &text
	return nil
}
