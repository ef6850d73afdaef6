"""JSON backup and restore: lossless round trips within and across SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, inspect, select, text, update

from databases import spare_pg, truncate_pg
from factories import backup_as_of_0012, person, talk
from netweave.clock import UTC, Clock
from netweave.config import DEFAULT_CIRCLES, Settings, sqlite_url
from netweave.demo import build_demo
from netweave.errors import Conflict, DatabaseError, InvalidInput, NotFound
from netweave.logic import vocab
from netweave.services.backup import export_json, restore_json
from netweave.services.backup_rows import BackupProblems
from netweave.services.campaigns import new_campaign
from netweave.services.context import Context, open_context
from netweave.services.org_merge import merge_organizations
from netweave.services.orgs import add_organization
from netweave.services.people import search_people
from netweave.services.preferences import set_preference
from netweave.store import models as m
from netweave.store.engine import Database
from netweave.store.migrate import HEAD_REVISION, upgrade

TODAY = dt.date(2026, 6, 15)
#: A float whose shortest repr has 17 digits: any rounding on the way would show.
EXACT = 0.1 + 0.2


def _open(url: str) -> Context:
    return open_context(Settings(database_url=url), Clock(as_of=TODAY))


@pytest.fixture(scope="session")
def pg_target_url(pg_url: str) -> Iterator[str]:
    """A second PostgreSQL database of this worker, to restore into."""
    with spare_pg(pg_url, "restore") as url:
        db = Database(url)
        upgrade(db)
        db.close()
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def target_url(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> str:
    """An empty, migrated database to restore into, on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "target.db"
        shutil.copy(sqlite_template, path)
        return sqlite_url(path)
    url: str = request.getfixturevalue("pg_target_url")
    truncate_pg(url)
    return url


@pytest.fixture
def target(target_url: str) -> Iterator[Context]:
    context = _open(target_url)
    yield context
    context.close()


def _fill_the_rest(ctx: Context) -> None:
    """Rows for the tables the demo leaves empty, and values that test exactness."""
    ada = person(ctx, "Zoë Ångström", emails=["zoe@example.org"], phones=["+1 415 555 0100"],
                 company="Żabka Labs", title="CTO", tags=["climate"], circle="close",
                 interests=["professional:carbon accounting"], needs=["a co-founder"],
                 offers=["=cmd|' /C calc'!A0"], note='Says "hi";\nline two, with a comma',
                 birthday="--05-17", met_on=dt.date(2024, 2, 29))  # fmt: skip
    later = person(ctx, "李小龍", emails=["lee@example.cn"], company="Żabka Labs")
    talk(ctx, "Zoë Ångström", "李小龍", on=dt.date(2026, 6, 1), note="coffee ☕")
    set_preference(ctx, "circles.close", "21")
    new_campaign(ctx, "New Year 2027", circles=["close"])
    with ctx.db.transaction() as session:
        # Introduced by someone added later: a reference to a higher id of the same table.
        session.execute(
            update(m.Person).where(m.Person.id == ada["id"]).values(introduced_by_id=later["id"])
        )
        batch = m.ImportBatch(kind="vcard", source_name="contacts.vcf", source_hash="ab" * 32,
                              finished_at=dt.datetime(2026, 6, 2, 9, 30, 1, 123456, tzinfo=UTC),
                              state="done", counts={"created": 1, "ratio": EXACT})  # fmt: skip
        session.add(batch)
        session.flush()
        before = {"headline": None, "n": [1, 2.5]}
        session.add(m.ImportChange(batch_id=batch.id, table_name="person", row_id=later["id"],
                                   action="updated", before=before))  # fmt: skip
        session.add(m.PersonSource(person_id=later["id"], source="vcard", external_id="uid-1",
                                   import_batch_id=batch.id))  # fmt: skip
        first, second = sorted((ada["id"], later["id"]))
        session.add(m.Knows(person_a_id=first, person_b_id=second, confidence=EXACT))
        session.add(m.DismissedPair(kind="intro", person_a_id=first, person_b_id=second,
                                    dismissed_on=dt.date(2026, 6, 3)))  # fmt: skip
        session.add(m.AgendaSnooze(person_id=later["id"], kind="check_in",
                                   until=dt.date(2026, 7, 1)))  # fmt: skip
        session.add(m.TextEmbedding(model="test-model", text_hash="cd" * 32, dim=2,
                                    vector="AACAPwAAAEA="))  # fmt: skip
    # another name of Żabka Labs, kept as its alias (and the merge's undo log)
    add_organization(ctx, "Żabka Polska S.A.", domain="zabka.pl")
    merge_organizations(ctx, "Żabka Labs", ["Żabka Polska S.A."])


def _dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every column of every row of every table, in primary-key order."""
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            dump = {
                table.name: [
                    tuple(row)
                    for row in conn.execute(select(table).order_by(*table.primary_key.columns))
                ]
                for table in m.Base.metadata.sorted_tables
            }
            dump["alembic_version"] = list(
                conn.execute(text("SELECT version_num FROM alembic_version")).tuples()
            )
    finally:
        db.close()
    return dump


def _assert_same_rows(source: dict[str, list[Any]], target: dict[str, list[Any]]) -> None:
    assert list(target) == list(source)
    for name, rows in source.items():
        assert len(target[name]) == len(rows), name
        for expected, got in zip(rows, target[name], strict=True):
            assert got == expected, name


def _index_size(ctx: Context) -> int:
    with ctx.db.reading() as session:
        return int(session.execute(text("SELECT count(*) FROM person_search")).scalar_one())


def test_round_trip_is_lossless_within_and_across_backends(ctx, target, tmp_path):
    build_demo(ctx, people=60, seed=3)
    _fill_the_rest(ctx)
    source = _dump(ctx.db.url)
    assert [name for name, rows in source.items() if not rows] == []  # every table is covered

    backup = tmp_path / "backup.json"
    written = export_json(ctx, backup)
    restored = restore_json(target, backup)

    assert (
        written["rows"]
        == restored["rows"]
        == sum(len(rows) for name, rows in source.items() if name != "alembic_version")
    )
    assert written["people"] == restored["people"] == len(source["person"]) == 63
    _assert_same_rows(source, _dump(target.db.url))
    assert _index_size(target) == 63
    for query, expected in [("ångström", 1), ("zabka", 2), ("zoe carbon cto", 1), ("李小龍", 1)]:
        found = sorted(p["id"] for p in search_people(target, query))
        assert found == sorted(p["id"] for p in search_people(ctx, query))
        assert len(found) == expected, query
    # New rows continue after the restored ids (PostgreSQL's sequences were moved on).
    newcomer = person(target, "Grace Hopper", emails=["grace@example.com"], tags=["navy"])
    assert newcomer["id"] == restored["tables"]["person"] + 1 == 64


def test_round_trip_of_2000_people_on_sqlite(sqlite_db_url, sqlite_template, tmp_path):
    source_ctx = _open(sqlite_db_url)
    target_path = tmp_path / "big-target.db"
    shutil.copy(sqlite_template, target_path)
    target_ctx = _open(sqlite_url(target_path))
    try:
        build_demo(source_ctx, people=2000, seed=3)
        backup = tmp_path / "big.json"
        export_json(source_ctx, backup)
        result = restore_json(target_ctx, backup)
        assert result["people"] == 2001  # the user's own record too
        _assert_same_rows(_dump(source_ctx.db.url), _dump(target_ctx.db.url))
        assert _index_size(target_ctx) == 2001
    finally:
        source_ctx.close()
        target_ctx.close()


def test_the_backup_document(ctx, tmp_path):
    build_demo(ctx, people=10, seed=3)
    _fill_the_rest(ctx)
    backup = tmp_path / "backup.json"
    export_json(ctx, backup)
    raw = backup.read_text(encoding="utf-8")
    document = json.loads(raw)
    assert list(document) == ["format", "version", "schema", "exported_at", "tables"]
    assert (document["format"], document["version"], document["schema"]) == (
        "netweave-backup", 1, HEAD_REVISION,
    )  # fmt: skip
    assert dt.datetime.fromisoformat(document["exported_at"]).utcoffset() == dt.timedelta(0)
    tables = document["tables"]
    assert list(tables) == [t.name for t in m.Base.metadata.sorted_tables]
    assert {"person_tag", "event_attendee", "person_stats"} <= set(tables)
    assert tables["person_tag"]["columns"] == ["person_id", "tag_id", "import_batch_id"]

    def rows(table: str) -> list[dict[str, Any]]:
        columns = tables[table]["columns"]
        return [dict(zip(columns, row, strict=True)) for row in tables[table]["rows"]]

    batch = rows("import_batch")[0]
    assert batch["finished_at"] == "2026-06-02T09:30:01.123456+00:00"
    assert batch["counts"] == {"created": 1, "ratio": EXACT}
    assert "0.30000000000000004" in raw
    assert EXACT in [k["confidence"] for k in rows("knows")]
    zoe = next(p for p in rows("person") if p["display_name"] == "Zoë Ångström")
    assert (zoe["met_on"], zoe["birthday"], zoe["is_me"]) == ("2024-02-29", "--05-17", False)
    assert zoe["notes"] == 'Says "hi";\nline two, with a comma'
    (setting,) = rows("setting")
    assert (setting["key"], setting["value"]) == ("circles.close", {"value": 21})
    assert setting["created_at"].endswith("+00:00")


def test_export_refuses_to_overwrite_unless_forced(ctx, tmp_path):
    person(ctx, "Ada Lovelace")
    backup = tmp_path / "backup.json"
    backup.write_text("precious", encoding="utf-8")
    with pytest.raises(Conflict, match="already exists"):
        export_json(ctx, backup)
    assert backup.read_text(encoding="utf-8") == "precious"
    assert export_json(ctx, backup, force=True)["people"] == 1
    assert json.loads(backup.read_text(encoding="utf-8"))["tables"]["person"]["rows"][0][0] == (
        "Ada Lovelace"
    )
    assert [p.name for p in tmp_path.iterdir() if "backup" in p.name] == ["backup.json"]


def test_export_writes_through_a_link_and_refuses_what_is_not_a_file(ctx, tmp_path):
    """A link to the backup (in a synced folder, say) stays a link; a pipe or a device is
    never replaced by a file, --force or not."""
    import os

    person(ctx, "Ada Lovelace")
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    export_json(ctx, link, force=True)
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["tables"]["person"]["rows"]
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with pytest.raises(Conflict, match="is not a plain file"):
        export_json(ctx, pipe, force=True)
    assert pipe.is_fifo()
    to_pipe = tmp_path / "stdout.json"  # as /dev/stdout is, when output goes to a pipe
    to_pipe.symlink_to(pipe)
    with pytest.raises(Conflict, match=r"stdout\.json is not a plain file"):
        export_json(ctx, to_pipe, force=True)
    with pytest.raises(Conflict, match="give a file name"):
        export_json(ctx, Path("-"), force=True)


def test_restore_needs_an_empty_database(ctx, target, tmp_path):
    person(ctx, "Ada Lovelace")
    backup = tmp_path / "backup.json"
    export_json(ctx, backup)
    person(target, "Someone Already Here")
    with pytest.raises(Conflict, match=r"^restore needs an empty database"):
        restore_json(target, backup)
    assert [p["name"] for p in search_people(target, "someone")] == ["Someone Already Here"]


@pytest.fixture(scope="module")
def small_backup(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The parsed backup of a small network (people, a conversation, an introduction)."""
    folder = tmp_path_factory.mktemp("small")
    shutil.copy(sqlite_template, folder / "small.db")
    context = _open(sqlite_url(folder / "small.db"))
    try:
        person(context, "Ada Lovelace", company="Analytical Engines", tags=["math"])
        person(context, "Charles Babbage", company="Analytical Engines")
        talk(context, "Ada", "Charles", on=dt.date(2026, 5, 1))
        with context.db.transaction() as session:
            session.execute(update(m.Person).where(m.Person.id == 1).values(introduced_by_id=2))
        export_json(context, folder / "small.json")
    finally:
        context.close()
    return json.loads((folder / "small.json").read_text(encoding="utf-8"))


def _column(document: Any, table: str, column: str) -> int:
    columns: list[str] = document["tables"][table]["columns"]
    return columns.index(column)


def _set(table: str, column: str, value: Any, row: int = 0) -> Any:
    def change(document: Any) -> None:
        document["tables"][table]["rows"][row][_column(document, table, column)] = value

    return change


BAD_DOCUMENTS = {
    "text instead of a name": (
        _set("person", "display_name", 123),
        "table person, row 1, column display_name: expected text",
    ),
    "not a date": (_set("person", "met_on", "last spring"), "table person, row 1, column met_on"),
    "naive time": (
        _set("interaction", "occurred_at", "2026-05-01T10:00:00"),
        "column occurred_at: expected",
    ),
    "number as bool": (_set("person", "is_me", 0), "column is_me: expected true or false"),
    "null where required": (_set("tag", "label", None), "table tag, row 1, column label: must not"),
    "unknown person": (
        _set("position", "person_id", 999_999),
        "table position, row 1: person_id 999999 points at no person row",
    ),
    "id beyond the bound": (
        _set("tag", "id", 2**31),
        "table tag, row 1, column id: expected an id from 1 to 2147483647, not 2147483648",
    ),
    "id of zero": (_set("person", "id", 0), "table person, row 1, column id: expected an id"),
    "reference beyond the bound": (
        _set("position", "person_id", 2**40),
        "table position, row 1, column person_id: expected an id",
    ),
    "number beyond 32 bits": (
        _set("person", "cadence_days", 2**31),
        "table person, row 1, column cadence_days: expected a whole number",
    ),
    "duplicate id": (
        _set("person", "id", 1, row=1),
        "table person, row 2: id 1 is already used by row 1",
    ),
    "unknown introducer": (
        _set("person", "introduced_by_id", 999_999),
        "table person, row 1: introduced_by_id 999999 points at no person row",
    ),
    "short row": (
        lambda d: d["tables"]["need"]["rows"].append([1]),
        "table need, row 1: expected a list",
    ),
    "missing table": (lambda d: d["tables"].pop("knows"), "table knows is missing"),
    "extra table": (
        lambda d: d["tables"].update(person_search={}),
        "unknown table 'person_search'",
    ),
    "missing column": (
        lambda d: d["tables"]["tag"]["columns"].remove("label"),
        "table tag: column label is missing",
    ),
    "missing columns": (
        lambda d: (
            d["tables"]["tag"]["columns"].remove("label")
            or d["tables"]["tag"]["columns"].remove("id")
        ),
        "table tag: columns label, id are missing",
    ),
    "extra column": (
        lambda d: d["tables"]["tag"]["columns"].append("colour"),
        "table tag: column colour is not among its columns",
    ),
    "column in place of another": (
        lambda d: d["tables"]["tag"]["columns"].__setitem__(0, 7),
        "table tag: column label is missing; column 7 is not among its columns",
    ),
    "column twice": (
        lambda d: d["tables"]["tag"]["columns"].__setitem__(0, "id"),
        "table tag: column label is missing; column id is given twice",
    ),
    "columns not a list": (
        lambda d: d["tables"]["tag"].update(columns="label"),
        """table tag: "columns" should be a list of its column names, not 'label'""",
    ),
}


def _empty(ctx: Context) -> bool:
    with ctx.db.reading() as session:
        held = [
            t.name
            for t in m.Base.metadata.sorted_tables
            if session.scalar(select(func.count()).select_from(t))
        ]
    return held == [] and _index_size(ctx) == 0


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
def test_a_bad_backup_changes_nothing(case, small_backup, target, tmp_path):
    change, message = BAD_DOCUMENTS[case]
    document = copy.deepcopy(small_backup)
    change(document)
    backup = tmp_path / "bad.json"
    backup.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        restore_json(target, backup)
    assert str(caught.value).startswith(f"{backup}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert _empty(target)


def test_the_small_backup_restores(small_backup, target, tmp_path):
    backup = tmp_path / "good.json"
    backup.write_text(json.dumps(small_backup), encoding="utf-8")
    assert restore_json(target, backup)["people"] == 2
    with target.db.reading() as session:
        assert session.scalar(select(m.Person.introduced_by_id).where(m.Person.id == 1)) == 2
        if session.get_bind().dialect.name == "sqlite":  # the planner knows the rows are there
            stat = session.scalar(
                text("SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_person_sort_key'")
            )
            assert str(stat).split()[0] == "2"


def test_malformed_json_is_named_with_its_line(small_backup, target, tmp_path):
    backup = tmp_path / "cut.json"
    backup.write_text(json.dumps(small_backup, indent=1)[:-40], encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"cut\.json: not valid JSON \(line \d+, column \d+"):
        restore_json(target, backup)
    assert _empty(target)


@pytest.mark.parametrize(
    ("header", "error", "message"),
    [
        ({"format": "something-else"}, InvalidInput, 'not a netweave backup (no "format"'),
        ({"version": 2}, InvalidInput, "backup format version 2 is not supported"),
        ({"version": True}, InvalidInput, "backup format version True is not supported"),
        ({"schema": None}, InvalidInput, "does not say its schema revision"),
        ({"schema": "9999"}, DatabaseError, "written by a newer netweave (schema 9999"),
        ({"schema": "abc"}, InvalidInput, "'abc' is not a schema revision netweave writes"),
    ],
)
def test_the_header_is_checked(header, error, message, small_backup, target, tmp_path):
    document = {**small_backup, **header}
    backup = tmp_path / "header.json"
    backup.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(error) as caught:
        restore_json(target, backup)
    assert message in str(caught.value)
    assert str(backup) in str(caught.value)
    assert _empty(target)


def test_a_backup_of_an_older_schema_is_restored_and_upgraded(small_backup, target, tmp_path):
    """Restored at its own revision, then upgraded as an old file is: the rows are all
    there, and the new column is filled as the upgrade fills it (Ada's tag is hers: she
    was typed in, not imported)."""
    backup = tmp_path / "older.json"
    backup.write_text(json.dumps(backup_as_of_0012(small_backup)), encoding="utf-8")
    restored = restore_json(target, backup)
    assert restored["people"] == 2
    with target.db.reading() as session:
        assert session.scalar(text("SELECT version_num FROM alembic_version")) == HEAD_REVISION
        links = session.execute(select(m.person_tag)).all()
    assert [tuple(link) for link in links] == [(1, 1, None)]
    found = search_people(target, "analytical")
    assert sorted(p["name"] for p in found) == ["Ada Lovelace", "Charles Babbage"]
    again = tmp_path / "again.json"
    export_json(target, again)
    assert json.loads(again.read_text())["tables"] == small_backup["tables"]


def test_a_backup_an_older_netweave_wrote_with_two_records_of_you_restores_with_one(
    small_backup, target, tmp_path
):
    """A backup of the database an older netweave left with two records of the user (its
    import of a Profile.csv made a second one): its migrations fold the second into the
    first, and the restore takes it."""
    older = backup_as_of_0012(small_backup)
    for row in (0, 1):
        _set("person", "is_me", True, row=row)(older)
    backup = tmp_path / "older.json"
    backup.write_text(json.dumps(older), encoding="utf-8")
    restore_json(target, backup)
    with target.db.reading() as session:
        people = session.execute(select(m.Person.id, m.Person.is_me, m.Person.notes)).all()
        talks = session.execute(select(m.InteractionParticipant.person_id)).scalars().all()
    assert [(pid, is_me) for pid, is_me, _ in people] == [(1, True)]
    assert "Merged from #2: name Charles Babbage" in (people[0][2] or "")
    assert talks == [1]


def test_a_bad_backup_of_an_older_schema_changes_nothing(small_backup, target, tmp_path):
    older = backup_as_of_0012(small_backup)
    older["tables"]["person_tag"]["columns"].append("import_batch_id")  # not at 0012
    backup = tmp_path / "older.json"
    backup.write_text(json.dumps(older), encoding="utf-8")
    not_at_0012 = "table person_tag: column import_batch_id is not among its columns"
    with pytest.raises(InvalidInput, match=not_at_0012):
        restore_json(target, backup)
    assert _empty(target)
    with target.db.reading() as session:
        assert session.scalar(text("SELECT version_num FROM alembic_version")) == HEAD_REVISION


def test_a_missing_file(target, tmp_path):
    with pytest.raises(NotFound, match="no such file"):
        restore_json(target, tmp_path / "nowhere.json")


def _schema(url: str) -> dict[str, Any]:
    """The revision, and each table's columns, indexes and foreign keys, as the database has
    them (the search index aside)."""
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            found = inspect(conn)
            shape: dict[str, Any] = {
                name: (
                    [c["name"] for c in found.get_columns(name)],
                    sorted(str(i["name"]) for i in found.get_indexes(name)),
                    sorted(str(fk["name"]) for fk in found.get_foreign_keys(name)),
                )
                for name in sorted(found.get_table_names())
                if not name.startswith("person_search")
            }
            shape["revision"] = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    finally:
        db.close()
    return shape


def _fail(*_args: Any) -> None:
    raise OSError("disk full")


@pytest.mark.parametrize("where", ["after the load", "after the upgrade", "while deriving"])
def test_a_failure_partway_through_an_older_backup_leaves_the_database_empty_at_head(
    where, small_backup, target, tmp_path, monkeypatch
):
    """The schema taken back, the rows, the migrations and the search index are one
    transaction: a failure anywhere undoes all of it, the schema change too."""
    from netweave.services import backup as service

    upgrade_on = service.upgrade_on

    def upgrade_then_fail(conn: Any) -> None:
        upgrade_on(conn)
        _fail()

    failing = {
        "after the load": ("upgrade_on", _fail),
        "after the upgrade": ("upgrade_on", upgrade_then_fail),
        "while deriving": ("_derive", _fail),
    }
    monkeypatch.setattr(service, *failing[where])
    before = _schema(target.db.url)
    assert before["revision"] == [(HEAD_REVISION,)]
    backup = tmp_path / "older.json"
    backup.write_text(json.dumps(backup_as_of_0012(small_backup)), encoding="utf-8")
    with pytest.raises(OSError, match="disk full"):
        restore_json(target, backup)
    assert _empty(target)
    assert _schema(target.db.url) == before
    monkeypatch.undo()
    assert restore_json(target, backup)["people"] == 2  # and nothing stands in the way


def _restore_changed(target: Context, document: Any, tmp_path: Path) -> InvalidInput:
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        restore_json(target, backup)
    assert str(caught.value).startswith(f"{backup}: ")
    assert "\n" not in str(caught.value)
    assert _empty(target)
    return caught.value


def test_a_reference_to_nothing_in_a_backup_of_an_older_schema(small_backup, target, tmp_path):
    document = backup_as_of_0012(small_backup)
    _set("person_tag", "tag_id", 99)(document)
    error = str(_restore_changed(target, document, tmp_path))
    # SQLite checks once the rows are in (see restore_json), PostgreSQL as each goes in
    assert error.endswith(": table person_tag, row 1: tag_id 99 points at no tag row")


# --- every problem of a backup named at once -------------------------------------------------


def _all_problems(target: Context, document: Any, tmp_path: Path) -> tuple[Path, list[str]]:
    """The lines a restore of ``document`` refuses it with, the database left empty."""
    backup = tmp_path / "several.json"
    backup.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(BackupProblems) as caught:
        restore_json(target, backup)
    assert _empty(target)
    assert all("\n" not in line for line in caught.value.lines())
    return backup, caught.value.lines()


def test_every_problem_of_a_backup_is_named_at_once(small_backup, target, tmp_path):
    """Rows with a problem are left out and the restore reads on; a row pointing at a row
    left out is not blamed for it (Ada's role, tag, conversation), one pointing at nothing
    is; the rows that went in are then judged as db check judges them."""
    document = copy.deepcopy(small_backup)
    _set("person", "display_name", 123)(document)  # Ada: left out
    _set("person", "circle", "bogus", row=1)(document)  # Charles: restored, then judged
    _set("tag", "label", None)(document)
    _set("position", "person_id", 999_999, row=1)(document)  # Charles's role: nobody's
    document["tables"]["person_search"] = {"columns": [], "rows": []}
    backup, lines = _all_problems(target, document, tmp_path)
    assert lines == [
        f"{backup}: unknown table 'person_search'",
        f"{backup}: table tag, row 1, column label: must not be null",
        f"{backup}: table person, row 1, column display_name: expected text of at most 300 "
        "characters (no NUL character), not 123",
        f"{backup}: table position, row 2: person_id 999999 points at no person row",
        f"{backup}: person #2: circle 'bogus' is not one of inner, close, active, wide, dormant",
        f"{backup}: 5 problems; nothing was restored",
    ]


def test_a_row_pointing_at_a_row_left_out_is_still_named_for_its_own_fault(
    small_backup, target, tmp_path
):
    """Ada's role points at her row, left out (not blamed for that), and has the id of
    Charles's role, restored before it: that fault of its own is named at once."""
    document = copy.deepcopy(small_backup)
    _set("person", "display_name", 123)(document)  # Ada: left out
    rows = document["tables"]["position"]["rows"]
    at_id = _column(document, "position", "id")
    rows.reverse()  # Charles's role first, then Ada's with his role's id
    rows[1][at_id] = rows[0][at_id]
    backup, lines = _all_problems(target, document, tmp_path)
    assert lines[0] == (
        f"{backup}: table person, row 1, column display_name: expected text of at most 300 "
        "characters (no NUL character), not 123"
    )
    # in the same words on both databases
    taken = rows[0][at_id]
    assert lines[1] == f"{backup}: table position, row 2: id {taken} is already used by row 1"
    assert lines[2:] == [f"{backup}: 2 problems; nothing was restored"]


SHAPES = {
    "short": (lambda row: row[:3], "row 1: expected a list of 21 values"),
    "text": (lambda row: "oops", "row 1: expected a list of 21 values"),
    "null": (lambda row: None, "row 1: expected a list of 21 values"),
    "object": (lambda row: {"id": 1}, "row 1: expected a list of 21 values"),
    "id not an id": (
        lambda row: [*row[:18], "one", *row[19:]],
        "row 1, column id: expected an id from 1 to 2147483647, not 'one'",
    ),
}


@pytest.mark.parametrize("case", list(SHAPES))
def test_a_person_row_whose_id_cannot_be_read_is_the_one_problem(
    case, small_backup, target, tmp_path
):
    """Ada's row is left out, and its id cannot be read: the rows pointing at her (her
    role, her tag, her conversation, Charles's introducer) are not blamed for a row that
    may be hers."""
    damage, line = SHAPES[case]
    document = copy.deepcopy(small_backup)
    assert _column(document, "person", "id") == 18
    rows = document["tables"]["person"]["rows"]
    rows[0] = damage(rows[0])
    backup = tmp_path / "shape.json"
    backup.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(BackupProblems) as caught:
        restore_json(target, backup)
    assert _empty(target)
    assert caught.value.lines() == [f"{backup}: table person, {line}"]


def test_the_rows_of_a_table_pointing_at_a_missing_one_are_checked(small_backup, target, tmp_path):
    """Without the tags, the people's tags cannot go in: their values are judged all the
    same, and none is blamed for the tag it names."""
    document = copy.deepcopy(small_backup)
    document["tables"].pop("tag")
    _set("person_tag", "person_id", "Ada")(document)
    _set("interaction", "kind", "carrier pigeon")(document)
    backup, lines = _all_problems(target, document, tmp_path)
    assert lines == [
        f"{backup}: table tag is missing",
        f"{backup}: table person_tag, row 1, column person_id: expected an id from 1 to "
        "2147483647, not 'Ada'",
        f"{backup}: interaction #1: kind 'carrier pigeon' is not one of coffee, meeting, call, "
        "video, email, message, event, note",
        f"{backup}: 3 problems; nothing was restored",
    ]


def test_every_problem_of_a_backup_of_an_older_schema_is_named(small_backup, target, tmp_path):
    """Named before the migrations run (they are run on sound rows only), the schema left
    as it was."""
    before = _schema(target.db.url)
    document = backup_as_of_0012(small_backup)
    _set("person", "display_name", None)(document)  # Ada left out
    _set("person_tag", "tag_id", 99)(document)  # Ada's tag: her row is not blamed, the tag is
    _set("interaction", "occurred_at", "yesterday")(document)
    backup, lines = _all_problems(target, document, tmp_path)
    # SQLite checks the references once the rows are in (see restore_json), PostgreSQL as
    # each goes in: the same line, after those of the rows' values on SQLite
    named = [
        f"{backup}: table person, row 1, column display_name: must not be null",
        f"{backup}: table interaction, row 1, column occurred_at: expected a date-time with "
        "offset like 2026-06-15T09:30:00+00:00, not 'yesterday'",
        f"{backup}: table person_tag, row 1: tag_id 99 points at no tag row",
    ]
    assert sorted(lines[:-1]) == sorted(named)
    assert lines[-1] == f"{backup}: 3 problems; nothing was restored"
    assert _schema(target.db.url) == before


def test_a_restore_lists_so_many_problems_and_counts_the_rest(
    small_backup, target, tmp_path, monkeypatch
):
    from netweave.services import backup_rows

    monkeypatch.setattr(backup_rows, "LISTED", 2)
    document = copy.deepcopy(small_backup)
    for row in range(2):
        _set("person", "display_name", 123, row=row)(document)
    _set("tag", "label", None)(document)
    backup, lines = _all_problems(target, document, tmp_path)
    assert len(lines) == 3
    assert lines[-1] == f"{backup}: 3 problems; nothing was restored (the first 2 are listed)"


@pytest.fixture(scope="module")
def full_export(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The backup file of a demo network with a row in every table."""
    folder = tmp_path_factory.mktemp("full")
    shutil.copy(sqlite_template, folder / "full.db")
    context = _open(sqlite_url(folder / "full.db"))
    try:
        build_demo(context, people=20, seed=3)
        _fill_the_rest(context)
        export_json(context, folder / "full.json")
    finally:
        context.close()
    return folder / "full.json"


@pytest.fixture(scope="module")
def full_backup(full_export: Path) -> Any:
    """The parsed backup of a demo network with a row in every table."""
    return json.loads(full_export.read_text(encoding="utf-8"))


#: Every column that holds a word of a vocabulary, with the words (the circles: the settings').
WORDS = [
    ("agenda_snooze", "kind", vocab.SNOOZABLE),
    ("community", "kind", vocab.COMMUNITY_KINDS),
    ("contact_point", "kind", vocab.CONTACT_KINDS),
    ("dismissed_pair", "kind", vocab.DISMISSAL_KINDS),
    ("event", "kind", vocab.EVENT_KINDS),
    ("exchange", "direction", vocab.EXCHANGE_DIRECTIONS),
    ("exchange", "kind", vocab.EXCHANGE_KINDS),
    ("exchange", "status", vocab.EXCHANGE_STATUSES),
    ("import_batch", "kind", (*vocab.IMPORT_KINDS, "merge", "org-merge")),
    ("import_batch", "state", vocab.IMPORT_STATES),
    ("interaction", "kind", vocab.INTERACTION_KINDS),
    ("interaction", "direction", vocab.DIRECTIONS),
    ("interest", "category", vocab.INTEREST_CATEGORIES),
    ("introduction", "state", vocab.INTRO_STATES),
    ("knows", "status", vocab.KNOWS_STATUSES),
    ("lead", "source", vocab.LEAD_SOURCES),
    ("lead", "stage", vocab.LEAD_STAGES),
    ("lead_person", "role", vocab.LEAD_ROLES),
    ("lead_stage_change", "from_stage", vocab.LEAD_STAGES),
    ("lead_stage_change", "to_stage", vocab.LEAD_STAGES),
    ("person", "circle", tuple(DEFAULT_CIRCLES)),
    ("task", "kind", vocab.TASK_KINDS),
]


def _row_with(document: Any, table: str, column: str) -> int:
    """The position of the last row of ``table`` with a value in ``column``."""
    at = _column(document, table, column)
    rows = document["tables"][table]["rows"]
    return max(i for i, row in enumerate(rows) if row[at] is not None)


@pytest.mark.parametrize(("table", "column", "words"), WORDS, ids=[f"{t}.{c}" for t, c, _ in WORDS])
def test_a_word_no_command_writes_is_refused(table, column, words, full_backup, target, tmp_path):
    document = copy.deepcopy(full_backup)
    at = _row_with(document, table, column)
    row = document["tables"][table]["rows"][at]
    row[_column(document, table, column)] = "bogus"
    error = _restore_changed(target, document, tmp_path)
    expected = f": {table} #{row[_column(document, table, 'id')]}: {column} 'bogus' is not one of"
    assert str(error).endswith(f"{expected} {', '.join(words)}")


def test_every_vocabulary_column_is_checked():
    checked = {(t, c) for t, columns in vocab.COLUMN_VOCABULARIES.items() for c in columns}
    assert checked | {("person", "circle")} == {(t, c) for t, c, _ in WORDS}


def test_a_circle_the_settings_define_is_restored(small_backup, target_url, tmp_path):
    document = copy.deepcopy(small_backup)
    _set("person", "circle", "family")(document)
    backup = tmp_path / "family.json"
    backup.write_text(json.dumps(document), encoding="utf-8")
    settings = Settings(database_url=target_url, circles={**DEFAULT_CIRCLES, "family": 7})
    context = open_context(settings, Clock(as_of=TODAY))
    try:
        assert restore_json(context, backup)["people"] == 2
    finally:
        context.close()


BAD_ROWS = {
    "two users": (
        lambda d: [_set("person", "is_me", True, row=i)(d) for i in (0, 1)],
        "person #2: is_me is true, but person #1 is already your own record",
    ),
    "a cadence as text": (
        _set("setting", "value", {"value": "three weeks"}),
        "setting #1: circles.close must be a whole number, not 'three weeks'",
    ),
    "a cadence netweave would not store": (
        _set("setting", "value", {"value": 0}),
        "setting #1: circles.close must be from 1 to 3650, not 0",
    ),
    "a number as text": (
        _set("setting", "value", {"value": "21"}),
        "setting #1: circles.close '21' is not a value netweave writes",
    ),
    "a circle of no setting": (
        _set("setting", "key", "circles.family"),
        "setting #1: unknown setting 'circles.family'",
    ),
    "a setting not kept as a value": (
        _set("setting", "value", [21]),
        'setting #1: circles.close: expected {"value": …}, not [21]',
    ),
    "an impossible birthday": (
        _set("person", "birthday", "1990-02-31"),
        ": birthday '1990-02-31' is not a real date",
    ),
    "a blank name": (_set("person", "display_name", "  "), ": display_name is blank"),
    "a NUL in a name": (_set("person", "display_name", "A\x00da"), "(no NUL character)"),
    "an address edited without its key": (
        lambda d: _set("contact_point", "value", "new@example.org", row=_first_email(d))(d),
        "is not the key of its value 'new@example.org' ('new@example.org')",
    ),
    "counts that are not numbers": (
        _set("import_batch", "counts", "not a dict"),
        "import_batch #1: counts must be an object of whole numbers with a list of problems",
    ),
    "an undo of no action": (
        _set("import_change", "action", "exploded"),
        "import_change #1: action 'exploded' is not one of created, updated, deleted, moved",
    ),
}


def _first_email(document: Any) -> int:
    rows = document["tables"]["contact_point"]["rows"]
    kind = _column(document, "contact_point", "kind")
    return next(i for i, row in enumerate(rows) if row[kind] == "email")


@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_rows_no_command_writes_are_refused(case, full_backup, target, tmp_path):
    change, message = BAD_ROWS[case]
    document = copy.deepcopy(full_backup)
    change(document)
    assert message in str(_restore_changed(target, document, tmp_path))


def test_a_bad_word_in_a_backup_of_an_older_schema_changes_nothing(small_backup, target, tmp_path):
    """Judged once the migrations have brought the rows up to date, inside the restore's
    transaction: the schema taken back is brought forward again by the rollback."""
    before = _schema(target.db.url)
    document = backup_as_of_0012(small_backup)
    _set("interaction", "direction", "sideways")(document)
    error = _restore_changed(target, document, tmp_path)
    assert str(error).endswith(": interaction #1: direction 'sideways' is not one of out, in, both")
    assert _schema(target.db.url) == before


def test_a_merge_that_moved_what_was_taken_by_hand_is_restored(ctx, target, tmp_path):
    """The undo log of such a merge says "moved": a word netweave writes, restored as such."""
    from netweave.services.merge import merge
    from netweave.services.people import PersonChanges, edit_person

    person(ctx, "Ada Lovelace", emails=["ada@old.example"])
    edit_person(ctx, "Ada Lovelace", PersonChanges(remove_emails=["ada@old.example"]))
    person(ctx, "Ada King")
    merge(ctx, "Ada King", "Ada Lovelace")
    with ctx.db.reading() as session:
        actions = set(session.scalars(select(m.ImportChange.action)))
    assert "moved" in actions
    written = export_json(ctx, tmp_path / "merged.json")
    assert restore_json(target, tmp_path / "merged.json")["rows"] == written["rows"]


def test_an_address_an_older_netweave_took_as_written_is_restored(full_backup, target, tmp_path):
    """Earlier versions took "<ada@example.com>" for an address and keyed it as written:
    such a backup is netweave's own, and is restored."""
    document = copy.deepcopy(full_backup)
    row = document["tables"]["contact_point"]["rows"][_first_email(document)]
    row[_column(document, "contact_point", "value")] = "<Ada@Example.com>"
    row[_column(document, "contact_point", "normalized")] = "<ada@example.com>"
    backup = tmp_path / "older.json"
    backup.write_text(json.dumps(document), encoding="utf-8")
    assert restore_json(target, backup)["people"] > 0


# --- read a piece at a time: any order of the tables, a cut anywhere, memory flat -----------


@pytest.mark.parametrize("table", ["person", "interaction", "position"])
def test_a_backup_cut_in_the_middle_of_a_table_changes_nothing(table, full_export, target):
    """The whole file is read before a row is written: a cut one is named where it ends."""
    lines = full_export.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f'"{table}":{{'))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("]}"))
    assert end - start > 3  # rows, one a line
    middle = (start + end) // 2
    text = "".join(lines[:middle]) + lines[middle][: len(lines[middle]) // 2]
    cut = full_export.with_name(f"cut-{table}.json")
    cut.write_text(text, encoding="utf-8")
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    where = f"line {expected.value.lineno}, column {expected.value.colno}"
    with pytest.raises(InvalidInput) as caught:
        restore_json(target, cut)
    assert str(caught.value).startswith(f"{cut}: not valid JSON ({where}: ")
    assert _empty(target)


def _reordered(document: Any) -> Any:
    """The same backup with its tables children first and its header after them."""
    header = {key: value for key, value in document.items() if key != "tables"}
    return {"tables": dict(reversed(document["tables"].items())), **header}


def test_tables_in_another_order_are_restored_parents_first(full_backup, target, tmp_path):
    """A JSON object's members have no order: the rows go in parents first all the same."""
    backup = tmp_path / "reordered.json"
    backup.write_text(json.dumps(_reordered(full_backup)), encoding="utf-8")
    restored = restore_json(target, backup)
    assert restored["rows"] == sum(len(t["rows"]) for t in full_backup["tables"].values())
    again = tmp_path / "again.json"
    export_json(target, again)
    assert json.loads(again.read_text(encoding="utf-8"))["tables"] == full_backup["tables"]


def test_an_older_backup_with_its_tables_in_another_order_is_restored(
    small_backup, target, tmp_path
):
    backup = tmp_path / "older.json"
    backup.write_text(json.dumps(_reordered(backup_as_of_0012(small_backup))), encoding="utf-8")
    assert restore_json(target, backup)["people"] == 2
    again = tmp_path / "again.json"
    export_json(target, again)
    assert json.loads(again.read_text())["tables"] == small_backup["tables"]


def test_a_backup_read_from_a_pipe_is_restored(small_backup, target, tmp_path):
    """A pipe is read once (into a temporary file, which the restore reads twice)."""
    import os
    import threading

    pipe = tmp_path / "backup.pipe"
    os.mkfifo(pipe)
    text = json.dumps(small_backup)
    writer = threading.Thread(target=lambda: pipe.write_text(text, encoding="utf-8"))
    writer.start()
    try:
        assert restore_json(target, pipe)["people"] == 2
    finally:
        writer.join(timeout=10)


def _generated(template: Any, people: int, path: Path) -> Path:
    """``template`` (the small backup) with ``people`` more people, written to ``path``."""
    from netweave.logic.sorting import name_sort_key

    document = copy.deepcopy(template)
    columns = document["tables"]["person"]["columns"]
    first = document["tables"]["person"]["rows"][0]
    at = {name: columns.index(name) for name in ("id", "display_name", "sort_key", "notes")}
    for number in range(3, people + 3):
        row = list(first)
        name = f"Person {number:06d}"
        row[at["id"]], row[at["display_name"]] = number, name
        row[at["sort_key"]], row[at["notes"]] = name_sort_key(name), f"Notes {number} " * 20
        document["tables"]["person"]["rows"].append(row)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _peak_restoring(backup: Path, sqlite_template: Path, folder: Path) -> int:
    import tracemalloc

    target = folder / f"{backup.stem}.db"
    shutil.copy(sqlite_template, target)
    context = _open(sqlite_url(target))
    try:
        tracemalloc.start()
        restore_json(context, backup)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        context.close()
    return peak


def test_memory_does_not_grow_with_the_backup(small_backup, sqlite_template, tmp_path, monkeypatch):
    """Rows are read, inserted and indexed a chunk at a time: a backup ten times larger
    takes about as much memory to restore (the whole file parsed at once took ten times
    as much)."""
    from netweave.io import json_backup
    from netweave.services import backup as service
    from netweave.services import backup_rows

    # each backup is many chunks of rows long, and many pieces of the file
    monkeypatch.setattr(service, "CHUNK", 100)
    monkeypatch.setattr(backup_rows, "CHUNK", 100)
    monkeypatch.setattr(json_backup, "PIECE", 1 << 14)
    small = _generated(small_backup, 400, tmp_path / "small.json")
    large = _generated(small_backup, 4000, tmp_path / "large.json")
    assert large.stat().st_size > 9 * small.stat().st_size
    (tmp_path / "warm-up").mkdir()
    _peak_restoring(small, sqlite_template, tmp_path / "warm-up")  # caches filled once
    ratio = _peak_restoring(large, sqlite_template, tmp_path) / _peak_restoring(
        small, sqlite_template, tmp_path
    )
    assert ratio < 2, f"restoring ten times the rows took {ratio:.1f} times the memory"
