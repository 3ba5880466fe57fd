"""The judge's harness around count_pairs: each case's arguments are the list
and the target."""

from judge import serve
from solution import count_pairs

serve(lambda args: lambda: count_pairs(*args))
