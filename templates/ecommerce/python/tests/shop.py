"""Shared by the tests from the accounts milestone on: the shop as the server
prepares it (the sample catalog and the configured admin), its customers
and products."""

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ecommerce_api.auth.passwords import Passwords
from ecommerce_api.store.seed import seed_catalog
from ecommerce_api.store.users import ensure_admin

if TYPE_CHECKING:  # conftest imports this module: no import back at run time
    from conftest import Api, SignedUp

ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "admin-password-1"


@dataclass(frozen=True)
class Shop:
    api: "Api"
    admin: dict[str, str]  # the admin's Authorization header

    def sign_up(self, email: str | None = None) -> "SignedUp":
        return self.api.sign_up(email)

    def new_product(self, **fields: Any) -> dict[str, Any]:
        """Creates a product as the admin (price 1250, stock 10 unless given)."""
        body = {"name": f"Thing {secrets.token_hex(4)}", "price": 1250, "stock": 10, **fields}
        res = self.api.client.post("/api/products", json=body, headers=self.admin)
        assert res.status_code == 201, res.text
        return res.json

    def stock_of(self, product_id: int) -> int:
        res = self.api.client.get(f"/api/products/{product_id}")
        assert res.status_code == 200, res.text
        return res.json["stock"]


def at_once(count: int, call: Any) -> list[Any]:
    """Runs call(i) for i in range(count) on as many threads, released together."""
    start = threading.Barrier(count, timeout=30)

    def run(i: int) -> Any:
        start.wait()
        return call(i)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count), timeout=120))


def open_shop(api: "Api") -> Shop:
    """Seeds the catalog and creates the admin, as prepare.py does at start,
    then logs the admin in."""
    with api.db.connect() as conn:
        seed_catalog(conn, "EUR", api.clock())
        ensure_admin(conn, ADMIN_EMAIL, Passwords(4).hash(ADMIN_PASSWORD), api.clock())
    res = api.client.post(
        "/api/auth/login", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
    )
    assert res.status_code == 200, res.text
    return Shop(api=api, admin={"Authorization": f"Bearer {res.json['access_token']}"})
