"""The judge's harness around LRUCache: each case's arguments are the capacity,
the operations (a string, "p" for a put and "g" for a get), and their keys and
values (a get ignores its value); the answer is what each get returned, in
order."""

from judge import serve
from solution import LRUCache


def prepare(args):
    capacity, ops, keys, values = args
    if not len(ops) == len(keys) == len(values):
        raise ValueError("the operations, keys and values differ in length")

    def run():
        cache = LRUCache(capacity)
        got = []
        for op, key, value in zip(ops, keys, values):
            if op == "g":
                got.append(cache.get(key))
            else:
                cache.put(key, value)
        return got

    return run


serve(prepare)
