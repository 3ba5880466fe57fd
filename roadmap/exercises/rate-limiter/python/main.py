"""The judge's harness around allow: each case's arguments are the capacity,
the rate, and the requests' times and clients."""

from judge import serve
from solution import allow


def prepare(args):
    capacity, rate, times, clients = args
    if len(times) != len(clients):
        raise ValueError("the times and the clients differ in length")
    return lambda: allow(capacity, rate, times, clients)


serve(prepare)
