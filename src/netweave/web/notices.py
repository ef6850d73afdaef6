"""One-time notices of what a form just did, for the page it lands on.

A form lands on its page with a key (``?new_org=KEY``: the organization it made from the
employer typed; ``?namesakes=KEY``: the people already here under the name of the person
it added; ``?circled=KEY``: how many people "Put them in" put in which circle); the notice
waits here under that key, for the session that sent the form and that page only. The
first view of the page takes it: reloaded, gone back to or bookmarked, the address says
nothing more (so an organization here for long is never called new, whatever was made
since, and nothing is said twice).

Kept in memory, a few hundred at most, the oldest going first. A server started again has
forgotten them, as it has logged everyone out (its sessions end with it: a notice kept for
one could not be shown to the next), so the page says that a note of what the form did was
lost, once: the form's work itself was done and saved, and the page shows it as it is now.
A key this server has shown or said lost is not said again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from netweave.web.held import CAPACITY, SessionStore, is_key


class Notices(SessionStore):
    """Notices waiting for the page a form lands on, by key, each for one session and page."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        super().__init__(capacity)
        #: The keys whose notice was shown, or said lost, by this server (the latest).
        self._said: OrderedDict[str, None] = OrderedDict()
        self._said_lock = threading.Lock()

    def give(self, session_id: str, page: str, value: object) -> str:
        """Keep ``value`` for the session's next view of ``page``; its key."""
        return self.keep(session_id, page, value)

    def take(self, session_id: str, key: str, page: str) -> object | None:
        """The value kept under ``key`` for this session and page, gone once taken (``None``:
        none, or taken already)."""
        value = self.find(session_id, key, page, take=True)
        if value is not None:
            self._say(key)
        return value

    def lost(self, key: str) -> bool:
        """Whether the notice under ``key`` (not found) was never shown by this server: given
        by one started before it, or forgotten since. True once for each key."""
        if not is_key(key):
            return False
        with self._said_lock:
            if key in self._said:
                return False
        self._say(key)
        return True

    def _say(self, key: str) -> None:
        with self._said_lock:
            self._said[key] = None
            while len(self._said) > self.capacity * 4:
                self._said.popitem(last=False)
