"""The judge's harness around shortest_run: each case's arguments are the
list and the target."""

from judge import serve
from solution import shortest_run

serve(lambda args: lambda: shortest_run(*args))
