"""The judge's harness around path_cost: each case's one argument is the grid,
a list of rows of digits."""

from judge import serve
from solution import path_cost

serve(lambda args: lambda: path_cost(*args))
