"""raw-http-request reads one HTTP/1.1 request on standard input, as a
server receives it, and prints its method, target, version, headers and
body, or "400 Bad Request: <why>" and exit status 1."""

import re
import sys


class BadRequest(Exception):
    """Why a server must answer 400 to the request."""


def parse(data):
    """Reads one request from data (bytes), following RFC 9112, as a dict
    with method, target, version, headers [(name, value)] and body."""
    # waymark:begin solution solve
    lines = []
    pos = 0
    while True:
        nl = data.find(b"\n", pos)
        if nl < 0:
            raise BadRequest("the head does not end with an empty line")
        line = data[pos:nl].decode("latin-1")
        pos = nl + 1
        if line.endswith("\r"):
            line = line[:-1]
        if line == "":
            break
        lines.append(line)
    if not lines:
        raise BadRequest("no request line")
    parts = lines[0].split(" ")
    if len(parts) != 3:
        raise BadRequest(f"the request line {lines[0]!r} is not three parts")
    method, target, version = parts
    if not re.fullmatch(r"[A-Z]+", method):
        raise BadRequest(f"bad method {method!r}")
    if not target.startswith("/"):
        raise BadRequest(f"bad target {target!r}")
    if version not in ("HTTP/1.1", "HTTP/1.0"):
        raise BadRequest(f"unknown version {version!r}")
    headers = []
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or not name or re.search(r"[ \t]", name):
            raise BadRequest(f"bad header line {line!r}")
        headers.append((name.lower(), value.strip(" \t")))
    names = [name for name, _ in headers]
    if version == "HTTP/1.1" and "host" not in names:
        raise BadRequest("HTTP/1.1 needs a Host header")
    length = 0
    if "content-length" in names:
        value = headers[names.index("content-length")][1]
        if not re.fullmatch(r"[0-9]{1,9}", value):
            raise BadRequest(f"Content-Length {value!r} is not a number")
        length = int(value)
    if length > len(data) - pos:
        raise BadRequest(f"the body is {len(data) - pos} bytes, Content-Length says {length}")
    return {"method": method, "target": target, "version": version, "headers": headers, "body": data[pos : pos + length]}
    # waymark:end


def format_request(req):
    """The request as the program prints it, as bytes."""
    out = [f"method: {req['method']}", f"target: {req['target']}", f"version: {req['version']}"]
    out += [f"header: {name}: {value}" for name, value in req["headers"]]
    out.append(f"body: {len(req['body'])} bytes")
    text = ("\n".join(out) + "\n").encode("latin-1")
    if req["body"]:
        text += req["body"] + b"\n"
    return text


def main():
    try:
        req = parse(sys.stdin.buffer.read())
    except BadRequest as err:
        print(f"400 Bad Request: {err}")
        sys.exit(1)
    sys.stdout.buffer.write(format_request(req))


if __name__ == "__main__":
    main()
