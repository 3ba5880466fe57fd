-- The whole schema of the tasks API, SQLite flavour. Times are TEXT in a
-- fixed-width UTC format ("2026-01-02T15:04:05.000Z", what toISOString writes) so that comparing
-- the text compares the times; due dates are TEXT "YYYY-MM-DD".

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL UNIQUE, -- stored lower-cased
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- Refresh tokens are stored as SHA-256 hashes: a leaked database does not
-- leak usable tokens. Every login starts a family; each refresh rotates the
-- presented token (rotated_at) and adds the next one to the same family.
CREATE TABLE refresh_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id  TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    rotated_at TEXT,
    revoked_at TEXT
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

CREATE TABLE tasks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('todo', 'doing', 'done')),
    priority    TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high')),
    due_date    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX tasks_owner_created_idx ON tasks (owner_id, created_at);

CREATE TABLE task_labels (
    task_id  INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    label    TEXT NOT NULL,
    position INTEGER NOT NULL, -- labels come back in the order they were given
    PRIMARY KEY (task_id, label)
);
CREATE INDEX task_labels_label_idx ON task_labels (label);
