"""Tiny factories for test data, going through the services like a user would."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from netweave.services.context import Context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.people import PersonChanges, add_person


def person(ctx: Context, name: str, **fields: Any) -> dict[str, Any]:
    """Add a person with the given ``PersonChanges`` fields."""
    return add_person(ctx, PersonChanges(name=name, **fields))


def talk(ctx: Context, *names: str, on: dt.date | None = None, **fields: Any) -> dict[str, Any]:
    """Log a conversation with these people."""
    return log_interaction(ctx, LogRequest(names=list(names), on=on, **fields))


def _person_id(session: Any, name: str) -> int:
    from netweave.services.resolve import resolve_person

    return resolve_person(session, name).id


def knows(
    ctx: Context,
    a: str,
    b: str,
    *,
    context: str | None = None,
    since: dt.date | None = None,
    confidence: float = 1.0,
    status: str = "confirmed",
) -> None:
    """A ``knows`` row between two people (written directly: the commands live elsewhere)."""
    from netweave.store.models import Knows

    with ctx.db.transaction() as session:
        ids = sorted((_person_id(session, a), _person_id(session, b)))
        session.add(
            Knows(
                person_a_id=ids[0],
                person_b_id=ids[1],
                context=context,
                since=since,
                confidence=confidence,
                status=status,
            )
        )


def past_job(
    ctx: Context,
    name: str,
    org: str,
    start: dt.date | None,
    end: dt.date | None,
    *,
    current: bool = False,
    title: str | None = None,
) -> None:
    """A position (past, or current with ``current=True``) at an organization."""
    from netweave.services.orgs import get_or_create_organization
    from netweave.store.models import Position

    with ctx.db.transaction() as session:
        organization = get_or_create_organization(session, org)
        session.add(
            Position(
                person_id=_person_id(session, name),
                organization_id=organization.id,
                title=title,
                start_date=start,
                end_date=end,
                current=current,
            )
        )


def member(
    ctx: Context,
    name: str,
    community: str,
    *,
    kind: str = "school",
    years: tuple[int | None, int | None] = (None, None),
) -> None:
    """An affiliation with a school or community (created when new)."""
    from sqlalchemy import select

    from netweave.logic.normalize import normalize_org
    from netweave.store.models import Affiliation, Community

    with ctx.db.transaction() as session:
        found = session.scalars(
            select(Community).where(Community.normalized_name == normalize_org(community))
        ).first()
        if found is None:
            found = Community(name=community, normalized_name=normalize_org(community), kind=kind)
            session.add(found)
            session.flush()
        session.add(
            Affiliation(
                person_id=_person_id(session, name),
                community_id=found.id,
                start_year=years[0],
                end_year=years[1],
            )
        )


def backup_as_of_0012(document: dict[str, Any]) -> dict[str, Any]:
    """A backup document as netweave wrote it at revision 0012: a tag did not know its
    import (0013), an ask neither its day settled nor what fulfilled it (0015), an
    organization had no aliases (0018), an address no domain key (0020), a person and an
    organization no sort key (0021)."""
    older = copy.deepcopy(document)
    older["tables"].pop("organization_alias", None)
    for table, column in (
        ("person_tag", "import_batch_id"),
        ("exchange", "settled_on"),
        ("exchange", "fulfilled_by_interaction_id"),
        ("contact_point", "domain_key"),
        ("person", "sort_key"),
        ("organization", "sort_key"),
    ):
        entry = older["tables"][table]
        at = entry["columns"].index(column)
        entry["columns"].pop(at)
        for row in entry["rows"]:
            row.pop(at)
    older["schema"] = "0012"
    return older


def alike_network(ctx: Context, folder: Any, crowd: int, numbered: int) -> None:
    """Import an address book (a Google Contacts CSV, one address each, no LinkedIn profile:
    two profiles would say two people) of people named alike: ``crowd`` named John Smith
    at 30 employers, ``numbered`` named Person 1, Person 2 …, and two records of Ada
    Lovelace at one employer (the pair to find)."""
    from pathlib import Path

    from netweave.services.imports import ImportOptions, run_import

    rows = [("John", "Smith", f"Company {n % 30}") for n in range(crowd)]
    rows += [("Person", str(n), f"Company {n % 700}") for n in range(numbered)]
    rows += [("Ada", "Lovelace", "Analytical Engines")] * 2
    lines = ["First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,"
             "Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value\n"]  # fmt: skip
    lines += [f"{first},,{last},,{org},Engineer,,,,Work,p{n}@example.com\n"
              for n, (first, last, org) in enumerate(rows)]  # fmt: skip
    path = Path(folder) / "contacts.csv"
    path.write_text("".join(lines), encoding="utf-8")
    run_import(ctx, "google-csv", [path], ImportOptions())


def refresh_day(person_id: int, start: dt.date) -> dt.date:
    """The first day from ``start`` on which the dormant tie ``person_id`` may be offered
    for a refresh: one of the first days of its week (one week in several)."""
    from netweave.services.routines import REFRESH_EVERY_WEEKS, REFRESH_SHOWN_DAYS, week_number

    day = start
    while day.weekday() >= REFRESH_SHOWN_DAYS or (person_id + week_number(day)) % (
        REFRESH_EVERY_WEEKS
    ):
        day += dt.timedelta(days=1)
    return day


def every_row(ctx: Context) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the import log, without the times rows were written
    (and the aggregates' ids, new when they are rebuilt): equal before and after an undo."""
    from sqlalchemy import select

    from netweave.store.models import Base

    out: dict[str, list[tuple[Any, ...]]] = {}
    with ctx.db.reading() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in ("import_batch", "import_change"):
                continue
            shown = [c for c in table.columns if c.name not in ("created_at", "updated_at")]
            if table.name == "person_stats":  # rebuilt rows get new ids
                shown = [c for c in shown if c.name != "id"]
            out[table.name] = sorted((tuple(r) for r in session.execute(select(*shown))), key=repr)
    return out


def rows_by_key(ctx: Context) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table but the undo log and the aggregates (rebuilt, with new
    ids), by primary key, without ``updated_at``."""
    from sqlalchemy import select

    from netweave.store.models import Base

    skip = {"import_batch", "import_change", "person_stats"}
    with ctx.db.reading() as session:
        return {
            table.name: [
                {k: v for k, v in row.items() if k != "updated_at"}
                for row in session.execute(select(table).order_by(*table.primary_key.columns))
                .mappings()
                .all()
            ]
            for table in Base.metadata.sorted_tables
            if table.name not in skip
        }


def import_linkedin(ctx: Context, *paths: Any) -> dict[str, Any]:
    """``import linkedin`` of these files or folders, with no options."""
    from netweave.services.imports import ImportOptions, run_import

    return run_import(ctx, "linkedin", list(paths), ImportOptions())


def roles_of(ctx: Context, name: str) -> list[tuple[str, str | None, bool]]:
    """Someone's roles as (organization, title, current), as their page lists them."""
    from netweave.services.people import show_person

    shown = show_person(ctx, name)
    return [(p["organization"], p["title"], p["current"]) for p in shown["positions"]]


def congratulations(ctx: Context) -> list[str]:
    """The reasons of today's "congratulate" items, sorted."""
    from netweave.services.agenda import agenda

    return sorted(i["reason"] for i in agenda(ctx)["items"] if i["kind"] == "congratulate")
