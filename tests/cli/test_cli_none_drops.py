"""``none`` drops a value in every edit command, and an empty value is refused by name."""

from __future__ import annotations

import pytest


def _world(cli):
    cli.json("orgs", "add", "Helio", "--domain", "helio.io", "--industry", "Storage",
             "--location", "Oslo", "--note", "good people")  # fmt: skip
    cli.add("Lin Chen")
    talk = cli.json("log", "Lin", "--kind", "call", "--note", "talked shop")["interaction"]["id"]
    lead = cli.json("leads", "add", "Helio", "--role", "PM", "--source", "posting",
                    "--url", "https://helio.io/jobs/1", "--note", "apply soon",
                    "--next", "write to Lin", "--due", cli.days_ago(-2))["id"]  # fmt: skip
    cli("events", "add", "PyData", "--on", cli.days_ago(3), "--place", "Berlin")
    return str(talk), str(lead)


def test_none_drops_every_value_an_edit_sets(cli):
    talk, lead = _world(cli)
    for option in ("--domain", "--industry", "--location", "--note"):
        cli.json("orgs", "edit", "Helio", option, "none")
    org = cli.json("orgs", "show", "Helio")
    assert [org[k] for k in ("domain", "industry", "location", "notes")] == [None] * 4
    edited = cli.json("leads", "edit", lead, "--url", "None", "--note", "none")
    assert (edited["posting_url"], edited["notes"]) == (None, None)
    step = cli.json("leads", "next", lead, "none")
    assert (step["next_step"], step["next_due"]) == (None, None)
    assert (
        cli.json("conversations", "edit", talk, "--note", " none ")["interaction"]["summary"]
        is None
    )
    assert "none" not in cli("conversations", "show", talk).stdout
    assert cli.json("events", "edit", "PyData", "--place", "none")["place"] is None


@pytest.mark.parametrize(
    "command",
    [
        ("orgs", "edit", "Helio", "--industry"),
        ("orgs", "edit", "Helio", "--note"),
        ("leads", "edit", "LEAD", "--note"),
        ("leads", "edit", "LEAD", "--url"),
        ("leads", "next", "LEAD"),
        ("conversations", "edit", "TALK", "--note"),
        ("events", "edit", "PyData", "--place"),
    ],
)
def test_an_empty_value_is_refused_and_nothing_changes(cli, command):
    talk, lead = _world(cli)
    args = [{"LEAD": lead, "TALK": talk}.get(word, word) for word in command]
    before = (cli.json("orgs", "show", "Helio"), cli.json("leads", "show", lead),
              cli.json("conversations", "show", talk))  # fmt: skip
    line = cli.error_line(cli(*args, ""))
    option = command[-1] if command[-1].startswith("--") else "STEP"
    assert line.endswith(f"{option} is empty: give a value, or none to drop it")
    after = (cli.json("orgs", "show", "Helio"), cli.json("leads", "show", lead),
             cli.json("conversations", "show", talk))  # fmt: skip
    assert after == before
