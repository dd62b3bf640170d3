"""A size-capped map for what one process keeps in its own memory, the least recently used dropped first.

Every per-process tier has a cap (pages by their bytes, search pages and the readers' markers by count);
Redis is the shared tier behind them.
"""

import threading
from collections import OrderedDict


class LRU:
    """Entries up to `limit()` in all, each weighing `weigh(entry)` (1 by default); thread-safe."""

    def __init__(self, limit, weigh=None):
        self.limit = limit
        self.weigh = weigh or (lambda entry: 1)
        self.weight = 0
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key, entry):
        weight = self.weigh(entry)
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.weight -= old[1]
            self._entries[key] = (entry, weight)
            self.weight += weight
            limit = self.limit()
            while self.weight > limit and self._entries:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.weight -= dropped

    def __len__(self):
        return len(self._entries)

    def clear(self):
        with self._lock:
            self._entries.clear()
            self.weight = 0
