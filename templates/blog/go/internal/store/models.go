package store

import "time"

// Role is what a user may do beyond reading.
type Role string

// The roles, from least to most powerful.
const (
	RoleReader Role = "reader" // reads and comments, never publishes
	RoleAuthor Role = "author" // the default: publishes, edits only their own articles
	RoleEditor Role = "editor" // edits and deletes any article and any comment
	RoleAdmin  Role = "admin"  // an editor who also changes roles and uses the dashboard
)

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool {
	return r == RoleReader || r == RoleAuthor || r == RoleEditor || r == RoleAdmin
}

// User is an account.
type User struct {
	ID           int64
	Username     string
	Email        string
	PasswordHash string
	Bio          string
	Image        string
	Role         Role
	TokenVersion int64 // raised by a password change, which ends every earlier token
	CreatedAt    time.Time
}

// Profile is a user as another user (the viewer) sees them.
type Profile struct {
	Username  string
	Bio       string
	Image     string
	Following bool
}

// Article is a post with what its viewer needs to show it.
type Article struct {
	ID             int64
	Slug           string
	Title          string
	Description    string
	Body           string
	Tags           []string
	Published      bool
	AuthorID       int64
	Author         Profile
	Favorited      bool
	FavoritesCount int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Comment is a comment on an article.
type Comment struct {
	ID        int64
	ArticleID int64
	AuthorID  int64
	Author    Profile
	Body      string
	CreatedAt time.Time
	UpdatedAt time.Time
}
