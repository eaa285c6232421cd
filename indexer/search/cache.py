"""A size-bounded cache for the per-term arrays of a generation."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any


class ArrayCache:
    """A thread-safe LRU of numpy arrays (or tuples of them) bounded by their total size."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _size(value: Any) -> int:
        arrays = value if isinstance(value, tuple) else (value,)
        return sum(array.nbytes for array in arrays)

    def get(self, key: str) -> Any:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def keys(self) -> tuple[str, ...]:
        """The keys held, least recently used first."""
        with self._lock:
            return tuple(self._items)

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self.bytes += self._size(value)
            while self.bytes > self.max_bytes and len(self._items) > 1:
                _, evicted = self._items.popitem(last=False)
                self.bytes -= self._size(evicted)
