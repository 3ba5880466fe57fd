-- Tokens carry the version of their user's credentials: changing the
-- password raises it, which ends every token issued before.
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
