"""The admin dashboard under /admin: HTML pages rendered with Jinja2 (which
escapes everything it prints), a session cookie after a form sign-in, a CSRF
token in every form, and the role checked on every request."""

from .pages import bp

__all__ = ["bp"]
