-- The chat schema, SQLite flavour. Times are TEXT in a fixed-width UTC
-- format (RFC 3339 with as many fraction digits in every row, such as
-- "2026-01-02T15:04:05.000Z") so that text order is time order.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT NOT NULL UNIQUE, -- stored lower-cased
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- A session token is stored as its SHA-256: a leaked table leaks no usable
-- token. Every instance reads the same table, so a token works on all of them.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE rooms (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);

CREATE TABLE messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
-- History pages walk one room backwards by id.
CREATE INDEX messages_room_idx ON messages (room_id, id);

-- Settings shared by every instance on this database, such as the
-- namespace of its Redis channels, made once per database.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
