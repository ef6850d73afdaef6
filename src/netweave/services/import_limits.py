"""Imported values checked against the lengths of the columns they go to, before any write.

The bulk writer hands rows straight to the driver: PostgreSQL would refuse an overlong value
with a database error naming no file or line, and SQLite would store it. So each record is
checked as it is read, and a value too long is a bad row of its file, like any other.
"""

from __future__ import annotations

from collections.abc import Iterator

from netweave.errors import InvalidInput
from netweave.io.records import InteractionRecord, PersonRecord, Record, SchoolRecord
from netweave.services.field_lengths import column_length as _limit
from netweave.store import tables

_NAME = _limit(tables.person.c.display_name)
_PART = _limit(tables.person.c.given_name)
_ORG = _limit(tables.organization.c.name)
_TITLE = _limit(tables.position.c.title)
_LOCATION = _limit(tables.person.c.location)
_CONTACT = _limit(tables.contact_point.c.value)
_TAG = _limit(tables.tag.c.label)
_EXTERNAL = _limit(tables.interaction.c.external_id)
_COMMUNITY = _limit(tables.community.c.name)
_ROLE = _limit(tables.affiliation.c.role)


def _values(record: Record) -> Iterator[tuple[str, str | None, int]]:
    """(what, value, limit) for each bounded value of a record."""
    if isinstance(record, PersonRecord):
        yield "name", record.name, _NAME
        yield "given name", record.given_name, _PART
        yield "family name", record.family_name, _PART
        yield "organization", record.organization, _ORG
        yield "title", record.title, _TITLE
        yield "location", record.location, _LOCATION
        yield "LinkedIn URL", record.linkedin, _CONTACT
        for kind, points in (("email", record.emails), ("phone", record.phones)):
            for point in points:
                yield kind, point.value, _CONTACT
        for point in record.urls:
            yield "URL", point.value, _CONTACT
        for tag in record.tags:
            yield "tag", tag, _TAG
    elif isinstance(record, InteractionRecord):
        yield "message id", record.external_id, _EXTERNAL
        for person in record.participants:
            yield "participant name", person.name, _NAME
            yield "participant email", person.email, _CONTACT
            yield "participant LinkedIn URL", person.linkedin, _CONTACT
    elif isinstance(record, SchoolRecord):
        yield "school", record.school, _COMMUNITY
        yield "degree", record.degree, _ROLE


def check_record_lengths(record: Record) -> None:
    """Refuse a record holding a value longer than the column it goes to."""
    for what, value, limit in _values(record):
        if value is not None and len(value) > limit:
            raise InvalidInput(
                f"the {what} is longer than {limit} characters ({len(value)}): {value[:40]!r}…"
            )
