"""The judge's harness around min_coins: each case's arguments are the coin
values and the amount."""

from judge import serve
from solution import min_coins

serve(lambda args: lambda: min_coins(*args))
