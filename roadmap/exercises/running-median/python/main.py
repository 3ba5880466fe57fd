"""The judge's harness around medians: each case's one argument is the stream
of numbers."""

from judge import serve
from solution import medians

serve(lambda args: lambda: medians(*args))
