"""``netweave db upgrade|check|backup``, ``--version`` and choosing the database."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import unquote

from cli_support import invoke
from sqlalchemy import text

from databases import truncate_pg
from netweave import __version__
from netweave.config import DB_ENV
from netweave.store.engine import Database
from netweave.store.migrate import HEAD_REVISION, downgrade


def _sqlite_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(sql).fetchall()
    conn.close()
    return rows


def test_version(run_netweave):
    for args in (["--version"], ["--db", "/nonexistent/dir/x.db", "--version", "people"]):
        result = run_netweave(args)
        assert result.exit_code == 0, result.output
        assert result.stdout == f"netweave {__version__}\n"
    assert not Path("/nonexistent/dir").exists()


def test_upgrade_on_a_current_database_does_nothing(cli):
    report = cli.json("db", "upgrade")
    assert {k: report[k] for k in ("action", "revision", "upgraded_from", "backup")} == {
        "action": "none",
        "revision": HEAD_REVISION,
        "upgraded_from": None,
        "backup": None,
    }
    text = cli("db", "upgrade")
    assert text.exit_code == 0, text.stderr
    assert text.stdout.endswith(f"is up to date (schema {HEAD_REVISION}).\n")


def test_upgrade_creates_a_new_sqlite_file(cli_for, tmp_path):
    path = tmp_path / "new" / "netweave.db"
    run = cli_for(str(path))
    result = run("db", "upgrade")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Created ")
    assert f"(schema {HEAD_REVISION})" in result.stdout
    assert path.is_file()
    assert run.json("people", "list") == []


def test_upgrade_from_an_older_schema_keeps_data_and_a_backup(sqlite_cli):
    sqlite_cli.add("Ada Lovelace", "--company", "Acme")
    db = Database(sqlite_cli.db_url)
    downgrade(db, "0001")
    db.close()
    report = sqlite_cli.json("db", "upgrade")
    assert (report["action"], report["upgraded_from"]) == ("upgraded", "0001")
    backup = Path(report["backup"])
    assert _sqlite_rows(backup, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert _sqlite_rows(backup, "SELECT display_name FROM person") == [("Ada Lovelace",)]
    assert sqlite_cli.show("Ada")["company"] == "Acme"
    assert sqlite_cli.json("db", "upgrade")["action"] == "none"


def test_backup(cli, tmp_path):
    cli.add("Ada Lovelace")
    cli.add("王小明")
    target = tmp_path / "copy.backup"
    result = cli("db", "backup", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Backed up to {target}.\n"
    if cli.db_url.startswith("sqlite"):
        assert _sqlite_rows(target, "PRAGMA integrity_check") == [("ok",)]
        names = _sqlite_rows(target, "SELECT display_name FROM person ORDER BY id")
        assert names == [("Ada Lovelace",), ("王小明",)]
    else:
        assert target.stat().st_size > 0
        assert target.read_bytes()[:5] == b"PGDMP"
        pg_restore = shutil.which("pg_restore")
        if pg_restore:
            listing = subprocess.run(
                [pg_restore, "--list", str(target)], capture_output=True, text=True, check=True
            ).stdout
            assert "TABLE DATA public person " in listing
    again = cli("db", "backup", str(target))
    assert "already exists" in cli.error_line(again)


def test_db_from_the_environment(run_netweave, tmp_path):
    path = tmp_path / "from-env.db"
    result = run_netweave(["people", "add", "Env Person"], env={DB_ENV: str(path)})
    assert result.exit_code == 0, result.output
    assert _sqlite_rows(path, "SELECT display_name FROM person") == [("Env Person",)]


def test_a_backup_cut_short_leaves_no_file_behind(tmp_path: Path) -> None:
    """A full disk stops the copy (here: a limit on the size of files the process may
    write): the half-written file is removed, for it is no backup, and would refuse the
    next try as "already exists"."""
    import os
    import resource
    import signal
    import subprocess
    import sys

    db = tmp_path / "netweave.db"
    command = [sys.executable, "-m", "netweave", "--db", str(db)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    subprocess.run([*command, "people", "add", "Ada Lovelace"], check=True, env=env,
                   capture_output=True)  # fmt: skip
    assert db.stat().st_size > 100_000

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails, not the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))

    target = tmp_path / "backups" / "copy.db"
    done = subprocess.run([*command, "db", "backup", str(target)], env=env, text=True,
                          capture_output=True, preexec_fn=small_files)  # fmt: skip
    assert done.returncode == 1, done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith(f"netweave: error: cannot back up {db} to {target}: ")
    assert sorted(p.name for p in target.parent.iterdir()) == []


def test_check_names_a_second_record_of_you(cli):
    """``db check`` runs the checks a restore makes: a database with two records of the
    user (an older netweave could make one) is named, with exit status 1."""
    fine = cli("db", "check")
    assert fine.exit_code == 0, fine.stderr
    assert fine.stdout.endswith(": no problems found.\n")
    assert cli.json("db", "check")["ok"] is True
    first, second = cli.add("Maya Lindqvist")["id"], cli.add("Dana Okafor")["id"]
    _two_records_of_you(cli.db_url, first, second)
    found = cli("db", "check")
    assert found.exit_code == 1
    problem = (
        f": person #{second}: is_me is true, but person #{first} is already your own record "
        "(a database has one)"
    )
    assert cli.error_line(found).endswith(problem)


def test_check_in_json_prints_the_problems_found(cli):
    """``db check --json`` prints its result whether or not it finds a problem: ``ok`` and
    the ``problems`` (every one found), with exit status 1 when there is one, and the line
    on standard error as without --json."""
    assert cli.json("db", "check")["problems"] == []
    first, second = cli.add("Maya Lindqvist")["id"], cli.add("Dana Okafor")["id"]
    _two_records_of_you(cli.db_url, first, second)
    found = cli("db", "check", "--json")
    assert found.exit_code == 1, found.stderr
    report = json.loads(found.stdout)
    assert (report["ok"], report["revision"]) == (False, HEAD_REVISION)
    [problem] = report["problems"]
    assert problem.endswith(
        f": person #{second}: is_me is true, but person #{first} is already your own record "
        "(a database has one)"
    )
    assert found.stderr == f"netweave: error: {problem}\n"


def test_export_json_refuses_what_restore_would_refuse(cli, tmp_path):
    """A backup is for restoring: ``export json`` of a database ``db check`` finds a problem
    in writes nothing (a file there already stays as it was) and names the problem."""
    first, second = cli.add("Maya Lindqvist")["id"], cli.add("Dana Okafor")["id"]
    backup = tmp_path / "backup.json"
    assert cli("export", "json", str(backup)).exit_code == 0
    _two_records_of_you(cli.db_url, first, second)
    kept = backup.read_bytes()
    refused = cli("export", "json", str(backup), "--force")
    problem = cli("db", "check", "--json").stdout
    assert cli.error_line(refused) == (
        f"netweave: error: {json.loads(problem)['problems'][0]}; not exported, as restore "
        "would refuse the backup (`netweave db backup` copies the database as it is)"
    )
    assert backup.read_bytes() == kept
    elsewhere = tmp_path / "new" / "backup.json"
    assert cli("export", "json", str(elsewhere)).exit_code == 1
    assert not elsewhere.parent.exists()


def test_check_lists_every_problem_it_finds(cli, tmp_path):
    """``db check`` names every problem, one line each, not only the first (a restore
    stops there); ``export json`` still refuses in one line: the first, and how many more."""
    ids = [cli.add(name)["id"] for name in ("Maya Lindqvist", "Dana Okafor", "Ines Park")]
    _two_records_of_you(cli.db_url, *ids)
    db = Database(cli.db_url)
    with db.engine.begin() as conn:
        conn.execute(text(f"UPDATE person SET circle = 'bestie' WHERE id = {ids[0]}"))
    db.close()
    found = cli("db", "check", "--json")
    assert found.exit_code == 1, found.stderr
    problems = json.loads(found.stdout)["problems"]
    assert [p.split(": ", 1)[1] for p in problems] == [
        f"person #{ids[0]}: circle 'bestie' is not one of inner, close, active, wide, dormant",
        f"person #{ids[1]}: is_me is true, but person #{ids[0]} is already your own record "
        "(a database has one)",
        f"person #{ids[2]}: is_me is true, but person #{ids[0]} is already your own record "
        "(a database has one)",
    ]
    assert found.stderr == "".join(f"netweave: error: {p}\n" for p in problems)
    refused = cli("export", "json", str(tmp_path / "backup.json"))
    assert cli.error_line(refused) == (
        f"netweave: error: {problems[0]} (and 2 more: `netweave db check` lists them); not "
        "exported, as restore would refuse the backup (`netweave db backup` copies the "
        "database as it is)"
    )


def test_a_postgresql_database_is_named_as_typed(pg_url, cli_for):
    """``db check`` and ``db upgrade`` name a PostgreSQL database by its URL as typed
    (``?host=/var/run/postgresql``), not percent-encoded as SQLAlchemy writes it."""
    typed = unquote(pg_url)
    truncate_pg(pg_url)
    run = cli_for(typed)
    checked = run("db", "check")
    assert checked.stdout == f"{typed}: no problems found.\n", checked.stderr
    assert run.json("db", "check")["database"] == typed
    assert run.json("db", "upgrade")["database"] == typed


def _two_records_of_you(url: str, *ids: int) -> None:
    """Two (or more) records of the user, as a hand edit (or an older netweave) could
    leave them."""
    db = Database(url)
    with db.engine.begin() as conn:
        listed = ", ".join(map(str, ids))
        conn.execute(text(f"UPDATE person SET is_me = true WHERE id IN ({listed})"))
    db.close()


def test_a_mistyped_db_is_not_made_by_a_command_that_reads_or_fails(run_netweave, tmp_path):
    typo = tmp_path / "typo.db"
    no_env = {DB_ENV: None}
    for args in (["people", "show", "Nobody"], ["people", "list"], ["today"], ["search", "x"],
                 ["export", "json", str(tmp_path / "out.json")]):  # fmt: skip
        said = run_netweave(["--db", str(typo), *args], env=no_env)
        assert (said.exit_code, said.stdout) == (1, ""), args
        assert (
            said.stderr == f"netweave: error: no database at {typo}: check --db (or NETWEAVE_DB)\n"
        )
    for args in (["log", "X", "--kind", "bogus"], ["people", "add", "X", "--circle", "bogus"]):
        said = run_netweave(["--db", str(typo), *args], env=no_env)
        assert said.exit_code == 1, args
        assert "Traceback" not in said.output
    assert list(tmp_path.iterdir()) == []  # nothing left behind
    # a command that writes makes it, as for a new user; a later failure keeps it
    assert run_netweave(["--db", str(typo), "people", "add", "Ann"], env=no_env).exit_code == 0
    assert run_netweave(["--db", str(typo), "people", "add", "B", "--circle", "x"]).exit_code == 1
    assert _sqlite_rows(typo, "SELECT display_name FROM person") == [("Ann",)]


def test_the_default_database_is_made_on_a_first_run_by_any_command(run_netweave, tmp_path):
    env = {DB_ENV: None, "XDG_DATA_HOME": str(tmp_path / "data")}
    said = run_netweave(["today"], env=env)
    assert said.exit_code == 0, said.output
    assert (tmp_path / "data" / "netweave" / "netweave.db").is_file()


def test_every_command_said_to_read_is_one() -> None:
    from netweave.cli.state import READING

    names = _commands()
    assert names >= READING, READING - names


def _commands() -> set[str]:
    import click
    import typer

    from netweave.cli.app import app

    root = typer.main.get_command(app)
    ctx = click.Context(root)
    found: set[str] = set()

    def walk(command: click.Command, path: list[str]) -> None:
        if hasattr(command, "list_commands"):  # a group (of the Click typer carries)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                walk(sub, [*path, name])
        else:
            found.add(" ".join(path))

    walk(root, [])
    return found


def test_any_command_says_on_stderr_that_it_upgrades_and_where_the_copy_goes(sqlite_cli):
    """Not only ``db upgrade``: the first command after an update says the database is being
    upgraded (before the work, which takes a while on a large file) and where the copy of
    the previous version is; ``--json`` output stays clean."""
    sqlite_cli.add("Ada Lovelace")
    db = Database(sqlite_cli.db_url)
    downgrade(db, "0001")
    path = db.sqlite_file
    db.close()
    result = invoke(["--db", sqlite_cli.db_url, "people", "list", "--json"])
    assert result.exit_code == 0, result.output
    assert [p["name"] for p in json.loads(result.stdout)] == ["Ada Lovelace"]
    (backup,) = path.parent.glob(f"{path.name}.*.bak")
    assert result.stderr.splitlines() == [
        f"netweave: upgrading {path} from schema 0001 to {HEAD_REVISION}; "
        f"a copy of it is saved first as {backup} …",
        f"netweave: upgraded {path} to schema {HEAD_REVISION}; "
        f"the previous version was saved as {backup}",
    ]
    again = invoke(["--db", sqlite_cli.db_url, "people", "list", "--json"])
    assert again.stderr == ""
