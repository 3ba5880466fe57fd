"""The broken versions of slugify, by name, each breaking one rule."""

VARIANTS = {
    "keeps-case": {"keeps_case"},  # "Hello" gives "Hello"
    "drops-digits": {"drops_digits"},  # "Top 10" gives "top"
    "no-collapse": {"no_collapse"},  # "a -- b" gives "a----b"
    "keeps-edges": {"keeps_edges"},  # " hi! " gives "-hi-"
    "no-limit": {"no_limit"},  # a slug of any length
    "cut-leaves-dash": {"cut_leaves_dash"},  # a cut may end with "-"
    "empty-slug": {"empty_slug"},  # "!!!" gives ""
}


def bugs_of(name):
    """The variant name's bugs; none for "" (the real slugify)."""
    return VARIANTS.get(name, set())
