package store

import "time"

// User is an account. The password hash never leaves this package's callers
// in a response.
type User struct {
	ID        int64     `json:"id"`
	Username  string    `json:"username"`
	CreatedAt time.Time `json:"created_at"`
}

// Room is a named chat room.
type Room struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// Author is who wrote a message, as clients see it.
type Author struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
}

// Message is one persisted chat message: the id and time are the server's.
type Message struct {
	ID        int64     `json:"id"`
	RoomID    int64     `json:"room"`
	User      Author    `json:"user"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
}
