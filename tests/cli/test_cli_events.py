"""``netweave events``: correcting an event and naming the people met, from the command line."""

from __future__ import annotations

import pytest
from cli_support import Cli


def test_edit_renames_and_moves_with_the_follow_ups(cli: Cli) -> None:
    cli("events", "add", "PyCon", "--on", cli.days_ago(5), "--place", "Berlin")
    cli("events", "meet", "PyCon", "Ana Ruiz", "Bo Chen")
    moved = cli("events", "edit", "pycon", "--name", "PyCon DE", "--on", cli.days_ago(8))
    assert moved.exit_code == 0, moved.output
    assert moved.stdout.splitlines() == [
        "Changed PyCon DE (#1): name, date.",
        f"  2 open follow-ups moved with it: due {cli.days_ago(6)} now.",
    ]
    tasks = cli.json("tasks", "list")
    assert {(t["due"], t["title"]) for t in tasks} == {
        (cli.days_ago(6), "Follow up after PyCon DE: a short note recalling your conversation")
    }
    view = cli.json("events", "edit", "#1", "--place", "none", "--kind", "conference")
    assert view == {
        "id": 1,
        "name": "PyCon DE",
        "date": cli.days_ago(8),
        "place": None,
        "kind": "conference",
        "changed": ["place", "kind"],
        "follow_ups": {"moved": 0, "done": [], "kept": 0, "due": None},
    }
    same = cli("events", "edit", "PyCon DE", "--kind", "conference")
    assert same.stdout == "PyCon DE (#1) already says so; nothing changed.\n"


def test_edit_gives_an_undated_event_its_day_and_says_the_follow_ups_stay(cli: Cli) -> None:
    cli.add("Ana Ruiz", "--met-at", "Hackathon")
    cli("events", "meet", "Hackathon", "Ana Ruiz")
    result = cli("events", "edit", "Hackathon", "--on", cli.days_ago(30))
    assert result.stdout.splitlines()[1] == (
        "  1 open follow-up stays as due: the event had no date, so they were planned from "
        "the day you named the people met there."
    )


def test_adding_an_event_written_down_without_a_day_says_it_completed_it(cli: Cli) -> None:
    cli.add("Met Mo", "--met-at", "Conf X")
    day = cli.days_ago(7)
    added = cli("events", "add", "conf x", "--on", day, "--place", "Berlin")
    assert added.stdout == (
        f"Conf X (#1) was known already, without a day: date ({day}) and place (Berlin) set.\n"
    )
    assert [(e["id"], e["date"], e["people"]) for e in cli.json("events", "list")] == [(1, day, 1)]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("PyCon",), 1, "nothing to change: give --name, --on, --place or --kind"),
        (("PyCon", "--on", "soon"), 1, "--on must be a date like 2026-03-14, not 'soon'"),
        (("PyCon", "--on", "none"), 1, "--on must be a date"),
        (("PyCon", "--kind", "rave"), 1, "unknown event kind 'rave'"),
        (("PyCon", "--name", " "), 1, "an event needs a name"),
        (("PyCon", "--name", "pydata"), 1, "event 'PyData' on 2026-06-10 already exists (#2)"),
        (("PyCon", "--on", "2026-06-20"), 1, "PyCon cannot move to 2026-06-20, after today"),
        (("Nothing", "--name", "X"), 1, "no event matches 'Nothing'"),
        (("Py", "--name", "X"), 2, "'Py'"),
    ],
)
def test_edit_refuses_bad_input_in_one_line_and_changes_nothing(
    cli: Cli, args: tuple[str, ...], code: int, words: str
) -> None:
    cli("events", "add", "PyCon", "--on", "2026-06-10")
    cli("events", "add", "PyData", "--on", "2026-06-10")
    cli("events", "meet", "PyCon", "Ana Ruiz")
    before = (cli.json("events", "list"), cli.json("tasks", "list"))
    line = cli.error_line(cli("events", "edit", *args), code=code)
    assert words in line
    assert (cli.json("events", "list"), cli.json("tasks", "list")) == before


def test_meeting_someone_again_says_the_earlier_follow_up_it_did(cli: Cli) -> None:
    cli.add("Kim Known")
    cli("events", "add", "Event A", "--on", cli.days_ago(6))
    cli("events", "meet", "Event A", "Kim Known")
    cli("events", "add", "Event B", "--on", cli.days_ago(2))
    met = cli("events", "meet", "Event B", "Kim Known")
    assert met.exit_code == 0, met.output
    assert met.stdout.splitlines() == [
        f"Linked Kim Known (#1), met at Event B ({cli.days_ago(2)}).",
        "  Done with it: Follow up after Event A: a short note recalling your conversation"
        " — Kim Known",
        f"Follow-ups planned for 1 person, due {cli.days_ago(0)} (on today's list now).",
    ]


def test_meet_takes_one_exact_name_refuses_a_shared_or_near_one_and_adds_any_other(
    cli: Cli,
) -> None:
    cli("events", "add", "PyData", "--on", cli.days_ago(1))
    adi = cli.add("Adi Levi")["id"]
    cli.add("Dana Cohen")
    cli.add("dana cohén")
    linked = cli("events", "meet", "PyData", "ADI LEVI")
    at = f"met at PyData ({cli.days_ago(1)})."
    assert linked.stdout.splitlines()[0] == f"Linked Adi Levi (#{adi}), {at}"
    shared = cli("events", "meet", "PyData", "Zed New", "Dana Cohen")
    line = cli.error_line(shared, code=2)
    assert "name 'Dana Cohen' is ambiguous; candidates: Dana Cohen (#2); dana cohén (#3)" in line
    assert "2 people have this name: name the one you met by #id" in line
    assert "Zed New" not in [p["name"] for p in cli.json("people", "list")]
    near = cli("events", "meet", "PyData", "Zed New", "Adi Levy")
    assert cli.error_line(near, code=1) == (
        f"netweave: error: no one in your network is named 'Adi Levy' (nearly: Adi Levi #{adi}): "
        "to mean someone known, name them as written or by #id; for someone new, name them "
        'with --new "Adi Levy" instead; nothing was recorded'
    )
    assert [p["name"] for p in cli.json("people", "list")] == [
        "Adi Levi", "Dana Cohen", "dana cohén",
    ]  # fmt: skip
    added = cli("events", "meet", "PyData", "--new", "Levi").stdout.splitlines()
    assert added[0].startswith("Added Levi (#")
    assert added[1].startswith(f"  Already in your network: Adi Levi (#{adi})")
    helped = " ".join(cli("events", "meet", "--help").stdout.split())
    assert "a full name several people have is ambiguous (exit 2" in helped
    assert "or give --new NAME for someone new" in helped
