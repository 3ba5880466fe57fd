"""The unit tests of slugify: they must pass against the real function and
fail against each of its broken variants."""

import unittest

from slug import slugify


class SlugifyTest(unittest.TestCase):
    def test_slugify(self):
        # waymark:begin solution solve
        cases = [
            ("lower case", "Hello World", "hello-world"),
            ("digits", "Top 10 Tips for 2026", "top-10-tips-for-2026"),
            ("a run of separators is one dash", "a -- b,  c", "a-b-c"),
            ("non-ASCII letters separate", "Crème brûlée", "cr-me-br-l-e"),
            ("no dash at the ends", "  ¡Hola!  ", "hola"),
            ("exactly 40 is kept", "abcdefghij abcdefghij abcdefghij abcdefg", "abcdefghij-abcdefghij-abcdefghij-abcdefg"),
            (
                "a long slug is cut at 40",
                "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij",
                "abcdefghij-abcdefghij-abcdefghij-abcdefg",
            ),
            (
                "a cut does not end with a dash",
                "abcdefghij abcdefghij abcdefghij abcdef ghij",
                "abcdefghij-abcdefghij-abcdefghij-abcdef",
            ),
            ("nothing left", "!!!", "untitled"),
            ("empty", "", "untitled"),
        ]
        for name, title, want in cases:
            with self.subTest(name):
                self.assertEqual(slugify(title), want)
        # waymark:end


if __name__ == "__main__":
    unittest.main()
