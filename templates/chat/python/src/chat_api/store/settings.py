"""Settings every instance on one database shares."""

import secrets

from ..db import Connection


def namespace(conn: Connection) -> str:
    """A random name made once per database and shared by every instance that
    uses it. Instances put it in their Redis channel names, so that two
    deployments (or two test runs) sharing one Redis never hear each other's
    rooms."""
    conn.run(
        "INSERT INTO settings (key, value) VALUES ('namespace', ?) ON CONFLICT (key) DO NOTHING",
        [secrets.token_hex(12)],
    )
    row = conn.one("SELECT value FROM settings WHERE key = 'namespace'")
    if row is None:  # cannot happen: the INSERT above made it
        raise RuntimeError("settings: no namespace")
    return row["value"]
