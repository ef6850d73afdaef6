"""Non-Latin and hostile data: stored, found and printed exactly as typed (no markup applied)."""

from __future__ import annotations

import io
import sys

from netweave.cli.output import _width as text_width
from netweave.cli.output import console, fitted, table

HOSTILE_NOTE = "[bold]x[/bold] <script>alert(1)</script> [link=https://evil.test]y[/link]"


def test_non_latin_names_round_trip(cli):
    wang = cli.add("王小明", "--company", "华为", "--tag", "北京", "--note", "喜欢 围棋")
    zoe = cli.add("Zoë Ñúñez", "--company", "Société Générale", "--interest", "social:fútbol")
    assert cli.show("王小明")["id"] == wang["id"]
    assert cli.show("zoe nunez")["id"] == zoe["id"]
    assert cli.show("ZOË")["name"] == "Zoë Ñúñez"
    assert sorted(cli.names()) == ["Zoë Ñúñez", "王小明"]
    shown = cli.show(str(wang["id"]))
    assert (shown["company"], shown["tags"], shown["notes"]) == ("华为", ["北京"], "喜欢 围棋")
    assert [p["name"] for p in cli.json("search", "societe generale")] == ["Zoë Ñúñez"]
    assert [p["name"] for p in cli.json("search", "futbol")] == ["Zoë Ñúñez"]
    assert [p["name"] for p in cli.json("search", "王小明")] == ["王小明"]
    text = cli("people", "show", "王小明")
    assert text.exit_code == 0, text.stderr
    assert text.stdout.splitlines()[0] == f"王小明 (#{wang['id']}) — 华为"
    assert "喜欢 围棋" in text.stdout
    table = cli("people", "list")
    assert "王小明" in table.stdout
    assert "Zoë Ñúñez" in table.stdout


def test_markup_in_data_is_printed_literally(cli):
    pid = cli.add("Mallory [red]X[/red]", "--company", "[i]Evil[/i] Corp",
                  "--title", "<b>Boss</b>", "--note", HOSTILE_NOTE)["id"]  # fmt: skip
    shown = cli.show(str(pid))
    assert shown["name"] == "Mallory [red]X[/red]"
    assert shown["notes"] == HOSTILE_NOTE
    text = cli("people", "show", str(pid))
    assert text.exit_code == 0, text.stderr
    out = text.stdout
    assert out.splitlines()[0] == f"Mallory [red]X[/red] (#{pid}) — <b>Boss</b> at [i]Evil[/i] Corp"
    assert f"  Notes: {HOSTILE_NOTE}\n" in out  # not a terminal: one whole line
    assert "\x1b[" not in out
    listed = cli("people", "list").stdout  # the name column folds at 80 columns
    assert "Mallory" in listed
    assert "[red]X[/red]" in listed
    assert "[i]Evil[/i] Corp" in listed
    cli.json("log", str(pid), "--note", "[bold]secret[/bold] plan", "--on", cli.days_ago(1))
    assert "[bold]secret[/bold] plan" in cli("people", "show", str(pid)).stdout
    org = cli("orgs", "show", "[i]Evil[/i] Corp")
    assert org.exit_code == 0, org.stderr
    assert org.stdout.splitlines()[0].startswith("[i]Evil[/i] Corp (#")


def test_control_characters_in_data_never_reach_the_terminal(cli):
    # a terminal's escape sequences (clear the screen, set its title) in imported text
    pid = cli.add("Eve Escape", "--note", "first\x1b[2J line\nsecond\x1b]0;pwned\x07")["id"]
    cli.json("log", str(pid), "--note", "Hello \x1b[31mRED")
    for args in (("people", "show", str(pid)), ("conversations", "list", str(pid))):
        out = cli(*args).stdout
        assert "\x1b" not in out, out
        assert "\x07" not in out, out
    assert "first\ufffd[2J line" in cli("people", "show", str(pid)).stdout
    assert "\x1b" not in cli("people", "show", "nobody \x1b[2J").stderr
    said = cli("people", "show", "nobody\nnetweave: all is well").stderr
    assert said.count("\n") == 1, said  # an error is one line, whatever a name holds


def test_emoji_codes_in_data_are_printed_literally(cli):
    cli.add("Ed Emoji", "--note", "ping at 10:30 :smile: :thumbs_up:")
    out = cli("people", "show", "Ed Emoji").stdout
    assert "ping at 10:30 :smile: :thumbs_up:" in out


def test_today_prints_hostile_names_literally(cli):
    cli.add("[blink]Bad[/blink] Name", "--circle", "close")
    cli.json("log", "1", "--on", cli.days_ago(40))
    out = cli("today").stdout
    assert "[blink]Bad[/blink] Name check-in" in out


LONG_TASK = (
    "Send Grace the article about compilers and the history of COBOL she asked about at "
    "the conference in Philadelphia, with the note about the first bug"
)


def test_piped_output_keeps_each_item_on_one_line(cli):
    # Not a terminal (a pipe, a file): no wrapping at 80 columns, so grep finds whole items.
    note = " ".join(f"word{n}" for n in range(40))
    pid = cli.add("Grace Brewster Murray Hopper", "--circle", "close",
                  "--company", "US Navy Reserve", "--title", "Rear Admiral and Computer Scientist",
                  "--note", note)["id"]  # fmt: skip
    cli.json("log", "Grace", "--on", cli.days_ago(165), "--note", "a long talk " * 10)
    cli.json("tasks", "add", LONG_TASK, "--due", cli.today.isoformat(), "--person", "Grace")
    today = cli("today")
    assert today.exit_code == 0, today.stderr
    lines = today.stdout.splitlines()
    assert lines[0].startswith("Today, ")
    assert all(line.lstrip()[:1].isdigit() for line in lines[1:]), lines  # no continuations
    assert f"   1. Grace Brewster Murray Hopper to-do — {LONG_TASK}" in lines
    shown = cli("people", "show", "Grace").stdout.splitlines()
    work = "Rear Admiral and Computer Scientist at US Navy Reserve"
    assert shown[0] == f"Grace Brewster Murray Hopper (#{pid}) — {work}"
    assert f"  Notes: {note}" in shown
    assert all(line.startswith("  ") for line in shown[1:]), shown
    cli("people", "edit", "Grace", "--note", "Met at the Navy ball\n\nLoves COBOL")
    shown = cli("people", "show", "Grace").stdout.splitlines()
    at = shown.index(f"  Notes: {note}")  # each line of the notes on its own
    assert shown[at + 1 : at + 3] == ["         Met at the Navy ball", "         Loves COBOL"]
    job = cli("log", "Grace", "--ask", "job").stdout.splitlines()
    assert job[0].startswith("Not recorded")
    assert all(line.startswith("  ") for line in job[1:]), job


def test_kinds_read_as_words_not_as_identifiers(cli):
    # The JSON keeps the service's kinds; the text says what they are.
    cli.add("Ada Byron", "--circle", "close")
    cli.json("log", "Ada", "--on", cli.days_ago(2), "--received", "advice")
    cli.json("tasks", "add", "Write the talk", "--due", cli.today.isoformat())
    today = cli("today").stdout
    assert "Ada Byron give back — " in today
    assert "Ada Byron give — " not in today
    tasks = cli("tasks", "list").stdout
    assert "to-do" in tasks
    assert "custom" not in tasks
    assert [i["kind"] for i in cli.json("today")["items"]].count("give") == 1


def test_a_terminal_still_wraps_long_lines(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    assert console().soft_wrap is False  # Rich wraps at the terminal's width
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert console().soft_wrap is True


def test_a_table_fits_a_narrow_terminal_and_a_pipe_gets_every_cell_whole(monkeypatch):
    """On a terminal the widest columns are cut (with an ellipsis) until a row fits its
    width; piped, nothing is cut (a script reads whole cells)."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    rows = [["1", "Kelp Forest Labs", "Product Manager, Fleet Electrification", "2026-11-27"],
            ["2", "渡辺 Analytics", "Analyst", "2026-11-28"]]  # fmt: skip
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys, "stdout", Terminal())
    table(["#", "Organization", "Role", "Due"], rows)
    lines = sys.stdout.getvalue().splitlines()
    assert max(map(text_width, lines)) <= 40
    assert lines[1] == "1  Kelp Fores…  Product Man…  2026-11-27"
    assert lines[2] == "2  渡辺 Analy…  Analyst       2026-11-28"
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    table(["#", "Organization", "Role", "Due"], rows)
    assert "Product Manager, Fleet Electrification" in sys.stdout.getvalue()


def test_a_table_too_wide_for_even_narrow_columns_is_cut_no_further() -> None:
    assert fitted([2, 30, 30], 20) == [2, 7, 7]
    assert fitted([2, 30, 30], 10) == [2, 6, 6]
    assert fitted([2, 10, 4], 80) == [2, 10, 4]


def test_output_that_cannot_say_a_name_still_works(tmp_path):
    """Standard output in ASCII or Latin-1 (a pipe, an old terminal): the command does its
    work and says what it can, with no traceback after the change is saved."""
    import json
    import os
    import subprocess
    import sys

    db = str(tmp_path / "plain.db")

    def run(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
        env = {**os.environ, "PYTHONIOENCODING": encoding}
        command = [sys.executable, "-m", "netweave", "--db", db, *args]
        return subprocess.run(command, capture_output=True, env=env, check=False)

    added = run("people", "add", "Zoë Ødegaard", encoding="ascii")
    assert (added.returncode, added.stderr) == (0, b"")
    assert added.stdout.startswith(b"Added Zo? ?degaard (#1)")
    listed = run("people", "list", encoding="latin-1")
    assert listed.returncode == 0
    assert "Zoë Ødegaard".encode("latin-1") in listed.stdout
    as_json = run("people", "list", "--json", encoding="ascii")
    assert json.loads(as_json.stdout)[0]["name"] == "Zoë Ødegaard"  # escaped, not lost
