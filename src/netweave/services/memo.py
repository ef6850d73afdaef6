"""Reads remembered until the database changes: for the web app's busiest pages.

A long-running process (``netweave serve``) answers the same reads again and again. The
result of a read is kept with the database's data version (see ``Database.data_version``)
and the hour it was computed in: any commit, by this process or another, or the next hour,
makes it stale. Everything remembered is counted in days (due dates, "3 days ago"), and a
strength's decay over an hour is far below one point of 100, so the hour only bounds how
long a page can go unrefreshed. Callers get their own copy, so changing it changes nothing
here.
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


def _versioned(ctx: Context, key: Hashable) -> Hashable | None:
    """``key`` with the data version and the hour, or ``None`` when changes cannot be told."""
    version = ctx.db.data_version()
    if version is None:
        return None
    hour = ctx.clock.now().replace(minute=0, second=0, microsecond=0)
    return (key, version, ctx.clock.today(), hour)  # today: the local date, not the UTC hour's


def remembered(ctx: Context, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or a copy of its result from an earlier call on unchanged data."""
    full = _versioned(ctx, key)
    if full is None:
        return compute()
    found, value = ctx.memo.get(full)
    if not found:
        value = compute()
        ctx.memo.put(full, value)
    return copy.deepcopy(value)  # type: ignore[return-value]


def peek(ctx: Context, key: Hashable) -> tuple[bool, object]:
    """What ``remembered`` would return for ``key`` without computing: ``(found, value)``.

    The value is not copied: use it only for immutable results (a rendered page).
    """
    full = _versioned(ctx, key)
    return (False, None) if full is None else ctx.memo.get(full)
