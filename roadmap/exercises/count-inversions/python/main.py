"""The judge's harness around inversions: each case's one argument is the
list."""

from judge import serve
from solution import inversions

serve(lambda args: lambda: inversions(*args))
