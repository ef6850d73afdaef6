"""Plain-data views of people and organizations: the JSON shapes of the CLI contract and the API."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, select

from netweave.clock import day_of
from netweave.logic.cadence import cadence_days
from netweave.logic.sorting import name_sort_key
from netweave.logic.strength import TieFacts, factors, total
from netweave.services.collector import fewer_collections
from netweave.services.relationships import reciprocity, responder, strength_fields
from netweave.store import stats, tables

if TYPE_CHECKING:
    from netweave.store.engine import Reader
    from netweave.store.models import Person

PersonView = dict[str, Any]
_CHUNK = 500


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _as_date_or_none(value: Any) -> dt.date | None:
    """A date from what Core queries return (ISO text on SQLite)."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    assert value is None or isinstance(value, dt.date)
    return value


def _grouped(
    session: Reader, query: Select[Any], ids: Sequence[int], *, whole: bool = False
) -> dict[int, list[Any]]:
    """Rows of ``query`` (first column: person id) for these people, grouped by person.

    ``whole``: read the whole table once and keep these people's rows (for most of the
    people, cheaper than asking for them a chunk of ids at a time); each person's rows come
    in the query's order either way."""
    out: dict[int, list[Any]] = defaultdict(list)
    owner = query.selected_columns[0]
    if whole:
        wanted = set(ids)
        for row in session.execute(query).all():  # fetched at once: faster than one by one
            if row[0] in wanted:
                out[row[0]].append(row)
        return out
    for chunk in _chunks(ids):
        for row in session.execute(query.where(owner.in_(chunk))).all():
            out[row[0]].append(row)
    return out


def _most_people(session: Reader, ids: Sequence[int]) -> bool:
    """Whether ``ids`` are at least half of everyone (then whole tables are read)."""
    if len(ids) <= _CHUNK:
        return False
    everyone = session.scalar(select(func.count()).select_from(tables.person)) or 0
    return 2 * len(ids) >= everyone


def person_views(
    session: Reader, ids: Sequence[int], circles: Mapping[str, int | None], now: dt.datetime
) -> list[PersonView]:
    """The person shape of the CLI contract for many people, in the order of ``ids``.

    Built from plain rows with one query per table (no ORM objects), so that listing a
    large network stays fast. The collector runs less often meanwhile
    (``services/collector.py``): at its default pace it walked the rows and views held, which
    are no garbage, again and again, for about a third of the time at 20,000 people.
    """
    with fewer_collections():
        return _person_views(session, ids, circles, now)


@dataclass(frozen=True)
class _Rows:
    """What ``person_views`` reads of a group of people, each table's rows by person id."""

    people: dict[int, list[Any]]
    contacts: dict[int, list[Any]]
    jobs: dict[int, list[Any]]
    tags: dict[int, list[Any]]
    interests: dict[int, list[Any]]
    needs: dict[int, list[Any]]
    offers: dict[int, list[Any]]
    tie: dict[int, list[Any]]


def _person_views(
    session: Reader, ids: Sequence[int], circles: Mapping[str, int | None], now: dt.datetime
) -> list[PersonView]:
    rows = _read_rows(session, ids)
    sort_keys: dict[str, str] = {}  # a tag's sort key, worked out once per label
    return [_person_view(pid, rows, sort_keys, circles, now) for pid in ids if pid in rows.people]


def _read_rows(session: Reader, ids: Sequence[int]) -> _Rows:
    """The rows of these people in each table their views show."""
    p, c, s = tables.person.c, tables.contact_point.c, tables.person_stats.c
    whole = _most_people(session, ids)
    people = _grouped(
        session,
        select(
            p.id,
            p.display_name,
            p.circle,
            p.cadence_days,
            p.strength_override,
            p.is_me,
            p.met_on,
            p.location,
            p.headline,
        ),
        ids,
        whole=whole,
    )
    contacts = _grouped(
        session,
        select(c.person_id, c.kind, c.value).order_by(c.is_primary.desc(), c.id),
        ids,
        whole=whole,
    )
    jobs, tags = _jobs(session, ids, whole=whole), _tags(session, ids, whole=whole)
    interest_, need_, offer_ = tables.interest.c, tables.need.c, tables.offer.c
    interests = _grouped(
        session,
        select(interest_.person_id, interest_.category, interest_.label).order_by(interest_.id),
        ids,
        whole=whole,
    )
    needs = _grouped(
        session, select(need_.person_id, need_.text).order_by(need_.id), ids, whole=whole
    )
    offers = _grouped(
        session, select(offer_.person_id, offer_.text).order_by(offer_.id), ids, whole=whole
    )
    present = [i for i in ids if i in people]
    tie = _grouped(
        session,
        select(s.person_id, s.next_due, *(s[name] for name in stats.STRENGTH_COLUMNS)),
        present,
        whole=whole,
    )
    return _Rows(people, contacts, jobs, tags, interests, needs, offers, tie)


def _person_view(
    pid: int,
    rows: _Rows,
    sort_keys: dict[str, str],
    circles: Mapping[str, int | None],
    now: dt.datetime,
) -> PersonView:
    """One person's view from the rows read (``sort_keys``: each tag's, filled as met)."""
    # Rows are read by position: a row's attribute costs about 20 times as much, and at
    # 20,000 people those reads took a third of the time.
    _, name, circle, own_cadence, pinned, is_me, met_on, location, headline = rows.people[pid][0]
    points = [(kind, value) for _, kind, value in rows.contacts.get(pid, ())]
    job = rows.jobs[pid][0] if pid in rows.jobs else None
    stat = rows.tie[pid][0] if pid in rows.tie else None
    facts = stats.facts_of([*stat[2:], met_on]) if stat is not None else TieFacts(met_on=met_on)
    parts = factors(facts, now) if stat is not None else None  # as ``strengths`` has them
    computed = (total(parts), parts) if parts is not None else None
    person_tags = rows.tags.get(pid, ())
    for _, label, _ in person_tags:
        if label not in sort_keys:
            sort_keys[label] = name_sort_key(label)
    tag_cadence = min((days for _, _, days in person_tags if days is not None), default=None)
    # as ``stats.cadences`` has it: own cadence, else the shortest of a tag's, else the circle's
    cadence = None if is_me else cadence_days(circle, own_cadence, circles, tag_cadence)
    return {
        "id": pid,
        "name": name,
        "emails": [value for kind, value in points if kind == "email"],
        "phones": [value for kind, value in points if kind == "phone"],
        "company": job[1] if job else None,
        "title": job[2] if job else None,
        "linkedin": next((value for kind, value in points if kind == "linkedin"), None),
        "tags": sorted((t[1] for t in person_tags), key=sort_keys.__getitem__),
        "circle": circle,
        "location": location,
        "headline": headline,
        "interests": [
            {"category": category, "label": label}
            for _, category, label in rows.interests.get(pid, ())
        ],
        "needs": [n[1] for n in rows.needs.get(pid, ())],
        "offers": [o[1] for o in rows.offers.get(pid, ())],
        "first_met": _iso(met_on or facts.first_contact),
        "last_interaction": _iso(facts.last_contact),
        **strength_fields(computed, pinned),
        "is_me": bool(is_me),
        "cadence_days": cadence,
        "next_due": _iso(_as_date_or_none(stat[1] if stat is not None else None)),
    }


def person_rows(session: Reader, ids: Sequence[int]) -> list[PersonView]:
    """What a table of people shows of each, in the order of ``ids``: the keys ``id``,
    ``name``, ``company``, ``title``, ``circle``, ``last_interaction``, ``tags``,
    ``next_due`` and ``is_me`` of ``person_views``, and nothing it would take longer to
    work out (no strength, no contact points)."""
    p, s = tables.person.c, tables.person_stats.c
    people = _grouped(session, select(p.id, p.display_name, p.circle, p.is_me), ids)
    jobs, tags = _jobs(session, ids), _tags(session, ids)
    tie = _grouped(session, select(s.person_id, s.last_at, s.next_due), ids)
    rows = []
    for pid in ids:
        if pid not in people:
            continue
        row = people[pid][0]
        job = jobs[pid][0] if pid in jobs else None
        last_at, due = (tie[pid][0].last_at, tie[pid][0].next_due) if pid in tie else (None, None)
        rows.append(
            {
                "id": pid,
                "name": row.display_name,
                "company": job.name if job else None,
                "title": job.title if job else None,
                "tags": sorted((t.label for t in tags.get(pid, [])), key=name_sort_key),
                "circle": row.circle,
                "last_interaction": _iso(stats.contact_day(last_at)),
                "is_me": bool(row.is_me),
                "next_due": _iso(_as_date_or_none(due)),
            }
        )
    return rows


def _jobs(session: Reader, ids: Sequence[int], *, whole: bool = False) -> dict[int, list[Any]]:
    """Each person's current positions (organization name, title), the latest first."""
    pos, org = tables.position.c, tables.organization.c
    return _grouped(
        session,
        select(pos.person_id, org.name, pos.title)
        .join_from(tables.position, tables.organization)
        .where(pos.current.is_(True))
        .order_by(pos.start_date.desc(), pos.id.desc()),
        ids,
        whole=whole,
    )


def _tags(session: Reader, ids: Sequence[int], *, whole: bool = False) -> dict[int, list[Any]]:
    """Each person's tags (label, cadence in days)."""
    tag = tables.tag.c
    query = select(tables.person_tag.c.person_id, tag.label, tag.cadence_days).join(tables.tag)
    return _grouped(session, query, ids, whole=whole)


def person_detail(
    session: Reader, person: Person, circles: Mapping[str, int | None], now: dt.datetime
) -> PersonView:
    """The full view of one person: the contract shape plus profile, history and timeline."""
    view = person_views(session, [person.id], circles, now)[0]
    view.update(
        {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "pronouns": person.pronouns,
            "headline": person.headline,
            "birthday": person.birthday,
            "notes": person.notes,
            "met": {  # where the user's own record came from is not how they met
                "how": None if person.is_me else person.met_how,
                "event": _name_of(session, tables.event, person.met_event_id),
                "on": _iso(person.met_on),
                "introduced_by": _name_of(session, tables.person, person.introduced_by_id),
            },
            **_profile(session, person.id),
            "interactions": recent_interactions(session, person.id),
            "interaction_count": _interaction_count(session, person.id),
            "reciprocity": reciprocity(session, person.id, now),
            "responder": responder(session, person.id, day_of(now)),
        }
    )
    return view


def _name_of(session: Reader, table: Any, row_id: int | None) -> str | None:
    """The display name (people) or name (events) of one row, if any."""
    if row_id is None:
        return None
    column = table.c.display_name if "display_name" in table.c else table.c.name
    name: str | None = session.scalar(select(column).where(table.c.id == row_id))
    return name


def _profile(session: Reader, person_id: int) -> dict[str, list[dict[str, Any]]]:
    """Contact points, positions and affiliations, from plain rows (three small queries)."""
    c, pos, org = tables.contact_point.c, tables.position.c, tables.organization.c
    aff, com = tables.affiliation.c, tables.community.c
    points = session.execute(
        select(c.kind, c.value, c.normalized, c.label, c.is_primary)
        .where(c.person_id == person_id)
        .order_by(c.id)
    )
    jobs = session.execute(
        select(org.name, pos.title, pos.start_date, pos.end_date, pos.current)
        .join_from(tables.position, tables.organization)
        .where(pos.person_id == person_id)
        .order_by(pos.id)
    ).all()
    groups = session.execute(
        select(aff.id, com.name, com.kind, aff.role, aff.start_year, aff.end_year)
        .join_from(tables.affiliation, tables.community)
        .where(aff.person_id == person_id)
        .order_by(aff.id)
    )
    return {
        "contact_points": [
            {
                "kind": kind,
                "value": value,
                "normalized": normalized,
                "label": label,
                "primary": bool(primary),
            }
            for kind, value, normalized, label, primary in points
        ],
        "positions": [
            {
                "organization": name,
                "title": title,
                "start": _iso(start),
                "end": _iso(end),
                "current": bool(current),
            }
            for name, title, start, end, current in sorted(
                jobs, key=lambda j: (not j.current, j.start_date or dt.date.min)
            )
        ],
        "affiliations": [
            {"id": aid, "community": name, "kind": kind, "role": role, "years": [start, end]}
            for aid, name, kind, role, start, end in groups
        ],
    }


#: How many of a person's latest conversations their page shows.
RECENT_CONVERSATIONS = 20


def recent_interactions(
    session: Reader, person_id: int, limit: int = RECENT_CONVERSATIONS
) -> list[dict[str, Any]]:
    """The person's latest interactions, newest first (the ``interaction_view`` shape), each
    with what was given, received or asked between the user and this person in it
    (``exchanges``: direction, kind and status, in the order logged)."""
    it, part = tables.interaction.c, tables.interaction_participant.c
    rows = session.execute(
        select(it.id, it.occurred_at, it.kind, it.direction, it.summary, it.source)
        .join_from(tables.interaction_participant, tables.interaction)
        .where(part.person_id == person_id)
        .order_by(part.occurred_at.desc(), it.id.desc())
        .limit(limit)
    ).all()
    ids = [r.id for r in rows]
    people = _grouped_by(
        (interaction_id, (pid, name))
        for interaction_id, pid, name in session.execute(
            select(part.interaction_id, part.person_id, tables.person.c.display_name)
            .join(tables.person, tables.person.c.id == part.person_id)
            .where(part.interaction_id.in_(ids))
        )
    )
    ex = tables.exchange.c
    exchanges = _grouped_by(
        (interaction_id, {"direction": direction, "kind": kind, "status": status})
        for interaction_id, direction, kind, status in session.execute(
            select(ex.interaction_id, ex.direction, ex.kind, ex.status)
            .where(ex.interaction_id.in_(ids), ex.person_id == person_id)
            .order_by(ex.id)
        )
    )
    return [
        {**interaction_view(r, dict(people.get(r.id, []))), "exchanges": exchanges.get(r.id, [])}
        for r in rows
    ]


def _grouped_by(rows: Iterable[Any]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for key, value in rows:
        out[key].append(value)
    return out


def interaction_view(interaction: Any, participants: Iterable[int] | None = None) -> dict[str, Any]:
    """The JSON shape of an interaction: an ORM object, or a row with the same columns and
    its participants' ids. Given its participants' names (a mapping of id to name), the
    view names them too, as every listing of conversations does: ``people`` (the names)
    and ``who`` (``{id, name}``), by name."""
    if participants is None:
        participants = (p.person_id for p in interaction.participants)
    view = {
        "id": interaction.id,
        "when": interaction.occurred_at.isoformat(),
        "date": day_of(interaction.occurred_at).isoformat(),
        "kind": interaction.kind,
        "direction": interaction.direction,
        "summary": interaction.summary,
        "source": interaction.source,
        "participants": sorted(participants),
    }
    if isinstance(participants, Mapping):
        who = sorted(participants.items(), key=lambda p: (name_sort_key(p[1]), p[0]))
        view["people"] = [name for _, name in who]
        view["who"] = [{"id": i, "name": n} for i, n in who]
    return view


def _interaction_count(session: Reader, person_id: int) -> int:
    """How many conversations the person took part in (their page shows the latest)."""
    part = tables.interaction_participant.c
    count = session.scalar(select(func.count()).where(part.person_id == person_id))
    return int(count or 0)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None
