"""Migrations: from empty to head, down and up again, no drift, and automatic upgrades."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.errors import DatabaseError
from netweave.services.backup import export_json, restore_json
from netweave.services.context import open_context
from netweave.store.engine import Database
from netweave.store.migrate import (
    HEAD_REVISION,
    current_revision,
    downgrade,
    ensure_current,
    include_name,
    script_head,
    upgrade,
)
from netweave.store.models import Base


def test_head_constant_matches_the_scripts() -> None:
    assert script_head() == HEAD_REVISION


def test_models_and_migrations_do_not_drift(db_url: str) -> None:
    db = Database(db_url)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": include_name, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []
    db.close()


def test_down_to_base_and_up_again(db_url: str) -> None:
    db = Database(db_url)
    downgrade(db, "base")
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
        assert tables == set()
        assert current_revision(conn) is None
    upgrade(db)
    with db.engine.connect() as conn:
        assert current_revision(conn) == HEAD_REVISION
        assert "person_search" in inspect(conn).get_table_names()
    db.close()


def test_a_new_file_is_created_at_head(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "fresh.db"
    ctx = open_context(Settings(database_url=sqlite_url(path)))
    assert ctx.upgraded is not None
    assert ctx.upgraded.from_revision is None
    assert ctx.upgraded.backup is None
    ctx.close()
    assert path.exists()
    assert ensure_current(Database(sqlite_url(path))) is None


def test_an_older_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(sqlite_url(path))
    upgrade(db, "0001")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person (display_name, is_me, created_at, updated_at) "
                "VALUES ('Ada Lovelace', 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
    db.close()
    ctx = open_context(Settings(database_url=sqlite_url(path)), Clock())
    report = ctx.upgraded
    ctx.close()
    assert report is not None
    assert (report.from_revision, report.to_revision) == ("0001", HEAD_REVISION)
    assert report.backup is not None
    assert report.backup.exists()
    with sqlite3.connect(report.backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT display_name FROM person").fetchall() == [("Ada Lovelace",)]
    with sqlite3.connect(path) as new:
        assert new.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
        assert new.execute("SELECT display_name FROM person").fetchall() == [("Ada Lovelace",)]


def test_two_processes_opening_an_older_file_at_once_upgrade_it_once(tmp_path: Path) -> None:
    """A ``serve`` and a command started together on the file of the previous version: the
    one that gets the write lock first backs it up and upgrades it; the other waits for it,
    finds it upgraded and goes on (one backup, no error)."""
    path = tmp_path / "old.db"
    db = Database(sqlite_url(path))
    upgrade(db, "0001")
    db.close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # both read the old schema, then wait for the lock
    reports: list[object] = []
    errors: list[BaseException] = []

    def opening() -> None:
        try:
            ctx = open_context(Settings(database_url=sqlite_url(path)), Clock())
            reports.append(ctx.upgraded)
            ctx.close()
        except BaseException as exc:  # said by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=opening) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # let them reach the lock (the outcome is the same if they do not)
    writer.execute("ROLLBACK")
    writer.close()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(r is None for r in reports) == [False, True]
    assert len(list(tmp_path.glob("old.db.*.bak"))) == 1


def test_a_newer_database_is_refused(sqlite_db_url: str) -> None:
    db = Database(sqlite_db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseError, match="newer netweave"):
        ensure_current(db)
    db.close()


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(DatabaseError, match="not a netweave database"):
        ensure_current(Database(sqlite_url(path)))


def test_upgrading_sqlite_keeps_rows_that_point_at_rebuilt_tables(tmp_path: Path) -> None:
    # Revision 0003 rebuilds "tag" (SQLite batch mode: copy, drop, rename); with foreign keys
    # enforced during that, dropping the old table cascaded into person_tag.
    db = Database(sqlite_url(tmp_path / "old.db"))
    upgrade(db, "0002")
    with db.engine.begin() as conn:
        now = "2025-01-01 00:00:00"
        conn.execute(
            text(
                "INSERT INTO person (id, display_name, is_me, created_at, updated_at) "
                "VALUES (1, 'Ann', 0, :now, :now)"
            ),
            {"now": now},
        )
        conn.execute(
            text("INSERT INTO tag (id, label, created_at, updated_at) VALUES (1, 'x', :n, :n)"),
            {"n": now},
        )
        conn.execute(text("INSERT INTO person_tag (person_id, tag_id) VALUES (1, 1)"))
    upgrade(db)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT person_id, tag_id FROM person_tag")).all() == [(1, 1)]
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close()


SPARSE = {
    "ix_organization_domain": "domain",
    "ix_person_circle": "circle",
    "ix_person_introduced_by_id": "introduced_by_id",
    "ix_person_met_event_id": "met_event_id",
    "ix_person_stats_next_due": "next_due",
    "ix_person_stats_birthday_md": "birthday_md",
    "ix_person_stats_last_taken_on": "last_taken_on",
    "ix_person_stats_give_back": "last_taken_on",
}


def test_columns_most_rows_leave_empty_have_partial_indexes(db_url: str) -> None:
    db = Database(db_url)
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            found = dict(
                conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
                .tuples()
                .all()
            )
        else:
            found = dict(
                conn.exec_driver_sql("SELECT indexname, indexdef FROM pg_indexes").tuples().all()
            )
    db.close()
    for name, column in SPARSE.items():
        assert name in found
        assert f"WHERE {column} IS NOT NULL" in found[name].replace("(", "").replace(")", "")


def test_the_agenda_still_reads_the_partial_indexes(sqlite_db_url: str) -> None:
    """A comparison on the column implies it is set, so SQLite keeps using the index."""
    db = Database(sqlite_db_url)
    plans = {
        "ix_person_stats_next_due": "SELECT person_id FROM person_stats WHERE next_due <= ?",
        "ix_person_stats_birthday_md": "SELECT person_id FROM person_stats "
        "WHERE birthday_md IN ('01-02', '01-03') AND next_due IS NOT NULL",
        "ix_person_stats_give_back": "SELECT person_id, asks + receipts FROM person_stats "
        "WHERE last_taken_on >= ? AND gives = 0 AND (receipts > 0 OR asks > 0)",
        "ix_person_circle": "SELECT id FROM person WHERE circle = ?",
        "ix_person_introduced_by_id": "SELECT id FROM person WHERE introduced_by_id = ?",
    }
    with db.engine.connect() as conn:
        for name, sql in plans.items():
            args = ("2026-01-01",) if "?" in sql else ()
            plan = " ".join(
                str(row[-1])
                for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, args).all()
            )
            assert name in plan, (sql, plan)
    db.close()


def test_ids_are_never_reused_after_the_upgrade_and_planner_stats_stay(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(sqlite_url(path))
    upgrade(db, "0011")
    with db.engine.begin() as conn:
        for n in (1, 2, 3):
            conn.execute(
                text(
                    "INSERT INTO person (display_name, is_me, created_at, updated_at) "
                    "VALUES (:name, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                ),
                {"name": f"Person {n}"},
            )
        conn.exec_driver_sql("ANALYZE")
        before = conn.exec_driver_sql(
            "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'person' ORDER BY idx"
        ).all()
    assert before
    upgrade(db)
    with db.engine.begin() as conn:
        after = conn.exec_driver_sql(
            "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'person' ORDER BY idx"
        ).all()
        assert after == before
        conn.exec_driver_sql("DELETE FROM person WHERE id = 3")
        conn.execute(
            text(
                "INSERT INTO person (display_name, is_me, created_at, updated_at) "
                "VALUES ('Newer', 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
        newest = conn.exec_driver_sql("SELECT max(id) FROM person").scalar()
    assert newest == 4  # not 3 again
    downgrade(db, "0011")
    with db.engine.connect() as conn:
        sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'person'").scalar()
    assert "AUTOINCREMENT" not in str(sql)
    assert "CONSTRAINT pk_person PRIMARY KEY (id)" in str(sql)
    db.close()


def test_the_tables_that_never_reuse_ids_are_the_models(tmp_path: Path) -> None:
    from netweave.store.tables import NEVER_REUSED

    db = Database(sqlite_url(tmp_path / "fresh.db"))
    upgrade(db)
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        found = {name for name, sql in rows if "AUTOINCREMENT" in str(sql)}
    db.close()
    assert found == NEVER_REUSED


def test_a_table_not_as_netweave_wrote_it_stops_the_upgrade_and_changes_nothing(
    tmp_path: Path,
) -> None:
    db = Database(sqlite_url(tmp_path / "odd.db"))
    upgrade(db, "0011")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE target")
        conn.exec_driver_sql("CREATE TABLE target (id INTEGER PRIMARY KEY, organization_id INT)")
    with pytest.raises(DatabaseError, match="table target is not as netweave wrote it"):
        upgrade(db)
    with db.engine.connect() as conn:
        assert current_revision(conn) == "0011"
        person = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'person'")
        assert "AUTOINCREMENT" not in str(person.scalar())
    db.close()


def test_existing_tags_are_taken_as_given_by_their_persons_import(db_url: str) -> None:
    """Revision 0013: a tag of a person an import brought in is that import's; a tag of a
    person typed in is the user's (on both backends)."""
    db = Database(db_url)
    downgrade(db, "0012")
    stamp = "'2026-01-01 00:00:00'"
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO import_batch (id, kind, source_name, started_at, state, counts, "
                f"created_at, updated_at) VALUES (7, 'vcard', 'cards', {stamp}, 'done', '{{}}', "
                f"{stamp}, {stamp})"
            )
        )
        for pid, batch in ((1, "7"), (2, "NULL")):
            conn.execute(
                text(
                    "INSERT INTO person (id, display_name, is_me, import_batch_id, created_at, "
                    f"updated_at) VALUES ({pid}, 'P{pid}', false, {batch}, {stamp}, {stamp})"
                )
            )
        conn.execute(
            text(
                "INSERT INTO tag (id, label, created_at, updated_at) "
                f"VALUES (1, 't', {stamp}, {stamp})"
            )
        )
        conn.execute(text("INSERT INTO person_tag (person_id, tag_id) VALUES (1, 1), (2, 1)"))
    upgrade(db)
    with db.engine.connect() as conn:
        links = conn.execute(
            text("SELECT person_id, import_batch_id FROM person_tag ORDER BY person_id")
        ).all()
    assert [tuple(link) for link in links] == [(1, 7), (2, None)]
    db.close()


def test_revision_0014_folds_again_what_changes_and_nothing_else(db_url: str) -> None:
    """Revision 0014, on both backends: the documents whose words the new fold reads
    otherwise are written again, and the organizations' and communities' keys follow, unless
    another row holds the new key. A downgrade puts the earlier fold back."""
    from netweave.logic.normalize import legacy_fold
    from netweave.store.search import search_ids

    db = Database(db_url)
    downgrade(db, "0013")
    stamp = "'2026-01-01 00:00:00'"
    people = {
        1: ("Łukasz Wójcik", None),
        2: ("Jürgen Groß", None),  # not ASCII, folded alike
        3: ("Ann Lee", "Engineer · Founder"),  # a lone dot: the same words
        4: ("Søren Kjær", None),
    }
    sqlite = db.engine.dialect.name == "sqlite"
    insert = (
        "INSERT INTO person_search (rowid, body) VALUES (:id, :body)"
        if sqlite
        else "INSERT INTO person_search (person_id, document) "
        "VALUES (:id, to_tsvector('simple', :body))"
    )
    with db.engine.begin() as conn:
        for pid, (name, headline) in people.items():
            conn.execute(
                text(
                    "INSERT INTO person (id, display_name, headline, is_me, created_at, "
                    f"updated_at) VALUES (:id, :name, :headline, false, {stamp}, {stamp})"
                ),
                {"id": pid, "name": name, "headline": headline},
            )
            body = legacy_fold(f"{name} {headline or ''}") + " untouched"
            conn.execute(text(insert), {"id": pid, "body": body})
        _insert_keyed(conn, {
            "organization": [(1, "Orsted", "orsted"), (2, "Ørsted", "ørsted"),
                             (3, "Łódź Labs", "łodz labs")],
            "community": [(1, "Þing Club", "þing club")],
        })  # fmt: skip
    match = (
        "SELECT rowid FROM person_search WHERE person_search MATCH :q"
        if sqlite
        else "SELECT person_id FROM person_search WHERE document @@ to_tsquery('simple', :q)"
    )
    upgrade(db, "0014")
    with db.engine.connect() as conn:  # the documents 0014 writes again, and only those
        assert conn.execute(text(match), {"q": "wojcik"}).scalars().all() == [1]
        assert conn.execute(text(match), {"q": "soren"}).scalars().all() == [4]
        assert sorted(conn.execute(text(match), {"q": "untouched"}).scalars()) == [2, 3]

    upgrade(db)
    with db.engine.connect() as conn:
        assert search_ids(conn, "lukasz wojcik") == [1]
        assert search_ids(conn, "soren kjaer") == [4]
    assert _keys(db) == [
        ("o", 1, "orsted"), ("o", 2, "ørsted"), ("o", 3, "lodz labs"), ("c", 1, "thing club")
    ]  # fmt: skip

    downgrade(db, "0013")
    with db.engine.connect() as conn:
        assert conn.execute(text(match), {"q": "lukasz"}).scalars().all() == []
        assert conn.execute(text(match), {"q": "łukasz"}).scalars().all() == [1]
    assert _keys(db) == [
        ("o", 1, "orsted"), ("o", 2, "ørsted"), ("o", 3, "łodz labs"), ("c", 1, "þing club")
    ]  # fmt: skip
    upgrade(db)
    db.close()


def test_revision_0015_gives_asks_a_settled_day_and_keeps_every_exchange(db_url: str) -> None:
    """Revision 0015, on both backends: the exchanges (and SQLite's ids, indexes and planner
    statistics) come through the new columns both ways; asks settled before it have no day
    and no conversation; deleting a conversation forgets it as what fulfilled an ask."""
    db = Database(db_url)
    downgrade(db, "0014")
    stamp = "'2026-01-01 00:00:00'"
    sqlite = db.engine.dialect.name == "sqlite"
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person (id, display_name, is_me, created_at, updated_at) "
                f"VALUES (1, 'Ann', false, {stamp}, {stamp})"
            )
        )
        for xid, interaction in ((1, None), (2, 5)):
            if interaction is not None:
                conn.execute(
                    text(
                        "INSERT INTO interaction (id, kind, direction, occurred_at, source, "
                        f"created_at, updated_at) VALUES ({interaction}, 'email', 'in', "
                        f"{stamp}, 'manual', {stamp}, {stamp})"
                    )
                )
            conn.execute(
                text(
                    "INSERT INTO exchange (id, person_id, interaction_id, direction, kind, "
                    "status, occurred_on, created_at, updated_at) VALUES "
                    f"({xid}, 1, :interaction, 'asked', 'advice', 'fulfilled', '2026-01-01', "
                    f"{stamp}, {stamp})"
                ),
                {"interaction": interaction},
            )
        if sqlite:
            conn.exec_driver_sql("ANALYZE")
            stats = conn.exec_driver_sql(
                "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'exchange' ORDER BY idx"
            ).all()
            assert stats
    upgrade(db)
    select_all = (
        "SELECT id, person_id, interaction_id, status, settled_on, fulfilled_by_interaction_id "
        "FROM exchange ORDER BY id"
    )
    with db.engine.begin() as conn:
        assert [tuple(r) for r in conn.execute(text(select_all))] == [
            (1, 1, None, "fulfilled", None, None),
            (2, 1, 5, "fulfilled", None, None),
        ]
        if sqlite:
            kept = conn.exec_driver_sql(
                "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'exchange' ORDER BY idx"
            ).all()
            assert kept == stats
            table = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'exchange'"
            ).scalar()
            assert "AUTOINCREMENT" in str(table)
        conn.execute(text("UPDATE exchange SET fulfilled_by_interaction_id = 5 WHERE id = 1"))
        conn.execute(text("DELETE FROM interaction WHERE id = 5"))
        assert [tuple(r)[5] for r in conn.execute(text(select_all))] == [None, None]
    downgrade(db, "0014")
    with db.engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("exchange")}
        assert {"settled_on", "fulfilled_by_interaction_id"}.isdisjoint(columns)
        rows = conn.execute(text("SELECT id, status FROM exchange ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, "fulfilled"), (2, "fulfilled")]
    upgrade(db)
    db.close()


def test_revision_0016_decodes_the_escapes_of_linkedin_keys(db_url: str) -> None:
    """Revision 0016, on both backends: LinkedIn keys with percent-escapes (contact points
    and sources) are decoded, unless another row holds the decoded key; other kinds and
    addresses without escapes are left alone. A downgrade gives back the keys made before."""
    db = Database(db_url)
    downgrade(db, "0015")
    stamp = "'2026-01-01 00:00:00'"
    points = [  # id, person, kind, value, key
        (1, 1, "linkedin", "https://www.linkedin.com/in/%E7%8E%8B%E4%BC%9F-1",
         "linkedin.com/in/%e7%8e%8b%e4%bc%9f-1"),
        (2, 2, "linkedin", "linkedin.com/in/%C3%A9mile", "linkedin.com/in/%c3%a9mile"),
        (3, 3, "linkedin", "linkedin.com/in/émile", "linkedin.com/in/émile"),  # holds 2's key
        (4, 3, "linkedin", "linkedin.com/in/ada-l", "linkedin.com/in/ada-l"),
        (5, 3, "url", "example.com/%C3%A9", "example.com/%C3%A9"),
    ]  # fmt: skip
    sources = [  # id, person, source, external id
        (1, 1, "linkedin", "linkedin:linkedin.com/in/%e7%8e%8b%e4%bc%9f-1"),
        (2, 2, "vcard", "linkedin:linkedin.com/in/%c3%a9mile"),
        (3, 3, "vcard", "linkedin:linkedin.com/in/émile"),
        (4, 2, "linkedin", "linkedin:linkedin.com/in/%c3%a9mile"),  # another source: free
        (5, 3, "vcard", "email:x%y@example.com"),
    ]
    with db.engine.begin() as conn:
        for pid in (1, 2, 3):
            conn.execute(
                text(
                    "INSERT INTO person (id, display_name, is_me, created_at, updated_at) "
                    f"VALUES ({pid}, 'P{pid}', false, {stamp}, {stamp})"
                )
            )
        for row_id, pid, kind, value, key in points:
            conn.execute(
                text(
                    "INSERT INTO contact_point (id, person_id, kind, value, normalized, "
                    f"is_primary, created_at, updated_at) VALUES (:id, :pid, :kind, :value, "
                    f":key, true, {stamp}, {stamp})"
                ),
                {"id": row_id, "pid": pid, "kind": kind, "value": value, "key": key},
            )
        for row_id, pid, source, key in sources:
            conn.execute(
                text(
                    "INSERT INTO person_source (id, person_id, source, external_id, created_at, "
                    f"updated_at) VALUES (:id, :pid, :source, :key, {stamp}, {stamp})"
                ),
                {"id": row_id, "pid": pid, "source": source, "key": key},
            )

    def keys() -> tuple[list[str], list[str]]:
        with db.engine.connect() as conn:
            return (
                list(conn.scalars(text("SELECT normalized FROM contact_point ORDER BY id"))),
                list(conn.scalars(text("SELECT external_id FROM person_source ORDER BY id"))),
            )

    upgrade(db)
    assert keys() == (
        ["linkedin.com/in/王伟-1", "linkedin.com/in/%c3%a9mile", "linkedin.com/in/émile",
         "linkedin.com/in/ada-l", "example.com/%C3%A9"],
        ["linkedin:linkedin.com/in/王伟-1", "linkedin:linkedin.com/in/%c3%a9mile",
         "linkedin:linkedin.com/in/émile", "linkedin:linkedin.com/in/émile",
         "email:x%y@example.com"],
    )  # fmt: skip
    downgrade(db, "0015")
    assert keys() == ([p[4] for p in points], [s[3] for s in sources])
    upgrade(db)
    db.close()


def test_revision_0017_keys_organizations_by_the_letters_their_marks_make(db_url: str) -> None:
    """Revision 0017, on both backends: an organization or community whose name holds a
    mark that makes a letter (ガ, Й, the vowel signs of Hindi) takes the key that keeps it;
    accents of Latin letters and names in ASCII are left alone, as is a row whose key
    another row already holds. A downgrade gives back the keys made before."""
    db = Database(db_url)
    downgrade(db, "0016")
    rows = {
        "organization": [
            (1, "ガス株式会社", "カス株式会社"),
            (2, "Йота", "иота"),
            (3, "हिंदी Labs", "ह द labs"),
            (4, "Müller GmbH", "muller"),  # an accent: the same key
            (5, "ACME, Inc.", "acme"),
            (6, "カス株式会社", "カス株式会社 2"),  # a key of its own: left as it is
        ],
        "community": [(1, "バス Club", "ハス club")],
    }
    with db.engine.begin() as conn:
        _insert_keyed(conn, rows)
    upgrade(db)
    assert _keys(db) == [
        ("o", 1, "ガス株式会社"), ("o", 2, "йота"), ("o", 3, "हिंदी labs"), ("o", 4, "muller"),
        ("o", 5, "acme"), ("o", 6, "カス株式会社 2"), ("c", 1, "バス club"),
    ]  # fmt: skip
    downgrade(db, "0016")
    assert _keys(db) == [("o" if t == "organization" else "c", i, k)
                      for t, values in rows.items() for i, _, k in values]  # fmt: skip
    upgrade(db)
    db.close()


def _insert_keyed(conn: Any, rows: dict[str, list[tuple[int, str, str]]]) -> None:
    """Organizations and communities (id, name, key) as an earlier revision stored them."""
    stamp = "'2026-01-01 00:00:00'"
    for table, values in rows.items():
        kind = table == "community"
        for row_id, name, key in values:
            conn.execute(
                text(
                    f"INSERT INTO {table} (id, name, normalized_name, created_at, updated_at"
                    f"{', kind' if kind else ''}) VALUES (:id, :name, :key, {stamp}, {stamp}"
                    f"{', :kind' if kind else ''})"
                ),
                {"id": row_id, "name": name, "key": key, "kind": "other"},
            )


def _keys(db: Database) -> list[tuple[object, ...]]:
    """("o" or "c", id, key) of every organization, then every community."""
    with db.engine.connect() as conn:
        sql = (
            "SELECT 'o', id, normalized_name FROM organization UNION ALL "
            "SELECT 'c', id, normalized_name FROM community ORDER BY 1 DESC, 2"
        )
        return [tuple(row) for row in conn.execute(text(sql))]


def test_revision_0019_keeps_organization_ids_and_gives_none_twice(tmp_path: Path) -> None:
    """Revision 0019 on SQLite: the organizations keep their ids and rows, the one deleted
    last does not give its id to the next (an organization merge's undo puts it back), and
    the aliases' table comes and goes with the revision."""
    db = Database(sqlite_url(tmp_path / "old.db"))
    upgrade(db, "0018")
    with db.engine.begin() as conn:
        _insert_keyed(conn, {"organization": [(1, "Meta", "meta"), (2, "Facebook", "facebook")]})
    upgrade(db)
    with db.engine.begin() as conn:
        assert "organization_alias" in inspect(conn).get_table_names()
        rows = conn.exec_driver_sql("SELECT id, name FROM organization ORDER BY id").all()
        assert [tuple(r) for r in rows] == [(1, "Meta"), (2, "Facebook")]
        conn.exec_driver_sql("DELETE FROM organization WHERE id = 2")
        _insert_keyed(conn, {"organization": [(3, "Initech", "initech")]})
        conn.exec_driver_sql("DELETE FROM organization WHERE id = 3")
        conn.exec_driver_sql(
            "INSERT INTO organization (name, normalized_name, created_at, updated_at) "
            "VALUES ('Globex', 'globex', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        newest = conn.exec_driver_sql("SELECT max(id) FROM organization").scalar()
    assert newest == 4  # not 3 again
    downgrade(db, "0018")
    with db.engine.connect() as conn:
        assert "organization_alias" not in inspect(conn).get_table_names()
        sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'organization'")
        assert "AUTOINCREMENT" not in str(sql.scalar())
        assert conn.exec_driver_sql("SELECT count(*) FROM organization").scalar() == 2
    db.close()


def test_revision_0020_keys_every_address_by_its_domain(db_url: str) -> None:
    """Revision 0020, on both backends: every email contact point gets its domain, top
    label first, in a partial index (phones and profiles get no key and no entry); a
    downgrade takes the column and its index away."""
    db = Database(db_url)
    downgrade(db, "0019")
    stamp = "'2026-01-01 00:00:00'"
    points = [  # id, kind, key
        (1, "email", "ann@acme.com"),
        (2, "email", "bob@mail.acme.com"),
        (3, "email", "cy@acme.co.uk"),
        (4, "phone", "+14155550100"),
        (5, "linkedin", "linkedin.com/in/ann"),
    ]
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person (id, display_name, is_me, created_at, updated_at) "
                f"VALUES (1, 'Ann', false, {stamp}, {stamp})"
            )
        )
        for row_id, kind, key in points:
            conn.execute(
                text(
                    "INSERT INTO contact_point (id, person_id, kind, value, normalized, "
                    f"is_primary, created_at, updated_at) VALUES (:id, 1, :kind, :key, :key, "
                    f"false, {stamp}, {stamp})"
                ),
                {"id": row_id, "kind": kind, "key": key},
            )
    upgrade(db)
    with db.engine.connect() as conn:
        keys = conn.execute(text("SELECT domain_key FROM contact_point ORDER BY id")).scalars()
        assert list(keys) == ["com.acme.", "com.acme.mail.", "uk.co.acme.", None, None]
        indexes = {i["name"]: i for i in inspect(conn).get_indexes("contact_point")}
        columns = indexes["ix_contact_point_domain_key"]["column_names"]
        assert columns == ["domain_key", "normalized"]
        if conn.dialect.name == "sqlite":
            sql = "SELECT sql FROM sqlite_master WHERE name = 'ix_contact_point_domain_key'"
            assert "WHERE domain_key IS NOT NULL" in str(conn.exec_driver_sql(sql).scalar())
            plan = " ".join(
                str(row[-1])
                for row in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT person_id FROM contact_point "
                    "WHERE domain_key >= ? AND domain_key < ? ORDER BY domain_key, normalized",
                    ("com.acme.", "com.acme/"),
                )
            )
            assert "ix_contact_point_domain_key" in plan, plan
            assert "TEMP B-TREE" not in plan, plan  # read in order: no sort
        else:
            found = conn.exec_driver_sql(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_contact_point_domain_key'"
            ).scalar()
            assert "WHERE (domain_key IS NOT NULL)" in str(found)
            collation = conn.exec_driver_sql(
                "SELECT collation_name FROM information_schema.columns "
                "WHERE table_name = 'contact_point' AND column_name = 'domain_key'"
            ).scalar()
            assert collation == "C"
    downgrade(db, "0019")
    with db.engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("contact_point")}
        assert "domain_key" not in columns
        assert conn.execute(text("SELECT count(*) FROM contact_point")).scalar() == len(points)
    upgrade(db)
    db.close()


def _insert(conn: Any, table: str, **values: Any) -> None:
    """A row as revision 0014 wrote it (made on 2026-01-01; dates are given as SQL text)."""
    values = {"created_at": "'2026-01-01 00:00:00'", "updated_at": "'2026-01-01 00:00:00'"} | values
    literal = {k: v for k, v in values.items() if isinstance(v, str) and v.startswith("'")}
    bound = {k: v for k, v in values.items() if k not in literal}
    columns = ", ".join(values)
    marks = ", ".join(literal.get(k, f":{k}") for k in values)
    conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), bound)


def _two_own_records(conn: Any) -> None:
    """What revision 0014 left after an import of a Profile.csv into a network with a record
    of the user: #1 is the user, #3 the record the import made of them too (#2 is someone
    else, introduced by #3, and in a conversation with #3)."""
    _insert(conn, "import_batch", id=1, kind="linkedin", source_name="export",
            started_at="'2026-03-02 09:00:00'", state="done", counts="{}")  # fmt: skip
    people = [
        {"id": 1, "display_name": "Maya Lindqvist", "location": "Oakland, CA", "is_me": True,
         "notes": "Typed by me."},
        {"id": 2, "display_name": "Grace Liu", "is_me": False, "introduced_by_id": 3},
        {"id": 3, "display_name": "Dana Okafor", "location": "Lisbon", "pronouns": "they/them",
         "notes": "I build data platforms.\nTyped by me.", "met_how": "imported from linkedin",
         "is_me": True, "import_batch_id": 1},
    ]  # fmt: skip
    for row in sorted(people, key=lambda row: row["is_me"], reverse=True):  # #3 before #2
        _insert(conn, "person", **row)
    for org_id, name in ((1, "Ledgerline"), (2, "Northwind")):
        _insert(conn, "organization", id=org_id, name=name, normalized_name=name.lower())
    _insert(conn, "position", id=1, person_id=1, organization_id=1, title="PM", current=True,
            start_date="'2022-05-22'")  # fmt: skip
    _insert(conn, "position", id=2, person_id=3, organization_id=2, title="Data Engineer",
            current=True, import_batch_id=1, created_at="'2026-03-02 09:00:00'")  # fmt: skip
    _insert(conn, "position", id=3, person_id=3, organization_id=2, title="analyst",
            current=False, start_date="'2017-01-09'", import_batch_id=1)  # fmt: skip
    _insert(conn, "position", id=4, person_id=1, organization_id=2, title="Analyst",
            current=False, end_date="'2019-06-28'")  # fmt: skip
    points = [  # id, person, kind, value, primary
        (1, 1, "email", "maya@example.com", True),
        (2, 3, "email", "dana@example.com", True),
        (3, 3, "url", "dana.example.com", True),
    ]
    for row_id, pid, kind, value, primary in points:
        _insert(conn, "contact_point", id=row_id, person_id=pid, kind=kind, value=value,
                normalized=value, is_primary=primary)  # fmt: skip
    _insert(conn, "person_source", id=1, person_id=3, source="linkedin",
            external_id="name:dana", import_batch_id=1)  # fmt: skip
    _insert(conn, "interaction", id=1, occurred_at="'2026-02-01 12:00:00'", kind="coffee",
            direction="both", source="manual")  # fmt: skip
    for row_id, pid in ((1, 2), (2, 3), (3, 1)):
        _insert(conn, "interaction_participant", id=row_id, interaction_id=1, person_id=pid,
                occurred_at="'2026-02-01 12:00:00'")  # fmt: skip
    for row_id, pid in ((1, 1), (2, 3), (3, 3)):
        _insert(conn, "exchange", id=row_id, person_id=pid,
                interaction_id=1 if row_id < 3 else None, direction="gave", kind="advice",
                status="fulfilled", occurred_on="'2026-02-01'")  # fmt: skip
    _insert(conn, "interest", id=1, person_id=1, category="professional", label="climate tech")
    _insert(conn, "interest", id=2, person_id=3, category="professional", label="Climate Tech")
    _insert(conn, "interest", id=3, person_id=3, category="personal", label="chess")
    _insert(conn, "tag", id=1, label="lisbon")
    conn.execute(
        text("INSERT INTO person_tag (person_id, tag_id, import_batch_id) VALUES (3, 1, 1)")
    )
    _insert(conn, "event", id=1, name="PyCon", kind="conference")
    for pid in (1, 3):
        conn.execute(text(f"INSERT INTO event_attendee (event_id, person_id) VALUES (1, {pid})"))
    _insert(conn, "knows", id=1, person_a_id=2, person_b_id=3, confidence=1.0, status="confirmed")
    _insert(conn, "need", id=1, person_id=3, text="A platform role")
    _insert(conn, "setting", id=1, key="removed_by_hand",
            value='{"value": {"3": ["phone:+15105550100"]}}')  # fmt: skip


def test_revision_0021_folds_a_second_record_of_the_user_into_the_first(
    db_url: str, sqlite_template: Path, tmp_path: Path
) -> None:
    """Revision 0021, on both backends, of a database revision 0014 left with two records of
    the user: the later one is folded into the first, losing nothing, so that its backup
    restores."""
    db = Database(db_url)
    downgrade(db, "0014")
    with db.engine.begin() as conn:
        _two_own_records(conn)
    upgrade(db)

    def rows(sql: str) -> list[tuple[Any, ...]]:
        with db.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]

    assert rows("SELECT id FROM person WHERE is_me") == [(1,)]
    me = rows("SELECT display_name, location, pronouns, notes, met_how FROM person WHERE id = 1")
    assert me == [(
        "Maya Lindqvist", "Oakland, CA", "they/them",
        "Typed by me.\nI build data platforms.\nMerged from #3: name Dana Okafor; location Lisbon",
        None,
    )]  # fmt: skip
    assert rows("SELECT introduced_by_id FROM person WHERE id = 2") == [(1,)]
    assert rows("SELECT id, person_id, is_primary FROM contact_point ORDER BY id") == [
        (1, 1, True), (2, 1, False), (3, 1, True)
    ]  # fmt: skip
    # the new job is current, and the one it replaces ends the day it was recorded; the
    # same past job twice is one, with the dates of both
    jobs = rows(
        "SELECT id, person_id, organization_id, current, start_date, end_date FROM position "
        "ORDER BY id"
    )
    assert [tuple(_day(v) for v in job) for job in jobs] == [
        (1, 1, 1, False, dt.date(2022, 5, 22), dt.date(2026, 3, 2)),
        (2, 1, 2, True, None, None),
        (4, 1, 2, False, dt.date(2017, 1, 9), dt.date(2019, 6, 28)),
    ]
    assert rows("SELECT person_id FROM person_source") == [(1,)]
    assert rows("SELECT person_id FROM interaction_participant ORDER BY id") == [(2,), (1,)]
    assert rows("SELECT id, person_id FROM exchange ORDER BY id") == [(1, 1), (3, 1)]
    assert rows("SELECT person_id, label FROM interest ORDER BY id") == [
        (1, "climate tech"), (1, "chess")
    ]  # fmt: skip
    assert rows("SELECT person_id, tag_id, import_batch_id FROM person_tag") == [(1, 1, 1)]
    assert rows("SELECT event_id, person_id FROM event_attendee") == [(1, 1)]
    assert rows("SELECT person_a_id, person_b_id FROM knows") == [(1, 2)]
    assert rows("SELECT person_id FROM need") == [(1,)]
    with db.engine.connect() as conn:
        removed = conn.execute(text("SELECT value FROM setting WHERE key = 'removed_by_hand'"))
        value = removed.scalar()
    value = json.loads(value) if isinstance(value, str) else value
    assert value == {"value": {"1": ["phone:+15105550100"]}}
    db.close()
    # the user's only portable backup restores
    ctx = open_context(Settings(database_url=db_url))
    backup = tmp_path / "backup.json"
    export_json(ctx, backup)
    ctx.close()
    target = tmp_path / "restored.db"
    shutil.copy(sqlite_template, target)
    restored = open_context(Settings(database_url=sqlite_url(target)))
    assert restore_json(restored, backup)["people"] == 2
    restored.close()


def _day(value: Any) -> Any:
    """A date read back through plain SQL (SQLite gives its text), as a date; else as is."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def test_revision_0022_keys_every_name_for_lists(db_url: str) -> None:
    """Revision 0022, on both backends: every person and organization gets its name folded
    for lists, which compares byte by byte (collation "C" on PostgreSQL) and is indexed
    with the id for people; a downgrade takes the columns and the index away."""
    db = Database(db_url)
    downgrade(db, "0021")
    stamp = "'2026-01-01 00:00:00'"
    names = ["Zed Adams", "Émile Zola", "İlkay Gündoğan", "Ödön Horváth"]
    with db.engine.begin() as conn:
        for row_id, name in enumerate(names, start=1):
            conn.execute(
                text(
                    "INSERT INTO person (id, display_name, is_me, created_at, updated_at) "
                    f"VALUES (:id, :name, false, {stamp}, {stamp})"
                ),
                {"id": row_id, "name": name},
            )
            conn.execute(
                text(
                    "INSERT INTO organization (id, name, normalized_name, created_at, "
                    f"updated_at) VALUES (:id, :name, :key, {stamp}, {stamp})"
                ),
                {"id": row_id, "name": name, "key": f"org {row_id}"},
            )
    upgrade(db)
    keys = ["zed adams", "emile zola", "ilkay gundogan", "odon horvath"]
    with db.engine.connect() as conn:
        for table in ("person", "organization"):
            found = conn.execute(text(f"SELECT sort_key FROM {table} ORDER BY id")).scalars()
            assert list(found) == keys
            ordered = conn.execute(text(f"SELECT id FROM {table} ORDER BY sort_key, id"))
            assert list(ordered.scalars()) == [2, 3, 4, 1]
        indexes = {i["name"]: i for i in inspect(conn).get_indexes("person")}
        assert indexes["ix_person_sort_key"]["column_names"] == ["sort_key", "id"]
        if conn.dialect.name == "postgresql":
            collations = conn.exec_driver_sql(
                "SELECT collation_name, column_default FROM information_schema.columns "
                "WHERE column_name = 'sort_key' ORDER BY table_name"
            ).all()
            # people, organizations, and the search index's copy of people's (revision 0024)
            assert [tuple(c) for c in collations] == [("C", None)] * 3
    downgrade(db, "0021")
    with db.engine.connect() as conn:
        for table in ("person", "organization"):
            assert "sort_key" not in {c["name"] for c in inspect(conn).get_columns(table)}
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == len(names)
    upgrade(db)
    db.close()


def test_an_interrupted_migration_is_an_interrupt_on_either_backend(db_url: str) -> None:
    """Ctrl-C while a migration's transaction runs makes SQLAlchemy close the connection
    (it cannot tell what the driver was doing): the interrupt is what the command sees, not
    the error of switching SQLite's foreign keys back on a closed connection."""
    from netweave.store.migrate import migrating

    def interrupted(db: Database) -> None:
        with migrating(db) as conn:
            conn.invalidate()  # what SQLAlchemy does to a connection an interrupt cut short
            raise KeyboardInterrupt

    db = Database(db_url)
    with pytest.raises(KeyboardInterrupt):
        interrupted(db)
    with db.engine.connect() as conn:
        assert current_revision(conn) == HEAD_REVISION
    db.close()


def test_revision_0024_writes_each_document_in_fields_and_back(db_url: str) -> None:
    """Revision 0024, on both backends: every person's document is written again in fields
    (name, work, the rest) with their name's sort key, so that search ranks by the one rule;
    a downgrade writes each back as one folded text."""
    from netweave.store.search import search_ids

    db = Database(db_url)
    downgrade(db, "0023")
    stamp = "'2026-01-01 00:00:00'"
    people = {1: ("Zoë Acme", None, "a friend from the rowing club by the river"),
              2: ("Bo Berg", "Acme founder", None), 3: ("Al Fry", None, "Acme")}  # fmt: skip
    with db.engine.begin() as conn:
        for pid, (name, headline, notes) in people.items():
            conn.execute(
                text(
                    "INSERT INTO person (id, display_name, sort_key, headline, notes, is_me, "
                    f"created_at, updated_at) VALUES (:id, :name, :key, :headline, :notes, "
                    f"false, {stamp}, {stamp})"
                ),
                {"id": pid, "name": name, "key": name.lower(), "headline": headline,
                 "notes": notes},
            )  # fmt: skip
    upgrade(db)
    with db.engine.connect() as conn:
        assert search_ids(conn, "acme") == [1, 2, 3]  # the name, the work, the notes
        assert search_ids(conn, "zoe") == [1]
    downgrade(db, "0023")
    sqlite = db.engine.dialect.name == "sqlite"
    read = (
        "SELECT rowid, body FROM person_search ORDER BY rowid"
        if sqlite
        else "SELECT person_id, document::text FROM person_search ORDER BY person_id"
    )
    with db.engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(read))]
    if sqlite:
        assert rows == [
            (1, "zoe acme a friend from the rowing club by the river"),
            (2, "bo berg acme founder"),
            (3, "al fry acme"),
        ]
    else:
        assert rows[2] == (3, "'acme':3 'al':1 'fry':2")
    upgrade(db)
    db.close()


def test_revision_0025_indexes_the_other_spelling_of_german_names_and_back(db_url: str) -> None:
    """Revision 0025, on both backends: "Müller" is found by "mueller" once every document
    is written again; a downgrade takes those words out."""
    from netweave.store.search import search_ids

    db = Database(db_url)
    downgrade(db, "0024")
    stamp = "'2026-01-01 00:00:00'"
    people = {1: "Jörg Müller", 2: "Sarah Mueller", 3: "Ann Muller"}
    with db.engine.begin() as conn:
        for pid, name in people.items():
            conn.execute(
                text(
                    "INSERT INTO person (id, display_name, sort_key, is_me, created_at, "
                    f"updated_at) VALUES (:id, :name, :key, false, {stamp}, {stamp})"
                ),
                {"id": pid, "name": name, "key": name.lower()},
            )
        conn.exec_driver_sql(
            "INSERT INTO person_search (rowid, name, work, other) "
            "VALUES (1, 'jorg muller', '', ''), (2, 'sarah mueller', '', ''), "
            "(3, 'ann muller', '', '')"
            if conn.dialect.name == "sqlite"
            else "INSERT INTO person_search (person_id, sort_key, document) VALUES "
            "(1, 'j', to_tsvector('simple', 'jorg muller')), "
            "(2, 's', to_tsvector('simple', 'sarah mueller')), "
            "(3, 'a', to_tsvector('simple', 'ann muller'))"
        )
    with db.engine.connect() as conn:
        assert search_ids(conn, "mueller") == [2]
    upgrade(db)
    with db.engine.connect() as conn:
        assert sorted(search_ids(conn, "mueller")) == [1, 2]  # not Muller: another name
        assert sorted(search_ids(conn, "müller")) == [1, 3]
        assert search_ids(conn, "joerg") == [1]
    downgrade(db, "0024")
    with db.engine.connect() as conn:
        assert search_ids(conn, "mueller") == [2]
        assert search_ids(conn, "joerg") == []
    upgrade(db)
    db.close()
