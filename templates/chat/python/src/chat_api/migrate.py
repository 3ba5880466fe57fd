"""Schema migrations: the SQL files in migrations/<dialect>/, applied in name order."""

from importlib import resources

from .clock import to_db, utc_now
from .db import Database

# An arbitrary constant: PostgreSQL's advisory lock keeps two servers that
# start at once from applying the same migration.
MIGRATE_LOCK_ID = 72616761


def migrate(db: Database) -> list[str]:
    """Applies every migrations/<dialect>/*.sql file that schema_migrations does
    not list yet, in name order, all in one transaction: either the schema moves
    to the newest version or it stays as it was. A released file is never
    edited; a change to the schema is a new file. Returns the names it applied."""
    folder = resources.files(__package__) / "migrations" / db.dialect
    files = sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    )
    applied: list[str] = []
    with db.connect() as conn, conn.transaction():
        if db.dialect == "postgres":
            conn.one("SELECT pg_advisory_xact_lock(?)", [MIGRATE_LOCK_ID])
        conn.script(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {row["version"] for row in conn.all("SELECT version FROM schema_migrations")}
        for name, sql in files:
            if name in done:
                continue
            conn.script(sql)
            conn.run(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                [name, to_db(utc_now())],
            )
            applied.append(name)
    return applied
