"""One-time notices of what a form just did, for the page it lands on.

A form lands on its page with a key (``?new_org=KEY``: the organization it made from the
employer typed; ``?namesakes=KEY``: the people already here under the name of the person
it added; ``?circled=KEY``: how many people "Put them in" put in which circle); the notice
waits here under that key, for the session that sent the form and that page only. The
first view of the page takes it: reloaded, gone back to or bookmarked, the address says
nothing more (so an organization here for long is never called new, whatever was made
since, and nothing is said twice).

Kept in memory, a few hundred at most, the oldest going first; a server started again has
forgotten them (and logged everyone out anyway).
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict

from netweave.web.held import is_key

#: How many notices are kept (the oldest go first).
CAPACITY = 256


class Notices:
    """Notices waiting for the page a form lands on, by key, each for one session and page."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, tuple[str, str, object]] = OrderedDict()
        self._lock = threading.Lock()

    def give(self, session_id: str, page: str, value: object) -> str:
        """Keep ``value`` for the session's next view of ``page``; its key."""
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._items[key] = (session_id, page, value)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return key

    def take(self, session_id: str, key: str, page: str) -> object | None:
        """The value kept under ``key`` for this session and page, gone once taken (``None``:
        none, or taken already)."""
        if not is_key(key):
            return None
        with self._lock:
            found = self._items.get(key)
            if found is None or found[:2] != (session_id, page):
                return None
            del self._items[key]
        return found[2]
