"""worker-pool runs the jobs read from standard input, one "NAME MS" a line,
on -workers workers at once, and prints their results in input order. A
job's work is to wait MS milliseconds, standing in for a call to another
service."""

import argparse
import json
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def run_job(line):
    """Does one job: "NAME MS" waits MS milliseconds (0 to 2000). Returns
    the text to print and whether the job failed."""
    m = re.fullmatch(r"(\S+) ([0-9]+)", line)
    if not m or int(m[2]) > 2000:
        return f"error: bad job {json.dumps(line)}", True
    time.sleep(int(m[2]) / 1000)
    return f"{m[1]} done in {int(m[2])}ms", False


def run_all(jobs, workers):
    """Runs every job with at most workers at once and returns their
    results in the jobs' order."""
    # waymark:begin solution solve
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run_job, jobs))  # map keeps the input's order
    # waymark:stub
    # raise NotImplementedError("TODO(solve): not implemented yet")
    # waymark:end


def main():
    parser = argparse.ArgumentParser(prog="worker-pool")
    parser.add_argument("-workers", type=int, default=4, help="how many jobs run at once")
    opts = parser.parse_args()
    if opts.workers < 1:
        print("worker-pool: -workers must be at least 1", file=sys.stderr)
        sys.exit(1)
    jobs = sys.stdin.read().splitlines()
    results = run_all(jobs, opts.workers)
    for text, _ in results:
        print(text)
    sys.exit(1 if any(failed for _, failed in results) else 0)


if __name__ == "__main__":
    main()
