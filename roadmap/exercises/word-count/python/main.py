"""word-count reads text on standard input and prints how many lines, words
and characters it holds: "<lines> <words> <characters>"."""

import sys


def count(text):
    """Returns the lines, words and characters (code points) of text."""
    # waymark:begin solution solve
    lines = text.count("\n")
    if text and not text.endswith("\n"):
        lines += 1  # text after the last newline is a line too
    return lines, len(text.split()), len(text)
    # waymark:stub
    # raise NotImplementedError("TODO(solve): not implemented yet")
    # waymark:end


def main():
    text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    lines, words, chars = count(text)
    print(lines, words, chars)


if __name__ == "__main__":
    main()
