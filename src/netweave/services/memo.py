"""Reads remembered until the database changes: for the web app's busiest pages.

A long-running process (``netweave serve``) answers the same reads again and again. The
result of a read is kept with the database's data version (see ``Database.data_version``)
and the minute it was computed for: any commit, by this process or another, or the next
minute, makes it stale. Callers get their own copy, so changing it changes nothing here.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from netweave.services.context import Context

T = TypeVar("T")
#: How many distinct reads are kept (the least recently used go first).
CAPACITY = 512


class Memo:
    """A small least-recently-used store of read results, safe across threads."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> tuple[bool, object]:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return True, self._items[key]
            self.misses += 1
            return False, None

    def put(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)


def remembered(ctx: Context, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or a copy of its result from an earlier call on unchanged data."""
    version = ctx.db.data_version()
    if version is None:
        return compute()
    full = (key, version, ctx.clock.now().replace(second=0, microsecond=0))
    found, value = ctx.memo.get(full)
    if not found:
        value = compute()
        ctx.memo.put(full, value)
    return copy.deepcopy(value)  # type: ignore[return-value]
