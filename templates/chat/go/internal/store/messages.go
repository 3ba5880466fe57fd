package store

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// AddMessage persists a message and returns it with its server id and time.
func (s *Store) AddMessage(ctx context.Context, roomID int64, author Author, text string) (Message, error) {
	m := Message{RoomID: roomID, User: author, Text: text, CreatedAt: s.now().UTC().Truncate(time.Microsecond)}
	err := s.db.QueryRowContext(ctx,
		s.q(`INSERT INTO messages (room_id, user_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id`),
		roomID, author.ID, text, formatTime(m.CreatedAt)).Scan(&m.ID)
	if err != nil {
		return Message{}, fmt.Errorf("add message: %w", err)
	}
	return m, nil
}

// History returns up to limit messages of a room older than the message id
// before (0: the newest), oldest first, and whether older ones remain.
// Paging by id (a keyset) stays fast and stable while messages arrive.
func (s *Store) History(ctx context.Context, roomID, before int64, limit int) ([]Message, bool, error) {
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := s.db.QueryContext(ctx, s.q(`
		SELECT m.id, m.room_id, m.user_id, u.username, m.body, m.created_at
		FROM messages m JOIN users u ON u.id = m.user_id
		WHERE m.room_id = ? AND m.id < ?
		ORDER BY m.id DESC
		LIMIT ?`), roomID, before, limit+1)
	if err != nil {
		return nil, false, fmt.Errorf("history: %w", err)
	}
	defer rows.Close()
	msgs := []Message{}
	for rows.Next() {
		var m Message
		if err := rows.Scan(&m.ID, &m.RoomID, &m.User.ID, &m.User.Username, &m.Text, timeCol{&m.CreatedAt}); err != nil {
			return nil, false, fmt.Errorf("history: %w", err)
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("history: %w", err)
	}
	more := len(msgs) > limit
	if more {
		msgs = msgs[:limit]
	}
	slices.Reverse(msgs)
	return msgs, more, nil
}
