"""A merged person's jobs: one role at an employer both records named as current (its
title chosen as imports choose it, the other title kept in the notes), and one role for
a job both records list with one title (its dates combined)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from netweave.logic.normalize import fold
from netweave.services.import_bulk import UNDATED_SOURCES
from netweave.services.import_reschedule import FILLED
from netweave.store.models import ImportBatch, Organization, Position

if TYPE_CHECKING:
    from netweave.services.merge_log import UndoLog


@dataclass(frozen=True)
class RolePlan:
    """What a merge does to the current roles at employers both records name."""

    #: positions that are the kept role written again: deleted (the undo log keeps them)
    drop: list[int] = field(default_factory=list)
    #: titles not kept that say something else, "Data Scientist at Gridly", for the notes
    noted: list[str] = field(default_factory=list)
    #: a start date the kept role lacks, from a role dropped: position id → date
    starts: dict[int, dt.date] = field(default_factory=dict)
    #: OTHER's positions that move to KEEP (those not dropped)
    theirs: set[int] = field(default_factory=set)


def plan_roles(session: Session, keep: int, other: int) -> RolePlan:
    """One current role per employer for the merged person (before any row moves).

    Two current roles at one employer are one job written twice (an import's title and
    the one the user typed, a LinkedIn title and an address book's shorter one): it is not
    history. A title that holds every word of the others says the most and stands.
    Otherwise the title stands that an import would leave standing: the one the user typed
    (an import never rewords it), then a dated source's (LinkedIn) over an address book's,
    then the one written last; a tie goes to the record kept. A title dropped that says
    something the kept one does not is ``noted``."""
    theirs = session.scalars(select(Position.id).where(Position.person_id == other))
    plan = RolePlan(theirs=set(theirs))
    for roles in _current_roles(session, keep, other):
        if len(roles) < 2:
            continue
        fullest = [r for r in roles if not any(_words(r.title) < _words(s.title) for s in roles)]
        kept = max(fullest, key=lambda r: _standing(r, keep))
        for role in roles:
            if role.id == kept.id:
                continue
            plan.drop.append(role.id)
            plan.theirs.discard(role.id)
            if not _words(role.title) <= _words(kept.title):
                plan.noted.append(f"{role.title} at {role.org}")
        starts = [r.start_date for r in roles if r.start_date is not None]
        if kept.start_date is None and starts:
            plan.starts[kept.id] = min(starts)  # the job began when the first record says
    return plan


def drop_roles(log: UndoLog, session: Session, plan: RolePlan) -> None:
    """Delete the roles ``plan`` drops before any row moves or changes: the undo log keeps
    each as it was."""
    for row_id in plan.drop:
        log.deleted("position", row_id)
        session.execute(delete(Position).where(Position.id == row_id))


def date_roles(log: UndoLog, session: Session, plan: RolePlan) -> None:
    """Give the roles kept the start dates ``plan`` found for them, logging it for the undo."""
    for row_id, start in plan.starts.items():
        log.add("position", row_id, "updated", {"start_date": None})
        session.execute(update(Position).where(Position.id == row_id).values(start_date=start))


def join_roles(log: UndoLog, session: Session, keep: int, plan: RolePlan) -> None:
    """One role for a job both records list (one employer, one title), once every row has
    moved and which roles are current is settled: OTHER's copy is deleted (the undo log
    keeps it) and KEEP's stands, current or ended as it was, from the earlier start to the
    later end the two give. Dates that say two stints (one ended before the other began)
    stay two roles; so does a current role of OTHER's beside an ended one of KEEP's (at an
    employer KEEP names as current, it stands for that job, ``plan_roles``; with KEEP at no
    employer now, it stays current)."""
    rows = session.execute(
        select(Position.id, Position.organization_id, Position.title, Position.start_date,
               Position.end_date, Position.current)
        .where(Position.person_id == keep)
        .order_by(Position.id)
    ).all()  # fmt: skip
    spans = [_Span(*row) for row in rows]
    mine = [s for s in spans if s.id not in plan.theirs]
    joined: dict[int, tuple[_Span, dict[str, Any]]] = {}
    for theirs in (s for s in spans if s.id in plan.theirs):
        twins = [s for s in mine if _one_job(s, theirs)]
        if not twins:
            continue
        kept = max(twins, key=lambda s: (s.current, s.end or dt.date.min, -s.id))
        joined.setdefault(kept.id, (kept, {"start_date": kept.start, "end_date": kept.end}))
        kept.start = min((d for d in (kept.start, theirs.start) if d is not None), default=None)
        if not kept.current and not theirs.current:
            kept.end = max((d for d in (kept.end, theirs.end) if d is not None), default=None)
        log.deleted("position", theirs.id)
        session.execute(delete(Position).where(Position.id == theirs.id))
    for kept, was in joined.values():
        now = {"start_date": kept.start, "end_date": kept.end}
        before = {k: _iso(v) for k, v in was.items() if now[k] != v}
        if before:  # what the merge set, too: its undo leaves a date the user changed since
            log.add("position", kept.id, "updated",
                    {**before, FILLED: {k: _iso(now[k]) for k in before}})  # fmt: skip
            session.execute(update(Position).where(Position.id == kept.id).values(**now))


@dataclass
class _Span:
    """A role as ``join_roles`` compares it."""

    id: int
    org: int
    title: str | None
    start: dt.date | None
    end: dt.date | None
    current: bool


def _one_job(mine: _Span, theirs: _Span) -> bool:
    """Whether KEEP's role ``mine`` and OTHER's ``theirs`` are one job written twice."""
    if mine.org != theirs.org or _title_words(mine.title) != _title_words(theirs.title):
        return False
    if theirs.current and not mine.current:
        # the job OTHER says is held now (at an employer KEEP names as current, or with KEEP
        # naming none, whose roles then stay OTHER's current ones): not the one KEEP ended
        return False
    return not any(
        a.end is not None and not a.current and b.start is not None and a.end < b.start
        for a, b in ((mine, theirs), (theirs, mine))
    )


def _title_words(title: str | None) -> list[str]:
    return re.findall(r"\w+", fold(title or ""))


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def noted_titles(titles: Sequence[str]) -> str | None:
    """The notes' line for titles a merge did not keep; ``None`` when there are none."""
    return f"Also titled {'; '.join(titles)}" if titles else None


def _current_roles(session: Session, keep: int, other: int) -> list[list[Any]]:
    """Both records' current roles, grouped by employer."""
    rows = session.execute(
        select(
            Position.id,
            Position.person_id,
            Position.organization_id,
            Organization.name.label("org"),
            Position.title,
            Position.start_date,
            Position.import_batch_id,
            Position.updated_at,
            ImportBatch.kind,
        )
        .join(Organization, Organization.id == Position.organization_id)
        .outerjoin(ImportBatch, ImportBatch.id == Position.import_batch_id)
        .where(Position.person_id.in_((keep, other)), Position.current.is_(True))
        .order_by(Position.id)
    ).all()
    by_org: dict[int, list[Any]] = {}
    for row in rows:
        by_org.setdefault(row.organization_id, []).append(row)
    return list(by_org.values())


def _standing(role: Any, keep: int) -> tuple[bool, bool, dt.datetime, bool, int]:
    """How a title's word weighs: the user's own, a dated source's, the newest, KEEP's."""
    return (
        role.import_batch_id is None,
        role.kind not in UNDATED_SOURCES,
        role.updated_at,
        role.person_id == keep,
        -role.id,
    )


def _words(title: str | None) -> set[str]:
    return set(re.findall(r"\w+", fold(title or "")))
