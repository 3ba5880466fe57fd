"""line-filter prints the lines of standard input that contain a pattern,
like a small grep: -i ignores case, -c prints only the count. It exits 0
when a line matched, 1 when none did and 2 on a usage error."""

import argparse
import sys


def run(args, stdin, stdout):
    """Filters stdin by the command-line arguments args onto stdout and
    returns the exit status."""
    # waymark:begin solution solve
    parser = argparse.ArgumentParser(prog="line-filter")
    parser.add_argument("-i", action="store_true", help="ignore case")
    parser.add_argument("-c", action="store_true", help="print only how many lines matched")
    parser.add_argument("pattern")
    opts = parser.parse_args(args)  # prints "usage: ..." and exits 2 on a bad line
    pattern = opts.pattern.lower() if opts.i else opts.pattern
    matched = 0
    for line in stdin:
        line = line.rstrip("\n")
        if pattern in (line.lower() if opts.i else line):
            matched += 1
            if not opts.c:
                stdout.write(line + "\n")
    if opts.c:
        stdout.write(f"{matched}\n")
    return 0 if matched else 1
    # waymark:stub
    # raise NotImplementedError("TODO(solve): not implemented yet")
    # waymark:end


def main():
    sys.exit(run(sys.argv[1:], sys.stdin, sys.stdout))


if __name__ == "__main__":
    main()
