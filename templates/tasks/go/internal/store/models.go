package store

import "time"

// User is a registered account.
type User struct {
	ID           int64
	Email        string // lower-cased
	PasswordHash string // bcrypt; never leaves the server
	CreatedAt    time.Time
}

// Task is one to-do item, owned by exactly one user.
type Task struct {
	ID          int64
	OwnerID     int64
	Title       string
	Description string
	Status      string  // todo, doing or done
	Priority    string  // low, medium or high
	DueDate     *string // "YYYY-MM-DD", nil when the task has no due date
	Labels      []string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// TaskQuery selects, orders and pages a user's tasks. The zero value of a
// filter means "do not filter on it".
type TaskQuery struct {
	Status    string
	Priority  string
	Label     string
	DueBefore string // "YYYY-MM-DD": due strictly before
	DueAfter  string // "YYYY-MM-DD": due strictly after
	Search    string // case-insensitive substring of title or description
	Sort      string // a SortKeys entry, optionally prefixed with "-" for descending
	Page      int    // from 1
	Limit     int    // tasks per page
}
