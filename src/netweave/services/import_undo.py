"""Undoing an import: exactly what a batch created goes, and what it changed comes back."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Select, delete, func, or_, select
from sqlalchemy.orm import Session

from netweave.clock import local_stamp
from netweave.errors import Conflict, NotFound
from netweave.services.context import Context
from netweave.services.import_kept import apart_going, keep_the_added_to
from netweave.services.import_revert import LINKS, name_taken, org_in_use, revert_change
from netweave.services.import_words import in_words
from netweave.services.merge_log import merged_pair, merges_named
from netweave.services.merge_pairs import merges_keeping, pairs_built_on
from netweave.services.org_merge import ORG_MERGE, org_merged_pair, org_merges_built_on
from netweave.services.removed import forget_person_removals
from netweave.store import search, stats, tables
from netweave.store.ledger import name_change
from netweave.store.models import (
    Base,
    ContactPoint,
    ImportBatch,
    ImportChange,
    Interaction,
    InteractionParticipant,
    Person,
    PersonSource,
    Position,
    Tag,
    Task,
    person_tag,
)


def list_batches(
    ctx: Context, *, for_web: bool = False, limit: int | None = None
) -> list[dict[str, Any]]:
    """Every import, newest first, with the problems each one listed (the first
    ``import_summary.STORED_ERRORS`` of them; ``error_count`` says how many there were), in the
    words of the command line or (``for_web``) of the web app; and why each that cannot be
    undone now cannot (``cannot_undo``, the words of the refusal; ``None`` for the others);
    the newest ``limit`` of them when one is given (each is checked against those after it,
    so a long list costs more than its length: the Imports page shows the newest)."""
    with ctx.db.reading() as session:
        batches = session.scalars(
            select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit)
        ).all()
        merges = _merges_named(session, batches)
        return [
            {**_listed(b, for_web, merges.get(b.id)), "cannot_undo": undo_refused(session, b)}
            for b in batches
        ]


def _merges_named(session: Session, batches: Sequence[ImportBatch]) -> dict[int, Any]:
    """The merges among ``batches`` (of people and of organizations): what each kept and
    merged away, ``{kept, merged}`` (each ``{id, name}``), by batch."""
    people: dict[int, tuple[int, int]] = {}
    orgs: dict[int, tuple[int, int]] = {}
    for batch in batches:
        if batch.kind == "merge" and (pair := merged_pair(batch.source_name)):
            people[batch.id] = pair
        elif batch.kind == ORG_MERGE and (pair := org_merged_pair(batch.source_name)):
            orgs[batch.id] = pair
    return {**merges_named(session, people, "person", "display_name"),
            **merges_named(session, orgs, "organization", "name")}  # fmt: skip


def _listed(batch: ImportBatch, for_web: bool, merge: Any) -> dict[str, Any]:
    counts = batch.counts or {}
    errors = counts.get("errors") or []  # a merge's batch lists none
    return {
        "batch": batch.id,
        "kind": batch.kind,
        "source": batch.source_name,
        "started": local_stamp(batch.started_at),
        "state": batch.state,
        **{k: counts.get(k, 0) for k in ("created", "updated", "merged", "skipped")},
        "errors": in_words(errors, web=for_web),
        "error_count": counts.get("error_count", len(errors)),
        # a merge's (``None`` for an import): the two it made one, by name
        "merge": merge,
        "description": merge_words(merge) if merge else batch.source_name,
    }


def merge_words(merge: dict[str, Any]) -> str:
    """A merge as lists name it: "Acme Inc. (#5) into Globex (#3)" (a number alone for a
    record forgotten since)."""

    def named(row: dict[str, Any]) -> str:
        return f"{row['name']} (#{row['id']})" if row["name"] else f"#{row['id']}"

    return f"{named(merge['merged'])} into {named(merge['kept'])}"


def undo_batch(ctx: Context, batch_id: int) -> dict[str, Any]:
    """Remove exactly what an import created and restore what it changed."""
    with ctx.db.transaction() as session:
        name_change(session, f"the undo of import batch {batch_id}")
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise NotFound(f"no import batch {batch_id}")
        refused = undo_refused(session, batch)
        if refused is not None:
            raise Conflict(refused)
        pair = merged_pair(batch.source_name) if batch.kind == "merge" else None
        kept = keep_the_added_to(session, batch_id)
        apart = apart_going(session, batch_id)
        people = _count(session, Person.import_batch_id == batch_id)
        changes = session.scalars(
            select(ImportChange)
            .where(ImportChange.batch_id == batch_id)
            .order_by(ImportChange.id.desc())
        ).all()
        affected = _affected_people(session, changes, batch_id)
        schooled = _schooled(session, batch_id)
        affected = sorted(set(affected) | set(schooled))
        done = [revert_change(session, change, pair) for change in changes]
        reverted, removed = sum(d[0] for d in done), sum(d[1] for d in done)
        swept = _sweep(session, batch_id)
        batch.state = "undone"
        remaining: list[int] = []
        for chunk in _chunks(affected):
            remaining += session.scalars(select(Person.id).where(Person.id.in_(chunk)))
        forget_person_removals(session, set(affected) - set(remaining))
        stats.rebuild(session, remaining, ctx.settings.circles)
        if schooled:  # the user's schools taken away: what everyone shares with them
            stats.refresh_shared(session, None)
        search.remove_people(session, affected)
        search.index_people(session, remaining)
        counts = batch.counts or {}
        # a batch that had changed nothing at all (the same file read again): nothing to revert
        idle = not changes and not any(counts.get(k) for k in ("created", "updated", "merged"))
        return {"batch": batch_id, "reverted": reverted + swept, "removed": removed + swept,
                "kept": kept, "changed_nothing": idle,
                # the people it brought in, removed, and the pairs kept apart that named them
                "people_removed": people, "apart_removed": apart}  # fmt: skip


def _count(session: Session, where: Any) -> int:
    return int(session.scalar(select(func.count(Person.id)).where(where)) or 0)


def undo_refused(session: Session, batch: ImportBatch) -> str | None:
    """Why an undo of ``batch`` would be refused now, in the words of the refusal; ``None``
    when it would go ahead. The Imports page shows it in place of the Undo button."""
    batch_id = batch.id
    if batch.state == "undone":
        return f"import batch {batch_id} was already undone"
    later = _built_on(session, batch)
    if later:
        names = ", ".join(str(b) for b in later)
        what = (f"merge {batch_id} cannot be undone while later batches build on "
                f"{_merge_builds_on(session, batch, later)}"
                if batch.kind == "merge" else f"organization merge {batch_id} "
                "cannot be undone while later merges or imports build on the organization "
                "it kept"
                if batch.kind == ORG_MERGE else f"import batch {batch_id} cannot be "
                "undone while later batches build on the people it brought in")  # fmt: skip
        return (
            f"{what} ({names}): undo {'that' if len(later) == 1 else 'those'} first, newest first"
        )
    pair = merged_pair(batch.source_name) if batch.kind == "merge" else None
    if pair is not None and session.get(Person, pair[0]) is None:
        return (
            f"merge {batch_id} cannot be undone: the person it kept (#{pair[0]}) has been "
            f"forgotten since, and with them what the merge moved from #{pair[1]}"
        )
    return _org_names_taken(session, batch)


def _merge_builds_on(session: Session, batch: ImportBatch, later: list[int]) -> str:
    """What of a merge the later batches that refuse its undo build on: the person it kept,
    the pairs of people it moved, or both."""
    live = select(ImportBatch.id).where(ImportBatch.id > batch.id, ImportBatch.state != "undone")
    moved = pairs_built_on(session, batch.id, live)
    pairs = "the pairs of people it moved (who knows whom, kept apart, dismissed)"
    if not moved:
        return "the person it kept"
    return pairs if set(later) <= moved else f"the person it kept or {pairs}"


#: Rows of a person that a batch logs one by one as it creates them.
_OWNED = (("contact_point", ContactPoint), ("position", Position), ("task", Task))


def _built_on(session: Session, batch: ImportBatch) -> list[int]:
    """Later batches (imports and merges, not undone) that touch people this batch created:
    their conversations, new contact points, positions or tasks, their changes or merges.
    Undoing this batch first would leave those rows without their person. For a merge,
    those that changed or merged away the person it kept, or added to them (a source, an
    address, a role, a conversation): its undo would put back what that person was before,
    move rows back to someone no longer there, or move back the address a later import
    found them by and leave that import's rows behind, the contact split in two."""
    batch_id = batch.id
    live = select(ImportBatch.id).where(ImportBatch.id > batch_id, ImportBatch.state != "undone")
    found = _built_on_what_it_made(session, batch_id, live)
    pair = merged_pair(batch.source_name) if batch.kind == "merge" else None
    found.update(_also_carried(session, _brought_in(batch_id), live))
    if pair is not None:  # what later batches added to the person it kept, or changed
        change = ImportChange.__table__.c
        changed = select(change.batch_id).where(change.batch_id.in_(live))
        kept = change.table_name == "person", change.row_id == pair[0]
        found.update(session.scalars(changed.where(*kept)))  # (merged away since, too)
        talked = InteractionParticipant.person_id
        with_kept = select(Person.id).where(Person.id == talked, Person.id == pair[0])
        found.update(_talked_with(session, live, with_kept))
        found.update(_also_carried(session, Person.id == pair[0], live))
    found.update(org_merges_built_on(session, batch, live))
    if pair is not None:  # the pairs kept apart (and who knows whom) it moved
        found.update(pairs_built_on(session, batch_id, live))
    found.update(merges_keeping(session, batch_id, live))
    return sorted(found)


def _built_on_what_it_made(session: Session, batch_id: int, live: Select[Any]) -> set[int]:
    """The ``live`` batches that talked with the people the batch made (or by an address it
    gave them), changed the meetings it brought in, or merged away what it made."""
    change = ImportChange.__table__.c
    found: set[int] = set()
    talked = InteractionParticipant.person_id  # each participant, looked up by an index
    mine = select(Person.id).where(Person.id == talked, Person.import_batch_id == batch_id)
    found.update(_talked_with(session, live, mine))
    changed = select(change.batch_id).where(change.batch_id.in_(live))
    # (their changes to the people it created, or to those people's rows: `_also_carried`)
    # conversations later imports matched to someone by an address this batch gave them
    addressed = select(ContactPoint.id).where(
        ContactPoint.person_id == talked, ContactPoint.import_batch_id == batch_id
    )
    found.update(_talked_with(session, live, addressed))
    found.update(  # meetings it brought in that a later calendar import moved or renamed
        session.scalars(
            changed.join(Interaction, Interaction.id == change.row_id).where(
                change.table_name == "interaction", Interaction.import_batch_id == batch_id
            )
        )
    )
    # people and organizations merged away, and meetings taken out by a later calendar import
    merged_away = session.execute(
        select(change.batch_id, change.before).where(
            change.batch_id.in_(live),
            change.table_name.in_(("person", "interaction", "organization")),
            change.action == "deleted",
        )
    )
    found.update(
        b for b, before in merged_away if (before or {}).get("import_batch_id") == batch_id
    )
    return found


def _talked_with(session: Session, live: Select[Any], who: Select[Any]) -> set[int]:
    """The ``live`` batches whose conversations include someone ``who`` finds (a query on
    the participant's ``person_id``).

    Each participant of those conversations is looked up by an index; asked the other way
    round (``person_id IN`` the batch's thousands of people), SQLite tried every one of them
    against every conversation: minutes on a large network.
    """
    return set(
        session.scalars(
            select(Interaction.import_batch_id)
            .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
            .where(Interaction.import_batch_id.in_(live), who.exists())
            .distinct()
        )
    )


def _brought_in(batch_id: int) -> Any:
    """Who batch ``batch_id`` brought in or added to (a condition on ``Person``)."""
    change = ImportChange.__table__.c
    return or_(
        Person.import_batch_id == batch_id,
        Person.id.in_(
            select(change.row_id).where(
                change.batch_id == batch_id, change.table_name.in_(("person", *LINKS))
            )
        ),
        Person.id.in_(
            select(ContactPoint.person_id).where(ContactPoint.import_batch_id == batch_id)
        ),
        Person.id.in_(select(Position.person_id).where(Position.import_batch_id == batch_id)),
    )


def _also_carried(session: Session, people: Any, live: Select[Any]) -> set[int]:
    """Later imports whose files also hold ``people`` (a condition on ``Person``: those a
    batch brought in or added to, or the person a merge kept): each such import keeps a
    source row for the person, or changed them or their rows. What both carried was logged
    by the earlier batch alone: undone first, it would take from a live import the people
    and values its file has too; a merge undone first would move back from the person it
    kept the addresses a later import found them by, and leave that import's rows behind."""
    change = ImportChange.__table__.c
    found: set[int] = set()
    for carried in session.scalars(
        select(PersonSource.import_batch_id)
        .join(Person, Person.id == PersonSource.person_id)
        .where(PersonSource.import_batch_id.in_(live), people)
        .distinct()
    ):
        found.add(int(carried or 0))
    # and those that changed these people or their rows (through a source of an earlier
    # import too: a later address book that read a new job as the same one, and added a phone)
    ids = select(Person.id).where(people)
    changed = select(change.batch_id).where(change.batch_id.in_(live))
    found.update(
        session.scalars(
            changed.where(change.table_name.in_(("person", *LINKS)), change.row_id.in_(ids))
        )
    )
    for name, model in _OWNED:
        found.update(
            session.scalars(
                changed.join(model, model.id == change.row_id).where(
                    change.table_name == name, model.person_id.in_(ids)
                )
            )
        )
    return found


#: Tables whose rows a batch creates in bulk: found by ``import_batch_id``, not logged one by
#: one (a person's contact points, positions, sources, tags and aggregates go with them; the
#: user's schools from LinkedIn's Education.csv).
_SWEPT = ("affiliation", "interaction", "person")


def _sweep(session: Session, batch_id: int) -> int:
    """Remove the rows the batch created in bulk, then its organizations no one works at."""
    removed = 0
    for name in _SWEPT:
        table = Base.metadata.tables[name]
        done = session.execute(delete(table).where(table.c.import_batch_id == batch_id))
        removed += int(done.rowcount or 0)  # type: ignore[attr-defined]
    orgs = Base.metadata.tables["organization"]
    done = session.execute(
        delete(orgs).where(orgs.c.import_batch_id == batch_id, ~org_in_use(orgs.c.id))
    )
    removed += int(done.rowcount or 0)  # type: ignore[attr-defined]
    groups, held = tables.community, tables.affiliation.c
    done = session.execute(
        delete(groups).where(
            groups.c.import_batch_id == batch_id,
            ~select(held.id).where(held.community_id == groups.c.id).exists(),
        )
    )
    removed += int(done.rowcount or 0)  # type: ignore[attr-defined]
    return removed + _sweep_tags(session, batch_id)


def _schooled(session: Session, batch_id: int) -> list[int]:
    """The people the batch gave schools (the user's own record)."""
    held = tables.affiliation.c
    return list(
        session.scalars(select(held.person_id).where(held.import_batch_id == batch_id).distinct())
    )


def _sweep_tags(session: Session, batch_id: int) -> int:
    """Remove the tags the batch created (logged as it made them) that no one carries now
    and that the user has not given a cadence since; a tag someone else took up stays."""
    change = ImportChange.__table__.c
    created = select(change.row_id).where(
        change.batch_id == batch_id, change.table_name == "tag", change.action == "created"
    )
    carried = select(person_tag.c.tag_id).where(person_tag.c.tag_id == Tag.id).exists()
    done = session.execute(
        delete(Tag).where(Tag.id.in_(created), Tag.cadence_days.is_(None), ~carried)
    )
    return int(done.rowcount or 0)  # type: ignore[attr-defined]


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _affected_people(session: Session, changes: Sequence[ImportChange], batch_id: int) -> list[int]:
    """Everyone whose aggregates or search row the undo changes (before anything is undone)."""
    people = {c.row_id for c in changes if c.table_name == "person" or c.table_name in LINKS}
    people.update(session.scalars(select(Person.id).where(Person.import_batch_id == batch_id)))
    people.update(
        session.scalars(
            select(InteractionParticipant.person_id)
            .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
            .where(Interaction.import_batch_id == batch_id)
        )
    )
    people.update(c.before["person_id"] for c in changes if c.before and "person_id" in c.before)
    interactions = [c.row_id for c in changes if c.table_name == "interaction"]
    if interactions:
        people.update(
            session.scalars(
                select(InteractionParticipant.person_id).where(
                    InteractionParticipant.interaction_id.in_(interactions)
                )
            )
        )
    for table, model in (("contact_point", ContactPoint), ("position", Position)):
        ids = [c.row_id for c in changes if c.table_name == table]
        if ids:
            people.update(session.scalars(select(model.person_id).where(model.id.in_(ids))))
    return sorted(people)


def _org_names_taken(session: Session, batch: ImportBatch) -> str | None:
    """Why an organization merge cannot be undone now: the organization it removed has
    a name another one has taken since; ``None`` for any other batch."""
    if batch.kind != ORG_MERGE:
        return None
    removed = session.scalars(
        select(ImportChange.before).where(
            ImportChange.batch_id == batch.id,
            ImportChange.table_name == "organization",
            ImportChange.action == "deleted",
        )
    )
    for before in removed:
        if isinstance(before, dict) and (taken := name_taken(session, before)) is not None:
            return taken
    return None
