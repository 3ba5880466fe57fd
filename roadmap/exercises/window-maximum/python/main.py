"""The judge's harness around window_max: each case's arguments are the list
and the window's size."""

from judge import serve
from solution import window_max

serve(lambda args: lambda: window_max(*args))
