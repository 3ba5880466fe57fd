"""The judge's harness around spans: each case's one argument is the list of
prices."""

from judge import serve
from solution import spans

serve(lambda args: lambda: spans(*args))
