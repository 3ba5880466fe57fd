"""The blueprints: health, auth and tasks."""
