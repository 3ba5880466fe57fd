"""The judge's harness, the same in every kata: it reads one case per line on
standard input ({"id": 1, "args": [...]}), calls your function through
main.py and writes one answer per line on standard output ({"id": 1,
"result": ..., "ns": ...}). You do not need to change it; print debugging
output to standard error (print(..., file=sys.stderr)), not standard output."""

import json
import os
import re
import sys
import time
import traceback

_TODO = re.compile(r"TODO\(([\w-]+)\): not implemented")


def serve(prepare):
    """Answers every case on standard input until it ends. prepare takes a
    case's arguments and returns the call to time."""
    _write(json.dumps({"ready": True}))
    for line in sys.stdin:
        if line.strip():
            _write(_answer(line, prepare))


def _answer(line, prepare):
    """Returns the answer to one case, as a line of JSON."""
    try:
        case = json.loads(line)
    except ValueError as e:
        return json.dumps({"id": 0, "error": f"the harness could not read a case: {e}"})
    call = prepare(case["args"])
    start = time.perf_counter_ns()
    try:
        result = call()
    except Exception as e:  # the learner's code may raise anything
        ns = time.perf_counter_ns() - start
        message = f"{type(e).__name__}: {e}"
        m = _TODO.search(message)
        if m:
            return json.dumps({"id": case["id"], "error": "not implemented", "milestone": m.group(1)})
        if isinstance(e, NotImplementedError):
            return json.dumps({"id": case["id"], "error": "not implemented"})
        return json.dumps({"id": case["id"], "error": message + _site(e), "ns": ns})
    ns = time.perf_counter_ns() - start
    try:
        return json.dumps({"id": case["id"], "result": result, "ns": ns}, allow_nan=False)
    except (TypeError, ValueError) as e:
        return json.dumps({"id": case["id"], "error": f"the result cannot be written as JSON: {e}", "ns": ns})


def _site(e):
    """Returns " (file.py:line)" of the last frame outside this file: the line
    of your code that raised."""
    for frame in reversed(traceback.extract_tb(e.__traceback__)):
        if os.path.basename(frame.filename) != "judge.py":
            return f" ({os.path.basename(frame.filename)}:{frame.lineno})"
    return ""


def _write(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
