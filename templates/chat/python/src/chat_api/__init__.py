"""A chat server: rooms, history, presence and typing over WebSockets (Flask, SQLite or
PostgreSQL, Redis to share rooms between instances)."""

from .app import create_app

__all__ = ["create_app"]
