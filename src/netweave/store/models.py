"""The domain entities as SQLAlchemy 2.0 models, mapped onto the tables of ``store/tables.py``.

The columns are declared once, in the tables; the annotations here give each attribute its
Python type, and the relationships are the ORM's own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship, validates

from netweave.logic.sorting import name_sort_key
from netweave.store import tables
from netweave.store.columns import UtcDateTime, metadata

__all__ = ["UtcDateTime", "event_attendee", "metadata", "person_tag"]

person_tag = tables.person_tag
event_attendee = tables.event_attendee


class Base(DeclarativeBase):
    """Every table has ``id``, ``created_at`` and ``updated_at``."""

    metadata = metadata

    id: Mapped[int]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class ImportBatch(Base):
    """One run of an importer: what it read, what it created and changed, so it can be undone."""

    __table__ = tables.import_batch

    kind: Mapped[str]
    source_name: Mapped[str]
    source_hash: Mapped[str | None]
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime | None]
    state: Mapped[str]
    counts: Mapped[dict[str, Any]]


class ImportChange(Base):
    """One row an import created or changed, with the values before the change."""

    __table__ = tables.import_change

    batch_id: Mapped[int]
    table_name: Mapped[str]
    row_id: Mapped[int]
    action: Mapped[str]
    before: Mapped[dict[str, Any] | None]


class Organization(Base):
    __table__ = tables.organization

    name: Mapped[str]
    normalized_name: Mapped[str]
    #: ``name`` folded for lists (``logic/sorting.py``): set with the name, never by hand.
    sort_key: Mapped[str]
    domain: Mapped[str | None]
    industry: Mapped[str | None]
    location: Mapped[str | None]
    notes: Mapped[str | None]
    import_batch_id: Mapped[int | None]

    positions: Mapped[list[Position]] = relationship(back_populates="organization")

    @validates("name")
    def _sorted_by(self, _key: str, name: str) -> str:
        if isinstance(name, str):
            self.sort_key = name_sort_key(name)
        return name


class OrganizationAlias(Base):
    """Another name of an organization: one merged into it, kept so that it is found by it."""

    __table__ = tables.organization_alias

    organization_id: Mapped[int]
    name: Mapped[str]
    normalized_name: Mapped[str]
    domain: Mapped[str | None]
    import_batch_id: Mapped[int | None]


class Community(Base):
    """A school, alumni group, club or other community people belong to."""

    __table__ = tables.community

    name: Mapped[str]
    normalized_name: Mapped[str]
    kind: Mapped[str]
    import_batch_id: Mapped[int | None]


class Event(Base):
    __table__ = tables.event

    name: Mapped[str]
    date: Mapped[dt.date | None]
    place: Mapped[str | None]
    kind: Mapped[str]
    notes: Mapped[str | None]
    import_batch_id: Mapped[int | None]

    attendees: Mapped[list[Person]] = relationship(secondary=event_attendee)


class Person(Base):
    __table__ = tables.person

    display_name: Mapped[str]
    #: ``display_name`` folded for lists (``logic/sorting.py``): set with the name, never
    #: by hand.
    sort_key: Mapped[str]
    given_name: Mapped[str | None]
    family_name: Mapped[str | None]
    pronouns: Mapped[str | None]
    headline: Mapped[str | None]
    location: Mapped[str | None]
    #: ISO 8601 with optional parts: ``1990-05-17``, ``--05-17`` (no year) or ``1990``.
    birthday: Mapped[str | None]
    notes: Mapped[str | None]
    met_how: Mapped[str | None]
    met_event_id: Mapped[int | None]
    met_on: Mapped[dt.date | None]
    introduced_by_id: Mapped[int | None]
    circle: Mapped[str | None]
    cadence_days: Mapped[int | None]
    strength_override: Mapped[int | None]
    is_me: Mapped[bool]
    import_batch_id: Mapped[int | None]

    contact_points: Mapped[list[ContactPoint]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="ContactPoint.id"
    )
    positions: Mapped[list[Position]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Position.id"
    )
    affiliations: Mapped[list[Affiliation]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Affiliation.id"
    )
    interests: Mapped[list[Interest]] = relationship(
        cascade="all, delete-orphan", order_by="Interest.id"
    )
    needs: Mapped[list[Need]] = relationship(cascade="all, delete-orphan", order_by="Need.id")
    offers: Mapped[list[Offer]] = relationship(cascade="all, delete-orphan", order_by="Offer.id")
    tags: Mapped[list[Tag]] = relationship(secondary=person_tag, order_by="Tag.label")
    met_event: Mapped[Event | None] = relationship(foreign_keys=[tables.person.c.met_event_id])
    introduced_by: Mapped[Person | None] = relationship(remote_side=[tables.person.c.id])

    @validates("display_name")
    def _sorted_by(self, _key: str, name: str) -> str:
        if isinstance(name, str):
            self.sort_key = name_sort_key(name)
        return name


# ``ix_person_is_me`` (partial: only the user's own row) is created by the migrations
# alone: declaring it here would need dialect options, and validating those imports every
# dialect on each start of the command line (see store/migrate.MIGRATION_ONLY_INDEXES).


class ContactPoint(Base):
    __table__ = tables.contact_point

    person_id: Mapped[int]
    kind: Mapped[str]
    value: Mapped[str]
    normalized: Mapped[str]
    label: Mapped[str | None]
    is_primary: Mapped[bool]
    domain_key: Mapped[str | None]
    import_batch_id: Mapped[int | None]

    person: Mapped[Person] = relationship(back_populates="contact_points")


class PersonSource(Base):
    """How an import source identifies a person (a vCard UID, a CSV row key), for re-imports."""

    __table__ = tables.person_source

    person_id: Mapped[int]
    source: Mapped[str]
    external_id: Mapped[str]
    import_batch_id: Mapped[int | None]


class Position(Base):
    __table__ = tables.position

    person_id: Mapped[int]
    organization_id: Mapped[int]
    title: Mapped[str | None]
    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    current: Mapped[bool]
    import_batch_id: Mapped[int | None]

    person: Mapped[Person] = relationship(back_populates="positions")
    organization: Mapped[Organization] = relationship(back_populates="positions")


class Affiliation(Base):
    __table__ = tables.affiliation

    person_id: Mapped[int]
    community_id: Mapped[int]
    role: Mapped[str | None]
    start_year: Mapped[int | None]
    end_year: Mapped[int | None]
    import_batch_id: Mapped[int | None]

    person: Mapped[Person] = relationship(back_populates="affiliations")
    community: Mapped[Community] = relationship()


class Interest(Base):
    __table__ = tables.interest

    person_id: Mapped[int]
    label: Mapped[str]
    category: Mapped[str]
    import_batch_id: Mapped[int | None]


class Need(Base):
    """What a person is looking for."""

    __table__ = tables.need

    person_id: Mapped[int]
    text: Mapped[str]
    import_batch_id: Mapped[int | None]


class Offer(Base):
    """What a person can help with."""

    __table__ = tables.offer

    person_id: Mapped[int]
    text: Mapped[str]
    import_batch_id: Mapped[int | None]


class Tag(Base):
    __table__ = tables.tag

    label: Mapped[str]
    #: A keep-in-touch interval for everyone carrying the tag (a person's own wins).
    cadence_days: Mapped[int | None]


class Interaction(Base):
    __table__ = tables.interaction

    occurred_at: Mapped[dt.datetime]
    kind: Mapped[str]
    direction: Mapped[str]
    summary: Mapped[str | None]
    source: Mapped[str]
    external_id: Mapped[str | None]
    event_id: Mapped[int | None]
    import_batch_id: Mapped[int | None]

    participants: Mapped[list[InteractionParticipant]] = relationship(
        back_populates="interaction", cascade="all, delete-orphan"
    )


class InteractionParticipant(Base):
    """A person taking part in an interaction (``occurred_at`` copied for per-person scans)."""

    __table__ = tables.interaction_participant

    interaction_id: Mapped[int]
    person_id: Mapped[int]
    occurred_at: Mapped[dt.datetime]

    interaction: Mapped[Interaction] = relationship(back_populates="participants")


class Exchange(Base):
    """Something given, received or asked for between the user and a person."""

    __table__ = tables.exchange

    person_id: Mapped[int]
    interaction_id: Mapped[int | None]
    direction: Mapped[str]
    kind: Mapped[str]
    status: Mapped[str]
    occurred_on: Mapped[dt.date]
    note: Mapped[str | None]
    settled_on: Mapped[dt.date | None]
    fulfilled_by_interaction_id: Mapped[int | None]
    import_batch_id: Mapped[int | None]


class Knows(Base):
    """Two people know each other (stored once, with ``person_a_id < person_b_id``)."""

    __table__ = tables.knows

    person_a_id: Mapped[int]
    person_b_id: Mapped[int]
    context: Mapped[str | None]
    since: Mapped[dt.date | None]
    confidence: Mapped[float]
    status: Mapped[str]
    import_batch_id: Mapped[int | None]


class DismissedPair(Base):
    """A suggestion about two people the user turned down, so it is not offered again.

    ``kind`` is ``knows`` (an inferred "they know each other") or ``intro`` (an introduction
    suggestion); the pair is stored once, with ``person_a_id < person_b_id``.
    """

    __table__ = tables.dismissed_pair

    kind: Mapped[str]
    person_a_id: Mapped[int]
    person_b_id: Mapped[int]
    dismissed_on: Mapped[dt.date]


class AgendaSnooze(Base):
    """An agenda suggestion about one person (a check-in, a give-back…) hidden until a day.

    Tasks have their own ``snoozed_until``; this is for the items the agenda computes.
    """

    __table__ = tables.agenda_snooze

    person_id: Mapped[int]
    kind: Mapped[str]
    until: Mapped[dt.date]


class TextEmbedding(Base):
    """A cached sentence embedding of one text under one model (derived data).

    Keyed by the model id and a hash of the text, so an edited need or offer gets a new
    vector and an unchanged one is never recomputed. ``vector`` is base64 little-endian
    float32, which every backend and the JSON backup carry as plain text.
    """

    __table__ = tables.text_embedding

    model: Mapped[str]
    text_hash: Mapped[str]
    dim: Mapped[int]
    vector: Mapped[str]


class Introduction(Base):
    __table__ = tables.introduction

    person_a_id: Mapped[int]
    person_b_id: Mapped[int]
    why: Mapped[str]
    state: Mapped[str]
    outcome: Mapped[str | None]
    history: Mapped[dict[str, Any]]


class Target(Base):
    """An employer on the user's LAMP list."""

    __table__ = tables.target

    organization_id: Mapped[int]
    motivation: Mapped[int]
    posting: Mapped[int]
    notes: Mapped[str | None]


class Lead(Base):
    """A job opportunity moving through the pipeline."""

    __table__ = tables.lead

    organization_id: Mapped[int]
    role: Mapped[str]
    source: Mapped[str]
    hidden: Mapped[bool]
    posting_url: Mapped[str | None]
    stage: Mapped[str]
    next_step: Mapped[str | None]
    next_due: Mapped[dt.date | None]
    notes: Mapped[str | None]


class LeadStageChange(Base):
    __table__ = tables.lead_stage_change

    lead_id: Mapped[int]
    from_stage: Mapped[str | None]
    to_stage: Mapped[str]
    changed_on: Mapped[dt.date]
    note: Mapped[str | None]


class LeadPerson(Base):
    __table__ = tables.lead_person

    lead_id: Mapped[int]
    person_id: Mapped[int]
    role: Mapped[str]


class Task(Base):
    __table__ = tables.task

    due: Mapped[dt.date]
    kind: Mapped[str]
    title: Mapped[str]
    person_id: Mapped[int | None]
    lead_id: Mapped[int | None]
    event_id: Mapped[int | None]
    done_at: Mapped[dt.datetime | None]
    snoozed_until: Mapped[dt.date | None]


class Campaign(Base):
    """A seasonal check-in: a checklist of people to greet."""

    __table__ = tables.campaign

    name: Mapped[str]
    audience: Mapped[dict[str, Any]]


class CampaignItem(Base):
    __table__ = tables.campaign_item

    campaign_id: Mapped[int]
    person_id: Mapped[int]
    prompt: Mapped[str | None]
    done_at: Mapped[dt.datetime | None]


class Setting(Base):
    """A user preference stored with the data (circle cadences, phone region, …)."""

    __table__ = tables.setting

    key: Mapped[str]
    value: Mapped[dict[str, Any]]


class PersonStats(Base):
    """Per-person aggregates of the log, updated as interactions are written.

    ``depth_sum`` is a decayed sum kept with the moment it was computed (``depth_at``), so it
    is brought forward to any later moment in O(1) instead of rescanning the history.
    """

    __table__ = tables.person_stats

    person_id: Mapped[int]
    interactions: Mapped[int]
    two_way: Mapped[int]
    depth_sum: Mapped[float]
    depth_at: Mapped[dt.datetime | None]
    first_at: Mapped[dt.datetime | None]
    last_at: Mapped[dt.datetime | None]
    gives: Mapped[int]
    receipts: Mapped[int]
    asks: Mapped[int]
    shared: Mapped[int]
    #: When the next keep-in-touch check-in is due (``None``: no cadence).
    next_due: Mapped[dt.date | None]
    #: ``MM-DD`` of the person's birthday, when known (for the week's birthdays).
    birthday_md: Mapped[str | None]
    #: The last day the user asked them for or received something (for give-back prompts).
    last_taken_on: Mapped[dt.date | None]
