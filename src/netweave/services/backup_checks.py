"""What a restored backup must hold that the database itself does not enforce."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.config import Settings, check_stored_preference, with_preferences
from netweave.errors import InvalidInput
from netweave.logic.normalize import clean, normalize_org
from netweave.logic.parse import parse_birthday
from netweave.logic.vocab import COLUMN_VOCABULARIES
from netweave.store import tables


def find_problems(
    session: Session, path: Path | str, settings: Settings
) -> Generator[str, None, None]:
    """The rows no netweave command writes (a backup edited by hand, or damaged): a word
    outside its vocabulary, a circle the settings do not define, two records of the user,
    a setting netweave cannot read. Every such row, one line each naming ``path`` (the
    file, or the database), the row and the value: ``db check`` and ``restore`` list them.

    A restore runs it on the restored rows at this program's schema, inside its
    transaction, which the problems then roll back: a backup of an older schema is judged
    once its migrations have brought its rows up to date, as netweave will read them."""
    stored: dict[str, Any] = {}
    yield from _check_settings(session, path, stored)
    circles = tuple(with_preferences(settings, stored).circles)
    vocabularies = {**COLUMN_VOCABULARIES, "person": {"circle": circles}}
    vocabularies["import_change"] = {"action": UNDO_ACTIONS}
    for table_name, columns in vocabularies.items():
        for column, allowed in columns.items():
            table = tables.metadata.tables[table_name]
            yield from _check_words(session, path, table, column, allowed)
    yield from _check_one_user(session, path)
    yield from _check_people(session, path)
    yield from _check_keys(session, path)
    yield from _check_aliases(session, path)
    yield from _check_batches(session, path)


#: What the undo log says was done to a row.
UNDO_ACTIONS = ("created", "updated", "deleted", "moved")
#: The counts an import's summary holds, as ``import list`` reads them.
_COUNTS = ("created", "updated", "merged", "skipped", "error_count", "people")


def _check_words(
    session: Session, path: Path | str, table: Any, column: str, allowed: tuple[str, ...]
) -> Iterator[str]:
    """One query per column: the rows (by id) whose value is not an allowed word."""
    found = session.execute(
        select(table.c.id, table.c[column])
        .where(table.c[column].not_in(allowed))  # NULL is never "not in": nullable columns pass
        .order_by(table.c.id)
    )
    for row_id, value in found:
        words = ", ".join(allowed)
        yield f"{path}: {table.name} #{row_id}: {column} {value!r} is not one of {words}"


def _check_one_user(session: Session, path: Path | str) -> Iterator[str]:
    person = tables.person
    mine = session.scalars(
        select(person.c.id).where(person.c.is_me.is_(True)).order_by(person.c.id)
    ).all()
    for other in mine[1:]:
        yield (
            f"{path}: person #{other}: is_me is true, but person #{mine[0]} is already "
            "your own record (a database has one)"
        )


def _check_settings(session: Session, path: Path | str, stored: dict[str, Any]) -> Iterator[str]:
    """The stored preferences, each checked as ``netweave config set`` writes it: those
    netweave can read go in ``stored``."""
    setting = tables.setting
    rows = session.execute(select(setting.c.id, setting.c.key, setting.c.value).order_by("id"))
    for row_id, key, value in rows:
        # every setting is stored as {"value": …}, which each start of netweave reads
        if not isinstance(value, dict) or list(value) != ["value"]:
            yield f'{path}: setting #{row_id}: {key}: expected {{"value": …}}, not {value!r}'
            continue
        try:
            check_stored_preference(key, value["value"])
        except InvalidInput as exc:
            yield f"{path}: setting #{row_id}: {exc}"
            continue
        stored[key] = value["value"]


def _check_people(session: Session, path: Path | str) -> Iterator[str]:
    """Every person has a name, and a birthday ``people edit --birthday`` would take."""
    person = tables.person
    rows = session.execute(
        select(person.c.id, person.c.display_name, person.c.birthday).order_by(person.c.id)
    )
    for row_id, name, birthday in rows:
        if not clean(name):
            yield f"{path}: person #{row_id}: display_name is blank"
        if birthday is not None:
            try:
                parse_birthday(birthday)
            except InvalidInput as exc:
                yield f"{path}: person #{row_id}: {exc}"


def _check_keys(session: Session, path: Path | str) -> Iterator[str]:
    """An address's key is its value as netweave has always keyed it (lower case, without
    ``mailto:``): one edited by hand alone would be shown by one and found by the other,
    and matched by imports to a stranger. (A profile's key is not judged: revision 0016
    left some as they were written, on purpose.)"""
    point = tables.contact_point
    rows = session.execute(
        select(point.c.id, point.c.value, point.c.normalized)
        .where(point.c.kind == "email")
        .order_by(point.c.id)
    )
    for row_id, value, key in rows:
        wanted = clean(value).lower().removeprefix("mailto:")
        if key != wanted:
            yield (
                f"{path}: contact_point #{row_id}: normalized {key!r} is not the key of its "
                f"value {value!r} ({wanted!r})"
            )


def _check_aliases(session: Session, path: Path | str) -> Iterator[str]:
    """An organization's alias is keyed as its name is, and is no organization's own name:
    an import naming it would find two organizations, or another than the one it names."""
    alias, org = tables.organization_alias, tables.organization
    rows = session.execute(
        select(alias.c.id, alias.c.name, alias.c.normalized_name, org.c.id)
        .outerjoin(org, org.c.normalized_name == alias.c.normalized_name)
        .order_by(alias.c.id)
    )
    for row_id, name, key, taken in rows:
        if key != normalize_org(name):
            yield (
                f"{path}: organization_alias #{row_id}: normalized {key!r} is not the key of "
                f"its name {name!r} ({normalize_org(name)!r})"
            )
        if taken is not None:
            yield (
                f"{path}: organization_alias #{row_id}: {name!r} is the name of organization "
                f"#{taken}, not another name of one"
            )


def _check_batches(session: Session, path: Path | str) -> Iterator[str]:
    """Each import's counts, as ``import list`` reads them: whole numbers, and a list of
    problems."""
    batch = tables.import_batch
    for row_id, counts in session.execute(select(batch.c.id, batch.c.counts).order_by("id")):
        if counts is None:
            continue
        good = isinstance(counts, dict) and all(type(counts.get(key, 0)) is int for key in _COUNTS)
        errors = counts.get("errors", []) if isinstance(counts, dict) else None
        if not good or not isinstance(errors, list) or not all(isinstance(e, dict) for e in errors):
            yield (
                f"{path}: import_batch #{row_id}: counts must be an object of whole numbers "
                f"with a list of problems, not {counts!r:.80}"
            )
