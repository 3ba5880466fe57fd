"""idempotency-key makes payments on POST /payments at most once per
Idempotency-Key, however often and however fast a client retries.

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import json
import os
import re
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1 << 16


class Payments:
    """The payments made and the answer given per key, behind one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.made = []
        # key -> {"amount", "currency", "done", "payment"}; done is False
        # while the key's first request is being charged.
        self.keys = {}

    def charge(self, amount, currency):
        """Asks the bank for the money (it takes 200 ms, as a real call
        would) and records the payment."""
        time.sleep(0.2)
        with self.lock:
            payment = {"id": len(self.made) + 1, "amount": amount, "currency": currency}
            self.made.append(payment)
            return payment


PAYMENTS = Payments()


class Handler(BaseHTTPRequestHandler):
    """GET and POST /payments."""

    def send_json(self, status, value, headers=None):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, val in (headers or {}).items():
            self.send_header(name, val)
        self.end_headers()
        self.wfile.write(body)

    def not_implemented(self):
        """Answers 501 naming the exercise's milestone, which `waymark check`
        reads as "this is still to do"."""
        self.send_json(501, {"error": "not implemented", "milestone": "solve"})

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        if path == "/payments":
            with PAYMENTS.lock:
                return self.send_json(200, list(PAYMENTS.made))
        return self.send_json(404, {"error": "not found"})

    def do_POST(self):
        if self.path.split("?", 1)[0] != "/payments":
            return self.send_json(404, {"error": "not found"})
        key = self.headers.get("Idempotency-Key", "")
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(min(length, MAX_BODY))
        if not key or len(key) > 255:
            return self.send_json(400, {"error": "send an Idempotency-Key header of 1 to 255 characters"})
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        amount = data.get("amount") if isinstance(data, dict) else None
        currency = data.get("currency") if isinstance(data, dict) else None
        if (
            isinstance(amount, bool)
            or not isinstance(amount, int)
            or amount < 1
            or not isinstance(currency, str)
            or not re.fullmatch(r"[A-Z]{3}", currency)
        ):
            return self.send_json(422, {"error": "send a whole amount of cents above 0 and a currency such as EUR"})
        # waymark:begin solution solve
        with PAYMENTS.lock:
            known = PAYMENTS.keys.get(key)
            if known is None:
                entry = {"amount": amount, "currency": currency, "done": False, "payment": None}
                PAYMENTS.keys[key] = entry  # reserved: a retry from now on sees it in flight
            else:
                same = known["amount"] == amount and known["currency"] == currency
                done, payment = known["done"], known["payment"]
        if known is not None:
            if not same:
                return self.send_json(422, {"error": "this Idempotency-Key was used for another payment"})
            if not done:
                return self.send_json(409, {"error": "this payment is still being made: retry in a moment"})
            return self.send_json(201, payment, {"Idempotent-Replayed": "true"})
        payment = PAYMENTS.charge(amount, currency)
        with PAYMENTS.lock:
            entry["payment"], entry["done"] = payment, True
        return self.send_json(201, payment)
        # waymark:stub
        # return self.not_implemented()
        # waymark:end


def main():
    port = int(os.environ.get("PORT") or 8080)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
