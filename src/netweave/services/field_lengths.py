"""How many characters the columns a value is typed into hold: the table definitions are
the one source (the web forms' limits and an import's checks are read from them); and the
lengths of the texts kept in columns without one (a note, a step, a task's title), which
the services refuse beyond, whatever the interface (command line, web form, JSON API)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, String

from netweave.errors import InvalidInput
from netweave.store import tables


def column_length(column: Column[Any]) -> int:
    """The length of a ``String`` column."""
    length = column.type.length if isinstance(column.type, String) else None
    assert length, column
    return length


PERSON_NAME = column_length(tables.person.c.display_name)
HEADLINE = column_length(tables.person.c.headline)
PERSON_LOCATION = column_length(tables.person.c.location)
PRONOUNS = column_length(tables.person.c.pronouns)
CIRCLE = column_length(tables.person.c.circle)
ORGANIZATION = column_length(tables.organization.c.name)
DOMAIN = column_length(tables.organization.c.domain)
INDUSTRY = column_length(tables.organization.c.industry)
ORG_LOCATION = column_length(tables.organization.c.location)
TITLE = column_length(tables.position.c.title)
CONTACT = column_length(tables.contact_point.c.value)
INTEREST = column_length(tables.interest.c.label)
EVENT = column_length(tables.event.c.name)
COMMUNITY = column_length(tables.community.c.name)
AFFILIATION_ROLE = column_length(tables.affiliation.c.role)
PLACE = column_length(tables.event.c.place)
CAMPAIGN = column_length(tables.campaign.c.name)
ROLE = column_length(tables.lead.c.role)
POSTING_URL = column_length(tables.lead.c.posting_url)

#: A longer text: a note on a person or a conversation, a need, an offer.
NOTE = 10_000
#: A lead's next step and a task's title: a line of the agenda.
STEP = 1_000
TASK_TITLE = 1_000


def within(value: str | None, most: int, what: str) -> None:
    """Refuse a text longer than ``most`` characters, naming the field ``what``."""
    if value is not None and len(value) > most:
        raise InvalidInput(f"{what}: at most {most:,} characters (this one has {len(value):,})")
