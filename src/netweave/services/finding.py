"""Finding people by what a user typed: an email address (or its start), the domain of their
addresses (``@acme.com``), a phone number in any usual form, or words of their name, work,
notes, interests, tags, needs and offers."""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from netweave.logic.contact_query import contact_query
from netweave.store import search

#: Matches counted at most this far, so that a word most people's text has stays cheap.
COUNT_CAP = 10_000


def find_ids(session: Session | Connection, text: str, region: str, limit: int) -> list[int]:
    """Ids of the people ``text`` finds, best first: those whose email address or phone
    number it is (national numbers read in ``region``) or whose addresses are at the domain
    it is, then those whose text matches every word (not for a query with an @: it asks for
    addresses only, and its words would find people by anything: ``@de`` by "Design")."""
    ids = _contact_ids(session, text, region, limit)
    if len(ids) < limit and not _asks_for_addresses(text):
        known = set(ids)
        words = search.search_ids(session, text, limit + len(ids))
        ids += [pid for pid in words if pid not in known][: limit - len(ids)]
    return ids


def count_found(session: Session | Connection, text: str, region: str, cap: int = COUNT_CAP) -> int:
    """How many people ``find_ids`` would find without a limit, counted up to about ``cap``."""
    ids = _contact_ids(session, text, region, cap)
    if _asks_for_addresses(text):
        return len(ids)
    return len(ids) + search.count_matches(session, text, cap, besides=ids)


def _asks_for_addresses(text: str) -> bool:
    """Whether ``text`` asks for email addresses only: it holds an @ (``@acme.com``,
    ``@de``, ``olivia@orb``); a domain typed without one (``acme.com``) is words too."""
    return "@" in text


def _contact_ids(session: Session | Connection, text: str, region: str, limit: int) -> list[int]:
    wanted = contact_query(text, region)
    if not wanted:
        return []
    return search.contact_ids(
        session,
        wanted.phones,
        wanted.email_start,
        limit,
        domain=wanted.domain,
        domain_name=wanted.domain_name,
    )
