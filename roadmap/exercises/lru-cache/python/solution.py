from collections import OrderedDict


class LRUCache:
    """Holds at most a fixed number of keys; when a new key would go over, it
    forgets the least recently used one (a get or a put uses a key)."""

    def __init__(self, capacity):
        """Makes an empty cache of capacity keys (at least 1)."""
        # waymark:begin solution solve
        self.capacity = capacity
        self.entries = OrderedDict()  # key → value, the least recently used first
        # waymark:end

    def get(self, key):
        """Returns the key's value, or -1 when the cache does not hold it."""
        # waymark:begin solution solve
        if key not in self.entries:
            return -1
        self.entries.move_to_end(key)
        return self.entries[key]
        # waymark:end

    def put(self, key, value):
        """Sets the key's value, forgetting the least recently used key when the
        cache would hold more than its capacity."""
        # waymark:begin solution solve
        self.entries[key] = value
        self.entries.move_to_end(key)
        if len(self.entries) > self.capacity:
            self.entries.popitem(last=False)
        # waymark:end
