"""Log forms the woven check held back, kept for the page that says so.

A conversation with an ask for a job or a referral of someone the relationship is not
woven with yet is not recorded: the form is answered with a redirect to the person's page
with the form's key (``?held=KEY``), which shows the coaching and the choices (an ask for
advice instead, or the ask anyway), so reloading it records nothing and asks for nothing
to be sent again. What was typed waits here, under that key and the session's id, never in
an address (a note is personal). The choices carry the key: the first one sent records the
conversation under it (``LogRequest.once``), and sent again, it records nothing more.
Every log form is shown with a key of its own (``new_key``) in the same way, so that the
form sent twice (a double click, a resend) records one conversation.

The forms are kept in memory, a few hundred at most, the oldest going first. They are not
kept across a restart, on purpose: each belongs to a session, and sessions end with the
server (their cookies are signed with a key made at start-up: restarting logs everyone
out, docs/security.md), so a form kept for one could not be given back to the next. A
server started again has forgotten them, and the page says so: the ask was held back by
a server started again since (or sent from another browser), nothing was recorded, and
the conversation is to be logged again below.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: How many held forms are kept (the oldest go first).
CAPACITY = 256
#: What a form's key looks like (``secrets.token_urlsafe(16)``).
KEY = re.compile(r"[A-Za-z0-9_-]{22}")


@dataclass(frozen=True)
class HeldLog:
    """A log form held back: whose page, what was typed, and what the check said."""

    person_id: int
    pending: Mapping[str, Any]
    coaching: tuple[str, ...]


class SessionStore:
    """Values kept in memory for one session (and one page of it), by a new key each, a
    bounded number of them, the oldest going first."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, tuple[str, str, object]] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, session_id: str, page: str, value: object) -> str:
        """Keep ``value`` for the session ``session_id`` and ``page``; its new key."""
        key = new_key()
        with self._lock:
            self._items[key] = (session_id, page, value)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return key

    def find(self, session_id: str, key: str, page: str, *, take: bool = False) -> object | None:
        """The value kept under ``key`` for this session and page (``None``: none), gone
        from the store when ``take``."""
        if not is_key(key):
            return None
        with self._lock:
            found = self._items.get(key)
            if found is None or found[:2] != (session_id, page):
                return None
            if take:
                del self._items[key]
        return found[2]


class HeldLogs(SessionStore):
    """The log forms held back, by key, each for the session that sent it."""

    def hold(self, session_id: str, held: HeldLog) -> str:
        """Keep a form for the session ``session_id``; its new key."""
        return self.keep(session_id, str(held.person_id), held)

    def get(self, session_id: str, key: str, person_id: int) -> HeldLog | None:
        """The form kept under ``key`` for this session and this person's page, if any."""
        found = self.find(session_id, key, str(person_id))
        return found if isinstance(found, HeldLog) else None


def new_key() -> str:
    """A new key: of a held form, or of a log form as it is shown (its ``once``), so that
    the form sent twice (a double click, the back button) records one conversation."""
    return secrets.token_urlsafe(16)


def is_key(value: object) -> bool:
    """Whether ``value`` looks like a held form's key."""
    return isinstance(value, str) and KEY.fullmatch(value) is not None
