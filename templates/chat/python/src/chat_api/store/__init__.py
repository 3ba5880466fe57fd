"""The SQL for users, sessions, rooms, messages and settings. Every function
takes the connection to use as its first argument."""
