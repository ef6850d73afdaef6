"""Initial schema: every entity of the domain and the people search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def _create_search_index() -> None:
    """The people search index: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE person_search USING fts5(body, tokenize = 'unicode61')")
    else:
        op.execute(
            "CREATE TABLE person_search (person_id INTEGER PRIMARY KEY "
            "REFERENCES person(id) ON DELETE CASCADE, document TSVECTOR NOT NULL)"
        )
        op.execute("CREATE INDEX ix_person_search_document ON person_search USING GIN (document)")


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaign",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
        sa.UniqueConstraint("name", name=op.f("uq_campaign_name")),
    )
    op.create_table(
        "import_batch",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("source_name", sa.String(length=1024), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_batch_source_hash"), ["source_hash"], unique=False
        )

    op.create_table(
        "tag",
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("label", name=op.f("uq_tag_label")),
    )
    op.create_table(
        "community",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("normalized_name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_community_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community")),
        sa.UniqueConstraint("normalized_name", name=op.f("uq_community_normalized_name")),
    )
    with op.batch_alter_table("community", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_community_import_batch_id"), ["import_batch_id"], unique=False
        )

    op.create_table(
        "event",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_event_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_date"), ["date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_import_batch_id"), ["import_batch_id"], unique=False
        )

    op.create_table(
        "import_change",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batch.id"],
            name=op.f("fk_import_change_batch_id_import_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_change")),
    )
    with op.batch_alter_table("import_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_change_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "organization",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("normalized_name", sa.String(length=300), nullable=False),
        sa.Column("domain", sa.String(length=255), nullable=True),
        sa.Column("industry", sa.String(length=200), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_organization_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization")),
        sa.UniqueConstraint("normalized_name", name=op.f("uq_organization_normalized_name")),
    )
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organization_domain"), ["domain"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_organization_import_batch_id"), ["import_batch_id"], unique=False
        )

    op.create_table(
        "interaction",
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("external_id", sa.String(length=500), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_interaction_event_id_event"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_interaction_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction")),
        sa.UniqueConstraint(
            "source", "external_id", name=op.f("uq_interaction_source_external_id")
        ),
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interaction_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_interaction_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index("ix_interaction_occurred_at", ["occurred_at"], unique=False)

    op.create_table(
        "lead",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("posting_url", sa.String(length=1000), nullable=True),
        sa.Column("stage", sa.String(length=24), nullable=False),
        sa.Column("next_step", sa.Text(), nullable=True),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_lead_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead")),
    )
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lead_next_due"), ["next_due"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_lead_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "person",
        sa.Column("display_name", sa.String(length=300), nullable=False),
        sa.Column("given_name", sa.String(length=150), nullable=True),
        sa.Column("family_name", sa.String(length=150), nullable=True),
        sa.Column("pronouns", sa.String(length=40), nullable=True),
        sa.Column("headline", sa.String(length=500), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("birthday", sa.String(length=10), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("met_how", sa.Text(), nullable=True),
        sa.Column("met_event_id", sa.Integer(), nullable=True),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.Column("introduced_by_id", sa.Integer(), nullable=True),
        sa.Column("circle", sa.String(length=32), nullable=True),
        sa.Column("cadence_days", sa.Integer(), nullable=True),
        sa.Column("strength_override", sa.Integer(), nullable=True),
        sa.Column("is_me", sa.Boolean(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "cadence_days IS NULL OR cadence_days > 0", name=op.f("ck_person_cadence_positive")
        ),
        sa.CheckConstraint(
            "strength_override IS NULL OR (strength_override BETWEEN 0 AND 100)",
            name=op.f("ck_person_strength_override_range"),
        ),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_person_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["introduced_by_id"],
            ["person.id"],
            name=op.f("fk_person_introduced_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["met_event_id"],
            ["event.id"],
            name=op.f("fk_person_met_event_id_event"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_circle"), ["circle"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_display_name"), ["display_name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_person_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_person_introduced_by_id"), ["introduced_by_id"], unique=False
        )
        batch_op.create_index(
            "ix_person_is_me",
            ["is_me"],
            unique=False,
            sqlite_where=sa.text("is_me = 1"),
            postgresql_where=sa.text("is_me = true"),
        )
        batch_op.create_index(batch_op.f("ix_person_met_event_id"), ["met_event_id"], unique=False)

    op.create_table(
        "target",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("motivation", sa.Integer(), nullable=False),
        sa.Column("posting", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("motivation BETWEEN 0 AND 3", name=op.f("ck_target_motivation_range")),
        sa.CheckConstraint("posting BETWEEN 1 AND 3", name=op.f("ck_target_posting_range")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_target_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target")),
        sa.UniqueConstraint("organization_id", name=op.f("uq_target_organization_id")),
    )
    op.create_table(
        "affiliation",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("end_year", sa.Integer(), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
            name=op.f("fk_affiliation_community_id_community"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_affiliation_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_affiliation_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_affiliation")),
    )
    with op.batch_alter_table("affiliation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_affiliation_community_id"), ["community_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_affiliation_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_affiliation_person_id"), ["person_id"], unique=False)

    op.create_table(
        "campaign_item",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_campaign_item_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_campaign_item_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_item")),
        sa.UniqueConstraint(
            "campaign_id", "person_id", name=op.f("uq_campaign_item_campaign_id_person_id")
        ),
    )
    with op.batch_alter_table("campaign_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_item_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_campaign_item_person_id"), ["person_id"], unique=False)

    op.create_table(
        "contact_point",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("normalized", sa.String(length=500), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=True),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_contact_point_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_contact_point_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_point")),
        sa.UniqueConstraint("kind", "normalized", name=op.f("uq_contact_point_kind_normalized")),
    )
    with op.batch_alter_table("contact_point", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_point_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contact_point_person_id"), ["person_id"], unique=False)

    op.create_table(
        "event_attendee",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_attendee_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_event_attendee_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "person_id", name=op.f("pk_event_attendee")),
    )
    with op.batch_alter_table("event_attendee", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_attendee_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "exchange",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_exchange_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interaction.id"],
            name=op.f("fk_exchange_interaction_id_interaction"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_exchange_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange")),
    )
    with op.batch_alter_table("exchange", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exchange_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_exchange_interaction_id"), ["interaction_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_exchange_person_id"), ["person_id"], unique=False)

    op.create_table(
        "interaction_participant",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interaction.id"],
            name=op.f("fk_interaction_participant_interaction_id_interaction"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_interaction_participant_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction_participant")),
        sa.UniqueConstraint(
            "interaction_id",
            "person_id",
            name=op.f("uq_interaction_participant_interaction_id_person_id"),
        ),
    )
    with op.batch_alter_table("interaction_participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_participant_interaction_id"),
            ["interaction_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_participant_person_when", ["person_id", "occurred_at"], unique=False
        )

    op.create_table(
        "interest",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_interest_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_interest_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interest")),
        sa.UniqueConstraint(
            "person_id", "category", "label", name=op.f("uq_interest_person_id_category_label")
        ),
    )
    with op.batch_alter_table("interest", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interest_import_batch_id"), ["import_batch_id"], unique=False
        )

    op.create_table(
        "introduction",
        sa.Column("person_a_id", sa.Integer(), nullable=False),
        sa.Column("person_b_id", sa.Integer(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_a_id"],
            ["person.id"],
            name=op.f("fk_introduction_person_a_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_b_id"],
            ["person.id"],
            name=op.f("fk_introduction_person_b_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_introduction")),
    )
    with op.batch_alter_table("introduction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_introduction_person_a_id"), ["person_a_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_introduction_person_b_id"), ["person_b_id"], unique=False
        )

    op.create_table(
        "knows",
        sa.Column("person_a_id", sa.Integer(), nullable=False),
        sa.Column("person_b_id", sa.Integer(), nullable=False),
        sa.Column("context", sa.Text(), nullable=True),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "confidence >= 0 AND confidence <= 1", name=op.f("ck_knows_confidence_range")
        ),
        sa.CheckConstraint("person_a_id < person_b_id", name=op.f("ck_knows_ordered_pair")),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_knows_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_a_id"],
            ["person.id"],
            name=op.f("fk_knows_person_a_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_b_id"],
            ["person.id"],
            name=op.f("fk_knows_person_b_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knows")),
        sa.UniqueConstraint(
            "person_a_id", "person_b_id", name=op.f("uq_knows_person_a_id_person_b_id")
        ),
    )
    with op.batch_alter_table("knows", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_knows_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_knows_person_b_id"), ["person_b_id"], unique=False)

    op.create_table(
        "lead_person",
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=24), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["lead.id"], name=op.f("fk_lead_person_lead_id_lead"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_lead_person_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_person")),
        sa.UniqueConstraint(
            "lead_id", "person_id", "role", name=op.f("uq_lead_person_lead_id_person_id_role")
        ),
    )
    with op.batch_alter_table("lead_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lead_person_lead_id"), ["lead_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lead_person_person_id"), ["person_id"], unique=False)

    op.create_table(
        "lead_stage_change",
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("from_stage", sa.String(length=24), nullable=True),
        sa.Column("to_stage", sa.String(length=24), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["lead.id"],
            name=op.f("fk_lead_stage_change_lead_id_lead"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_stage_change")),
    )
    with op.batch_alter_table("lead_stage_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lead_stage_change_lead_id"), ["lead_id"], unique=False)

    op.create_table(
        "need",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_need_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_need_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_need")),
    )
    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_need_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_need_person_id"), ["person_id"], unique=False)

    op.create_table(
        "offer",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_offer_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_offer_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer")),
    )
    with op.batch_alter_table("offer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_offer_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_offer_person_id"), ["person_id"], unique=False)

    op.create_table(
        "person_tag",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_tag_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_person_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("person_id", "tag_id", name=op.f("pk_person_tag")),
    )
    with op.batch_alter_table("person_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_tag_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "position",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_position_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_position_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_position_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_position")),
    )
    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_position_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_position_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_position_person_id"), ["person_id"], unique=False)

    op.create_table(
        "task",
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("lead_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_task_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["lead.id"], name=op.f("fk_task_lead_id_lead"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_task_person_id_person"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_lead_id"), ["lead_id"], unique=False)
        batch_op.create_index("ix_task_open_due", ["done_at", "due"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_person_id"), ["person_id"], unique=False)

    _create_search_index()


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS person_search")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_person_id"))
        batch_op.drop_index("ix_task_open_due")
        batch_op.drop_index(batch_op.f("ix_task_lead_id"))
        batch_op.drop_index(batch_op.f("ix_task_event_id"))

    op.drop_table("task")
    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_position_person_id"))
        batch_op.drop_index(batch_op.f("ix_position_organization_id"))
        batch_op.drop_index(batch_op.f("ix_position_import_batch_id"))

    op.drop_table("position")
    with op.batch_alter_table("person_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_tag_tag_id"))

    op.drop_table("person_tag")
    with op.batch_alter_table("offer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offer_person_id"))
        batch_op.drop_index(batch_op.f("ix_offer_import_batch_id"))

    op.drop_table("offer")
    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_need_person_id"))
        batch_op.drop_index(batch_op.f("ix_need_import_batch_id"))

    op.drop_table("need")
    with op.batch_alter_table("lead_stage_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lead_stage_change_lead_id"))

    op.drop_table("lead_stage_change")
    with op.batch_alter_table("lead_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lead_person_person_id"))
        batch_op.drop_index(batch_op.f("ix_lead_person_lead_id"))

    op.drop_table("lead_person")
    with op.batch_alter_table("knows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_knows_person_b_id"))
        batch_op.drop_index(batch_op.f("ix_knows_import_batch_id"))

    op.drop_table("knows")
    with op.batch_alter_table("introduction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_introduction_person_b_id"))
        batch_op.drop_index(batch_op.f("ix_introduction_person_a_id"))

    op.drop_table("introduction")
    with op.batch_alter_table("interest", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interest_import_batch_id"))

    op.drop_table("interest")
    with op.batch_alter_table("interaction_participant", schema=None) as batch_op:
        batch_op.drop_index("ix_participant_person_when")
        batch_op.drop_index(batch_op.f("ix_interaction_participant_interaction_id"))

    op.drop_table("interaction_participant")
    with op.batch_alter_table("exchange", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_person_id"))
        batch_op.drop_index(batch_op.f("ix_exchange_interaction_id"))
        batch_op.drop_index(batch_op.f("ix_exchange_import_batch_id"))

    op.drop_table("exchange")
    with op.batch_alter_table("event_attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_attendee_person_id"))

    op.drop_table("event_attendee")
    with op.batch_alter_table("contact_point", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_point_person_id"))
        batch_op.drop_index(batch_op.f("ix_contact_point_import_batch_id"))

    op.drop_table("contact_point")
    with op.batch_alter_table("campaign_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_item_person_id"))
        batch_op.drop_index(batch_op.f("ix_campaign_item_campaign_id"))

    op.drop_table("campaign_item")
    with op.batch_alter_table("affiliation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_affiliation_person_id"))
        batch_op.drop_index(batch_op.f("ix_affiliation_import_batch_id"))
        batch_op.drop_index(batch_op.f("ix_affiliation_community_id"))

    op.drop_table("affiliation")
    op.drop_table("target")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_met_event_id"))
        batch_op.drop_index("ix_person_is_me")
        batch_op.drop_index(batch_op.f("ix_person_introduced_by_id"))
        batch_op.drop_index(batch_op.f("ix_person_import_batch_id"))
        batch_op.drop_index(batch_op.f("ix_person_display_name"))
        batch_op.drop_index(batch_op.f("ix_person_circle"))

    op.drop_table("person")
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lead_organization_id"))
        batch_op.drop_index(batch_op.f("ix_lead_next_due"))

    op.drop_table("lead")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_occurred_at")
        batch_op.drop_index(batch_op.f("ix_interaction_import_batch_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_event_id"))

    op.drop_table("interaction")
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_import_batch_id"))
        batch_op.drop_index(batch_op.f("ix_organization_domain"))

    op.drop_table("organization")
    with op.batch_alter_table("import_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_change_batch_id"))

    op.drop_table("import_change")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_import_batch_id"))
        batch_op.drop_index(batch_op.f("ix_event_date"))

    op.drop_table("event")
    with op.batch_alter_table("community", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_community_import_batch_id"))

    op.drop_table("community")
    op.drop_table("tag")
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_source_hash"))

    op.drop_table("import_batch")
    op.drop_table("campaign")
