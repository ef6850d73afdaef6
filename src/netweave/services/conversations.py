"""The conversation log after the fact: list, correct and delete logged interactions.

A conversation logged with the wrong day, kind, direction or person skews everything built
on the log (strength, next check-in, reciprocity, 3B7), so a correction rebuilds the
aggregates of everyone it touches from the log, as an import does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import Session

from netweave.clock import day_of, local_moment
from netweave.errors import InvalidInput, NotFound
from netweave.logic.normalize import clean
from netweave.logic.parse import MAX_LIMIT, bounded
from netweave.logic.vocab import DIRECTIONS, INTERACTION_KINDS, choose
from netweave.services import field_lengths as column
from netweave.services.asks import fulfil_by_receipts, reopen_answered
from netweave.services.context import Context
from netweave.services.resolve import distinct_people, resolve_person
from netweave.services.views import interaction_view, recent_interactions
from netweave.store import stats
from netweave.store.models import (
    Campaign,
    CampaignItem,
    Exchange,
    Interaction,
    InteractionParticipant,
    Person,
    Setting,
    Task,
)

#: How many conversations ``conversations list`` shows unless told otherwise.
DEFAULT_LIMIT = 20


@dataclass
class ConversationChanges:
    """A correction of one logged conversation (``None``: leave as it is; a note of ``""``
    clears it)."""

    kind: str | None = None
    on: dt.date | None = None
    direction: str | None = None
    note: str | None = None
    add: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        """Whether nothing at all is asked for."""
        return self == ConversationChanges()


def list_conversations(
    ctx: Context, query: str | None = None, *, limit: int | None = DEFAULT_LIMIT
) -> list[dict[str, Any]]:
    """The latest conversations, newest first (every one when ``limit`` is ``None``); only
    those with one person when ``query`` names them."""
    if limit is not None:
        limit = bounded(limit, 1, MAX_LIMIT, "--limit")
    with ctx.db.reading() as session:
        statement = _conversations(session, query).order_by(
            Interaction.occurred_at.desc(), Interaction.id.desc()
        )
        if limit is not None:
            statement = statement.limit(limit)
        listed = session.scalars(statement).all()
        return _views(session, listed, statement.with_only_columns(Interaction.id))


def count_conversations(ctx: Context, query: str | None = None) -> int:
    """How many conversations ``list_conversations`` would list with no limit: what a list
    cut off at its limit says is left."""
    with ctx.db.reading() as session:
        ids = _conversations(session, query).with_only_columns(Interaction.id).subquery()
        return int(session.scalar(select(func.count()).select_from(ids)) or 0)


def _conversations(session: Session, query: str | None) -> Select[tuple[Interaction]]:
    """Every conversation, or those with the person ``query`` names."""
    statement = select(Interaction)
    if query is None:
        return statement
    person = resolve_person(session, query)
    return statement.join(InteractionParticipant).where(
        InteractionParticipant.person_id == person.id
    )


def person_timeline(ctx: Context, query: str, limit: int = MAX_LIMIT) -> dict[str, Any]:
    """A person's conversations, newest first, in one light read: ``{items, total}`` (at most
    ``limit`` items, each in the ``interaction_view`` shape without the people's names)."""
    with ctx.db.reading() as session:
        person = resolve_person(session, query)
        items = recent_interactions(session, person.id, limit=limit)
        total = session.scalar(
            select(func.count()).where(InteractionParticipant.person_id == person.id)
        )
        return {"items": items, "total": int(total or 0)}


def show_conversation(ctx: Context, interaction_id: int) -> dict[str, Any]:
    """One conversation with its people and what was given, asked or received in it."""
    with ctx.db.reading() as session:
        return _view(session, _get(session, interaction_id))


def edit_conversation(
    ctx: Context, interaction_id: int, changes: ConversationChanges
) -> dict[str, Any]:
    """Correct a logged conversation; returns it as it now is and what changed."""
    if changes.empty():
        raise InvalidInput(
            "nothing to change: give a kind, a day (--on), a direction, a note, or people to "
            "add or remove",
            web="nothing to change",
        )
    today = ctx.clock.today()
    if changes.on is not None and changes.on > today:
        raise InvalidInput(f"cannot move a conversation to {changes.on}, after today ({today})")
    with ctx.db.transaction() as session:
        interaction = _get(session, interaction_id)
        was = interaction.occurred_at
        changed: list[str] = []
        if changes.kind is not None:
            kind = choose(changes.kind, INTERACTION_KINDS, "interaction kind")
            changed += _set(interaction, "kind", kind)
        if changes.direction is not None:
            direction = choose(changes.direction, DIRECTIONS, "direction")
            changed += _set(interaction, "direction", direction)
        if changes.note is not None:
            column.within(clean(changes.note), column.NOTE, "note")
            changed += _set(interaction, "summary", clean(changes.note) or None)
        before = _people(session, interaction.id)
        if changes.on is not None and changes.on != day_of(interaction.occurred_at):
            # the same time of day on the new day: its order among that day's entries holds
            time_of_day = interaction.occurred_at.astimezone().time()
            _move(session, interaction, local_moment(changes.on, time_of_day))
            changed.append("date")
        changed += _change_people(session, interaction, changes, before)
        if changed:  # corrected by hand, it is the user's: undoing its import leaves it
            interaction.import_batch_id = None
        session.flush()
        after = _people(session, interaction.id)
        stats.rebuild(session, sorted(before | after), ctx.settings.circles)
        result = {"interaction": _view(session, interaction), "changed": changed}
        if changed == ["note"] or not changed:  # nothing that decides what it answers
            return result | {
                "reopened": [],
                "tasks_done": [],
                "asks_reopened": [],
                "asks_fulfilled": [],
            }
        return (
            result
            | _redo_follow_ups(session, interaction, was, before, after)
            | _redo_asks(session, interaction)
        )


def delete_conversation(ctx: Context, interaction_id: int) -> dict[str, Any]:
    """Remove a logged conversation, with what was given, asked or received in it; the
    follow-ups and campaign greetings it had ticked off are open again."""
    with ctx.db.transaction() as session:
        interaction = _get(session, interaction_id)
        view = _view(session, interaction)
        people = _people(session, interaction.id)
        asks_reopened = reopen_answered(session, interaction.id)
        exchanges = session.execute(
            delete(Exchange).where(Exchange.interaction_id == interaction.id)
        ).rowcount  # type: ignore[attr-defined]
        reopened = _reopen(session, people, interaction.occurred_at)
        _remember_deleted(session, interaction)
        session.delete(interaction)
        session.flush()
        stats.rebuild(session, sorted(people), ctx.settings.circles)
        return {
            "deleted": view,
            "exchanges": int(exchanges or 0),
            "reopened": reopened,
            "asks_reopened": asks_reopened,
        }


#: The setting that keeps the imported conversations the user deleted, by source, so that
#: importing the same calendar or mailbox again does not bring them back.
DELETED_IMPORTS = "deleted_imports"


def _remember_deleted(session: Session, interaction: Interaction) -> None:
    if interaction.source == "manual" or not interaction.external_id:
        return
    row = session.scalars(select(Setting).where(Setting.key == DELETED_IMPORTS)).first()
    if row is None:
        row = Setting(key=DELETED_IMPORTS, value={"value": {}})
        session.add(row)
    kept: dict[str, list[str]] = dict((row.value or {}).get("value", {}))
    kept[interaction.source] = [*kept.get(interaction.source, []), interaction.external_id]
    row.value = {"value": kept}  # a new value, so that the JSON column is written


def deleted_imports(session: Session, source: str) -> set[str]:
    """The external ids of the conversations from ``source`` that the user deleted."""
    row = session.scalars(select(Setting).where(Setting.key == DELETED_IMPORTS)).first()
    return set((row.value or {}).get("value", {}).get(source, [])) if row is not None else set()


def _reopen(session: Session, people: set[int], when: dt.datetime) -> list[str]:
    """Open again what a conversation carried out when it was logged: these people's
    tasks it carries out (``FOLLOWED_BY_CONTACT``) and campaign items, marked done at its
    very moment."""
    from netweave.services.campaigns import greeting_title

    titles = _reopen_tasks(session, people, when)
    for item, campaign, name in _greetings(session, people, when):
        item.done_at = None
        titles.append(greeting_title(campaign, name))
    return titles


def _reopen_tasks(session: Session, people: set[int], when: dt.datetime) -> list[str]:
    from netweave.services.follow_ups_done import FOLLOWED_BY_CONTACT, task_said

    titles: list[str] = []
    for task in session.scalars(
        select(Task).where(
            Task.person_id.in_(people), Task.kind.in_(FOLLOWED_BY_CONTACT), Task.done_at == when
        )
    ):
        task.done_at = None
        titles.append(task_said(session, task))
    return titles


def _greetings(session: Session, people: set[int], when: dt.datetime) -> list[Any]:
    """(campaign item, campaign name, person's name) of these people marked done at
    ``when``."""
    return list(
        session.execute(
            select(CampaignItem, Campaign.name, Person.display_name)
            .join(Campaign, Campaign.id == CampaignItem.campaign_id)
            .join(Person, Person.id == CampaignItem.person_id)
            .where(CampaignItem.person_id.in_(people), CampaignItem.done_at == when)
        ).tuples()
    )


def _redo_follow_ups(
    session: Session,
    interaction: Interaction,
    was: dt.datetime,
    before: set[int],
    after: set[int],
) -> dict[str, list[str]]:
    """After a correction, the follow-ups the conversation carries out are those it would
    have carried out had it been logged so: the ones it closed are opened, then closed
    again if it still answers them. A campaign greeting it ticked moves with its day, and
    opens again for a person taken out or when it is no longer a contact the user made (a
    note, a message from them); it greets anyone in it not greeted yet."""
    from netweave.services.campaigns import greeting_title, settle_greetings
    from netweave.services.follow_ups_done import close_follow_ups, reaches_out

    opened = _reopen_tasks(session, before, was)
    closed: list[str] = []
    reaches = reaches_out(interaction.kind, interaction.direction)
    for item, campaign, name in _greetings(session, before, was):
        if item.person_id in after and reaches:
            item.done_at = interaction.occurred_at
        else:  # taken out of it, or no longer a contact the user made
            item.done_at = None
            opened.append(greeting_title(campaign, name))
    if reaches:
        day, when = day_of(interaction.occurred_at), interaction.occurred_at
        closed = close_follow_ups(session, sorted(after), day, when)
        closed += settle_greetings(session, sorted(after), day, when)
    return {
        "reopened": [t for t in opened if t not in closed],
        "tasks_done": [t for t in closed if t not in opened],
    }


def _redo_asks(session: Session, interaction: Interaction) -> dict[str, list[dict[str, Any]]]:
    """After a correction, the asks the conversation's receipts fulfil are those they would
    have fulfilled had it been logged so: the ones it fulfilled are opened, then fulfilled
    again by the receipts still in it, on its day."""
    opened = reopen_answered(session, interaction.id)
    session.flush()
    receipts: dict[int, list[str]] = {}
    for person_id, kind in session.execute(
        select(Exchange.person_id, Exchange.kind).where(
            Exchange.interaction_id == interaction.id, Exchange.direction == "received"
        )
    ):
        receipts.setdefault(person_id, []).append(kind)
    day = day_of(interaction.occurred_at)
    fulfilled = [
        ask
        for person in session.scalars(select(Person).where(Person.id.in_(receipts)))
        for ask in fulfil_by_receipts(session, person, receipts[person.id], day, interaction.id)
    ]
    again = {a["id"] for a in opened} & {a["id"] for a in fulfilled}
    return {
        "asks_reopened": [a for a in opened if a["id"] not in again],
        "asks_fulfilled": [a for a in fulfilled if a["id"] not in again],
    }


def _get(session: Session, interaction_id: int) -> Interaction:
    interaction = session.get(Interaction, interaction_id)
    if interaction is None:
        raise NotFound(f"no conversation #{interaction_id}")
    return interaction


def _set(interaction: Interaction, attr: str, value: Any) -> list[str]:
    if getattr(interaction, attr) == value:
        return []
    setattr(interaction, attr, value)
    return ["note" if attr == "summary" else attr]


def _people(session: Session, interaction_id: int) -> set[int]:
    return set(
        session.scalars(
            select(InteractionParticipant.person_id).where(
                InteractionParticipant.interaction_id == interaction_id
            )
        )
    )


def _move(session: Session, interaction: Interaction, when: dt.datetime) -> None:
    """Date the conversation, its participants' copies and its exchanges ``when``."""
    interaction.occurred_at = when
    redate_copies(session, interaction.id, when)


def redate_copies(session: Session, interaction_id: int, when: dt.datetime) -> None:
    """Date the copies of a conversation's moment ``when``: its participants' (which the
    contact index orders) and its exchanges' day."""
    session.execute(
        update(InteractionParticipant)
        .where(InteractionParticipant.interaction_id == interaction_id)
        .values(occurred_at=when)
    )
    day = day_of(when)
    session.execute(
        update(Exchange).where(Exchange.interaction_id == interaction_id).values(occurred_on=day)
    )


def _change_people(
    session: Session, interaction: Interaction, changes: ConversationChanges, before: set[int]
) -> list[str]:
    """Add and remove participants; a conversation keeps at least one person besides you.

    The user is never added (they take part in every conversation) but can be removed
    from one that names them."""
    added = distinct_people([resolve_person(session, q) for q in changes.add])
    removed = distinct_people([resolve_person(session, q) for q in changes.remove])
    _check_people_change(session, interaction, added, removed, before)
    changed: list[str] = []
    for person in removed:
        session.execute(
            delete(InteractionParticipant).where(
                InteractionParticipant.interaction_id == interaction.id,
                InteractionParticipant.person_id == person.id,
            )
        )
        gone = session.execute(
            delete(Exchange).where(
                Exchange.interaction_id == interaction.id, Exchange.person_id == person.id
            )
        ).rowcount  # type: ignore[attr-defined]
        changed.append(f"removed {person.display_name}" + _with_exchanges(int(gone or 0)))
    for person in added:
        if person.id in before:
            continue
        session.add(
            InteractionParticipant(
                interaction_id=interaction.id,
                person_id=person.id,
                occurred_at=interaction.occurred_at,
            )
        )
        changed.append(f"added {person.display_name}")
    return changed


def _check_people_change(
    session: Session,
    interaction: Interaction,
    added: list[Person],
    removed: list[Person],
    before: set[int],
) -> None:
    """Refuse adding the user, removing someone not in it or added too, or leaving no one
    but the user in it."""
    for person in added:
        if person.is_me:
            raise InvalidInput("you take part in every conversation; name the other people")
    for person in removed:
        if person.id not in before:
            raise InvalidInput(f"{person.display_name} is not in conversation #{interaction.id}")
        if person.id in {p.id for p in added}:
            raise InvalidInput(
                f"{person.display_name} is both added to and removed from conversation "
                f"#{interaction.id}; give one of them"
            )
    staying = (before | {p.id for p in added}) - {p.id for p in removed}
    if not staying - _me(session):
        raise InvalidInput(
            f"conversation #{interaction.id} would have no one left in it; delete it instead"
        )


def _me(session: Session) -> set[int]:
    return set(session.scalars(select(Person.id).where(Person.is_me.is_(True))))


def _with_exchanges(count: int) -> str:
    """`` (and the N exchanges logged with them)`` when a removal took any."""
    if not count:
        return ""
    return f" (and the {count} exchange{'s' if count != 1 else ''} logged with them)"


def _view(session: Session, interaction: Interaction) -> dict[str, Any]:
    """The interaction shape, with its people's names and its exchanges."""
    return _views(session, [interaction], [interaction.id])[0]


def _views(
    session: Session, interactions: Sequence[Interaction], ids: Select[Any] | list[int]
) -> list[dict[str, Any]]:
    """Each interaction's shape with its people's names and its exchanges, in the order
    given: their people and their exchanges read in one statement each, for all of them
    (``ids``: the statement that selects their ids, or the ids)."""
    names: dict[int, dict[int, str]] = {i.id: {} for i in interactions}
    for interaction_id, person_id, name in session.execute(
        select(InteractionParticipant.interaction_id, Person.id, Person.display_name)
        .join(Person, Person.id == InteractionParticipant.person_id)
        .where(InteractionParticipant.interaction_id.in_(ids))
    ):
        names.setdefault(interaction_id, {})[person_id] = name
    exchanges: dict[int, list[Exchange]] = {}
    for exchange in session.scalars(
        select(Exchange).where(Exchange.interaction_id.in_(ids)).order_by(Exchange.id)
    ):
        if exchange.interaction_id is not None:
            exchanges.setdefault(exchange.interaction_id, []).append(exchange)
    views = []
    for interaction in interactions:
        known = names[interaction.id]
        view = interaction_view(interaction, known)  # with its people and who, by name
        view["exchanges"] = [
            {"person": known.get(e.person_id), "direction": e.direction, "kind": e.kind,
             "status": e.status}
            for e in exchanges.get(interaction.id, [])
        ]  # fmt: skip
        views.append(view)
    return views
