"""The judge's harness around insert_position: each case's arguments are the
sorted list and the queries; the answer is the position of each query."""

from judge import serve
from solution import insert_position

serve(lambda args: lambda: [insert_position(args[0], q) for q in args[1]])
