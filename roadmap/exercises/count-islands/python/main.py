"""The judge's harness around islands: each case's one argument is the map, a
list of rows of '#' (land) and '.' (water)."""

from judge import serve
from solution import islands

serve(lambda args: lambda: islands(*args))
