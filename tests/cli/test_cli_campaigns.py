"""``netweave campaign`` and ``netweave goals`` in-process, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from netweave.cli import misc, people
from netweave.cli.app import NetweaveGroup, root
from netweave.cli.app import app as root_app
from netweave.cli.campaigns import campaign_app, goals_app


def _app() -> typer.Typer:
    """The real ``netweave`` app once both groups are registered there; until then, a copy."""
    registered = typer.main.get_command(root_app).commands
    if "campaign" in registered and "goals" in registered:
        return root_app
    local = typer.Typer(cls=NetweaveGroup, no_args_is_help=True, rich_markup_mode=None)
    local.callback()(root)
    local.add_typer(people.app, name="people")
    local.add_typer(campaign_app, name="campaign")
    local.add_typer(goals_app, name="goals")
    misc.register(local)
    return local


APP = _app()


class Runner:
    """``netweave --db URL --as-of DAY ARGS...`` through typer's ``CliRunner``."""

    def __init__(self, db_url: str, today: dt.date) -> None:
        self.db_url = db_url
        self.today = today

    def __call__(self, *args: str, as_of: dt.date | None = None) -> Result:
        day = (as_of or self.today).isoformat()
        return CliRunner().invoke(APP, ["--db", self.db_url, "--as-of", day, *args])

    def ok(self, *args: str, as_of: dt.date | None = None) -> str:
        result = self(*args, as_of=as_of)
        assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
        assert result.stderr == ""
        return result.stdout

    def json(self, *args: str, as_of: dt.date | None = None) -> Any:
        return json.loads(self.ok(*args, "--json", as_of=as_of))

    def error(self, *args: str) -> str:
        """The one error line of a failed command (exit 1, nothing on stdout, no traceback)."""
        result = self(*args)
        assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
        assert result.stdout == ""
        assert "Traceback" not in result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("netweave: error: ")
        return lines[0]


@pytest.fixture
def run(db_url: str, today: dt.date) -> Runner:
    return Runner(db_url, today)


def _network(run: Runner) -> None:
    run.ok("people", "add", "Ada Lovelace", "--circle", "close", "--need", "a co-founder")
    run.ok("people", "add", "Grace Hopper", "--circle", "active", "--tag", "navy")
    run.ok("people", "add", "Linus Torvalds", "--circle", "wide", "--tag", "alumni")
    run.ok("people", "add", "Ken Thompson", "--circle", "wide")
    day = (run.today - dt.timedelta(days=45)).isoformat()
    run.ok("log", "Ada", "--kind", "coffee", "--on", day, "--note", "talked engines")


def test_new_show_done_list(run: Runner) -> None:
    _network(run)
    created = run.json("campaign", "new", "Holidays 2026", "--circle", "close,active",
                       "--tag", "alumni")  # fmt: skip
    assert [i["person"] for i in created["items"]] == [
        "Ada Lovelace",
        "Grace Hopper",
        "Linus Torvalds",
    ]
    assert created["audience"] == {"circles": ["close", "active"], "tags": ["alumni"]}
    shown = run.json("campaign", "show", "holidays 2026")
    ada = shown["items"][0]
    day = (run.today - dt.timedelta(days=45)).isoformat()
    assert (
        ada["prompt"]
        == f"last talked {day} (coffee): talked engines; they are looking for a co-founder"
    )
    assert ada["done"] is False
    out = run.ok("campaign", "done", "Holidays 2026", "Ada", "Linus", "--note", "Seasons greetings")
    assert out.splitlines() == [
        "Marked done in Holidays 2026: Ada Lovelace, Linus Torvalds (message).",
        "2 of 3 done.",
    ]
    person = run.json("people", "show", "Ada")
    assert person["last_interaction"] == run.today.isoformat()
    assert person["next_due"] == (run.today + dt.timedelta(days=30)).isoformat()
    assert person["interactions"][0]["summary"] == "Seasons greetings"
    assert [
        (i["person"], i["done"]) for i in run.json("campaign", "show", "Holidays 2026")["items"]
    ] == [
        ("Ada Lovelace", True),
        ("Grace Hopper", False),
        ("Linus Torvalds", True),
    ]
    listed = run.json("campaign", "list")
    assert [(c["name"], c["done"], c["total"]) for c in listed] == [("Holidays 2026", 2, 3)]
    again = run.json("campaign", "done", "Holidays 2026", "Ada", "--kind", "call")
    assert (again["marked"], again["already_done"]) == ([], ["Ada Lovelace"])


def test_text_output(run: Runner) -> None:
    _network(run)
    assert run.ok("campaign", "list") == (
        "No campaigns yet: start one with `netweave campaign new NAME --circle close`.\n"
    )
    out = run.ok("campaign", "new", "Navy", "--tag", "navy")
    assert out.splitlines()[0] == "Created campaign Navy with 1 person."
    assert "Grace Hopper" in out
    assert "no conversation logged yet" in out
    lines = run.ok("campaign", "list").splitlines()
    assert lines[0].split()[:4] == ["Name", "Audience", "Done", "Created"]
    assert lines[0].endswith("Off the agenda from")
    ends = (run.today + dt.timedelta(days=30)).isoformat()
    assert lines[1].split() == ["Navy", "tags", "navy", "0/1", run.today.isoformat(), ends]
    shown = run.ok("campaign", "show", "Navy").splitlines()
    assert shown[0] == f"Navy — tags navy — 0/1 done — off the agenda from {ends}"
    assert shown[2].split() == ["—", "Grace", "Hopper", "no", "conversation", "logged", "yet"]


def test_done_in_one_campaign_says_whom_it_greeted_in_the_others(run: Runner) -> None:
    _network(run)
    run.ok("campaign", "new", "NY A", "--circle", "close")
    run.ok("campaign", "new", "NY B", "--circle", "close,active")
    out = run.ok("campaign", "done", "NY A", "Ada")
    assert out.splitlines() == [
        "Marked done in NY A: Ada Lovelace (message).",
        "  Done with it: NY B greeting for Ada Lovelace",
        "1 of 1 done.",
    ]
    done = run.json("campaign", "done", "NY B", "Grace")
    assert (done["marked"], done["also_done"]) == (["Grace Hopper"], [])
    assert run.json("campaign", "show", "NY B")["done"] == 2


def _greetings(run: Runner, as_of: dt.date) -> list[str]:
    items = run.json("today", as_of=as_of)["items"]
    return [i["person"] for i in items if i["kind"] == "campaign"]


def test_a_campaign_is_on_the_agenda_from_its_day_for_a_month_or_until_closed(
    run: Runner,
) -> None:
    _network(run)
    run.ok("campaign", "new", "Navy", "--tag", "navy")
    day = dt.timedelta(days=1)
    assert _greetings(run, run.today) == ["Grace Hopper"]
    assert _greetings(run, run.today - day) == []  # not yet made on an earlier day
    assert _greetings(run, run.today + 29 * day) == ["Grace Hopper"]
    assert _greetings(run, run.today + 30 * day) == []  # the season is over
    run.ok("campaign", "new", "Navy again", "--tag", "navy")
    closed = run.json("campaign", "close", "Navy again")
    assert closed["ends"] == run.today.isoformat()
    assert "ended on" in run.error("campaign", "close", "Navy again")
    run.ok("campaign", "close", "Navy")
    assert _greetings(run, run.today) == []
    run.ok("campaign", "new", "Navy third", "--tag", "navy")
    refused = run("campaign", "close", "Navy third", as_of=run.today - day)
    assert refused.exit_code == 1
    assert "cannot be closed on" in refused.output
    assert "before it began" in refused.output


def test_a_conversation_greets_only_in_campaigns_still_running(run: Runner) -> None:
    _network(run)
    run.ok("campaign", "new", "Winter", "--tag", "navy")
    later = run.today + dt.timedelta(days=40)
    run.ok("campaign", "new", "Spring", "--tag", "navy", as_of=later)
    run.ok("log", "Grace Hopper", "--kind", "call", as_of=later)
    done = {c["name"]: c["done"] for c in run.json("campaign", "list", as_of=later)}
    assert done == {"Winter": 0, "Spring": 1}  # Winter had ended: left as it was


def test_campaign_errors_are_one_line(run: Runner) -> None:
    _network(run)
    run.ok("campaign", "new", "Holidays", "--circle", "close")
    assert "already exists" in run.error("campaign", "new", "Holidays", "--circle", "wide")
    assert "unknown circle 'family'" in run.error("campaign", "new", "X", "--circle", "family")
    assert "no one matches circle inner" in run.error("campaign", "new", "X", "--circle", "inner")
    assert "audience" in run.error("campaign", "new", "X")
    assert "no campaign named 'Easter'" in run.error("campaign", "show", "Easter")
    line = run.error("campaign", "done", "Holidays", "Ada", "Ken")
    assert "Ken Thompson is not on campaign 'Holidays'" in line
    assert run.json("campaign", "list")[0]["done"] == 0
    assert run.json("people", "show", "Ada")["last_interaction"] != run.today.isoformat()


def test_goals_set_and_show(run: Runner) -> None:
    run.ok("people", "add", "Ada Lovelace", "--circle", "close", "--met-on", "2026-01-01")
    defaults = run.json("goals")
    assert set(defaults) == {"week_start", "week_end", "goals", "streak", "best_streak"}
    assert (defaults["week_start"], defaults["week_end"]) == ("2026-06-15", "2026-06-21")
    assert [(g["name"], g["target"], g["done"], g["met"]) for g in defaults["goals"]] == [
        ("conversations", 5, 0, False),
        ("gives", 1, 0, False),
        ("check_ins", 3, 0, False),
    ]
    assert run.ok("goals", "set", "--conversations", "1", "--check-ins", "1") == (
        "Weekly goals: conversations 1, gives 1, check-ins 1.\n"
    )
    run.ok("log", "Ada", "--on", "2026-06-09", "--gave", "advice")
    run.ok("log", "Ada", "--on", "2026-06-15")
    result = run.json("goals")
    assert [(g["name"], g["done"], g["met"]) for g in result["goals"]] == [
        ("conversations", 1, True),
        ("gives", 0, False),
        ("check_ins", 0, False),
    ]
    assert (result["streak"], result["best_streak"]) == (1, 1)  # the week of 06-08 met all
    lines = run.ok("goals", as_of=dt.date(2026, 6, 14)).splitlines()
    assert lines[0] == "Week 2026-06-08 to 2026-06-14"
    assert lines[2].split() == ["conversations", "1", "1", "yes"]
    assert lines[4].split() == ["check-ins", "1", "1", "yes"]
    assert lines[-1] == "Streak: 1 week (best 1)."
    refused = run("goals", "set", "--gives", "-1")
    assert refused.exit_code == 2
    assert "--gives" in refused.stderr


def test_every_command_has_help() -> None:
    command = typer.main.get_command(APP)
    missing = []
    for group in ("campaign", "goals"):
        sub = command.commands[group]
        for cmd in [sub, *sub.commands.values()]:
            if not (cmd.help or "").strip():
                missing.append(cmd.name)
            missing += [
                f"{cmd.name} {p.name}"
                for p in cmd.params
                if not (getattr(p, "help", None) or "").strip()
            ]
        result = CliRunner().invoke(APP, [group, "--help"])
        assert result.exit_code == 0
        assert result.stdout.startswith("Usage: ")
    assert missing == []


def test_the_greetings_past_the_days_five_are_counted_and_said(run: Runner) -> None:
    for n in range(7):
        run.ok("people", "add", f"Friend {n}", "--tag", "navy")
    run.ok("campaign", "new", "Navy", "--tag", "navy")
    result = run.json("today")
    assert len([i for i in result["items"] if i["kind"] == "campaign"]) == 5
    assert result["more"]["greetings"] == 2
    assert result["more"]["greetings_campaign"]["name"] == "Navy"
    assert "… and 2 more greetings of a seasonal campaign, a few a day: `netweave campaign " \
        "show Navy` lists them all" in " ".join(run.ok("today").split())  # fmt: skip
    run.ok("snooze", "Friend 0", "--kind", "campaign")  # the next one takes its place
    assert run.json("today")["more"]["greetings"] == 1
    run.ok("campaign", "done", "Navy", "Friend 1", "Friend 2")
    result = run.json("today")
    assert len([i for i in result["items"] if i["kind"] == "campaign"]) == 4
    assert result["more"]["greetings"] == 0


def test_the_greetings_past_five_name_the_campaign_to_show_quoted_or_the_list(
    run: Runner,
) -> None:
    for n in range(7):
        run.ok("people", "add", f"Friend {n}", "--tag", "navy")
    run.ok("campaign", "new", "New Year", "--tag", "navy")
    said = " ".join(run.ok("today").split())
    assert '`netweave campaign show "New Year"` lists them all' in said
    run.ok("campaign", "new", "Holidays", "--tag", "navy")  # two run: no one name to give
    result = run.json("today")
    assert result["more"]["greetings"] == 2
    assert result["more"]["greetings_campaign"] is None
    said = " ".join(run.ok("today").split())
    assert "a few a day: `netweave campaign list` names the campaigns running" in said
