"""The domain entities as SQLAlchemy 2.0 models: one definition per entity."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from netweave.clock import UTC, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and always read back timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Every table has ``id``, ``created_at`` and ``updated_at``."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UtcDateTime, dict[str, Any]: JSON}

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


def _batch_fk() -> Mapped[int | None]:
    """The import batch that created a row (``None`` for rows typed in by hand)."""
    return mapped_column(ForeignKey("import_batch.id", ondelete="SET NULL"), index=True)


def _person_fk(*, nullable: bool = False, index: bool = True) -> Any:
    return mapped_column(
        ForeignKey("person.id", ondelete="SET NULL" if nullable else "CASCADE"),
        nullable=nullable,
        index=index,
    )


person_tag = Table(
    "person_tag",
    Base.metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)

event_attendee = Table(
    "event_attendee",
    Base.metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class ImportBatch(Base):
    """One run of an importer: what it read, what it created and changed, so it can be undone."""

    __tablename__ = "import_batch"

    kind: Mapped[str] = mapped_column(String(32))
    source_name: Mapped[str] = mapped_column(String(1024))
    source_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None]
    state: Mapped[str] = mapped_column(String(16), default="running")
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ImportChange(Base):
    """One row an import created or changed, with the values before the change."""

    __tablename__ = "import_change"

    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(16))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Organization(Base):
    __tablename__ = "organization"

    name: Mapped[str] = mapped_column(String(300))
    normalized_name: Mapped[str] = mapped_column(String(300), unique=True)
    domain: Mapped[str | None] = mapped_column(String(255), index=True)
    industry: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    import_batch_id: Mapped[int | None] = _batch_fk()

    positions: Mapped[list[Position]] = relationship(back_populates="organization")


class Community(Base):
    """A school, alumni group, club or other community people belong to."""

    __tablename__ = "community"

    name: Mapped[str] = mapped_column(String(300))
    normalized_name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="other")
    import_batch_id: Mapped[int | None] = _batch_fk()


class Event(Base):
    __tablename__ = "event"

    name: Mapped[str] = mapped_column(String(300))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    place: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16), default="other")
    notes: Mapped[str | None] = mapped_column(Text)
    import_batch_id: Mapped[int | None] = _batch_fk()

    attendees: Mapped[list[Person]] = relationship(secondary=event_attendee)


class Person(Base):
    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint(
            "strength_override IS NULL OR (strength_override BETWEEN 0 AND 100)",
            name="strength_override_range",
        ),
        CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="cadence_positive"),
    )

    display_name: Mapped[str] = mapped_column(String(300), index=True)
    given_name: Mapped[str | None] = mapped_column(String(150))
    family_name: Mapped[str | None] = mapped_column(String(150))
    pronouns: Mapped[str | None] = mapped_column(String(40))
    headline: Mapped[str | None] = mapped_column(String(500))
    location: Mapped[str | None] = mapped_column(String(200))
    #: ISO 8601 with optional parts: ``1990-05-17``, ``--05-17`` (no year) or ``1990``.
    birthday: Mapped[str | None] = mapped_column(String(10))
    notes: Mapped[str | None] = mapped_column(Text)
    met_how: Mapped[str | None] = mapped_column(Text)
    met_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="SET NULL"), index=True
    )
    met_on: Mapped[dt.date | None] = mapped_column(Date)
    introduced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    circle: Mapped[str | None] = mapped_column(String(32), index=True)
    cadence_days: Mapped[int | None]
    strength_override: Mapped[int | None]
    is_me: Mapped[bool] = mapped_column(Boolean, default=False)
    import_batch_id: Mapped[int | None] = _batch_fk()

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
    met_event: Mapped[Event | None] = relationship(foreign_keys=[met_event_id])
    introduced_by: Mapped[Person | None] = relationship(remote_side="Person.id")


# Partial: only the user's own row is indexed, so "is_me = false" never tempts a planner
# into scanning every person through this index.
Index(
    "ix_person_is_me",
    Person.is_me,
    sqlite_where=Person.is_me.is_(True),
    postgresql_where=Person.is_me.is_(True),
)


class ContactPoint(Base):
    __tablename__ = "contact_point"
    __table_args__ = (UniqueConstraint("kind", "normalized"),)

    person_id: Mapped[int] = _person_fk()
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(500))
    normalized: Mapped[str] = mapped_column(String(500))
    label: Mapped[str | None] = mapped_column(String(64))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    import_batch_id: Mapped[int | None] = _batch_fk()

    person: Mapped[Person] = relationship(back_populates="contact_points")


class PersonSource(Base):
    """How an import source identifies a person (a vCard UID, a CSV row key), for re-imports."""

    __tablename__ = "person_source"
    __table_args__ = (UniqueConstraint("source", "external_id"),)

    person_id: Mapped[int] = _person_fk()
    source: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(500))
    import_batch_id: Mapped[int | None] = _batch_fk()


class Position(Base):
    __tablename__ = "position"

    person_id: Mapped[int] = _person_fk()
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str | None] = mapped_column(String(300))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    import_batch_id: Mapped[int | None] = _batch_fk()

    person: Mapped[Person] = relationship(back_populates="positions")
    organization: Mapped[Organization] = relationship(back_populates="positions")


class Affiliation(Base):
    __tablename__ = "affiliation"

    person_id: Mapped[int] = _person_fk()
    community_id: Mapped[int] = mapped_column(
        ForeignKey("community.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str | None] = mapped_column(String(200))
    start_year: Mapped[int | None]
    end_year: Mapped[int | None]
    import_batch_id: Mapped[int | None] = _batch_fk()

    person: Mapped[Person] = relationship(back_populates="affiliations")
    community: Mapped[Community] = relationship()


class Interest(Base):
    __tablename__ = "interest"
    __table_args__ = (UniqueConstraint("person_id", "category", "label"),)

    person_id: Mapped[int] = _person_fk(index=False)
    label: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(16))
    import_batch_id: Mapped[int | None] = _batch_fk()


class Need(Base):
    """What a person is looking for."""

    __tablename__ = "need"

    person_id: Mapped[int] = _person_fk()
    text: Mapped[str] = mapped_column(Text)
    import_batch_id: Mapped[int | None] = _batch_fk()


class Offer(Base):
    """What a person can help with."""

    __tablename__ = "offer"

    person_id: Mapped[int] = _person_fk()
    text: Mapped[str] = mapped_column(Text)
    import_batch_id: Mapped[int | None] = _batch_fk()


class Tag(Base):
    __tablename__ = "tag"
    __table_args__ = (
        CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="cadence_positive"),
    )

    label: Mapped[str] = mapped_column(String(100), unique=True)
    #: A keep-in-touch interval for everyone carrying the tag (a person's own wins).
    cadence_days: Mapped[int | None]


class Interaction(Base):
    __tablename__ = "interaction"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_interaction_occurred_at", "occurred_at"),
    )

    occurred_at: Mapped[dt.datetime]
    kind: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(8), default="both")
    summary: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(32), default="manual")
    external_id: Mapped[str | None] = mapped_column(String(500))
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="SET NULL"), index=True
    )
    import_batch_id: Mapped[int | None] = _batch_fk()

    participants: Mapped[list[InteractionParticipant]] = relationship(
        back_populates="interaction", cascade="all, delete-orphan"
    )


class InteractionParticipant(Base):
    """A person taking part in an interaction (``occurred_at`` copied for per-person scans)."""

    __tablename__ = "interaction_participant"
    __table_args__ = (
        UniqueConstraint("interaction_id", "person_id"),
        Index("ix_participant_person_when", "person_id", "occurred_at"),
    )

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interaction.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    occurred_at: Mapped[dt.datetime]

    interaction: Mapped[Interaction] = relationship(back_populates="participants")


class Exchange(Base):
    """Something given, received or asked for between the user and a person."""

    __tablename__ = "exchange"

    person_id: Mapped[int] = _person_fk()
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interaction.id", ondelete="SET NULL"), index=True
    )
    direction: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="open")
    occurred_on: Mapped[dt.date] = mapped_column(Date, index=True)
    note: Mapped[str | None] = mapped_column(Text)
    import_batch_id: Mapped[int | None] = _batch_fk()


class Knows(Base):
    """Two people know each other (stored once, with ``person_a_id < person_b_id``)."""

    __tablename__ = "knows"
    __table_args__ = (
        UniqueConstraint("person_a_id", "person_b_id"),
        CheckConstraint("person_a_id < person_b_id", name="ordered_pair"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
    )

    person_a_id: Mapped[int] = _person_fk(index=False)
    person_b_id: Mapped[int] = _person_fk()
    context: Mapped[str | None] = mapped_column(Text)
    since: Mapped[dt.date | None] = mapped_column(Date)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    status: Mapped[str] = mapped_column(String(16), default="confirmed")
    import_batch_id: Mapped[int | None] = _batch_fk()


class DismissedPair(Base):
    """A suggestion about two people the user turned down, so it is not offered again.

    ``kind`` is ``knows`` (an inferred "they know each other") or ``intro`` (an introduction
    suggestion); the pair is stored once, with ``person_a_id < person_b_id``.
    """

    __tablename__ = "dismissed_pair"
    __table_args__ = (
        UniqueConstraint("kind", "person_a_id", "person_b_id"),
        CheckConstraint("person_a_id < person_b_id", name="ordered_pair"),
    )

    kind: Mapped[str] = mapped_column(String(16))
    person_a_id: Mapped[int] = _person_fk(index=False)
    person_b_id: Mapped[int] = _person_fk()
    dismissed_on: Mapped[dt.date] = mapped_column(Date)


class TextEmbedding(Base):
    """A cached sentence embedding of one text under one model (derived data).

    Keyed by the model id and a hash of the text, so an edited need or offer gets a new
    vector and an unchanged one is never recomputed. ``vector`` is base64 little-endian
    float32, which every backend and the JSON backup carry as plain text.
    """

    __tablename__ = "text_embedding"
    __table_args__ = (UniqueConstraint("model", "text_hash"),)

    model: Mapped[str] = mapped_column(String(100))
    text_hash: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int]
    vector: Mapped[str] = mapped_column(Text)


class Introduction(Base):
    __tablename__ = "introduction"

    person_a_id: Mapped[int] = _person_fk()
    person_b_id: Mapped[int] = _person_fk()
    why: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default="proposed")
    outcome: Mapped[str | None] = mapped_column(Text)
    history: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Target(Base):
    """An employer on the user's LAMP list."""

    __tablename__ = "target"
    __table_args__ = (
        CheckConstraint("motivation BETWEEN 0 AND 3", name="motivation_range"),
        CheckConstraint("posting BETWEEN 1 AND 3", name="posting_range"),
    )

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), unique=True
    )
    motivation: Mapped[int] = mapped_column(default=0)
    posting: Mapped[int] = mapped_column(default=1)
    notes: Mapped[str | None] = mapped_column(Text)


class Lead(Base):
    """A job opportunity moving through the pipeline."""

    __tablename__ = "lead"

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(16), default="other")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    posting_url: Mapped[str | None] = mapped_column(String(1000))
    stage: Mapped[str] = mapped_column(String(24), default="lead")
    next_step: Mapped[str | None] = mapped_column(Text)
    next_due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    notes: Mapped[str | None] = mapped_column(Text)


class LeadStageChange(Base):
    __tablename__ = "lead_stage_change"

    lead_id: Mapped[int] = mapped_column(ForeignKey("lead.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(24))
    to_stage: Mapped[str] = mapped_column(String(24))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class LeadPerson(Base):
    __tablename__ = "lead_person"
    __table_args__ = (UniqueConstraint("lead_id", "person_id", "role"),)

    lead_id: Mapped[int] = mapped_column(ForeignKey("lead.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = _person_fk()
    role: Mapped[str] = mapped_column(String(24))


class Task(Base):
    __tablename__ = "task"
    __table_args__ = (Index("ix_task_open_due", "done_at", "due"),)

    due: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16), default="custom")
    title: Mapped[str] = mapped_column(Text)
    person_id: Mapped[int | None] = _person_fk(nullable=True)
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("lead.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), index=True
    )
    done_at: Mapped[dt.datetime | None]
    snoozed_until: Mapped[dt.date | None] = mapped_column(Date)


class Campaign(Base):
    """A seasonal check-in: a checklist of people to greet."""

    __tablename__ = "campaign"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    audience: Mapped[dict[str, Any]] = mapped_column(default=dict)


class CampaignItem(Base):
    __tablename__ = "campaign_item"
    __table_args__ = (UniqueConstraint("campaign_id", "person_id"),)

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = _person_fk()
    prompt: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[dt.datetime | None]


class Setting(Base):
    """A user preference stored with the data (circle cadences, phone region, …)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), unique=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)


class PersonStats(Base):
    """Per-person aggregates of the log, updated as interactions are written.

    ``depth_sum`` is a decayed sum kept with the moment it was computed (``depth_at``), so it
    is brought forward to any later moment in O(1) instead of rescanning the history.
    """

    __tablename__ = "person_stats"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    interactions: Mapped[int] = mapped_column(default=0)
    two_way: Mapped[int] = mapped_column(default=0)
    depth_sum: Mapped[float] = mapped_column(Float, default=0.0)
    depth_at: Mapped[dt.datetime | None]
    first_at: Mapped[dt.datetime | None]
    last_at: Mapped[dt.datetime | None]
    gives: Mapped[int] = mapped_column(default=0)
    receipts: Mapped[int] = mapped_column(default=0)
    asks: Mapped[int] = mapped_column(default=0)
    shared: Mapped[int] = mapped_column(default=0)
    #: When the next keep-in-touch check-in is due (``None``: no cadence).
    next_due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    #: ``MM-DD`` of the person's birthday, when known (for the week's birthdays).
    birthday_md: Mapped[str | None] = mapped_column(String(5), index=True)
    #: The last day the user asked them for or received something (for give-back prompts).
    last_taken_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
