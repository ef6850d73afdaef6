"""Snoozing an agenda suggestion about a person: hidden until a day, then offered again.

Tasks carry their own ``snoozed_until``; the suggestions the agenda computes (a check-in
by cadence, a give-back, a 3B7 step, a birthday, an introduction, a campaign greeting) are
snoozed per person and kind. Snoozing again moves the day; logging a conversation does not
lift it (the check-in is reset by the conversation anyway).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput
from netweave.logic.parse import after_today
from netweave.logic.vocab import SNOOZABLE as SNOOZABLE  # the web and the CLI read it here
from netweave.services.context import Context
from netweave.services.resolve import resolve_other, resolve_person
from netweave.store import tables
from netweave.store.models import AgendaSnooze

if TYPE_CHECKING:
    from netweave.store.engine import Reader


def not_snoozable(kind: str, kinds: str) -> str:
    """Why a kind is not snoozed here, and what moves it instead: a lead's next step moves
    to another day with ``leads next``, a task with ``tasks snooze``."""
    if kind.strip().lower() == "lead":
        return (
            f"cannot snooze {kind!r}: put a lead's next step off to another day with "
            "`netweave leads next ID --due DATE` (ID: the lead's number, as `today` shows it)"
        )
    return (
        f"cannot snooze {kind!r}: the kind is one of {kinds} "
        "(a task is snoozed with `netweave tasks snooze`)"
    )


def snooze_suggestion(ctx: Context, query: str, kind: str, until: dt.date) -> dict[str, Any]:
    """Hide the ``kind`` suggestion about the person ``query`` names until ``until``; the
    view says whether today's list had one (``shown``), for a check-in when it is due, and
    what about them comes up today in its place (``instead``: a check-in the snoozed item
    stood for, say)."""
    if kind not in SNOOZABLE:
        raise InvalidInput(not_snoozable(kind, ", ".join(SNOOZABLE)))
    after_today(until, ctx.clock.today())
    from netweave.services.agenda import compute_agenda

    today = ctx.clock.today()
    with ctx.db.reading() as session:
        pid = resolve_other(session, query, "the agenda suggests others to you").id
        before = session.scalar(
            select(AgendaSnooze.until).where(
                AgendaSnooze.person_id == pid, AgendaSnooze.kind == kind
            )
        )
    listed = compute_agenda(ctx, limit=10_000)["items"]
    shown = any(
        i["person_id"] == pid and i["kind"] == kind and i.get("task_id") is None for i in listed
    )
    with ctx.db.transaction() as session:
        person = resolve_person(session, f"#{pid}")
        hide(session, person.id, kind, until)
        view = {
            "person": person.display_name,
            "person_id": person.id,
            "kind": kind,
            "until": until.isoformat(),
            "shown": shown,  # whether today's list had it: something was hidden now
            # the day an earlier snooze still ran to, if it did
            "snoozed_until_before": before.isoformat() if before and before > today else None,
        }
        if kind == "check_in":  # whether there is anything to hide before the snooze ends
            due = session.scalar(
                select(tables.person_stats.c.next_due).where(
                    tables.person_stats.c.person_id == person.id
                )
            )
            view["due"] = due.isoformat() if due is not None else None
    # what comes up about them in its place today: a check-in the snoozed item stood for
    had = {i["kind"] for i in listed if i["person_id"] == pid}
    after = compute_agenda(ctx, limit=10_000)["items"]
    view["instead"] = [
        {"kind": i["kind"], "reason": i["reason"]}
        for i in after
        if i["person_id"] == pid and i["kind"] not in had
    ]
    return view


def hide(session: Session, person_id: int, kind: str, until: dt.date) -> None:
    """Hide the ``kind`` suggestion about a person until ``until`` (no commit)."""
    row = session.scalar(
        select(AgendaSnooze).where(AgendaSnooze.person_id == person_id, AgendaSnooze.kind == kind)
    )
    if row is None:
        session.add(AgendaSnooze(person_id=person_id, kind=kind, until=until))
    else:
        row.until = until


_snooze = tables.agenda_snooze.c
_SNOOZED = select(_snooze.person_id, _snooze.kind).where(_snooze.until > bindparam("today"))


def snoozed(session: Reader, today: dt.date) -> set[tuple[int, str]]:
    """``(person_id, kind)`` of every suggestion hidden today."""
    return {(pid, kind) for pid, kind in session.execute(_SNOOZED, {"today": today})}


_SNOOZES_OF = (
    select(_snooze.person_id, _snooze.kind, _snooze.until)
    .where(
        _snooze.until > bindparam("today"),
        _snooze.person_id.in_(bindparam("ids", expanding=True)),
    )
    .order_by(_snooze.person_id, _snooze.kind)
)


def snoozes_of(session: Reader, person_ids: list[int], today: dt.date) -> dict[int, dict[str, str]]:
    """The suggestions hidden today about each of these people: ``{person: {kind: until}}``
    (a person with none left out)."""
    out: dict[int, dict[str, str]] = {}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        for pid, kind, until in session.execute(_SNOOZES_OF, {"today": today, "ids": chunk}):
            out.setdefault(pid, {})[kind] = str(until)[:10]
    return out


def wake_suggestion(ctx: Context, query: str, kind: str) -> dict[str, Any]:
    """Offer the ``kind`` suggestion about the person ``query`` names again from today (a
    snooze lifted); the view says until when it had been hidden (``was_until``: ``None``
    when it was not snoozed, and nothing changed)."""
    if kind not in SNOOZABLE:
        raise InvalidInput(f"cannot wake {kind!r}: the kind is one of {', '.join(SNOOZABLE)}")
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        person = resolve_other(session, query, "the agenda suggests others to you")
        row = session.scalar(
            select(AgendaSnooze).where(
                AgendaSnooze.person_id == person.id, AgendaSnooze.kind == kind
            )
        )
        was = row.until if row is not None and row.until > today else None
        if row is not None:
            session.delete(row)
        return {
            "person": person.display_name,
            "person_id": person.id,
            "kind": kind,
            "was_until": was.isoformat() if was else None,
        }
