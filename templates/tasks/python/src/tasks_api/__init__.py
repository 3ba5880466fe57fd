"""A task manager JSON API with user authentication (Flask, SQLite or PostgreSQL)."""

from .app import create_app

__all__ = ["create_app"]
