"""An online store REST API: catalog, accounts, carts, checkout and payments
(Flask, SQLite or PostgreSQL)."""

from .app import create_app

__all__ = ["create_app"]
