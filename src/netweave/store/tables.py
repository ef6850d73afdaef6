"""The tables, as SQLAlchemy Core: one definition per entity.

The ORM models (``store/models.py``) map onto these tables; read paths that need no ORM
objects (listing people, the agenda) use them directly, so a command that only reads
starts without setting up the ORM.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from netweave.clock import utcnow
from netweave.store.columns import (
    DOMAIN_KEY,
    SORT_KEY,
    UtcDateTime,
    batch_fk,
    common_columns,
    domain_key_of_row,
    sort_key_of,
)

# re-exported: ``tables.metadata`` is the metadata with every table below on it
from netweave.store.columns import metadata as metadata

campaign = Table(
    "campaign",
    metadata,
    Column("name", String(200), nullable=False, unique=True),
    Column("audience", JSON(), nullable=False, default=dict),
    *common_columns(),
)

import_batch = Table(
    "import_batch",
    metadata,
    Column("kind", String(32), nullable=False),
    Column("source_name", String(1024), nullable=False),
    Column("source_hash", String(64), nullable=True, index=True),
    Column("started_at", UtcDateTime(), nullable=False, default=utcnow),
    Column("finished_at", UtcDateTime(), nullable=True),
    Column("state", String(16), nullable=False, default="running"),
    Column("counts", JSON(), nullable=False, default=dict),
    *common_columns(),
)

setting = Table(
    "setting",
    metadata,
    Column("key", String(100), nullable=False, unique=True),
    Column("value", JSON(), nullable=False),
    *common_columns(),
)

tag = Table(
    "tag",
    metadata,
    Column("label", String(100), nullable=False, unique=True),
    Column("cadence_days", Integer(), nullable=True),
    *common_columns(),
    CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="cadence_positive"),
)

community = Table(
    "community",
    metadata,
    Column("name", String(300), nullable=False),
    Column("normalized_name", String(300), nullable=False, unique=True),
    Column("kind", String(16), nullable=False, default="other"),
    batch_fk(),
    *common_columns(),
)

event = Table(
    "event",
    metadata,
    Column("name", String(300), nullable=False),
    Column("date", Date(), nullable=True, index=True),
    Column("place", String(300), nullable=True),
    Column("kind", String(16), nullable=False, default="other"),
    Column("notes", Text(), nullable=True),
    batch_fk(),
    *common_columns(),
)

import_change = Table(
    "import_change",
    metadata,
    Column(
        "batch_id", ForeignKey("import_batch.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("table_name", String(64), nullable=False),
    Column("row_id", Integer(), nullable=False),
    Column("action", String(16), nullable=False),
    Column("before", JSON(), nullable=True),
    *common_columns(),
)

organization = Table(
    "organization",
    metadata,
    Column("name", String(300), nullable=False),
    Column("normalized_name", String(300), nullable=False, unique=True),
    # the name folded for lists (``logic/sorting.py``, revision 0022)
    Column("sort_key", SORT_KEY, nullable=False, default=sort_key_of("name")),
    Column("domain", String(255), nullable=True),  # partial index: migration 0011
    Column("industry", String(200), nullable=True),
    Column("location", String(200), nullable=True),
    Column("notes", Text(), nullable=True),
    batch_fk(),
    *common_columns(),
)

#: Another name of an organization (one merged into it, ``orgs merge``): an import or a
#: command that names it finds the organization. A key is never an organization's own.
organization_alias = Table(
    "organization_alias",
    metadata,
    Column(
        "organization_id",
        ForeignKey("organization.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("name", String(300), nullable=False),
    Column("normalized_name", String(300), nullable=False, unique=True),
    Column("domain", String(255), nullable=True),
    batch_fk(),
    *common_columns(),
)

interaction = Table(
    "interaction",
    metadata,
    Column("occurred_at", UtcDateTime(), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("direction", String(8), nullable=False, default="both"),
    Column("summary", Text(), nullable=True),
    Column("source", String(32), nullable=False, default="manual"),
    Column("external_id", String(500), nullable=True),
    Column("event_id", ForeignKey("event.id", ondelete="SET NULL"), nullable=True, index=True),
    batch_fk(),
    *common_columns(),
    UniqueConstraint("source", "external_id"),
    Index("ix_interaction_occurred_at", "occurred_at"),
)

lead = Table(
    "lead",
    metadata,
    Column(
        "organization_id",
        ForeignKey("organization.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("role", String(300), nullable=False),
    Column("source", String(16), nullable=False, default="other"),
    Column("hidden", Boolean(), nullable=False, default=False),
    Column("posting_url", String(1000), nullable=True),
    Column("stage", String(24), nullable=False, default="lead"),
    Column("next_step", Text(), nullable=True),
    Column("next_due", Date(), nullable=True, index=True),
    Column("notes", Text(), nullable=True),
    *common_columns(),
)

person = Table(
    "person",
    metadata,
    Column("display_name", String(300), nullable=False, index=True),
    # the name folded for lists, which read it in the order of its index with the id
    # (``logic/sorting.py``, revision 0022)
    Column("sort_key", SORT_KEY, nullable=False, default=sort_key_of("display_name")),
    Column("given_name", String(150), nullable=True),
    Column("family_name", String(150), nullable=True),
    Column("pronouns", String(40), nullable=True),
    Column("headline", String(500), nullable=True),
    Column("location", String(200), nullable=True),
    Column("birthday", String(10), nullable=True),
    Column("notes", Text(), nullable=True),
    Column("met_how", Text(), nullable=True),
    # met_event_id, introduced_by_id and circle have partial indexes (migration 0011)
    Column("met_event_id", ForeignKey("event.id", ondelete="SET NULL"), nullable=True),
    Column("met_on", Date(), nullable=True),
    Column("introduced_by_id", ForeignKey("person.id", ondelete="SET NULL"), nullable=True),
    Column("circle", String(32), nullable=True),
    Column("cadence_days", Integer(), nullable=True),
    Column("strength_override", Integer(), nullable=True),
    Column("is_me", Boolean(), nullable=False, default=False),
    batch_fk(),
    *common_columns(),
    CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="cadence_positive"),
    CheckConstraint(
        "strength_override IS NULL OR (strength_override BETWEEN 0 AND 100)",
        name="strength_override_range",
    ),
    Index("ix_person_sort_key", "sort_key", "id"),
)

target = Table(
    "target",
    metadata,
    Column(
        "organization_id",
        ForeignKey("organization.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("motivation", Integer(), nullable=False, default=0),
    Column("posting", Integer(), nullable=False, default=1),
    Column("notes", Text(), nullable=True),
    *common_columns(),
    CheckConstraint("motivation BETWEEN 0 AND 3", name="motivation_range"),
    CheckConstraint("posting BETWEEN 1 AND 3", name="posting_range"),
)

affiliation = Table(
    "affiliation",
    metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column(
        "community_id", ForeignKey("community.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("role", String(200), nullable=True),
    Column("start_year", Integer(), nullable=True),
    Column("end_year", Integer(), nullable=True),
    batch_fk(),
    *common_columns(),
)

campaign_item = Table(
    "campaign_item",
    metadata,
    Column(
        "campaign_id", ForeignKey("campaign.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("prompt", Text(), nullable=True),
    Column("done_at", UtcDateTime(), nullable=True),
    *common_columns(),
    UniqueConstraint("campaign_id", "person_id"),
)

contact_point = Table(
    "contact_point",
    metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("value", String(500), nullable=False),
    Column("normalized", String(500), nullable=False),
    Column("label", String(64), nullable=True),
    Column("is_primary", Boolean(), nullable=False, default=False),
    # An address's domain, top label first (``com.acme.mail.``): a domain search reads one
    # range of its partial index (revision 0020). In byte order on PostgreSQL too, so that
    # ranges and the index agree whatever the database's collation.
    Column("domain_key", DOMAIN_KEY, nullable=True, default=domain_key_of_row),
    batch_fk(),
    *common_columns(),
    UniqueConstraint("kind", "normalized"),
)

event_attendee = Table(
    "event_attendee",
    metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True),
)

exchange = Table(
    "exchange",
    metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column(
        "interaction_id",
        ForeignKey("interaction.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    Column("direction", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False, default="open"),
    Column("occurred_on", Date(), nullable=False, index=True),
    Column("note", Text(), nullable=True),
    # an ask: the day it was fulfilled or declined, and the conversation whose receipt
    # fulfilled it (none when settled by hand), so that taking that receipt back opens it
    Column("settled_on", Date(), nullable=True),
    Column(
        "fulfilled_by_interaction_id",
        ForeignKey("interaction.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    batch_fk(),
    *common_columns(),
    # the 3B7 scan of recent outreach reads only this index (services/followup_steps.py)
    Index(
        "ix_exchange_outreach", "direction", "occurred_on", "kind", "interaction_id", "person_id"
    ),
)

interaction_participant = Table(
    "interaction_participant",
    metadata,
    Column(
        "interaction_id",
        ForeignKey("interaction.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
    Column("occurred_at", UtcDateTime(), nullable=False),
    *common_columns(),
    UniqueConstraint("interaction_id", "person_id"),
    Index("ix_participant_person_when", "person_id", "occurred_at"),
)

interest = Table(
    "interest",
    metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(200), nullable=False),
    Column("category", String(16), nullable=False),
    batch_fk(),
    *common_columns(),
    UniqueConstraint("person_id", "category", "label"),
)

introduction = Table(
    "introduction",
    metadata,
    Column("person_a_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("person_b_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("why", Text(), nullable=False),
    Column("state", String(16), nullable=False, default="proposed"),
    Column("outcome", Text(), nullable=True),
    Column("history", JSON(), nullable=False, default=dict),
    *common_columns(),
)

knows = Table(
    "knows",
    metadata,
    Column("person_a_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
    Column("person_b_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("context", Text(), nullable=True),
    Column("since", Date(), nullable=True),
    Column("confidence", Float(), nullable=False, default=1.0),
    Column("status", String(16), nullable=False, default="confirmed"),
    batch_fk(),
    *common_columns(),
    CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
    CheckConstraint("person_a_id < person_b_id", name="ordered_pair"),
    UniqueConstraint("person_a_id", "person_b_id"),
)

lead_person = Table(
    "lead_person",
    metadata,
    Column("lead_id", ForeignKey("lead.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", String(24), nullable=False),
    *common_columns(),
    UniqueConstraint("lead_id", "person_id", "role"),
)

lead_stage_change = Table(
    "lead_stage_change",
    metadata,
    Column("lead_id", ForeignKey("lead.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("from_stage", String(24), nullable=True),
    Column("to_stage", String(24), nullable=False),
    Column("changed_on", Date(), nullable=False),
    Column("note", Text(), nullable=True),
    *common_columns(),
)

need = Table(
    "need",
    metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text(), nullable=False),
    batch_fk(),
    *common_columns(),
)

offer = Table(
    "offer",
    metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text(), nullable=False),
    batch_fk(),
    *common_columns(),
)

person_source = Table(
    "person_source",
    metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source", String(32), nullable=False),
    Column("external_id", String(500), nullable=False),
    batch_fk(),
    *common_columns(),
    UniqueConstraint("source", "external_id"),
)

person_stats = Table(
    "person_stats",
    metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("interactions", Integer(), nullable=False, default=0),
    Column("two_way", Integer(), nullable=False, default=0),
    Column("depth_sum", Float(), nullable=False, default=0.0),
    Column("depth_at", UtcDateTime(), nullable=True),
    Column("first_at", UtcDateTime(), nullable=True),
    Column("last_at", UtcDateTime(), nullable=True),
    Column("gives", Integer(), nullable=False, default=0),
    Column("receipts", Integer(), nullable=False, default=0),
    Column("asks", Integer(), nullable=False, default=0),
    Column("shared", Integer(), nullable=False, default=0),
    # next_due, birthday_md and last_taken_on have partial indexes, and so does the
    # give-back scan's covering index (migration 0011)
    Column("next_due", Date(), nullable=True),
    Column("birthday_md", String(5), nullable=True),
    Column("last_taken_on", Date(), nullable=True),
    *common_columns(),
)

person_tag = Table(
    "person_tag",
    metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
    # the import that gave the tag; none for a tag given by hand (revision 0013)
    Column("import_batch_id", ForeignKey("import_batch.id", ondelete="SET NULL"), nullable=True),
)

position = Table(
    "position",
    metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column(
        "organization_id",
        ForeignKey("organization.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("title", String(300), nullable=True),
    Column("start_date", Date(), nullable=True),
    Column("end_date", Date(), nullable=True),
    Column("current", Boolean(), nullable=False, default=True),
    batch_fk(),
    *common_columns(),
)

task = Table(
    "task",
    metadata,
    Column("due", Date(), nullable=False),
    Column("kind", String(16), nullable=False, default="custom"),
    Column("title", Text(), nullable=False),
    Column("person_id", ForeignKey("person.id", ondelete="SET NULL"), nullable=True, index=True),
    Column("lead_id", ForeignKey("lead.id", ondelete="CASCADE"), nullable=True, index=True),
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), nullable=True, index=True),
    Column("done_at", UtcDateTime(), nullable=True),
    Column("snoozed_until", Date(), nullable=True),
    *common_columns(),
    Index("ix_task_open_due", "done_at", "due"),
)

dismissed_pair = Table(
    "dismissed_pair",
    metadata,
    Column("kind", String(16), nullable=False),
    Column("person_a_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
    Column("person_b_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("dismissed_on", Date(), nullable=False),
    *common_columns(),
    UniqueConstraint("kind", "person_a_id", "person_b_id"),
    CheckConstraint("person_a_id < person_b_id", name="ordered_pair"),
)

agenda_snooze = Table(
    "agenda_snooze",
    metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("until", Date(), nullable=False, index=True),
    *common_columns(),
    UniqueConstraint("person_id", "kind"),
)

text_embedding = Table(
    "text_embedding",
    metadata,
    Column("model", String(100), nullable=False),
    Column("text_hash", String(64), nullable=False),
    Column("dim", Integer(), nullable=False),
    Column("vector", Text(), nullable=False),
    *common_columns(),
    UniqueConstraint("model", "text_hash"),
)


#: Tables whose ids are never given twice on SQLite either (AUTOINCREMENT, revision 0012;
#: organizations since revision 0019, which an organization merge deletes and its undo puts
#: back): those an undo puts deleted rows back into under their own ids (a merge's), and
#: those whose ids the user reads and types (#12). The others (contact points, sources,
#: aggregates, the undo log…) skip the cost: SQLite updates its sequence table on every
#: insert, and an import writes those by the hundred thousand.
NEVER_REUSED = frozenset(
    {
        "person", "interaction", "interaction_participant", "exchange", "task", "position",
        "interest", "campaign_item", "agenda_snooze", "introduction", "knows",
        "dismissed_pair", "lead", "event", "target", "campaign", "import_batch",
        "organization",
    }
)  # fmt: skip


def _never_reuse_ids() -> None:
    for name in NEVER_REUSED:
        metadata.tables[name].dialect_kwargs["sqlite_autoincrement"] = True


_never_reuse_ids()
