"""User errors: one line on stderr, the right exit code, no traceback, nothing changed."""

from __future__ import annotations

import importlib.util
import socket
import sqlite3
from pathlib import Path

import pytest
from cli_support import app, error_line, invoke
from typer.main import get_command

from netweave.config import CONFIG_KEYS, number_bounds
from netweave.errors import NotFound
from netweave.logic.parse import MAX_ID

# --- names that resolve to nobody, or to several people --------------------------------


def test_unknown_person_is_one_line_and_exit_1(cli):
    cli.add("Ann Archer")
    commands = [
        ("people", "show", "Zed Zulu"),
        ("people", "edit", "Zed Zulu", "--note", "x"),
        ("people", "forget", "Zed Zulu", "--yes"),
        ("log", "Zed Zulu"),
        ("log", "Ann Archer", "Zed Zulu"),
    ]
    for args in commands:
        line = cli.error_line(cli(*args))
        assert "Zed Zulu" in line, (args, line)
    line = cli.error_line(cli("people", "show", "#99"))
    assert "99" in line
    assert cli.names() == ["Ann Archer"]
    assert cli.scalar("SELECT count(*) FROM interaction") == 0


def test_ambiguous_name_is_exit_2_with_both_candidates(cli):
    lee = cli.add("Sam Lee")["id"]
    leeds = cli.add("Sam Leeds", "--company", "Acme")["id"]
    commands = [
        ("people", "show", "sam"),
        ("people", "edit", "sam", "--note", "x"),
        ("people", "forget", "sam", "--yes"),
        ("log", "sam"),
    ]
    for args in commands:
        line = cli.error_line(cli(*args), code=2)
        assert "'sam'" in line, (args, line)
        assert f"Sam Lee (#{lee})" in line, (args, line)
        assert f"Sam Leeds (#{leeds}, Acme)" in line, (args, line)
    assert cli.show("Sam Lee")["id"] == lee
    assert cli.show("sam leeds")["id"] == leeds
    assert cli.names() == ["Sam Lee", "Sam Leeds"]
    assert cli.scalar("SELECT count(*) FROM interaction") == 0


# --- bad values: a clear line, and the database as it was --------------------------------

BAD_ADD = [
    (("--met-on", "2026-13-01"), "--met-on"),
    (("--met-on", "yesterday"), "'yesterday'"),
    (("--interest", "sailing"), "'sailing'"),
    (("--interest", "hobby:sailing"), "'hobby:sailing'"),
    (("--interest", "personal:"), "'personal:'"),
    (("--circle", "bestie"), "'bestie'"),
    (("--email", "owner@example.com"), "Owner One"),
    (("--email", " OWNER@Example.COM "), "Owner One"),
    (("--email", "not-an-email"), "'not-an-email'"),
    (("--phone", "call me maybe"), "'call me maybe'"),
    (("--linkedin", "https://example.com/ada"), "LinkedIn"),
    (("--birthday", "1990-02-30"), "'1990-02-30'"),
    (("--title", "CTO"), "--company"),
    # Failures late in the change: the organization and tag made earlier are rolled back.
    (("--company", "NewCo", "--tag", "fresh", "--met-at", " "), "event"),
    (("--company", "NewCo", "--tag", "fresh", "--interest", "sailing"), "'sailing'"),
]


def test_bad_values_on_add_change_nothing(cli):
    cli.add("Owner One", "--email", "owner@example.com", "--circle", "wide")
    before = cli.json("people", "list")
    results = {options: cli("people", "add", "New Person", *options) for options, _ in BAD_ADD}
    for options, fragment in BAD_ADD:
        line = cli.error_line(results[options])
        assert fragment in line, (options, line)
    assert cli.json("people", "list") == before
    assert cli.json("orgs", "list") == []
    assert cli.scalar("SELECT count(*) FROM tag") == 0
    assert cli.scalar("SELECT count(*) FROM event") == 0


def test_bad_values_on_edit_change_nothing(cli):
    cli.add("Owner One", "--email", "owner@example.com")
    cli.add("Other Two", "--circle", "wide", "--met-on", "2026-01-02", "--tag", "keep")
    before = cli.show("Other Two")
    cases = [
        (("--email", "owner@example.com"), "Owner One"),
        (("--circle", "bestie"), "'bestie'"),
        (("--met-on", "2026-02-30"), "--met-on"),
        (("--name", "  "), "needs a name"),
        (("--note", "lost", "--remove-tag", "absent"), "'absent'"),
        (("--company", "NewCo", "--remove-email", "nobody@example.com"), "nobody@example.com"),
    ]
    for options, fragment in cases:
        line = cli.error_line(cli("people", "edit", "Other Two", *options))
        assert fragment in line, (options, line)
    assert cli.show("Other Two") == before
    assert cli.json("orgs", "list") == []


def test_bad_values_on_log_record_nothing(cli):
    cli.add("Ann Archer")
    cases = [
        (("--kind", "lunch"), "'lunch'"),
        (("--direction", "sideways"), "'sideways'"),
        (("--gave", "money"), "'money'"),
        (("--ask", "kidney"), "'kidney'"),
        (("--received", "gift"), "'gift'"),
        (("--on", "2026-06-31"), "--on"),
    ]
    for options, fragment in cases:
        line = cli.error_line(cli("log", "Ann Archer", *options))
        assert fragment in line, (options, line)
    assert cli.show("Ann Archer")["last_interaction"] is None
    assert cli.scalar("SELECT count(*) FROM interaction") == 0
    assert cli.scalar("SELECT count(*) FROM exchange") == 0


# --- usage errors and --debug ----------------------------------------------------------


def test_a_write_that_raced_another_says_to_run_it_again(sqlite_cli, monkeypatch):
    """Records are checked before they are written; a unique key that fails anyway was
    written by another command at the same moment (two imports on PostgreSQL)."""
    from sqlalchemy.exc import IntegrityError

    from netweave.services import people

    def raced(*_args: object, **_kwargs: object) -> None:
        orig = Exception('duplicate key value violates unique constraint "uq_person"')
        raise IntegrityError("INSERT INTO person ...", {}, orig)

    monkeypatch.setattr(people, "add_person", raced)
    line = error_line(sqlite_cli("people", "add", "Ada"))
    where = sqlite_cli.db_url.removeprefix("sqlite:///")  # the database is named
    assert line == (
        f"netweave: error: database error in {where}: duplicate key value violates unique "
        'constraint "uq_person" (another command may have written the same records at the '
        "same time; what this one was writing was not saved: run it again)"
    )


def test_a_locked_database_is_named_and_says_why(sqlite_cli, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from netweave.services import people

    def locked(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("INSERT INTO person ...", {}, Exception("database is locked"))

    monkeypatch.setattr(people, "add_person", locked)
    line = error_line(sqlite_cli("people", "add", "Ada"))
    where = sqlite_cli.db_url.removeprefix("sqlite:///")
    assert line == (
        f"netweave: error: database error in {where}: database is locked (another command is "
        "writing to it: run this one again once it is done)"
    )


def test_usage_errors_exit_2_without_traceback(sqlite_cli):
    cli = sqlite_cli
    cases = [
        (("people", "list", "--bogus"), "No such option"),
        (("people", "show"), "Missing argument"),
        (("people", "list", "--limit", "0"), "--limit"),
        (("frobnicate",), "No such command"),
        (("--as-of", "soon", "today"), "'soon'"),
        (("--as-of", "9999-12-30", "today"), "from 1900-01-01 to 2999-12-31"),
        (("--as-of", "0001-01-02", "people", "list", "--overdue"), "from 1900-01-01 to 2999"),
        (("--as-of", "2026-02-30", "today"), "'--as-of': 2026-02-30 is not a real date"),
        (
            ("people", "list", "--as-of", "2026-03-01"),
            "--as-of goes before the command: netweave --as-of DAY people list …",
        ),
        (("today", "--db", "x.db"), "--db goes before the command: netweave --db PATH today …"),
    ]
    for args, fragment in cases:
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert fragment in error_line(result, 2), (args, result.stderr)
    assert error_line(cli("people", "show"), 2).endswith("(see 'netweave people show --help')")


def test_a_mistyped_command_suggests_the_one_it_begins_or_is_nearest(run_netweave):
    for typed, meant in [
        (("peopl",), "'people'"),  # a group not loaded yet is a command like any other
        (("tody",), "'today'"),
        (("improt",), "'import'"),  # two letters swapped: one edit
        (("people", "lsit"), "'list'"),
        (("tasks", "don"), "'done'"),
        (("p",), "'paths', 'people', 'prep'"),
    ]:
        line = error_line(run_netweave(list(typed)), 2)
        assert f"No such command '{typed[-1]}'. Did you mean {meant}? (see " in line, line
    assert "Did you mean" not in error_line(run_netweave(["xyzzy"]), 2)


def test_a_group_named_alone_prints_its_help(sqlite_cli):
    result = sqlite_cli("people")
    assert result.exit_code == 2
    assert "Commands:" in result.output
    assert "netweave: error" not in result.output


def test_bad_as_of_names_the_option(cli_for, tmp_path):
    run = cli_for(str(tmp_path / "never-opened.db"))
    result = run("--as-of", "soon", "today")
    assert result.exit_code == 2
    assert "--as-of" in result.stderr, result.stderr


def test_debug_lets_the_error_through_with_its_traceback(sqlite_cli):
    cli = sqlite_cli
    plain = cli("people", "show", "Zed Zulu")
    assert plain.exception is None or isinstance(plain.exception, SystemExit)
    debug = cli("--debug", "people", "show", "Zed Zulu")
    assert debug.exit_code == 1
    assert isinstance(debug.exception, NotFound)
    assert debug.exc_info is not None
    assert debug.exc_info[2] is not None
    assert "netweave: error" not in debug.stderr


# --- --db values that are not a netweave database ---------------------------------------


def test_text_file_as_db_is_one_line_and_left_alone(cli_for, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("call Ada on Monday\n" * 50)
    run = cli_for(str(path))
    line = run.error_line(run("people", "list"))
    assert "not a database" in line
    assert "notes.txt" in line
    assert path.read_text() == "call Ada on Monday\n" * 50


def test_foreign_sqlite_file_as_db_is_refused_and_left_alone(cli_for, tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.close()
    before = path.read_bytes()
    run = cli_for(str(path))
    line = run.error_line(run("people", "add", "Ada"))
    assert "not a netweave database" in line
    assert f"error: {path} holds tables" in line  # the file's path, not a sqlite:/// URL
    assert path.read_bytes() == before  # not even switched to WAL
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = conn.execute("SELECT name FROM recipes").fetchall()
    conn.close()
    assert (tables, rows) == (["recipes"], [("soup",)])


def test_another_apps_alembic_database_is_refused_and_left_alone(cli_for, tmp_path):
    """Another program's SQLite file with its own Alembic version (a hash, not netweave's
    numbers) is no newer netweave, and is not switched to WAL."""
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO users (name) VALUES ('precious')")
    conn.close()
    before = path.read_bytes()
    for command in (("people", "list"), ("people", "add", "Ada")):
        run = cli_for(str(path))
        line = run.error_line(run(*command))
        assert line.endswith(f"error: {path} holds tables but is not a netweave database")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.db"]  # no -wal, no -shm


def test_other_unusable_db_values(cli_for, tmp_path):
    cases = [
        (str(tmp_path), "is a folder, not a database file"),
        ("mysql://root@localhost/netweave", "mysql"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/nowhere", "127.0.0.1"),
    ]
    for db, fragment in cases:
        run = cli_for(db)
        line = run.error_line(run("people", "list", "--json"))
        assert fragment in line, (db, line)


def test_as_of_near_the_end_of_the_calendar_is_a_usage_error(cli, run_netweave):
    # Found by the soak fuzzing: --as-of 9999-12-30 overflowed computing due dates.
    def today(day):
        return run_netweave(["--db", cli.db_url, "--as-of", day, "today", "--json"])

    result = today("9999-12-30")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "from 1900-01-01 to 2999-12-31" in result.stderr
    assert today("2999-12-31").exit_code == 0


# --- dates: every date typed is from 1900 to 2999, as --as-of ---------------------------

ICS = Path(__file__).resolve().parents[1] / "data" / "ics" / "google_calendar.ics"
#: Every option that takes a date: (command line before the option, the option).
DATE_OPTIONS = [
    (("people", "add", "New Person"), "--met-on"),
    (("people", "edit", "Ada Lovelace"), "--met-on"),
    (("log", "Ada Lovelace"), "--on"),
    (("events", "add", "PyCon"), "--on"),
    (("tasks", "add", "Call back"), "--due"),
    (("snooze", "Ada Lovelace"), "--until"),
    (("tasks", "snooze", "1"), "--until"),
    (("knows", "add", "Ada Lovelace", "Bob Baker"), "--since"),
    (("import", "ics", str(ICS)), "--since"),
    (("import", "ics", str(ICS)), "--until"),
    (("leads", "add", "Acme", "--role", "Engineer"), "--due"),
    (("campaign", "done", "Spring", "Ada Lovelace"), "--on"),
]


@pytest.mark.parametrize(
    ("command", "option"), DATE_OPTIONS, ids=[f"{' '.join(c[:2])} {o}" for c, o in DATE_OPTIONS]
)
def test_a_date_outside_1900_to_2999_names_its_option(sqlite_cli, command, option):
    cli = sqlite_cli
    cli.add("Ada Lovelace", "--tag", "friends")
    cli.add("Bob Baker")
    cli.json("campaign", "new", "Spring", "--tag", "friends")
    cli.json("tasks", "add", "Call back")
    before = cli.scalar("SELECT count(*) FROM interaction")
    for day in ("0026-03-01", "1899-12-31", "3000-01-01"):
        line = error_line(cli(*command, option, day))
        assert line.endswith(f"{option} must be from 1900-01-01 to 2999-12-31, not {day}"), line
    assert cli.names() == ["Ada Lovelace", "Bob Baker"]
    assert cli.show("Ada Lovelace")["first_met"] is None
    assert cli.scalar("SELECT count(*) FROM interaction") == before
    assert cli.scalar("SELECT count(*) FROM event") == 0
    assert cli.scalar("SELECT count(*) FROM knows") == 0
    assert cli.scalar("SELECT count(*) FROM lead") == 0
    assert cli.scalar("SELECT count(*) FROM task") == 1


def test_a_birthday_typed_with_a_year_outside_1900_to_2999_is_refused(cli):
    cli.add("Ada Lovelace")
    for birthday in ("0026-03-01", "0026", "1815-12-10", "3000-01-01"):
        for command in (("people", "add", "New Person"), ("people", "edit", "Ada Lovelace")):
            line = cli.error_line(cli(*command, "--birthday", birthday))
            assert line.endswith(
                f"--birthday must have a year from 1900 to 2999, not {birthday!r}"
            ), line
    assert cli.names() == ["Ada Lovelace"]
    assert cli.show("Ada Lovelace")["birthday"] is None
    assert cli.add("Bo", "--birthday", "1900-01-01")["birthday"] == "1900-01-01"
    assert cli.add("Cy", "--birthday", "--02-29")["birthday"] == "--02-29"


def test_as_of_and_typed_dates_share_one_range():
    from netweave.cli.app import AS_OF_RANGE
    from netweave.logic.parse import DATE_RANGE

    assert AS_OF_RANGE is DATE_RANGE


# --- numbers too large for any row or any list -------------------------------------------

HUGE = "99999999999999999999"  # more than a 64-bit integer: the database driver cannot hold it

#: Every command that takes a row's number as an argument.
ID_COMMANDS = [
    ("import", "undo"),
    ("tasks", "done"),
    ("tasks", "snooze"),
    *[("intros", step) for step in ("show", "ask", "agree", "introduce", "decline", "outcome")],
]
#: Every other whole-number option bounded where the command line reads it.
NUMBER_OPTIONS = [
    (("people", "list", "--limit", HUGE), "'--limit'"),
    (("search", "ada", "--limit", HUGE), "'--limit'"),
    (("intros", "suggest", "--limit", HUGE), "'--limit'"),
    (("knows", "suggestions", "--limit", HUGE), "'--limit'"),
    (("paths", "Acme", "--limit", HUGE), "'--limit'"),
    (("paths", "Acme", "-n", "0"), "'--limit'"),
    (("prep", "Ada Lovelace", "--done", "--update-in", HUGE), "'--update-in'"),
    (("demo", "--people", HUGE), "'--people'"),
    (("people", "list", "--limit", "1001"), "1001 is not from 1 to 1000"),
    (("people", "list", "--limit", "x"), "'x' is not a whole number"),
]


@pytest.mark.parametrize("command", ID_COMMANDS, ids=" ".join)
def test_an_id_beyond_any_row_is_one_usage_line(sqlite_cli, command):
    cli = sqlite_cli
    for number in (HUGE, str(MAX_ID + 1), "0"):
        line = error_line(cli(*command, number), 2)
        assert f"{number} is not from 1 to {MAX_ID}" in line, line


@pytest.mark.parametrize(
    "command", [*ID_COMMANDS, ("asks", "fulfilled"), ("asks", "reopen")], ids=" ".join
)
def test_an_id_is_taken_as_lists_print_it(sqlite_cli, command):
    line = error_line(sqlite_cli(*command, "#77"))  # looked up: not found, exit 1
    assert "77" in line
    assert "'#x' is not a whole number" in error_line(sqlite_cli(*command, "#x"), 2)
    assert "0 is not from 1 to" in error_line(sqlite_cli(*command, "#0"), 2)


@pytest.mark.parametrize(
    ("args", "fragment"), NUMBER_OPTIONS, ids=[" ".join(a) for a, _ in NUMBER_OPTIONS]
)
def test_a_number_out_of_range_names_its_option(sqlite_cli, args, fragment):
    sqlite_cli.add("Ada Lovelace")
    line = error_line(sqlite_cli(*args), 2)
    assert fragment in line, line
    assert sqlite_cli.names() == ["Ada Lovelace"]
    assert sqlite_cli.scalar("SELECT count(*) FROM interaction") == 0


def test_a_large_id_in_a_name_is_not_found_on_every_backend(cli):
    # Ids fit 32 bits (PostgreSQL's integer): a larger one names nobody, not a database error.
    cli.add("Ada Lovelace")
    for ref in (str(MAX_ID + 1), "#3000000000", f"#{HUGE}"):
        assert "no person with id" in cli.error_line(cli("people", "show", ref))


#: Whole numbers any integer of is fine.
#: Whole numbers the CLI reads with no bound (none: even a seed is bounded, to 64 bits).
UNBOUNDED: set[tuple[str, ...]] = set()


def test_every_whole_number_the_cli_reads_has_both_bounds():
    # Checked by Click as it reads them, each number out of range is the same usage error
    # (exit 2, the option and its range named): none is left to a service's own words.
    unbounded, numbers = [], 0
    for path, param in _params(get_command(app), ()):
        if any(c.__name__ == "IntParamType" for c in type(param.type).__mro__):
            numbers += 1
            where = (*path, param.opts[0] if param.opts[0].startswith("-") else param.name)
            bounds = (getattr(param.type, "min", None), getattr(param.type, "max", None))
            if None in bounds and where not in UNBOUNDED:
                unbounded.append(" ".join(str(w) for w in where))
    assert numbers > 20  # the walk reached every command group
    assert unbounded == []


def test_every_whole_number_the_cli_reads_follows_one_rule():
    # plain ASCII digits (netweave.logic.parse.whole_number), not what Click's int() reads
    from netweave.cli.options import _Whole

    other = [
        " ".join((*path, param.name or ""))
        for path, param in _params(get_command(app), ())
        if any(c.__name__ == "IntParamType" for c in type(param.type).__mro__)
        and not isinstance(param.type, _Whole)
    ]
    assert other == []


#: A number out of range or not a number, for options of every kind of command: (the
#: command, the option as the line names it, the value, what the line says of it).
BAD_NUMBERS = [
    (("people", "list", "--limit"), "'--limit'", "0", "0 is not from 1 to 1000"),
    (("conversations", "list", "--limit"), "'--limit'", "0", "0 is not from 1 to 1000"),
    (("conversations", "list", "--limit"), "'--limit'", "1001", "1001 is not from 1 to 1000"),
    (("conversations", "list", "--limit"), "'--limit'", "x", "'x' is not a whole number"),
    (("search", "ada", "--limit"), "'--limit'", "0", "0 is not from 1 to 1000"),
    (("paths", "Acme", "-n"), "'--limit' / '-n'", "0", "0 is not from 1 to 1000"),
    (("goals", "set", "--conversations"), "'--conversations'", "-1", "-1 is not from 0 to 1000"),
    (("goals", "set", "--gives"), "'--gives'", "9999", "9999 is not from 0 to 1000"),
    (("goals", "set", "--check-ins"), "'--check-ins'", "1001", "1001 is not from 0 to 1000"),
    (("people", "edit", "Ada", "--strength"), "'--strength'", "101", "101 is not from 0 to 100"),
    (("people", "edit", "Ada", "--cadence"), "'--cadence'", "0", "0 is not from 1 to 3650"),
    (("people", "add", "Bo", "--cadence"), "'--cadence'", "3651", "3651 is not from 1 to 3650"),
    (
        ("people", "edit", "Ada", "--cadence"),
        "'--cadence'",
        "often",
        "'often' is not a whole number of days, or none",
    ),
    (("tags", "cadence", "mentor"), "'DAYS'", "-1", "-1 is not from 1 to 3650"),
    (("tags", "cadence", "mentor"), "'DAYS'", "0", "0 is not from 1 to 3650"),
    (("tags", "cadence", "mentor"), "'DAYS'", "", "'' is not a whole number of days, or none"),
    (("tags", "cadence", "mentor"), "'DAYS'", " ", "' ' is not a whole number of days, or none"),
    (("targets", "add", "Acme", "-m"), "'--motivation' / '-m'", "5", "5 is not from 0 to 3"),
    (("targets", "add", "Acme", "--posting"), "'--posting' / '-p'", "0", "0 is not from 1 to 3"),
    (("targets", "set", "Acme", "-p"), "'--posting' / '-p'", "4", "4 is not from 1 to 3"),
    (("snooze", "Ada", "--days"), "'--days'", "0", "0 is not from 1 to 3650"),
    (("graph", "export", "g.json", "--min-strength"), "'--min-strength'", "101", "101 is not"),
    (
        ("config", "set", "circles.close"),
        "'circles.close'",
        "",
        "'' is not a whole number of days, or none",
    ),
    (("config", "set", "circles.inner"), "'circles.inner'", " ", "' ' is not a whole number"),
    (("config", "set", "woven.min_gives"), "'woven.min_gives'", "", "'' is not a whole number"),
    # plain ASCII digits only, although Python's int() reads these
    (("config", "set", "circles.inner"), "'circles.inner'", "1_0", "'1_0' is not a whole number"),
    (("config", "set", "woven.min_gives"), "'woven.min_gives'", "+5", "'+5' is not a whole"),
    (
        ("config", "set", "circles.close"),
        "'circles.close'",
        "\uff11\uff12",
        "'\uff11\uff12' is not a whole",
    ),
    (("tags", "cadence", "mentor"), "'DAYS'", "1_0", "'1_0' is not a whole number of days"),
    (("people", "edit", "Ada", "--cadence"), "'--cadence'", "+5", "'+5' is not a whole number"),
    (("people", "list", "--limit"), "'--limit'", "1_0", "'1_0' is not a whole number"),
    (
        ("snooze", "Ada", "--days"),
        "'--days'",
        "\uff11\uff12",
        "'\uff11\uff12' is not a whole number",
    ),
    (("goals", "set", "--gives"), "'--gives'", "+5", "'+5' is not a whole number"),
    (("import", "undo"), "'BATCH'", "\uff11\uff12", "'\uff11\uff12' is not a whole number"),
    (("import", "undo"), "'BATCH'", "#1_0", "'#1_0' is not a whole number"),
    (("graph", "export", "g.json", "--min-strength"), "'--min-strength'", "1_0", "'1_0' is not"),
    (("conversations", "show"), "'ID'", "+5", "'+5' is not a whole number"),
    (("conversations", "edit", "--kind", "call"), "'ID'", "1_0", "'1_0' is not a whole number"),
    (("conversations", "delete", "--yes"), "'ID'", "\uff11\uff12", "'\uff11\uff12' is not a whole"),
    (("conversations", "show"), "'ID'", "99999999999", "99999999999 is not from 1 to 2147483647"),
    (("conversations", "show"), "'ID'", "#0", "0 is not from 1 to 2147483647"),
]


@pytest.mark.parametrize(
    ("args", "option", "value", "said"),
    BAD_NUMBERS,
    ids=[" ".join((*a, v)) for a, _, v, _ in BAD_NUMBERS],
)
def test_a_bad_number_is_one_usage_error_in_one_wording(sqlite_cli, args, option, value, said):
    sqlite_cli.add("Ada Lovelace", "--company", "Acme")
    before = sqlite_cli.json("people", "list")
    line = error_line(sqlite_cli(*args, value), 2)
    assert line.startswith(f"netweave: error: Invalid value for {option}: {said}"), line
    assert line.endswith(f" {args[0]} --help')") or line.endswith(f" {args[1]} --help')"), line
    assert sqlite_cli.json("people", "list") == before
    assert sqlite_cli.scalar("SELECT count(*) FROM setting") == 0
    assert sqlite_cli.scalar("SELECT count(*) FROM target") == 0


def _params(command, path):
    """(command path, parameter) for every command (Typer may carry Click of its own: duck
    typing rather than Click's classes)."""
    if hasattr(command, "list_commands"):
        ctx = command.context_class(command, resilient_parsing=True)
        for name in command.list_commands(ctx):
            yield from _params(command.get_command(ctx, name), (*path, name))
    else:
        for param in command.params:
            yield path, param


def test_a_negative_number_is_a_value_not_an_option(sqlite_cli):
    line = error_line(sqlite_cli("config", "set", "circles.close", "-5"), 2)
    assert "Invalid value for 'circles.close': -5 is not from 1 to 3650" in line
    line = error_line(sqlite_cli("tags", "cadence", "mentor", "-1"), 2)
    assert "Invalid value for 'DAYS': -1 is not from 1 to 3650" in line


def test_a_phone_region_is_a_real_country_code(sqlite_cli):
    assert "'XX' is no country's code" in error_line(
        sqlite_cli("config", "set", "phone_region", "xx")
    )
    assert "two-letter" in error_line(sqlite_cli("config", "set", "phone_region", "12"))
    assert sqlite_cli("config", "set", "phone_region", "de").exit_code == 0


def test_a_mistyped_tag_filter_is_an_error_as_a_mistyped_organization_is(sqlite_cli):
    sqlite_cli("people", "add", "Ada Lovelace", "--tag", "mentor", "--company", "Acme")
    assert "no tag 'mentr'" in error_line(sqlite_cli("people", "list", "--tag", "mentr"))
    assert "no organization" in error_line(sqlite_cli("people", "list", "--org", "Acne Inc"))
    assert "Ada Lovelace" in sqlite_cli("people", "list", "--tag", "Mentor").stdout


def test_a_setting_goes_back_to_its_default(sqlite_cli):
    cli = sqlite_cli
    cli.add("Ada Lovelace", "--circle", "close")
    cli("config", "set", "phone_region", "de")
    cli("config", "set", "circles.close", "20")
    assert cli.json("people", "show", "ada")["cadence_days"] == 20
    assert cli.json("config", "reset", "circles.close") == {"key": "circles.close", "value": 30}
    assert cli.json("people", "show", "ada")["cadence_days"] == 30
    reset = cli("config", "reset", "phone_region")
    assert reset.stdout.strip() == "phone_region = US (the default)"
    assert cli.json("config", "show")["settings"]["phone_region"] == "US"
    assert "unknown setting 'region'" in error_line(cli("config", "reset", "region"), 2)


NUMBERS = [key for key in CONFIG_KEYS if number_bounds(key)]


@pytest.mark.parametrize("key", NUMBERS)
def test_a_setting_s_number_refused_is_a_usage_error_as_every_number_is(cli, key):
    """A number out of a setting's range, or not a number, is refused as every command
    refuses one (``--limit 0``): exit 2, Click's words, the setting named; nothing stored."""
    low, high = number_bounds(key) or (0, 0)
    days = " of days, or none" if key.startswith("circles.") else ""
    for value, words in (
        (str(low - 1), f"{low - 1} is not from {low} to {high}"),
        (str(high + 1), f"{high + 1} is not from {low} to {high}"),
        ("soon", f"'soon' is not a whole number{days}"),
        ("2.5", f"'2.5' is not a whole number{days}"),
    ):
        line = error_line(cli("config", "set", key, value), 2)
        assert line == (
            f"netweave: error: Invalid value for '{key}': {words} "
            "(see 'netweave config set --help')"
        )
    assert cli.scalar("SELECT count(*) FROM setting") == 0
    assert cli.json("config", "set", key, str(high)) == {"key": key, "value": high}


def test_an_unknown_setting_is_a_usage_error_in_its_own_words(cli):
    for command in ("set", "reset"):
        args = ("config", command, "circles.outer", "5")[: 4 if command == "set" else 3]
        line = error_line(cli(*args), 2)
        assert line.startswith("netweave: error: unknown setting 'circles.outer'; settings: ")
        assert line.endswith(f"targets.order (see 'netweave config {command} --help')")
    # what is no number is said as it was: a word outside the setting's own (exit 1)
    assert "'XX' is no country's code" in error_line(cli("config", "set", "phone_region", "xx"))
    assert cli.scalar("SELECT count(*) FROM setting") == 0


@pytest.mark.parametrize("driver", ["psycopg2", "pg8000", "asyncpg"])
def test_a_postgresql_driver_not_installed_is_named_with_the_url_to_use(cli_for, driver):
    if importlib.util.find_spec(driver) is not None:
        pytest.skip(f"{driver} is installed here")
    run = cli_for(f"postgresql+{driver}:///nowhere?host=/var/run/postgresql")
    line = run.error_line(run("people", "list", "--json"))
    assert line == (
        f"netweave: error: the PostgreSQL driver {driver!r} is not installed; use "
        "postgresql+psycopg:///nowhere?host=/var/run/postgresql"
    )


@pytest.mark.parametrize(
    ("url", "use"),
    [
        ("postgresql+pyscopg:///nowhere?host=/var/run/postgresql",
         "postgresql+psycopg:///nowhere?host=/var/run/postgresql"),
        ("sqlite+pysqlit:///{tmp}/x.db", "sqlite:///{tmp}/x.db"),
    ],
)  # fmt: skip
def test_a_misspelt_driver_is_named_with_the_drivers_netweave_knows(cli_for, tmp_path, url, use):
    typed = url.format(tmp=tmp_path)
    driver = typed.partition("+")[2].partition(":")[0]
    run = cli_for(typed)
    for args in (("today",), ("people", "add", "Ada")):
        line = run.error_line(run(*args))
        assert line == (
            f"netweave: error: unknown database driver {driver!r} in --db {typed}: netweave "
            f"knows sqlite (a file path) and postgresql+psycopg; use {use.format(tmp=tmp_path)}"
        )
    assert not (tmp_path / "x.db").exists()


def test_a_postgresql_server_that_never_answers_is_given_up_on_in_one_line(cli_for):
    """A server that takes the connection and never answers (a firewall that drops packets,
    a network gone): the connect timeout ends the wait, said in one line."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        typed = f"postgresql+psycopg://127.0.0.1:{port}/x"  # netweave's 10 s, by default
        run = cli_for(typed)
        line = run.error_line(run("people", "list"))
    assert line == (
        f"netweave: error: cannot open {typed}: the server did not answer in 10 s "
        "(give ?connect_timeout=SECONDS in the URL to wait longer)"
    )


def test_libpq_s_postgres_url_is_postgresql_with_psycopg():
    from netweave.store.engine import parse_url

    assert parse_url("postgres:///db?host=/tmp").drivername == "postgresql+psycopg"


# --- an empty PATH: a shell's unset variable, never the current folder ------------------

EMPTY_PATHS = [
    (("import", "vcard", ""), "PATH is empty"),
    (("import", "linkedin", ""), "PATH is empty"),
    (("export", "vcard", ""), "DIR is empty"),
    (("export", "json", ""), "FILE is empty"),
    (("export", "csv", ""), "FILE is empty"),
    (("graph", "export", ""), "FILE is empty"),
    (("db", "backup", ""), "PATH is empty"),
    (("restore", ""), "FILE is empty"),
    (("draft", "--check", ""), "--check is empty"),
    (("demo", "--export", ""), "--export is empty"),
]


@pytest.mark.parametrize(("args", "message"), EMPTY_PATHS)
def test_an_empty_path_is_refused_not_taken_for_the_current_folder(
    sqlite_cli, tmp_path, monkeypatch, args, message
):
    here = tmp_path / "here"
    here.mkdir()
    (here / "ada.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n")
    sqlite_cli.add("Grace Hopper")
    monkeypatch.chdir(here)
    assert error_line(sqlite_cli(*args)) == f"netweave: error: {message}"
    assert sorted(p.name for p in here.iterdir()) == ["ada.vcf"]
    assert sqlite_cli.names() == ["Grace Hopper"]


EMPTY_OPTIONS = [
    (("people", "list", "--tag", ""), "--tag is empty: give a value, or leave --tag out"),
    (("people", "list", "--org", ""), "--org is empty: give a value, or leave --org out"),
    (("people", "list", "--circle", " "), "--circle is empty: give a value, or leave --circle"),
    (("leads", "list", "--stage", ""), "--stage is empty: give a value, or leave --stage out"),
    (("tasks", "add", "Call", "--person", ""), "--person is empty: give a value, or leave"),
]


@pytest.mark.parametrize(("args", "message"), EMPTY_OPTIONS)
def test_an_empty_option_value_is_refused_not_dropped(sqlite_cli, args, message):
    sqlite_cli.add("Ada Lovelace", "--tag", "mentor", "--company", "Acme", "--circle", "close")
    assert error_line(sqlite_cli(*args)).startswith(f"netweave: error: {message}")
    assert sqlite_cli.scalar("SELECT count(*) FROM task") == 0
    assert sqlite_cli.scalar("SELECT count(*) FROM setting") == 0


def test_a_long_value_is_echoed_cut_short(cli):
    """A pasted page of text in a message is cut after 40 characters, with "…"."""
    long = "x" * 100_000
    line = cli.error_line(cli("leads", "add", "Acme", "-r", "PM", "--url", long))
    assert line.endswith(f"not {'x' * 40!r}…")
    assert len(line) < 200
    assert cli.error_line(cli("people", "show", long)).endswith(f"{'x' * 40!r}…")
    found = cli("search", long)
    assert found.stdout.strip() == f"Nobody matches {'x' * 40!r}…."
    assert cli.scalar("SELECT count(*) FROM lead") == 0


def test_small_wordings_name_what_is_wrong(cli, tmp_path):
    """An empty organization name, an empty message to check, an empty --host, a folder or
    a URI filename given as --db: each said as what it is."""
    for args in (("targets", "remove", ""), ("paths", ""), ("targets", "add", "")):
        assert cli.error_line(cli(*args)).endswith("give the organization's name"), args
    line = cli.error_line(cli("draft", "--check", "-", input=""))
    assert line.endswith("stdin: the message is empty, nothing to check")
    line = cli.error_line(cli("serve", "--host", ""))
    assert line.endswith("--host is empty: give the address to serve on, such as 127.0.0.1")
    folder = tmp_path / "folder"
    folder.mkdir()
    line = error_line(invoke(["--db", str(folder), "people", "list"]))
    assert line.endswith(f"{folder} is a folder, not a database file: check --db (or NETWEAVE_DB)")
    uri = f"sqlite:///file:{folder / 'x.db'}?mode=ro&uri=true"
    line = error_line(invoke(["--db", uri, "people", "list"]))
    assert "SQLite URI filenames (file:…?mode=ro) are not supported" in line
    assert list(folder.iterdir()) == []
