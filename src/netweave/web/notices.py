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

from netweave.web.held import SessionStore


class Notices(SessionStore):
    """Notices waiting for the page a form lands on, by key, each for one session and page."""

    def give(self, session_id: str, page: str, value: object) -> str:
        """Keep ``value`` for the session's next view of ``page``; its key."""
        return self.keep(session_id, page, value)

    def take(self, session_id: str, key: str, page: str) -> object | None:
        """The value kept under ``key`` for this session and page, gone once taken (``None``:
        none, or taken already)."""
        return self.find(session_id, key, page, take=True)
