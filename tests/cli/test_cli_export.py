"""``netweave export vcard|csv|json`` and ``netweave restore`` through the command line."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from sqlalchemy import create_engine, func, inspect, select
from typer.testing import CliRunner, Result

from databases import spare_pg
from factories import person
from netweave.cli import export
from netweave.cli.app import NetweaveGroup, root
from netweave.cli.app import app as netweave_app
from netweave.config import sqlite_url
from netweave.services.context import Context
from netweave.store.models import Base


def _app() -> typer.Typer:
    """The real program once ``export`` and ``restore`` are registered; until then, a stand-in."""
    if {"export", "restore"} <= set(typer.main.get_command(netweave_app).commands):
        return netweave_app
    stand_in = typer.Typer(
        cls=NetweaveGroup, pretty_exceptions_enable=False, add_completion=False,
        rich_markup_mode=None, no_args_is_help=True,
    )  # fmt: skip
    stand_in.callback()(root)
    stand_in.add_typer(export.app, name="export")
    stand_in.command("restore")(export.restore_command)
    return stand_in


APP = _app()


def run(db: str, *args: str, today: dt.date = dt.date(2026, 6, 15)) -> Result:
    return CliRunner().invoke(APP, ["--db", db, "--as-of", today.isoformat(), *args])


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def error(result: Result) -> str:
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("netweave: error: ")
    return line


@pytest.fixture
def network(ctx: Context) -> Context:
    person(ctx, "Sam Example", is_me=True)
    person(ctx, "Ada Lovelace", emails=["ada@example.com"], company="Analytical Engines")
    person(ctx, "Grace Hopper", phones=["+1 212 555 0100"], tags=["navy"])
    return ctx


@pytest.fixture
def empty_sqlite(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "restored.db"
    shutil.copy(sqlite_template, path)
    return sqlite_url(path)


def test_export_json_then_restore_into_a_new_file(network, db_url, tmp_path):
    fresh = str(tmp_path / "new" / "restored.db")  # created by the restore itself
    backup = tmp_path / "backup.json"
    with network.db.reading() as session:
        rows = sum(
            session.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
        )
    out = ok(run(db_url, "export", "json", str(backup)))
    assert out == f"Exported 3 people ({rows} rows) to {backup}.\n"
    assert ok(run(fresh, "restore", str(backup))) == (
        f"Restored 3 people ({rows} rows) from {backup}.\n"
    )
    names = ok(run(fresh, "export", "csv", str(tmp_path / "check.csv"), "--include-me"))
    assert names == f"Exported 3 people to {tmp_path / 'check.csv'}.\n"
    text = (tmp_path / "check.csv").read_text(encoding="utf-8-sig")
    assert [line.split(",")[1] for line in text.splitlines()[1:]] == [
        "Sam Example", "Ada Lovelace", "Grace Hopper",
    ]  # fmt: skip


def test_export_json_refuses_to_overwrite(network, db_url, tmp_path):
    backup = tmp_path / "backup.json"
    backup.write_text("keep me", encoding="utf-8")
    line = error(run(db_url, "export", "json", str(backup)))
    assert line == f"netweave: error: {backup} already exists (use --force to replace it)"
    assert backup.read_text(encoding="utf-8") == "keep me"
    ok(run(db_url, "export", "json", str(backup), "--force"))
    assert backup.read_text(encoding="utf-8").startswith('{"format":"netweave-backup"')


def test_restore_errors_are_one_line(network, db_url, empty_sqlite, tmp_path):
    backup = tmp_path / "backup.json"
    ok(run(db_url, "export", "json", str(backup)))
    people = len(json.loads(run(db_url, "people", "list", "--json").stdout))
    # how many people the database holds, not its tables' names
    assert error(run(db_url, "restore", str(backup))) == (
        f"netweave: error: restore needs an empty database; this one holds {people} people"
    )
    # a file that is not there is said first, whatever the database holds
    assert error(run(db_url, "restore", str(tmp_path / "none.json"))) == (
        f"netweave: error: {tmp_path / 'none.json'}: no such file"
    )
    broken = tmp_path / "broken.json"
    broken.write_text(backup.read_text(encoding="utf-8")[:-100], encoding="utf-8")
    assert error(run(empty_sqlite, "restore", str(broken))).startswith(
        f"netweave: error: {broken}: not valid JSON (line "
    )
    assert error(run(empty_sqlite, "restore", str(tmp_path / "none.json"))) == (
        f"netweave: error: {tmp_path / 'none.json'}: no such file"
    )


def test_restore_refuses_a_word_no_command_writes(network, db_url, empty_sqlite, tmp_path):
    backup = tmp_path / "backup.json"
    ok(run(db_url, "export", "json", str(backup)))
    document = json.loads(backup.read_text(encoding="utf-8"))
    people = document["tables"]["person"]
    grace = people["rows"][2]
    grace[people["columns"].index("circle")] = "bogus"
    backup.write_text(json.dumps(document), encoding="utf-8")
    number = grace[people["columns"].index("id")]
    assert error(run(empty_sqlite, "restore", str(backup))) == (
        f"netweave: error: {backup}: person #{number}: circle 'bogus' is not one of "
        "inner, close, active, wide, dormant"
    )
    assert ok(run(empty_sqlite, "people", "list")).startswith("No people yet")


def test_restore_names_every_problem_of_a_backup(network, db_url, empty_sqlite, tmp_path):
    backup = tmp_path / "backup.json"
    ok(run(db_url, "export", "json", str(backup)))
    document = json.loads(backup.read_text(encoding="utf-8"))
    people = document["tables"]["person"]
    ada, grace = people["rows"][1], people["rows"][2]
    ada[people["columns"].index("is_me")] = "no"
    grace[people["columns"].index("circle")] = "bogus"
    backup.write_text(json.dumps(document), encoding="utf-8")
    result = run(empty_sqlite, "restore", str(backup))
    assert (result.exit_code, result.stdout) == (1, "")
    number = grace[people["columns"].index("id")]
    assert result.stderr.splitlines() == [
        f"netweave: error: {backup}: table person, row 2, column is_me: expected true or "
        "false, not 'no'",
        f"netweave: error: {backup}: person #{number}: circle 'bogus' is not one of "
        "inner, close, active, wide, dormant",
        f"netweave: error: {backup}: 2 problems; nothing was restored",
    ]
    assert ok(run(empty_sqlite, "people", "list")).startswith("No people yet")


def test_export_vcard(network, db_url, tmp_path):
    folder = tmp_path / "cards"
    assert ok(run(db_url, "export", "vcard", str(folder))) == f"Exported 2 people to {folder}.\n"
    assert len(list(folder.glob("netweave-person-*.vcf"))) == 2
    assert ok(run(db_url, "export", "vcard", str(folder), "--include-me")) == (
        f"Exported 3 people to {folder}.\n"
    )
    assert ok(run(db_url, "export", "vcard", str(folder))) == (  # your own card goes again
        f"Exported 2 people to {folder}; removed the cards of 1 person not exported this time.\n"
    )
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert "holds files that are not vCards (notes.txt)" in error(
        run(db_url, "export", "vcard", str(folder))
    )


def test_export_csv(network, db_url, tmp_path):
    out = tmp_path / "people.csv"
    assert ok(run(db_url, "export", "csv", str(out))) == f"Exported 2 people to {out}.\n"
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("id,name,emails,phones,company,title,")
    assert lines[2].split(",")[1:4] == ["Grace Hopper", "", "'+1 212 555 0100"]
    assert "already exists" in error(run(db_url, "export", "csv", str(out)))


def test_one_person_is_singular(ctx, db_url, tmp_path):
    person(ctx, "Ada Lovelace")
    out = tmp_path / "one.csv"
    assert ok(run(db_url, "export", "csv", str(out))) == f"Exported 1 person to {out}.\n"


@pytest.mark.parametrize(
    ("command", "summary"),
    [
        (["export"], "Export people as vCards or CSV"),
        (["export", "vcard"], "One vCard 4.0 file per person"),
        (["export", "csv"], "One row per person for spreadsheets"),
        (["export", "json"], "A full, lossless backup of every table"),
        (["restore"], "Restore a JSON backup into an empty database"),
    ],
)
def test_help_without_a_database(command, summary, tmp_path):
    db = tmp_path / "untouched.db"
    out = ok(CliRunner().invoke(APP, ["--db", str(db), *command, "--help"]))
    assert out.startswith("Usage: ")
    assert summary in " ".join(out.split())
    assert not db.exists()


def test_a_failed_restore_into_a_new_file_leaves_no_database_behind(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "netweave-backup"}', encoding="utf-8")
    fresh = tmp_path / "new" / "deeper" / "restored.db"
    assert "backup format version None is not supported" in error(
        run(str(fresh), "restore", str(broken))
    )
    assert error(run(str(fresh), "restore", str(tmp_path / "none.json"))).endswith("no such file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json"]


def test_the_commands_that_write_or_remove_answer_in_json_too(sqlite_cli, cli_for, tmp_path):
    cli = sqlite_cli
    cli.add("Ada Lovelace", "--tag", "mentor")
    cli.add("Bob Berg")
    assert cli.json("tags", "cadence", "mentor", "30") == {
        "tag": "mentor",
        "cadence_days": 30,
        "people": 1,
    }
    assert cli.json("config", "set", "circles.close", "20") == {
        "key": "circles.close",
        "value": 20,
    }
    assert cli.json("knows", "add", "ada", "bob")["a"] == "Ada Lovelace"
    removed = cli.json("knows", "remove", "ada", "bob")
    assert (removed["b"], removed["removed"]) == ("Bob Berg", True)
    assert cli.json("intros", "dismiss", "ada", "bob")["dismissed"] is True
    assert cli.json("targets", "add", "Initech")["org"] == "Initech"
    assert cli.json("targets", "remove", "Initech") == {"removed": "Initech"}
    assert cli.json("export", "csv", str(tmp_path / "p.csv"))["people"] == 2
    assert cli.json("export", "vcard", str(tmp_path / "cards"))["people"] == 2
    backup = cli.json("export", "json", str(tmp_path / "b.json"))
    assert backup["people"] == 2
    copy = cli.json("db", "backup", str(tmp_path / "copy.db"))
    assert Path(copy["backup"]).exists()
    restored = cli_for(str(tmp_path / "new.db")).json("restore", str(tmp_path / "b.json"))
    assert restored["rows"] == backup["rows"]
    assert cli.json("people", "forget", "bob", "--yes") == {"forgotten": "Bob Berg"}
    demo = cli_for(str(tmp_path / "demo.db")).json("demo", "--people", "10")
    assert demo["rows"]["person"] == 11


def test_an_import_undone_answers_in_json(sqlite_cli, tmp_path):
    card = tmp_path / "ada.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n")
    batch = sqlite_cli.json("import", "vcard", str(card))["batch"]
    undone = sqlite_cli.json("import", "undo", str(batch))
    assert (undone["batch"], undone["kept"]) == (batch, [])
    assert sqlite_cli.json("people", "list") == []


@pytest.mark.parametrize("kind", ["csv", "json"])
@pytest.mark.parametrize("end", ["", "-wal", "-shm", "-journal", "link"])
def test_an_export_never_writes_over_the_database_it_reads(
    tmp_path: Path, kind: str, end: str
) -> None:
    """``--force`` replaces a file, never the database being exported or its journal
    (a CSV written over it lost every conversation)."""
    db = tmp_path / "netweave.db"
    ok(run(str(db), "db", "upgrade"))  # creates it
    before = db.read_bytes()
    target = tmp_path / ("to-it" if end == "link" else f"netweave.db{end}")
    if end == "link":
        target.symlink_to(db)
    line = error(run(str(db), "export", kind, str(target), "--force"))
    assert "is the database being exported (or its journal): give another file" in line
    assert db.read_bytes() == before
    ok(run(str(db), "export", "json", str(tmp_path / "again.json")))  # still a database


@pytest.fixture
def empty_pg(pg_url: str) -> Iterator[str]:
    """A PostgreSQL database of this worker that holds nothing (no schema yet)."""
    with spare_pg(pg_url, "blank") as url:
        yield url


def test_a_failed_restore_into_an_empty_postgresql_database_leaves_it_empty(empty_pg, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "netweave-backup", "version": 1', encoding="utf-8")
    assert "not valid JSON" in error(run(empty_pg, "restore", str(broken)))
    engine = create_engine(empty_pg)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []
        assert inspect(conn).get_sequence_names() == []
    engine.dispose()


def test_a_pg_dump_archive_given_to_restore_says_to_use_pg_restore(empty_sqlite, tmp_path):
    archive = tmp_path / "netweave.dump"
    archive.write_bytes(b"PGDMP\x01\x0f\x00\x04\x08\x01\x01\x01\x00\x00\x00\x80\xff")
    assert error(run(empty_sqlite, "restore", str(archive))) == (
        f"netweave: error: {archive} is a PostgreSQL archive written by netweave db backup, "
        f"not a JSON backup: restore it with pg_restore -d EMPTY_DB {archive}"
    )


def test_db_backup_help_says_how_to_restore_a_pg_dump_archive():
    out = ok(CliRunner().invoke(netweave_app, ["db", "backup", "--help"]))
    assert "pg_restore -d EMPTY_DB FILE" in " ".join(out.split())
