"""The building blocks of the tables: naming, the UTC timestamp type, shared columns.

``store/tables.py`` defines one table per entity from these.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    MetaData,
    String,
    TypeDecorator,
)

from netweave.clock import UTC, utcnow
from netweave.logic.normalize import email_domain_key
from netweave.logic.sorting import SORT_KEY_LENGTH, name_sort_key

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


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

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        """On SQLite, the stored UTC text read straight into an aware datetime.

        The same value ``process_result_value`` gives, several times faster: SQLite keeps
        moments as naive ISO text, and ``fromisoformat`` with the UTC offset appended makes
        the aware datetime at once (``replace(tzinfo=...)`` costs more than parsing). Text in
        any other shape takes the general path.
        """
        general = super().result_processor(dialect, coltype)
        if dialect.name != "sqlite" or general is None:
            return general
        parse = dt.datetime.fromisoformat

        def process(value: Any) -> dt.datetime | None:
            if value is None:
                return None
            try:
                return parse(value + "+00:00")
            except (TypeError, ValueError):
                return general(value)

        return process


def common_columns() -> list[Column[Any]]:
    """Every entity table has ``id``, ``created_at`` and ``updated_at``."""
    return [
        Column("id", Integer(), primary_key=True),
        Column("created_at", UtcDateTime(), nullable=False, default=utcnow),
        Column("updated_at", UtcDateTime(), nullable=False, default=utcnow, onupdate=utcnow),
    ]


#: The type of ``contact_point.domain_key``: compared byte by byte on both databases.
DOMAIN_KEY = String(500).with_variant(String(500, collation="C"), "postgresql")


def domain_key_of_row(context: Any) -> str | None:
    """The ``domain_key`` of an email contact point being inserted (``None`` for other
    kinds). A writer that bypasses SQLAlchemy's defaults must give it itself."""
    if context is None:
        raise TypeError("contact_point.domain_key is computed per row: write it explicitly")
    row = context.get_current_parameters()
    return email_domain_key(row["normalized"]) if row.get("kind") == "email" else None


#: The type of the ``sort_key`` of people and organizations: compared byte by byte on both
#: databases, so that lists come out in one order whatever the database's collation.
SORT_KEY = String(SORT_KEY_LENGTH).with_variant(
    String(SORT_KEY_LENGTH, collation="C"), "postgresql"
)


def sort_key_of(name_column: str) -> Any:
    """The default of a ``sort_key``: made from the name of the row being inserted. A
    writer that bypasses SQLAlchemy's defaults must give it itself (``store/bulk.py``
    does), and so must a change of the name (the models do, ``store/sort_keys.py``)."""

    def sort_key_of_row(context: Any) -> str:
        if context is None:
            raise TypeError("sort_key is computed per row: write it explicitly")
        return name_sort_key(context.get_current_parameters()[name_column])

    return sort_key_of_row


def batch_fk() -> Column[int]:
    """The import batch that created a row (``None`` for rows typed in by hand)."""
    return Column(
        "import_batch_id",
        ForeignKey("import_batch.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    )
