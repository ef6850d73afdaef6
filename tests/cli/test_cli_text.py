"""Non-Latin and hostile data: stored, found and printed exactly as typed (no markup applied)."""

from __future__ import annotations

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
    assert HOSTILE_NOTE in " ".join(out.split())  # long lines wrap at 80 columns
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


def test_emoji_codes_in_data_are_printed_literally(cli):
    cli.add("Ed Emoji", "--note", "ping at 10:30 :smile: :thumbs_up:")
    out = cli("people", "show", "Ed Emoji").stdout
    assert "ping at 10:30 :smile: :thumbs_up:" in out


def test_today_prints_hostile_names_literally(cli):
    cli.add("[blink]Bad[/blink] Name", "--circle", "close")
    cli.json("log", "1", "--on", cli.days_ago(40))
    out = cli("today").stdout
    assert "[blink]Bad[/blink] Name check-in" in out
