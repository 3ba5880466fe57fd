package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CreateRoom adds a room; ErrConflict when the name is taken.
func (s *Store) CreateRoom(ctx context.Context, name string, createdBy int64) (Room, error) {
	r := Room{Name: name, CreatedBy: createdBy, CreatedAt: s.now().UTC().Truncate(time.Microsecond)}
	err := s.db.QueryRowContext(ctx,
		s.q(`INSERT INTO rooms (name, created_by, created_at) VALUES (?, ?, ?) RETURNING id`),
		name, createdBy, formatTime(r.CreatedAt)).Scan(&r.ID)
	if isUniqueViolation(err) {
		return Room{}, ErrConflict
	}
	if err != nil {
		return Room{}, fmt.Errorf("create room: %w", err)
	}
	return r, nil
}

// Rooms lists every room by name.
func (s *Store) Rooms(ctx context.Context) ([]Room, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, created_by, created_at FROM rooms ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list rooms: %w", err)
	}
	defer rows.Close()
	rooms := []Room{}
	for rows.Next() {
		var r Room
		if err := rows.Scan(&r.ID, &r.Name, &r.CreatedBy, timeCol{&r.CreatedAt}); err != nil {
			return nil, fmt.Errorf("list rooms: %w", err)
		}
		rooms = append(rooms, r)
	}
	return rooms, rows.Err()
}

// Room returns one room or ErrNotFound.
func (s *Store) Room(ctx context.Context, id int64) (Room, error) {
	var r Room
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id, name, created_by, created_at FROM rooms WHERE id = ?`), id).
		Scan(&r.ID, &r.Name, &r.CreatedBy, timeCol{&r.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return Room{}, ErrNotFound
	}
	if err != nil {
		return Room{}, fmt.Errorf("find room: %w", err)
	}
	return r, nil
}
