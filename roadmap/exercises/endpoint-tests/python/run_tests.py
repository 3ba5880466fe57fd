"""run_tests runs test_app.py against the real API, or, given the name
of a variant, against that broken version: exit status 0 when the tests
pass, 1 when they fail, 2 when they cannot run."""

import os
import subprocess
import sys

from variants import VARIANTS


def main():
    variant = sys.argv[1] if len(sys.argv) > 1 else ""
    if variant and variant not in VARIANTS:
        sys.exit(f"unknown variant {variant!r}; the variants are {', '.join(VARIANTS)}")
    env = {**os.environ, "API_VARIANT": variant, "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        run = subprocess.run([sys.executable, "-m", "unittest", "-v", "test_app"], env=env, check=False)
    except OSError as err:
        print(f"run_tests: cannot run unittest: {err}", file=sys.stderr)
        sys.exit(2)
    against = f"the variant {variant}" if variant else "the real API"
    if run.returncode == 0:
        print(f"the tests pass against {against}")
    else:
        print(f"the tests fail against {against}")
        sys.exit(1)


if __name__ == "__main__":
    main()
