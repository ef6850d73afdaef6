"""Merging organizations: one employer written several ways ("Facebook", "Meta", "Meta
Platforms, Inc.") becomes one, its other names kept as aliases, undone exactly with
``netweave import undo``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, distinct, func, select, update
from sqlalchemy.orm import Session

from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.logic.normalize import clean, fold, normalize_org
from netweave.logic.parse import row_id as typed_id
from netweave.logic.wording import count
from netweave.services.context import Context
from netweave.services.import_reschedule import FILLED
from netweave.services.merge_log import UndoLog, merge_said
from netweave.services.orgs import aliases_of
from netweave.services.resolve import ORG_MERGE_SOURCE, resolve_organization
from netweave.store import search
from netweave.store.models import (
    ImportBatch,
    Lead,
    Organization,
    OrganizationAlias,
    Position,
    Target,
)

#: The kind of an organization merge's batch (``import list`` shows it with the imports).
ORG_MERGE = "org-merge"
_ORG_MERGE_SOURCE = re.compile(r"merge organization #(\d+) into #(\d+)")
#: Details an organization merged away gives the one kept when that one has none.
_DETAILS = ("domain", "industry", "location")


def merge_organizations(ctx: Context, keep_query: str, others: Sequence[str]) -> dict[str, Any]:
    """Fold each of ``others`` into KEEP: their people's roles, targets and leads move over,
    and their names (and domains) stay as aliases of KEEP, so that an import naming one
    lands on KEEP. Each merged organization is a batch of its own, undone with
    ``netweave import undo``."""
    if not others:
        raise InvalidInput("name an organization to merge into the one kept")
    with ctx.db.transaction() as session:
        keep = resolve_organization(session, keep_query, exact=True)  # no guess: a merge
        found: dict[int, Organization] = {}
        for query in others:
            other = resolve_organization(session, query, exact=True)
            alias = normalize_org(query) not in ("", keep.normalized_name)
            if other.id == keep.id and alias and typed_id(query) is None:  # merged already
                raise InvalidInput(
                    f"{clean(query)} is already merged into {keep.name} (#{keep.id}): "
                    "it is one of its names"
                )
            if other.id == keep.id:
                raise InvalidInput(f"cannot merge {keep.name} (#{keep.id}) into itself")
            found.setdefault(other.id, other)
        merged = [_merge_one(ctx, session, keep, other) for other in found.values()]
        staff = select(Position.person_id).where(Position.organization_id == keep.id).distinct()
        search.index_people(session, list(session.scalars(staff)))
        return {
            "kept": {"id": keep.id, "name": keep.name},
            "merged": merged,
            "aliases": aliases_of(session, keep.id),
            "similar_leads": _similar_leads(session, keep.id),
        }


def org_merged_pair(source_name: str | None) -> tuple[int, int] | None:
    """``(kept, other)`` of an organization merge's batch, from its ``source_name``."""
    found = _ORG_MERGE_SOURCE.fullmatch(source_name or "")
    return (int(found[2]), int(found[1])) if found else None


def _merge_one(ctx: Context, session: Session, keep: Organization, other: Organization) -> Any:
    source = ORG_MERGE_SOURCE.format(other=other.id, keep=keep.id)
    batch, log = UndoLog.of_new_batch(ctx, session, ORG_MERGE, source)
    name, other_id = other.name, other.id
    both = _people_at_both(session, keep.id, other_id)
    staff = select(func.count(distinct(Position.person_id))).where(
        Position.organization_id == other_id
    )
    people = session.scalar(staff) or 0
    counts = {
        "positions": _repoint(log, session, Position, keep.id, other.id),
        "targets": _move_target(log, session, keep.id, other.id),
        "leads": _repoint(log, session, Lead, keep.id, other.id),
    }
    _repoint(log, session, OrganizationAlias, keep.id, other.id)
    for person in both:
        _one_current_role(log, session, person, keep.id)
    _fill_details(log, keep, other)
    alias = OrganizationAlias(organization_id=keep.id, name=other.name,
                              normalized_name=other.normalized_name, domain=other.domain,
                              import_batch_id=batch.id)  # fmt: skip
    session.add(alias)
    session.flush()
    log.add("organization_alias", alias.id, "created", None)
    log.deleted("organization", other_id)
    session.expunge(other)
    session.execute(delete(Organization).where(Organization.id == other_id))
    batch.finished_at = ctx.clock.now()
    batch.counts = {**(batch.counts or {}), "people": people, **counts}  # what its flash says
    return {"batch": batch.id, "id": other_id, "name": name, **counts}


def org_merges_built_on(session: Session, batch: ImportBatch, live: Any) -> set[int]:
    """Later batches (of ``live``, those after this one not undone) that build on what an
    organization merge kept: merges that name it (merged into it, or it into another),
    which undone first this one would move rows back from; and imports of people and
    their jobs, which read the merged name as the kept one ("Alphabet" as Google): undone
    first, this one would leave their people at the kept organization, and the next
    import of the same file would take their jobs for new ones."""
    pair = org_merged_pair(batch.source_name) if batch.kind == ORG_MERGE else None
    if pair is None:
        return set()
    kept = pair[0]
    names = (f"merge organization #{kept} into #%", f"merge organization #% into #{kept}")
    merges = ImportBatch.kind == ORG_MERGE
    named = ImportBatch.source_name.like(names[0]) | ImportBatch.source_name.like(names[1])
    jobs = ImportBatch.kind.in_(JOB_SOURCES)
    return set(
        session.scalars(
            select(ImportBatch.id).where(ImportBatch.id.in_(live), (merges & named) | jobs)
        )
    )


#: The imports that read people's employers (an alias of a merged organization too).
JOB_SOURCES = ("linkedin", "vcard", "google-csv")


def _repoint(log: UndoLog, session: Session, model: Any, keep: int, other: int) -> int:
    """Rows of ``model`` at OTHER now at KEEP, each logged for the undo."""
    table = model.__table__
    ids = list(session.scalars(select(table.c.id).where(table.c.organization_id == other)))
    for row_id in ids:
        log.add(table.name, row_id, "updated", {"organization_id": other})
    if ids:
        session.execute(
            update(table).where(table.c.id.in_(ids)).values(organization_id=keep),
            execution_options={"synchronize_session": False},
        )
    return len(ids)


def _move_target(log: UndoLog, session: Session, keep: int, other: int) -> int:
    """OTHER's place on the LAMP list: KEEP's when it has none; when both are targets,
    one stays (KEEP's), with the higher motivation and posting of the two and both notes."""
    mine = session.scalars(select(Target).where(Target.organization_id == keep)).first()
    theirs = session.scalars(select(Target).where(Target.organization_id == other)).first()
    if theirs is None:
        return 0
    if mine is None:
        log.add("target", theirs.id, "updated", {"organization_id": other})
        theirs.organization_id = keep
        session.flush()
        return 1
    before: dict[str, Any] = {}
    for attr in ("motivation", "posting"):
        if getattr(theirs, attr) > getattr(mine, attr):
            before[attr] = getattr(mine, attr)
            setattr(mine, attr, getattr(theirs, attr))
    _add_notes(before, mine, theirs.notes)
    _log_filled(log, "target", mine, before)
    log.deleted("target", theirs.id)
    session.delete(theirs)
    session.flush()
    return 1


def _people_at_both(session: Session, keep: int, other: int) -> list[int]:
    """People with a current role at both organizations (one role written twice)."""

    def current_at(org: int) -> set[int]:
        return set(
            session.scalars(
                select(Position.person_id).where(
                    Position.organization_id == org, Position.current.is_(True)
                )
            )
        )

    return sorted(current_at(keep) & current_at(other))


def _one_current_role(log: UndoLog, session: Session, person: int, keep: int) -> None:
    """A person held a current role at both names: one role stays current, the most
    specific title. Another that says nothing more (empty, or words the kept one has) is
    the same role written twice and goes; one that says something else is kept as history
    (as a merge of two records of one person does)."""
    roles = session.execute(
        select(Position.id, Position.title)
        .where(
            Position.person_id == person,
            Position.organization_id == keep,
            Position.current.is_(True),
        )
        .order_by(Position.id)
    ).all()
    kept = max(roles, key=lambda r: len(_words(r.title)))
    for role in roles:
        if role.id == kept.id:
            continue
        if _words(role.title) <= _words(kept.title):
            log.deleted("position", role.id)
            session.execute(delete(Position).where(Position.id == role.id))
        else:
            log.add("position", role.id, "updated", {"current": True})
            session.execute(update(Position).where(Position.id == role.id).values(current=False))


def _words(title: str | None) -> set[str]:
    return set(re.findall(r"\w+", fold(title or "")))


def _fill_details(log: UndoLog, keep: Organization, other: Organization) -> None:
    """What KEEP does not say that OTHER does (a domain, an industry, a location), and
    OTHER's notes, kept on KEEP."""
    before: dict[str, Any] = {}
    for attr in _DETAILS:
        if getattr(keep, attr) is None and getattr(other, attr) is not None:
            before[attr] = None
            setattr(keep, attr, getattr(other, attr))
    _add_notes(before, keep, other.notes)
    _log_filled(log, "organization", keep, before)


def _add_notes(before: dict[str, Any], row: Any, notes: str | None) -> None:
    """Add ``notes`` to ``row``'s, unless they say it already (``before`` gets the old)."""
    if notes and fold(notes) not in fold(row.notes or ""):
        before["notes"] = row.notes
        row.notes = f"{row.notes}\n{notes}" if row.notes else notes


def _log_filled(log: UndoLog, table: str, row: Any, before: dict[str, Any]) -> None:
    """Log what the merge changed on ``row``, and what it set: its undo leaves a value the
    user has changed since."""
    if before:
        before[FILLED] = {attr: getattr(row, attr) for attr in before}
        log.add(table, row.id, "updated", before)


def _similar_leads(session: Session, org_id: int) -> list[list[int]]:
    """Leads at the organization with one role (ids, oldest first): perhaps one opportunity
    found under two names. Each has its own stages and people, so none is merged: the
    user compares them."""
    groups: dict[str, list[int]] = {}
    for lead_id, role in session.execute(
        select(Lead.id, Lead.role).where(Lead.organization_id == org_id).order_by(Lead.id)
    ):
        groups.setdefault(" ".join(sorted(_words(role))), []).append(lead_id)
    return [ids for ids in groups.values() if len(ids) > 1]


def org_merge_summary(ctx: Context, batch_id: int) -> dict[str, Any]:
    """What an organization merge did: its ``state`` (done or undone), the ``kept``
    organization and the ``merged`` one (each ``{id, name}``), and ``moved``: what moved
    from one to the other, in words (``None`` when nothing did)."""
    with ctx.db.reading() as session:
        batch = session.get(ImportBatch, batch_id)
        pair = org_merged_pair(batch.source_name) if batch and batch.kind == ORG_MERGE else None
        if batch is None or pair is None:
            raise NotFound(f"no organization merge with batch number {batch_id}")
        said = merge_said(session, batch, pair, "organization", "name")
        return {**said, "moved": moved_words(batch.counts or {})}


def moved_words(counts: dict[str, Any]) -> str | None:
    """What an organization merge moved, as its message says it: "2 people's roles, its
    target and 3 leads" (``None`` when nothing moved but the name)."""
    positions, people = counts.get("positions", 0), counts.get("people", 0)
    parts = []
    if positions:
        roles = "role" if positions == 1 else "roles"
        # a merge from before people were counted says its roles alone
        parts.append(f"{count(people, 'person', 'people')}'s {roles}" if people else
                     count(positions, "role"))  # fmt: skip
    if counts.get("targets"):
        parts.append("its target")
    if counts.get("leads"):
        parts.append(count(counts["leads"], "lead"))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def undo_org_merge(ctx: Context, batch_id: int) -> dict[str, Any]:
    """Undo an organization merge (as ``netweave import undo`` does): both are back as
    they were, and the merged one's name is no longer an alias."""
    from netweave.services.import_undo import undo_batch

    if org_merge_summary(ctx, batch_id)["state"] == "undone":
        raise Conflict(f"organization merge {batch_id} was already undone")
    undo_batch(ctx, batch_id)
    return org_merge_summary(ctx, batch_id)
