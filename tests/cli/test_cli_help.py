"""Every command, sub-command and option has help, and ``--help`` works without a database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer

from netweave.cli.app import app


def _walk(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command of the tree, loading the groups that load on demand."""
    found = [(path, command)]
    if hasattr(command, "list_commands"):
        ctx = command.context_class(command)
        for name in sorted(command.list_commands(ctx)):
            found += _walk(command.get_command(ctx, name), (*path, name))
    return found


COMMANDS = _walk(typer.main.get_command(app))


@pytest.fixture(scope="module")
def help_pages(run_netweave, tmp_path_factory) -> tuple[Path, dict[tuple[str, ...], Any]]:
    """``--help`` of every command, run once with a ``--db`` that must stay untouched."""
    db = tmp_path_factory.mktemp("help") / "untouched.db"
    pages = {path: run_netweave(["--db", str(db), *path, "--help"]) for path, _ in COMMANDS}
    return db, pages


def test_the_tree_holds_the_contract_commands():
    paths = {" ".join(path) for path, _ in COMMANDS}
    expected = {"", "people", "people add", "people edit", "people list", "people show",
                "people forget", "orgs", "orgs add", "orgs list", "orgs show", "db",
                "db upgrade", "db backup", "log", "search", "today", "demo",
                "people duplicates", "people merge", "import", "import linkedin", "import vcard",
                "import google-csv", "import ics", "import mbox", "import list", "import undo",
                "export", "export vcard", "export csv", "export json", "restore",
                "events add", "events meet", "tasks done", "campaign new", "goals",
                "config set", "tags cadence"}  # fmt: skip
    assert expected <= paths


def test_every_command_and_parameter_has_help():
    missing = []
    for path, command in COMMANDS:
        if not (command.help or "").strip():
            missing.append(" ".join(path) or "netweave")
        for param in command.params:
            if param.name != "help" and not (getattr(param, "help", None) or "").strip():
                missing.append(f"{' '.join(path)} {param.name}")
    assert missing == []


def test_help_exits_0_and_never_opens_the_database(help_pages):
    db, pages = help_pages
    failures = {}
    for path, command in COMMANDS:
        result = pages[path]
        summary = " ".join((command.help or "").split("\n\n")[0].split())
        ok = (
            result.exit_code == 0
            and result.stdout.startswith("Usage: ")
            and summary != ""
            and summary in " ".join(result.stdout.split())
        )
        if not ok:
            failures[" ".join(path)] = (result.exit_code, result.stdout[-300:])
    assert failures == {}
    assert not db.exists()


def test_help_shows_no_escaped_markup(help_pages):
    leaks = {}
    for path, result in help_pages[1].items():
        lines = [line.strip() for line in result.stdout.splitlines() if "\\[" in line]
        if lines:
            leaks[" ".join(path) or "netweave"] = lines[0]
    assert leaks == {}


def test_every_command_but_serve_has_json():
    leaves = [(path, c) for path, c in COMMANDS if not hasattr(c, "list_commands")]
    without = [" ".join(p) for p, c in leaves if not any(q.name == "json_out" for q in c.params)]
    assert without == ["serve"]


def test_people_add_help_says_nothing_of_dropping_what_a_new_record_has_not():
    (add,) = [c for path, c in COMMANDS if path == ("people", "add")]
    (edit,) = [c for path, c in COMMANDS if path == ("people", "edit")]
    said = {p.name: p.help for p in add.params if getattr(p, "help", None)}
    assert [name for name, text in said.items() if "none" in text or "drop" in text] == []
    assert "none: no current job" in {p.name: p.help for p in edit.params}["company"]


def test_the_list_of_commands_gives_each_whole_first_sentence(help_pages):
    top = help_pages[1][()].stdout
    listed = " ".join(top[top.index("Commands:") :].split())
    assert "..." not in listed
    assert "asks What you asked people for: open asks, and marking them fulfilled" in listed


def test_every_value_is_named_in_one_style():
    """Arguments in upper case (``{NAME}``, ``[NAME]``), no option's value shown as
    ``<str>``, and no range a user could not type (a seed's 64 bits)."""
    import click

    from netweave.cli.app import app as top

    group = typer.main.get_command(top)
    ctx = click.Context(group)
    odd = []
    for path, command in _walk(group):
        if hasattr(command, "list_commands"):
            continue
        shown = click.Context(command, info_name=path[-1], parent=ctx)
        for param in command.params:
            metavar = param.make_metavar(shown)
            word = metavar.strip("[]{}.")
            if param.param_type_name == "argument" and word != word.upper():
                odd.append((path, metavar))
            elif "<" in metavar and not getattr(param, "is_flag", False):
                odd.append((path, param.opts[0], metavar))
    assert odd == []
    (demo,) = [c for path, c in COMMANDS if path == ("demo",)]
    assert "9223372036854775807" not in str([p.type for p in demo.params])
