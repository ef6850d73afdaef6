"""Bad CLI arguments: dates, numbers, names and choices never give a traceback.

Every generated command line either works or ends with one clear line and a non-zero
exit; a command that fails changes nothing in the database.
"""

from __future__ import annotations

import itertools
import shutil
import time
from pathlib import Path

import pytest
from harness import clear_failure, cli, content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reliability_report import record, scaled, soak

EXAMPLES = scaled(25, 400)
ICS = Path(__file__).resolve().parents[1] / "data" / "ics" / "google_calendar.ics"

_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
#: Short text, and now and then text longer than the columns it goes into (300).
_TEXT = st.text(alphabet=_CHARS, max_size=30) | st.text(alphabet=_CHARS, min_size=295, max_size=320)
DATES = (
    _TEXT
    | st.from_regex(r"\A-?\d{1,6}-\d{1,3}-\d{1,3}\Z")
    | st.from_regex(r"\A--\d{1,2}-\d{1,2}\Z")
    | st.sampled_from(["2026-02-29", "0000-01-01", "9999-12-31", "2026-6-1", "today", ""])
)
NUMBERS = (
    _TEXT
    | st.integers(-(10**20), 10**20).map(str)
    | st.sampled_from(["0", "-1", "1e9", "nan", "inf", "0x10", "3.5", " 7 ", ""])
)
#: Ids and limits: mostly numbers around what a database integer holds.
BIG = st.sampled_from(["1", "0", "1000", "1001", str(2**31 - 1), str(2**31), str(2**63)]) | (
    st.integers(-(10**20), 10**20).map(str)
)
NAMES = _TEXT | st.sampled_from(["Ann", "ann archer", "#1", "#0", "#-1", "#99999999999", "%", "_"])
CHOICES = _TEXT | st.sampled_from(
    ["coffee", "out", "in", "inner", "dormant", "video", "personal:x"]
)
#: Commands that take a row's number, and commands with a --limit (numbers beyond any row
#: or list once reached the database driver, which cannot hold them).
ID_COMMANDS = [["import", "undo"], ["tasks", "done"], ["tasks", "snooze"], ["intros", "show"],
               ["intros", "agree"], ["intros", "outcome"]]  # fmt: skip
LIMIT_COMMANDS = [["people", "list"], ["search", "ann"], ["intros", "suggest"],
                  ["knows", "suggestions"], ["conversations", "list"]]  # fmt: skip

COMMANDS = {
    "log --on": lambda d: ["log", d["name"], "--on", d["date"], "--note", d["text"]],
    "log --kind/--direction": lambda d: ["log", "Ann Archer", "--kind", d["choice"],
                                         "--direction", d["choice2"]],
    "people add dates/numbers": lambda d: ["people", "add", d["name"] or "x", "--met-on", d["date"],
                                           "--birthday", d["date2"], "--cadence", d["number"]],
    "people add contacts": lambda d: ["people", "add", "Bo " + d["text"], "--email", d["text2"],
                                      "--phone", d["number"], "--circle", d["choice"],
                                      "--interest", d["choice2"]],
    "people edit": lambda d: ["people", "edit", d["name"], "--cadence", d["number"],
                              "--birthday", d["date"]],
    "people show": lambda d: ["people", "show", d["name"]],
    "search --limit": lambda d: ["search", d["text"], "--limit", d["number"]],
    "--as-of today": lambda d: ["today", "--json"],
    "import ics --since/--until": lambda d: ["import", "ics", str(ICS), "--since", d["date"],
                                             "--until", d["date2"]],
    "conversations edit": lambda d: ["conversations", "edit", d["name"], "--on", d["date"],
                                     "--kind", d["choice"], "--note", d["text"]],
    "conversations edit people": lambda d: ["conversations", "edit", "1", "--add", d["name"],
                                            "--remove", d["text"], "--direction", d["choice"]],
    "conversations list/delete": lambda d: ["conversations", "list", d["name"], "--limit",
                                            d["number"]] if d["text"] else
                                           ["conversations", "delete", d["name"], "--yes"],
    "events add/meet": lambda d: ["events", "add", d["text"] or "x", "--on", d["date"],
                                  "--kind", d["choice"]] if d["text2"] else
                                 ["events", "meet", d["text"] or "x", d["name"]],
    "snooze/tasks": lambda d: ["snooze", d["name"], "--kind", d["choice"], "--until", d["date"]]
                              if d["text"] else ["tasks", "add", d["text2"] or "x", "--due",
                                                 d["date"], "--person", d["name"]],
    "targets/leads": lambda d: ["targets", "add", d["text"] or "x", "-m", d["number"]]
                               if d["text2"] else ["leads", "add", d["text"] or "x", "--role",
                                                   d["text2"] or "r", "--due", d["date"],
                                                   "--source", d["choice"]],
    "ids": lambda d: [*ID_COMMANDS[len(d["text"]) % len(ID_COMMANDS)], d["big"]],
    "--limit": lambda d: [*LIMIT_COMMANDS[len(d["text"]) % len(LIMIT_COMMANDS)], "--limit",
                          d["big"]],
    "campaign new": lambda d: ["campaign", "new", d["text"] or "x", "--circle", d["choice"],
                               "--tag", d["text2"]],
}  # fmt: skip

ARGS = st.fixed_dictionaries(
    {
        "name": NAMES,
        "date": DATES,
        "date2": DATES,
        "number": NUMBERS,
        "big": BIG,
        "text": _TEXT,
        "text2": _TEXT,
        "choice": CHOICES,
        "choice2": CHOICES,
    }
)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_cli_arguments_work_or_fail_with_one_line(
    command: str, empty_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "cli.db"
    shutil.copy(empty_db, db)
    assert cli(db, "people", "add", "Ann Archer", "--email", "ann@example.com").code == 0
    assert cli(db, "log", "Ann Archer", "--kind", "call", "--gave", "advice").code == 0
    tried, failed = itertools.count(), itertools.count()
    state = {"before": content(db)}
    began = time.perf_counter()

    @settings(
        max_examples=EXAMPLES,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=not soak(),  # make test: the same examples every run
    )
    @given(ARGS)
    def check(values: dict[str, str]) -> None:
        next(tried)
        args = COMMANDS[command](values)
        day = values["date"] if command == "--as-of today" else None
        outcome = cli(db, *args, as_of=day or None)
        if outcome.code == 0 and outcome.exception is None:
            state["before"] = content(db)
            return
        next(failed)
        problem = clear_failure(outcome)
        assert problem is None, f"{args}: {problem}"
        assert content(db) == state["before"], f"{args}: a failed command changed the database"

    check()
    total, refused = next(tried), next(failed)
    record(
        "fuzz", f"CLI arguments: {command}", inputs=total, seconds=time.perf_counter() - began,
        note=f"{refused} refused with one line",
    )  # fmt: skip
