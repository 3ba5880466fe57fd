"""The judge's harness around hops: each case's arguments are the number of
nodes, the two lists of edge ends and the start node."""

from judge import serve
from solution import hops

serve(lambda args: lambda: hops(*args))
