"""The engine factory: SQLite settings, URL handling, transactions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from netweave.config import DB_ENV, database_url, sqlite_url
from netweave.errors import DatabaseError, InvalidInput
from netweave.services.context import Context
from netweave.services.people import PersonChanges, add_person
from netweave.store.engine import Database, parse_url, shown_url
from netweave.store.models import ContactPoint, Person, Tag


def test_sqlite_connections_are_configured(sqlite_db_url: str) -> None:
    db = Database(sqlite_db_url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    db.close()


def test_a_failed_transaction_changes_nothing(db_url: str) -> None:
    db = Database(db_url)

    def fail() -> None:
        with db.transaction() as session:
            session.add(Tag(label="mentor"))
            session.flush()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        fail()
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Tag)) == 0
    db.close()


def test_paths_and_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    assert database_url(tmp_path / "x.db") == sqlite_url(tmp_path / "x.db")
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.db"))
    assert database_url(None) == sqlite_url(tmp_path / "env.db")
    assert database_url("") == sqlite_url(tmp_path / "env.db")


def test_default_database_lives_in_the_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert database_url(None) == sqlite_url(tmp_path / "netweave" / "netweave.db")


def test_plain_postgresql_urls_use_psycopg() -> None:
    assert parse_url("postgresql://u@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize("url", ["mysql://u@h/db", "nonsense://", "://"])
def test_unsupported_urls_are_user_errors(url: str) -> None:
    with pytest.raises(DatabaseError):
        parse_url(url)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "x" * 301, "person display name is longer than 300 characters (301)"),
        ("title", "t" * 301, "position title is longer than 300 characters"),
        ("company", "c" * 301, "organization name is longer than 300 characters"),
    ],
)
def test_text_longer_than_its_column_is_refused_on_both_backends(
    ctx: Context, field: str, value: str, message: str
) -> None:
    # PostgreSQL failed the transaction with a bare database error; SQLite stored the
    # value, and such a database could then not be restored into PostgreSQL.
    changes = {"name": "Ann", "company": "Acme", field: value}
    with pytest.raises(InvalidInput, match=re.escape(message)) as refused:
        add_person(ctx, PersonChanges(**changes))
    if field == "name":  # the web's forms name no column
        assert (
            refused.value.said(web=True) == "a name takes at most 300 characters (this one has 301)"
        )
    with ctx.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
    longest = "y" * 149 + " " + "z" * 150  # as long as a name, and each part, may be
    assert add_person(ctx, PersonChanges(name=longest))["name"] == longest


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("postgresql+psycopg:///nw?host=/var/run/postgresql",
         "postgresql+psycopg:///nw?host=/var/run/postgresql"),
        ("postgresql://maya:s3cr%40t@db.example:5432/nw", "postgresql://maya:***@db.example:5432/nw"),
        ("postgresql://maya@db.example/nw", "postgresql://maya@db.example/nw"),
        ("postgres:///nw?user=maya&password=s3cret&sslmode=require",
         "postgres:///nw?user=maya&password=***&sslmode=require"),
    ],
)  # fmt: skip
def test_a_database_url_is_shown_as_typed_without_its_password(typed: str, shown: str) -> None:
    assert shown_url(typed) == shown
    database = Database(typed)
    assert database.location == shown
    database.engine.dispose()


@pytest.mark.parametrize(("kind", "label"), [("email", "Email"), ("phone", "Phone"),
                                             ("other", "Contact")])  # fmt: skip
def test_a_contact_too_long_is_said_on_the_web_by_its_field(
    ctx: Context, kind: str, label: str
) -> None:
    ann = add_person(ctx, PersonChanges(name="Ann"))["id"]
    with pytest.raises(InvalidInput) as refused, ctx.db.transaction() as session:
        session.add(ContactPoint(person_id=ann, kind=kind, value="9" * 501, normalized="9"))
    assert str(refused.value).startswith("contact point value is longer than 500 characters")
    assert refused.value.said(web=True) == f"{label}: at most 500 characters (this one has 501)"
