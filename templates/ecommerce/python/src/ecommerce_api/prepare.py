"""What the server does once before it serves: create the configured admin
and, in development, seed an empty catalog with the sample data.

    python -m ecommerce_api.prepare --seed    (make seed)

seeds an empty catalog in any environment, then exits.
"""

import argparse
from datetime import datetime

# waymark:begin solution accounts
from .auth.passwords import Passwords
# waymark:stub
# waymark:end
from .clock import utc_now
from .config import ConfigError, Settings, load_settings
from .db import Database, open_database
from .log import configure_logging, get_logger
from .migrate import migrate
# waymark:begin solution catalog
from .store.seed import seed_catalog
# waymark:stub
# waymark:end
# waymark:begin solution accounts
from .store.users import ensure_admin
# waymark:stub
# waymark:end


def prepare(settings: Settings, db: Database, now: datetime, *, seed: bool = False) -> None:
    """Creates the admin of ADMIN_EMAIL / ADMIN_PASSWORD unless it exists and,
    outside production (or with seed), fills an empty catalog. Both are safe
    to run at every start, by several workers at once."""
    log = get_logger()
    # waymark:begin solution accounts
    if settings.admin_email:
        password_hash = Passwords(settings.bcrypt_cost).hash(settings.admin_password)
        with db.connect() as conn:
            if ensure_admin(conn, settings.admin_email, password_hash, now):
                log.info("admin account created", extra={"email": settings.admin_email})
    # waymark:stub
    # # TODO(accounts): create the admin from ADMIN_EMAIL / ADMIN_PASSWORD unless it exists.
    # waymark:end
    if settings.production and not seed:
        return  # production data is never invented
    # waymark:begin solution catalog
    with db.connect() as conn:
        if seed_catalog(conn, settings.currency, now):
            log.info("seeded the empty catalog with sample data")
    # waymark:stub
    # # TODO(catalog): seed an empty catalog with the sample data (checks/README.md).
    # log.info("seeding comes with the catalog milestone")
    # waymark:end


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m ecommerce_api.prepare", description=__doc__)
    parser.add_argument("--seed", action="store_true", help="seed an empty catalog, then exit")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as err:
        raise SystemExit(f"shop: {err}") from None
    configure_logging(settings)
    db = open_database(settings.database_url)
    try:
        migrate(db)
        prepare(settings, db, utc_now(), seed=args.seed)
    finally:
        db.close()


if __name__ == "__main__":
    main()
