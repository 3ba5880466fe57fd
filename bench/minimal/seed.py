"""Seeds a running solution through its own API for bench/solutions.sh, so
that every stack's database holds the same data, written the way the
solution writes it. Standard library only.

    python3 seed.py tasks PORT COUNT       a user and COUNT tasks; prints the user's id
                                           and an access token
    python3 seed.py ecommerce PORT COUNT   COUNT products, added by the admin
    python3 seed.py same URL URL [TOKEN]   exits 1 unless both lists hold the same items
"""

import base64
import json
import sys
import urllib.request


def call(port, method, path, body=None, token=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method)
    if body is not None:
        req.data = json.dumps(body).encode()
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)


def tasks(port, count):
    auth = {"email": "bench@example.com", "password": "correct-horse-42"}
    token = call(port, "POST", "/api/auth/register", auth)["access_token"]
    for i in range(count):
        # A mix the list request filters and sorts: a third of the tasks are
        # "todo", two thirds have a due date, half have labels.
        task = {
            "title": f"task {i}",
            "description": f"what task {i} is about",
            "status": ("todo", "doing", "done")[i % 3],
            "priority": ("low", "medium", "high")[i // 3 % 3],
            "labels": (["work", "urgent"], ["home"], [], [])[i % 4],
        }
        if i % 3 != 2:
            task["due_date"] = f"2027-{1 + i % 12:02d}-{1 + i % 28:02d}"
        call(port, "POST", "/api/tasks", task, token)
    # The user's id is the access token's subject.
    claims = token.split(".")[1]
    print(json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))["sub"], token)


def ecommerce(port, count):
    auth = {"email": "admin@example.com", "password": "waymark-bench-admin"}
    token = call(port, "POST", "/api/auth/login", auth)["access_token"]
    for i in range(count):
        product = {
            "name": f"Bench product {i}",
            "description": f"product {i}, for the list benchmark",
            "price": 500 + 25 * i,
            "stock": 100,
            "images": [f"https://img.example.com/{i}.jpg"],
        }
        call(port, "POST", "/api/products", product, token)


def same(a, b, token=None):
    def items(url):
        req = urllib.request.Request(url)
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(req, timeout=30) as resp:
            page = json.load(resp)
        return page["total"], [(d["id"], d.get("labels"), d.get("name")) for d in page["data"]]

    left, right = items(a), items(b)
    if left != right or not left[1]:
        sys.exit(f"the lists differ or are empty:\n  {a}: {left}\n  {b}: {right}")


if __name__ == "__main__":
    if sys.argv[1] == "same":
        same(*sys.argv[2:5])
    else:
        {"tasks": tasks, "ecommerce": ecommerce}[sys.argv[1]](sys.argv[2], int(sys.argv[3]))
