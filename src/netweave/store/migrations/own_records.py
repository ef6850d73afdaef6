"""Revision 0021's fold of a second record of the user into the first: each rule as that
revision applies it, frozen here (a migration does not read the models, which follow the
schema of the newest revision, nor the services, whose rules may change).

The kept record keeps what it says; what it lacks the other one fills, as an import of the
user's LinkedIn Profile.csv fills the user's record: a profile field left empty, the
notes, each address, job, school, source, conversation, tag and event. What the other one
said otherwise (another name, another location) is kept as a line of the notes, as a merge
of two people keeps it. Nothing of either record is lost, and nothing is logged as a merge
to undo: an undo would make two records of the user again.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

_STAMP = sa.DateTime()


def _table(name: str, *columns: tuple[str, Any]) -> sa.TableClause:
    return sa.table(name, sa.column("id", sa.Integer()), *(sa.column(c, t) for c, t in columns))


_TEXT, _INT, _BOOL, _DATE = sa.String(), sa.Integer(), sa.Boolean(), sa.Date()
PERSON = _table(
    "person",
    ("display_name", _TEXT), ("pronouns", _TEXT), ("headline", _TEXT), ("location", _TEXT),
    ("birthday", _TEXT), ("notes", _TEXT), ("circle", _TEXT), ("cadence_days", _INT),
    ("strength_override", _INT), ("introduced_by_id", _INT), ("is_me", _BOOL),
)  # fmt: skip
POSITION = _table(
    "position", ("person_id", _INT), ("organization_id", _INT), ("title", _TEXT),
    ("start_date", _DATE), ("end_date", _DATE), ("current", _BOOL), ("import_batch_id", _INT),
    ("created_at", _STAMP),
)  # fmt: skip
POINT = _table("contact_point", ("person_id", _INT), ("kind", _TEXT), ("is_primary", _BOOL))
EXCHANGE = _table(
    "exchange", ("person_id", _INT), ("interaction_id", _INT), ("direction", _TEXT),
    ("kind", _TEXT),
)  # fmt: skip
CAMPAIGN_ITEM = _table(
    "campaign_item", ("person_id", _INT), ("campaign_id", _INT), ("done_at", _STAMP)
)
SETTING = _table("setting", ("key", _TEXT), ("value", sa.JSON()))

#: Rows that belong to one person and simply move over.
_MOVE = ("contact_point", "affiliation", "need", "offer", "person_source", "exchange", "task")
#: Rows with a uniqueness rule per person: moved unless the kept record has one of its key
#: (then the other one's is a copy, and goes).
_UNIQUE = {
    "interest": ("category", "label"),
    "campaign_item": ("campaign_id",),
    "interaction_participant": ("interaction_id",),
    "agenda_snooze": ("kind",),
    "lead_person": ("lead_id", "role"),
}
#: Links whose key is the person and another row.
_LINKS = {"person_tag": ("tag_id", "import_batch_id"), "event_attendee": ("event_id",)}
#: Rows about a pair of people, the lower id first: a pair of the kept record with itself,
#: or one it has already (of the same kind), goes.
_PAIRS = {"knows": (), "dismissed_pair": ("kind",)}
#: What the profile fills when the kept record says nothing.
_FILLED = ("pronouns", "headline", "location", "birthday", "circle", "cadence_days",
           "strength_override")  # fmt: skip
#: What the other record may say otherwise, and how the notes word it.
_OTHERWISE = (
    ("display_name", "name {}"), ("location", "location {}"), ("headline", "headline {}"),
    ("birthday", "birthday {}"), ("pronouns", "pronouns {}"), ("circle", "circle {}"),
    ("cadence_days", "keep in touch every {} days"), ("strength_override", "strength pinned at {}"),
)  # fmt: skip
REMOVED_BY_HAND = "removed_by_hand"


def own_records(conn: Connection) -> list[int]:
    """The ids of the user's records, the first first."""
    query = sa.select(PERSON.c.id).where(PERSON.c.is_me.is_(True)).order_by(PERSON.c.id)
    return [int(i) for i in conn.execute(query).scalars()]


def fold_into(conn: Connection, keep: int, other: int) -> None:
    """Fold the user's record ``other`` into their record ``keep``, and delete it."""
    _profile(conn, keep, other)
    _introduced_by(conn, keep, other)
    _drop_repeated_exchanges(conn, keep, other)
    _demote_primaries(conn, keep, other)
    _positions(conn, keep, other)
    for name in _MOVE:
        _move(conn, name, keep, other)
    for name, key in _UNIQUE.items():
        _move_unique(conn, name, key, keep, other)
    for name, columns in _LINKS.items():
        _move_links(conn, name, columns, keep, other)
    for name, kind in _PAIRS.items():
        _move_pairs(conn, name, kind, keep, other)
    _move_introductions(conn, keep, other)
    _move_removed(conn, keep, other)
    conn.execute(sa.text("DELETE FROM person_stats WHERE person_id = :p"), {"p": other})
    owner = "rowid" if conn.dialect.name == "sqlite" else "person_id"
    conn.execute(sa.text(f"DELETE FROM person_search WHERE {owner} = :p"), {"p": other})
    conn.execute(sa.delete(PERSON).where(PERSON.c.id == other))


def _row(conn: Connection, table: sa.TableClause, row_id: int) -> dict[str, Any]:
    return dict(conn.execute(sa.select(table).where(table.c.id == row_id)).mappings().one())


def _same(a: Any, b: Any) -> bool:
    return " ".join(str(a).casefold().split()) == " ".join(str(b).casefold().split())


def _profile(conn: Connection, keep: int, other: int) -> None:
    """Fill what the kept record lacks, and keep in its notes the other's notes and what
    it said otherwise."""
    mine, theirs = _row(conn, PERSON, keep), _row(conn, PERSON, other)
    values: dict[str, Any] = {
        attr: theirs[attr] for attr in _FILLED if mine[attr] is None and theirs[attr] is not None
    }
    said = [
        wording.format(theirs[attr])
        for attr, wording in _OTHERWISE
        if theirs[attr] is not None
        and mine[attr] is not None
        and not _same(theirs[attr], mine[attr])
    ]
    lines = {line.strip() for line in (mine["notes"] or "").splitlines()} - {""}
    new = [line for line in (theirs["notes"] or "").splitlines() if line.strip() not in lines]
    if said:
        new.append(f"Merged from #{other}: {'; '.join(said)}")
    if any(line.strip() for line in new):
        values["notes"] = "\n".join(n for n in (mine["notes"], "\n".join(new)) if n)
    if values:
        conn.execute(sa.update(PERSON).where(PERSON.c.id == keep).values(**values))


def _introduced_by(conn: Connection, keep: int, other: int) -> None:
    """Those the other record introduced the user to were introduced by the kept one."""
    column = PERSON.c.introduced_by_id
    conn.execute(
        sa.update(PERSON).where(column == other, PERSON.c.id != keep).values(introduced_by_id=keep)
    )
    conn.execute(
        sa.update(PERSON)
        .where(PERSON.c.id == keep, column.in_((keep, other)))
        .values(introduced_by_id=None)
    )


def _drop_repeated_exchanges(conn: Connection, keep: int, other: int) -> None:
    """A conversation that had both records in it counts its gives and asks once."""
    c = EXCHANGE.c
    have = {
        tuple(r)
        for r in conn.execute(
            sa.select(c.interaction_id, c.direction, c.kind).where(
                c.person_id == keep, c.interaction_id.is_not(None)
            )
        )
    }
    theirs = conn.execute(
        sa.select(c.id, c.interaction_id, c.direction, c.kind).where(
            c.person_id == other, c.interaction_id.is_not(None)
        )
    ).all()
    repeated = [row_id for row_id, *key in theirs if tuple(key) in have]
    if repeated:
        conn.execute(sa.delete(EXCHANGE).where(c.id.in_(repeated)))


def _demote_primaries(conn: Connection, keep: int, other: int) -> None:
    """One primary address (phone, profile) of each kind: the kept record's."""
    c = POINT.c
    kinds = sa.select(c.kind).where(c.person_id == keep, c.is_primary.is_(True))
    conn.execute(
        sa.update(POINT)
        .where(c.person_id == other, c.is_primary.is_(True), c.kind.in_(kinds.scalar_subquery()))
        .values(is_primary=False)
    )


def _positions(conn: Connection, keep: int, other: int) -> None:
    """The other record's jobs, as an import of the user's profile follows them: one the
    kept record has already (the employer, the title, current or past) fills its missing
    dates and goes; a current one at an employer where the kept record's current title was
    typed by hand is history (the title typed stands); another current one is the news,
    and the kept record's current jobs it replaces end on the day it was recorded."""
    c = POSITION.c

    def jobs(person: int) -> list[dict[str, Any]]:
        query = sa.select(POSITION).where(c.person_id == person).order_by(c.current, c.id)
        return [dict(r) for r in conn.execute(query).mappings()]

    mine = jobs(keep)
    held = [m for m in mine if m["current"]]  # the kept record's current jobs before
    for job in jobs(other):
        twin = next((m for m in mine if _twin(m, job)), None)
        if twin is not None:
            fill = {k: job[k] for k in ("title", "start_date", "end_date") if twin[k] is None}
            fill = {k: v for k, v in fill.items() if v is not None}
            if fill:
                conn.execute(sa.update(POSITION).where(c.id == twin["id"]).values(**fill))
                twin.update(fill)
            conn.execute(sa.delete(POSITION).where(c.id == job["id"]))
            continue
        moved: dict[str, Any] = {"person_id": keep}
        if job["current"]:
            there = [m for m in held if m["organization_id"] == job["organization_id"]]
            if there and there[0]["import_batch_id"] is None:
                moved["current"] = False  # the title the user typed stands
            else:
                _end(conn, there or held, _day(job["created_at"]))
                held = [m for m in held if m not in (there or held)]
        conn.execute(sa.update(POSITION).where(c.id == job["id"]).values(**moved))
        mine.append({**job, **moved})


def _twin(mine: Mapping[str, Any], job: Mapping[str, Any]) -> bool:
    return (
        mine["organization_id"] == job["organization_id"]
        and bool(mine["current"]) == bool(job["current"])
        and (job["title"] is None or mine["title"] is None or _same(mine["title"], job["title"]))
    )


def _end(conn: Connection, jobs: Sequence[Mapping[str, Any]], day: dt.date) -> None:
    c = POSITION.c
    for job in jobs:
        ended = job["end_date"] or day
        conn.execute(
            sa.update(POSITION).where(c.id == job["id"]).values(current=False, end_date=ended)
        )


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def _move(conn: Connection, name: str, keep: int, other: int) -> None:
    conn.execute(
        sa.text(f"UPDATE {name} SET person_id = :keep WHERE person_id = :other"),
        {"keep": keep, "other": other},
    )


def _move_unique(conn: Connection, name: str, key: tuple[str, ...], keep: int, other: int) -> None:
    """Move each row the kept record has no row of its key for; drop the others (a greeting
    of a campaign done to the other record is done)."""
    columns = ", ".join(key)
    sql = f"SELECT id, {columns} FROM {name} WHERE person_id = :p ORDER BY id"
    mine = {
        tuple(_fold(v) for v in rest): row_id
        for row_id, *rest in conn.execute(sa.text(sql), {"p": keep})
    }
    for row_id, *rest in conn.execute(sa.text(sql), {"p": other}).all():
        kept = mine.get(tuple(_fold(v) for v in rest))
        if kept is None:
            conn.execute(
                sa.text(f"UPDATE {name} SET person_id = :keep WHERE id = :id"),
                {"keep": keep, "id": row_id},
            )
            continue
        if name == "campaign_item":
            _carry_done(conn, kept, row_id)
        conn.execute(sa.text(f"DELETE FROM {name} WHERE id = :id"), {"id": row_id})


def _fold(value: Any) -> Any:
    return " ".join(value.casefold().split()) if isinstance(value, str) else value


def _carry_done(conn: Connection, kept: int, other_item: int) -> None:
    c = CAMPAIGN_ITEM.c
    done = conn.execute(sa.select(c.done_at).where(c.id == other_item)).scalar()
    if done is not None:
        conn.execute(
            sa.update(CAMPAIGN_ITEM).where(c.id == kept, c.done_at.is_(None)).values(done_at=done)
        )


def _move_links(
    conn: Connection, name: str, columns: tuple[str, ...], keep: int, other: int
) -> None:
    """Tags and events: the kept record gets the other's (a tag with the import that gave
    it)."""
    names, values = ", ".join(columns), ", ".join(f":{c}" for c in columns)
    select = f"SELECT {names} FROM {name} WHERE person_id = :p"
    mine = {row[0] for row in conn.execute(sa.text(select), {"p": keep})}
    for row in conn.execute(sa.text(select), {"p": other}).all():
        if row[0] not in mine:
            conn.execute(
                sa.text(f"INSERT INTO {name} (person_id, {names}) VALUES (:keep, {values})"),
                {"keep": keep, **dict(zip(columns, row, strict=True))},
            )
    conn.execute(sa.text(f"DELETE FROM {name} WHERE person_id = :p"), {"p": other})


def _move_pairs(conn: Connection, name: str, kind: tuple[str, ...], keep: int, other: int) -> None:
    """Who knows whom, pairs dismissed: re-pointed to the kept record, in order."""
    rows = conn.execute(
        sa.text(
            f"SELECT id, person_a_id, person_b_id{''.join(', ' + k for k in kind)} FROM {name} "
            "WHERE person_a_id = :p OR person_b_id = :p ORDER BY id"
        ),
        {"p": other},
    ).all()
    for row_id, a, b, *kinds in rows:
        friend = b if a == other else a
        low, high = sorted((keep, friend))
        same = " AND ".join(f"{k} = :{k}" for k in kind)
        held = conn.execute(
            sa.text(
                f"SELECT 1 FROM {name} WHERE person_a_id = :a AND person_b_id = :b"
                + (f" AND {same}" if same else "")
            ),
            {"a": low, "b": high, **dict(zip(kind, kinds, strict=True))},
        ).first()
        if friend == keep or held is not None:
            conn.execute(sa.text(f"DELETE FROM {name} WHERE id = :id"), {"id": row_id})
        else:
            conn.execute(
                sa.text(f"UPDATE {name} SET person_a_id = :a, person_b_id = :b WHERE id = :id"),
                {"a": low, "b": high, "id": row_id},
            )


def _move_introductions(conn: Connection, keep: int, other: int) -> None:
    """Introductions follow the record; one between the two records goes."""
    conn.execute(
        sa.text(
            "DELETE FROM introduction WHERE (person_a_id = :k AND person_b_id = :o) "
            "OR (person_a_id = :o AND person_b_id = :k)"
        ),
        {"k": keep, "o": other},
    )
    for side in ("person_a_id", "person_b_id"):
        conn.execute(
            sa.text(f"UPDATE introduction SET {side} = :k WHERE {side} = :o"),
            {"k": keep, "o": other},
        )


def _move_removed(conn: Connection, keep: int, other: int) -> None:
    """What the user took away by hand from the other record (a setting, by person id):
    taken away from the kept one."""
    c = SETTING.c
    found = conn.execute(sa.select(c.id, c.value).where(c.key == REMOVED_BY_HAND)).first()
    if found is None:
        return
    row_id, value = found
    if isinstance(value, str):
        value = json.loads(value)
    people = dict((value or {}).get("value") or {})
    if str(other) not in people:
        return
    items = list(people.pop(str(other)))
    people[str(keep)] = list(dict.fromkeys([*people.get(str(keep), []), *items]))
    conn.execute(sa.update(SETTING).where(c.id == row_id).values(value={"value": people}))
