"""Add forms sent twice (a double click, a reload of the POST): the second adds nothing.

The Add person and New lead forms are shown with a key of their own (``once``, as a log
form's: ``held.new_key``). The first request with a key claims it and adds; sent again with
the same key by the same session, the form adds nothing and lands on the page of what the
first one added (a second request that comes while the first is still saving waits for it).
A form refused lets its key go, so that the form corrected and sent again is saved.

Kept in memory, a few hundred keys at most, the oldest going first; a server started again
has forgotten them, as it has logged everyone out (docs/security.md).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from netweave.web.held import CAPACITY, is_key

#: How long a second request waits for the first one with its key to be saved, in seconds.
WAIT = 30.0


@dataclass
class Sending:
    """One add form being saved: where the same form sent before landed (``None``: it was
    not, and this one saves), and, once this one is saved, where it lands (``saved``)."""

    landed: str | None = None
    done: threading.Event = field(default_factory=threading.Event)
    session_id: str = ""

    def saved(self, page: str) -> None:
        """The form was saved: sent again, it lands on ``page``."""
        self.landed = page


class SentOnce:
    """The keys of the add forms sent, each for its session, with where each landed."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._sent: OrderedDict[str, Sending] = OrderedDict()
        self._lock = threading.Lock()

    @contextmanager
    def sending(self, session_id: str, key: str) -> Iterator[Sending]:
        """The form with ``key`` being saved: ``landed`` is where the same form sent before
        landed (nothing is to be saved again), else this one saves, and calls ``saved``.
        Left without it (refused, failed), the key is let go."""
        if not is_key(key):
            yield Sending()
            return
        mine, earlier = self._claim(session_id, key)
        if earlier is not None:
            landed = earlier.landed if earlier.done.wait(WAIT) else None
            if landed is not None:
                yield Sending(landed=landed)
                return
            with self._lock:  # the first one was refused: this one saves
                mine = self._sent[key] = Sending(session_id=session_id)
        assert mine is not None
        try:
            yield mine
        finally:
            if mine.landed is None:
                with self._lock:
                    if self._sent.get(key) is mine:
                        del self._sent[key]
            mine.done.set()

    def _claim(self, session_id: str, key: str) -> tuple[Sending | None, Sending | None]:
        """Claim ``key`` for this session (a new ``Sending``), or the form sent before with
        it by this session."""
        with self._lock:
            found = self._sent.get(key)
            if found is not None and found.session_id == session_id:
                return None, found
            mine = self._sent[key] = Sending(session_id=session_id)
            while len(self._sent) > self.capacity:
                self._sent.popitem(last=False)
            return mine, None
