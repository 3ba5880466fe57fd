"""slug turns titles into the slugs of URLs, such as hello-world."""

import os

from variants import bugs_of


def build(title, b):
    """slugify with the bugs b switched on; none for the real one."""
    out = ""
    for ch in title:
        if "A" <= ch <= "Z" and "keeps_case" not in b:
            out += ch.lower()
        elif "a" <= ch <= "z" or "A" <= ch <= "Z" or ("0" <= ch <= "9" and "drops_digits" not in b):
            out += ch
        elif "no_collapse" in b or not out.endswith("-"):
            out += "-"
    if "keeps_edges" not in b:
        out = out.strip("-")
    if len(out) > 40 and "no_limit" not in b:
        out = out[:40]
        if "cut_leaves_dash" not in b:
            out = out.rstrip("-")
    if out == "" and "empty_slug" not in b:
        out = "untitled"
    return out


def slugify(title):
    """The slug of title: lower-case letters a-z and digits, every run of
    other characters one "-", none at the ends, at most 40 characters, and
    "untitled" when nothing is left.

    When SLUG_VARIANT names a variant, it is that broken version instead, so
    the tests can be run against it.
    """
    return build(title, bugs_of(os.environ.get("SLUG_VARIANT", "")))
