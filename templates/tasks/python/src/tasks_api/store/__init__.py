"""The SQL for users, refresh tokens and tasks. Every function takes the
connection to use as its first argument."""
