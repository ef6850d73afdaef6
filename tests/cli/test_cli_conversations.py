"""``netweave conversations``: list, show, correct and delete what was logged."""

from __future__ import annotations

import pytest
from cli_support import error_line


@pytest.fixture
def logged(cli) -> int:
    cli.add("Lin Chen")
    cli.add("Max Moe")
    result = cli.json("log", "Lin", "--kind", "call", "--note", "tpyo", "--gave", "advice")
    return int(result["interaction"]["id"])


def test_list_and_show_give_the_numbers_to_correct_by(cli, logged):
    cli("log", "Max", "--kind", "email", "--on", cli.days_ago(2))
    listed = cli("conversations", "list")
    assert listed.exit_code == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["#", "Date", "Kind", "Way", "With", "Note"]
    assert lines[1].split()[:3] == [str(logged), cli.days_ago(0), "call"]
    assert [c["people"] for c in cli.json("conversations", "list", "max")] == [["Max Moe"]]
    shown = cli("conversations", "show", f"#{logged}")
    assert shown.stdout.splitlines() == [
        f"#{logged} {cli.days_ago(0)} call (both ways) with Lin Chen",
        "  tpyo",
        "  Lin Chen: you gave advice (fulfilled)",
    ]
    assert f"#{logged}" in cli("people", "show", "Lin").stdout


def test_a_correction_reaches_the_person(cli, logged):
    result = cli.json(
        "conversations", "edit", str(logged),
        "--on", cli.days_ago(10), "--kind", "coffee", "--note", "Talked shop", "--add", "Max",
    )  # fmt: skip
    assert result["changed"] == ["kind", "note", "date", "added Max Moe"]
    assert cli.show("Lin")["last_interaction"] == cli.days_ago(10)
    assert cli.show("Max")["last_interaction"] == cli.days_ago(10)
    plain = cli("conversations", "edit", str(logged), "--note", "none")
    assert plain.stdout.startswith(f"Changed conversation #{logged}: note.")
    same = cli("conversations", "edit", str(logged), "--kind", "coffee")
    assert same.stdout.startswith(f"Conversation #{logged} already says so")


def test_delete_asks_and_then_takes_the_exchanges(cli, logged):
    refused = cli("conversations", "delete", str(logged))
    assert "add --yes" in error_line(refused)
    assert cli.show("Lin")["reciprocity"]["gave"] == 1
    done = cli("conversations", "delete", str(logged), "--yes")
    assert done.stdout.strip() == (
        f"Deleted conversation #{logged} ({cli.days_ago(0)}, call with Lin Chen) "
        "and the 1 exchange logged with it."
    )
    lin = cli.show("Lin")
    assert (lin["last_interaction"], lin["reciprocity"]["gave"]) == (None, 0)
    assert cli("conversations", "list").stdout.strip() == "No conversations logged yet."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["edit", "999", "--kind", "call"], "no conversation #999"),
        (["edit", "{id}"], "nothing to change"),
        (["edit", "{id}", "--on", "2999-01-01"], "after today"),
        (["edit", "{id}", "--on", "yesterday"], "--on"),
        (["edit", "{id}", "--remove", "Lin"], "delete it instead"),
        (["delete", "999", "--yes"], "no conversation #999"),
        # (a --limit out of range is a usage error: test_cli_errors.BAD_NUMBERS)
        (["list", "Nobody Here"], "no person matches"),
    ],
)
def test_bad_input_is_one_line(cli, logged, args, message):
    before = cli.json("conversations", "list")
    result = cli("conversations", *(a.replace("{id}", str(logged)) for a in args))
    assert message in error_line(result)
    assert cli.json("conversations", "list") == before


def test_a_list_cut_off_at_its_limit_says_how_many_older_and_how_to_see_them(cli):
    cli.add("Ada Lovelace")
    cli.add("Max Moe")
    for days in range(22):
        cli("log", "Ada", "--kind", "call", "--on", cli.days_ago(days))
    cli("log", "Max", "--kind", "email", "--on", cli.days_ago(30))
    lines = cli("conversations", "list", "ada").stdout.splitlines()
    assert len(lines) == 1 + 20 + 1
    assert lines[-2].split()[1] == cli.days_ago(19)
    assert lines[-1] == "… and 2 older: see them all with --all (or --limit 22)."
    every = cli("conversations", "list", "--all").stdout.splitlines()
    assert (len(every), every[-1].split()[1]) == (1 + 23, cli.days_ago(30))
    assert len(cli.json("conversations", "list", "--all")) == 23
    # a list that shows everything says nothing more
    assert cli("conversations", "list", "ada", "--limit", "22").stdout.splitlines()[-1].split()[
        1
    ] == cli.days_ago(21)
    assert "older" not in cli("conversations", "list", "max").stdout
    both = cli("conversations", "list", "--all", "--limit", "5")
    assert "give --all or --limit, not both" in error_line(both, 2)


def test_a_script_is_told_how_to_get_every_conversation_in_json(cli):
    """``--json`` keeps its shape (an array, cut off at the limit like the table, without
    the table's line): the help says that a script gets every one with --all --json."""
    cli.add("Ada Lovelace")
    for days in range(21):
        cli("log", "Ada", "--kind", "call", "--on", cli.days_ago(days))
    assert len(cli.json("conversations", "list")) == 20
    assert len(cli.json("conversations", "list", "--all")) == 21
    helped = " ".join(cli("conversations", "list", "--help").stdout.replace("│", " ").split())
    assert "a script gets every conversation with --all --json." in helped


def test_a_conversation_has_the_same_keys_in_log_list_show_and_people_show(cli):
    cli.add("Lin Chen")
    cli.add("Max Moe")
    logged = cli.json("log", "Max", "Lin", "--kind", "coffee", "--note", "shop")["interaction"]
    listed = cli.json("conversations", "list")[0]
    shown = cli.json("conversations", "show", str(logged["id"]))
    (on_page,) = cli.show("Lin")["interactions"]
    common = {"id", "when", "date", "kind", "direction", "summary", "source", "participants",
              "people", "who", "exchanges"}  # fmt: skip
    for view in (logged, listed, shown, on_page):
        assert set(view) >= common, set(view) ^ common
        assert {w["name"] for w in view["who"]} == {"Lin Chen", "Max Moe"}
        assert sorted(view["people"]) == ["Lin Chen", "Max Moe"]
    assert listed["who"] == shown["who"] == on_page["who"]
