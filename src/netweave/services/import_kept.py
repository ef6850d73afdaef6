"""Which people an undone import brought in stay: those the user has added to since.

An undo removes what its import created, but not what the user built on it: someone the
user has given a circle, a need, a tag or an address, talked with (a conversation the
user logged or corrected), linked to another person (who knows whom, an introduction, a
lead they refer, an event where they were met, a task, a campaign, a give or ask), or
corrected by hand (a note, a job title) stays, as if typed in by hand, with what the user
added.

A pair the user kept apart ("not the same person") is no reason to keep someone: the pairs
that name a person the undo removes go with them (``apart_going`` lists them, for the undo
to say so; ``undo_would_remove`` before it, for the page that asks), and a pair of two
people who both stay stays.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from netweave.services.context import Context
from netweave.services.duplicates import NOT_DUPLICATES
from netweave.store.models import Base, DismissedPair, ImportBatch, ImportChange, Person

#: What only the user sets on a person (no import writes these columns).
_SET_BY_HAND = ("circle", "cadence_days", "strength_override", "pronouns", "introduced_by_id",
                "met_event_id")  # fmt: skip
#: Tables of a person's own rows: one without an import batch was typed in by the user (a
#: tag too: ``person_tag`` knows the import that gave each).
_TYPED_IN = ("need", "offer", "interest", "affiliation", "contact_point", "position",
             "person_tag", "exchange")  # fmt: skip
#: Links to a person that only the user makes: (table, its columns naming a person).
_LINKED = (
    ("event_attendee", ("person_id",)),
    ("introduction", ("person_a_id", "person_b_id")),
    ("lead_person", ("person_id",)),
    ("campaign_item", ("person_id",)),
)


def keep_the_added_to(session: Session, batch_id: int) -> list[dict[str, Any]]:
    """The people the batch brought in that the user has since added to: they stay, as if
    typed in by hand, with what the user added; the rest of the batch is undone. Returns
    them (``id``, ``name``), to be told."""
    people = Base.metadata.tables["person"]
    # the batch's people are locked first: a conversation another command is logging with
    # one of them now is waited for (and then seen here, so they stay), and one logged
    # after waits for the undo (on PostgreSQL; SQLite writes one at a time)
    session.execute(
        select(people.c.id)
        .where(people.c.import_batch_id == batch_id)
        .order_by(people.c.id)
        .with_for_update()
    ).all()
    rows = session.execute(
        select(people.c.id, people.c.display_name)
        .where(people.c.import_batch_id == batch_id, _added_to(people, batch_id))
        .order_by(people.c.id)
    ).all()
    ids = [pid for pid, _ in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(update(people).where(people.c.id.in_(chunk)).values(import_batch_id=None))
    return [{"id": pid, "name": name} for pid, name in rows]


def apart_going(session: Session, batch_id: int) -> list[dict[str, Any]]:
    """The pairs kept apart that name someone the undo of the batch removes (those it
    brought in that do not stay: ``keep_the_added_to`` is called first), which go with
    them: ``{a, b}``, each ``{id, name}``, ordered by their ids."""
    return _apart_naming(session, select(Person.id).where(Person.import_batch_id == batch_id))


def undo_would_remove(ctx: Context, batch_id: int) -> dict[str, Any]:
    """What the undo of the batch would remove of what the user sees, asked before it is
    undone (nothing changed): how many people it brought in (``people_removed``: not those
    added to since) and the pairs kept apart that name them (``apart_removed``)."""
    with ctx.db.reading() as session:
        people = Base.metadata.tables["person"]
        going = select(people.c.id).where(
            people.c.import_batch_id == batch_id, ~_added_to(people, batch_id)
        )
        removed = session.scalar(select(func.count()).select_from(going.subquery()))
        return {"people_removed": int(removed or 0), "apart_removed": _apart_naming(session, going)}


def apart_words(pairs: list[dict[str, Any]], *, done: bool = True) -> str:
    """The pairs kept apart that go (``done``: went) with the people an undo removes, in
    words, each person by name and number."""
    named = "; ".join(
        f"{p['a']['name']} (#{p['a']['id']}) and {p['b']['name']} (#{p['b']['id']})" for p in pairs
    )
    which = "The pair" if len(pairs) == 1 else f"The {len(pairs)} pairs"
    verb = "went" if done else ("goes" if len(pairs) == 1 else "go")
    return f"{which} you kept apart {verb} with them: {named}."


def _apart_naming(session: Session, going: Any) -> list[dict[str, Any]]:
    """The pairs kept apart that name one of the people ``going`` (a select of ids)."""
    first, second = aliased(Person), aliased(Person)
    rows = session.execute(
        select(first.id, first.display_name, second.id, second.display_name)
        .select_from(DismissedPair)
        .join(first, first.id == DismissedPair.person_a_id)
        .join(second, second.id == DismissedPair.person_b_id)
        .where(
            DismissedPair.kind == NOT_DUPLICATES,
            or_(DismissedPair.person_a_id.in_(going), DismissedPair.person_b_id.in_(going)),
        )
        .order_by(first.id, second.id)
    )
    return [{"a": {"id": a, "name": a_name}, "b": {"id": b, "name": b_name}}
            for a, a_name, b, b_name in rows]  # fmt: skip


def _added_to(people: Any, batch_id: int) -> Any:
    """Whether the user has added to a person the batch brought in (a condition on the
    ``person`` row)."""
    tables = Base.metadata.tables
    me = people.c.id
    set_up = [people.c[name].is_not(None) for name in _SET_BY_HAND]
    typed = [
        select(table.c.person_id)
        .where(table.c.person_id == me, table.c.import_batch_id.is_(None))
        .exists()
        for table in (tables[name] for name in _TYPED_IN)
    ]
    linked = _linked_to(people, batch_id)
    edited = _edited(people, batch_id)
    return or_(*set_up, *typed, *linked, *edited)


def _linked_to(people: Any, batch_id: int) -> list[Any]:
    """Conditions that the user linked a person to something of theirs: a row naming them,
    a confirmed tie, a conversation logged, someone they introduced, a task of their own."""
    tables = Base.metadata.tables
    me = people.c.id
    linked = [
        select(tables[name].c[column]).where(tables[name].c[column] == me).exists()
        for name, columns in _LINKED
        for column in columns
    ]
    knows = tables["knows"]
    linked.append(
        select(knows.c.id)
        .where(
            or_(knows.c.person_a_id == me, knows.c.person_b_id == me),
            knows.c.import_batch_id.is_(None),
            knows.c.status == "confirmed",
        )
        .exists()
    )
    talks, spoken = tables["interaction_participant"], tables["interaction"]
    linked.append(  # a conversation the user logged (or corrected) with them
        select(talks.c.person_id)
        .join(spoken, spoken.c.id == talks.c.interaction_id)
        .where(talks.c.person_id == me, spoken.c.import_batch_id.is_(None))
        .exists()
    )
    others = people.alias("introduced")
    linked.append(select(others.c.id).where(others.c.introduced_by_id == me).exists())
    tasks = tables["task"]
    linked.append(
        select(tasks.c.id)
        .where(tasks.c.person_id == me, ~_logged(tasks, "created", batch_id))
        .exists()
    )
    return linked


def _edited(people: Any, batch_id: int) -> list[Any]:
    """Conditions that the user edited a person, or one of their roles, since the batch."""
    tables = Base.metadata.tables
    me = people.c.id
    positions = tables["position"]
    return [
        and_(_changed_since(people, batch_id), ~_logged(people, "updated", batch_id)),
        select(positions.c.id)
        .where(
            positions.c.person_id == me,
            _changed_since(positions, batch_id),
            ~_logged(positions, "updated", batch_id),
        )
        .exists(),
    ]


def _changed_since(table: Any, batch_id: int) -> Any:
    """Whether a row of ``table`` was changed after it was written: its ``updated_at`` is
    not its ``created_at``, and is after the batch finished. Older versions of netweave
    stamped a row they had just written a few microseconds later: that is still the
    import's own doing."""
    batch = ImportBatch.__table__.c
    finished = select(batch.finished_at).where(batch.id == batch_id).scalar_subquery()
    return and_(
        table.c.updated_at != table.c.created_at,
        or_(finished.is_(None), table.c.updated_at > finished),
    )


def _logged(table: Any, action: str, batch_id: int) -> Any:
    """Whether the batch or a later one (an import or a merge, undone or not) logged doing
    ``action`` to the row of ``table``: not the user's doing. An earlier batch's work is no
    concern of this batch's people (the row was not theirs yet)."""
    change = ImportChange.__table__.c
    return (
        select(change.id)
        .where(
            change.batch_id >= batch_id,
            change.table_name == table.name,
            change.row_id == table.c.id,
            change.action == action,
        )
        .exists()
    )
