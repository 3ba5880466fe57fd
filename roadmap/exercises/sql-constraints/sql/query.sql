-- CREATE TABLE accounts with its constraints, then the INSERT OR IGNORE and the SELECT the README gives.
-- waymark:begin solution solve
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (email LIKE '_%@_%'),
  name TEXT NOT NULL CHECK (trim(name) <> ''),
  age INTEGER CHECK (age BETWEEN 13 AND 130)
);

INSERT OR IGNORE INTO accounts (email, name, age)
SELECT email, name, age FROM signups ORDER BY id;
SELECT email, name, age FROM accounts ORDER BY id;
-- waymark:stub
-- SELECT 'not implemented' AS error, 'solve' AS milestone;
-- waymark:end
