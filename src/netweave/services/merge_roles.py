"""A merged person's job at one employer, which both records named as current: one role,
its title chosen as imports choose it, and the other title kept in the notes."""

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
from netweave.store.models import ImportBatch, Organization, Position

if TYPE_CHECKING:
    from netweave.services.merge import UndoLog


@dataclass(frozen=True)
class RolePlan:
    """What a merge does to the current roles at employers both records name."""

    #: positions that are the kept role written again: deleted (the undo log keeps them)
    drop: list[int] = field(default_factory=list)
    #: titles not kept that say something else, "Data Scientist at Gridly", for the notes
    noted: list[str] = field(default_factory=list)
    #: a start date the kept role lacks, from a role dropped: position id → date
    starts: dict[int, dt.date] = field(default_factory=dict)


def plan_roles(session: Session, keep: int, other: int) -> RolePlan:
    """One current role per employer for the merged person (before any row moves).

    Two current roles at one employer are one job written twice (an import's title and
    the one the user typed, a LinkedIn title and an address book's shorter one): it is not
    history. A title that holds every word of the others says the most and stands.
    Otherwise the title stands that an import would leave standing: the one the user typed
    (an import never rewords it), then a dated source's (LinkedIn) over an address book's,
    then the one written last; a tie goes to the record kept. A title dropped that says
    something the kept one does not is ``noted``."""
    plan = RolePlan()
    for roles in _current_roles(session, keep, other):
        if len(roles) < 2:
            continue
        fullest = [r for r in roles if not any(_words(r.title) < _words(s.title) for s in roles)]
        kept = max(fullest, key=lambda r: _standing(r, keep))
        for role in roles:
            if role.id == kept.id:
                continue
            plan.drop.append(role.id)
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
