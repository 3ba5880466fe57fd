"""A RealWorld (Conduit) blogging API with roles and a server-rendered admin
dashboard (Flask, SQLite or PostgreSQL)."""

from .app import create_app

__all__ = ["create_app"]
