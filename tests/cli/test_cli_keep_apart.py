"""``people apart --undo`` and ``people duplicates --kept-apart`` through the CLI."""

from __future__ import annotations

from cli_support import Cli, error_line


def test_a_pair_kept_apart_is_listed_and_taken_back(cli: Cli) -> None:
    cli.add("Ada Lovelace", "--email", "ada@example.com")
    cli.add("Ada Lovelace", "--email", "ada.l@example.org")
    shown = cli("people", "apart", "1", "2")
    assert "undo with `netweave people apart 1 2 --undo`" in shown.stdout
    listed = cli("people", "duplicates", "--kept-apart")
    assert listed.exit_code == 0, listed.stderr
    assert "Ada Lovelace" in listed.stdout
    assert "`netweave people apart A B --undo`" in listed.stdout
    [pair] = cli.json("people", "duplicates", "--kept-apart", "--json")
    assert (pair["a"]["id"], pair["b"]["id"]) == (1, 2)
    assert set(pair) == {"a", "b", "since"}

    undone = cli("people", "apart", "2", "1", "--undo")
    assert undone.exit_code == 0, undone.stderr
    assert "no longer kept apart" in undone.stdout
    assert cli.scalar("SELECT count(*) FROM dismissed_pair") == 0
    [proposed] = cli.json("people", "duplicates", "--json")
    assert (proposed["a"]["id"], proposed["b"]["id"]) == (1, 2)
    assert "No pairs kept apart." in cli("people", "duplicates", "--kept-apart").stdout
    assert "not kept apart" in error_line(cli("people", "apart", "1", "2", "--undo"))


def test_the_undo_answers_in_json(cli: Cli) -> None:
    cli.add("Ada Lovelace", "--email", "ada@example.com")
    cli.add("Ada Lovelace", "--email", "ada.l@example.org")
    cli("people", "apart", "1", "2")
    result = cli.json("people", "apart", "1", "2", "--undo", "--json")
    assert (result["a"]["id"], result["b"]["id"], result["kept_apart"]) == (1, 2, False)
