"""CLI edges on SQLite and PostgreSQL: a broken link among cards, names ending in a full stop."""

from __future__ import annotations

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\n"


def test_a_broken_link_among_cards_is_one_line_naming_it_or_passed_over(cli, tmp_path):
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "a.vcf").write_text(CARD, encoding="utf-8")
    link = folder / "old-contact.vcf"
    link.symlink_to("/nonexistent/x.vcf")
    line = cli.error_line(cli("import", "vcard", str(folder)))
    assert line == f"netweave: error: {link}: a broken link (to /nonexistent/x.vcf)"
    assert cli.names() == []
    result = cli.json("import", "vcard", "--skip-bad-rows", str(folder), "--json")
    assert result["created"] == 1
    assert result["errors"] == [
        {"file": str(link), "line": None, "error": "a broken link (to /nonexistent/x.vcf): skipped"}
    ]
    assert cli.names() == ["Ann Lee"]


def test_a_sentence_ending_with_a_name_that_ends_in_a_full_stop_ends_once(cli):
    cli.add("Ann Lee")
    johnny = cli.add("Dr. Johnny Q. Appleseed Jr.")["id"]
    cli.json("knows", "add", "Ann Lee", f"#{johnny}", "--json")
    removed = cli("knows", "remove", "Ann Lee", f"#{johnny}")
    assert removed.stdout == "Removed: Ann Lee — Dr. Johnny Q. Appleseed Jr.\n"
    forgot = cli("people", "forget", f"#{johnny}", "-y")
    assert forgot.exit_code == 0, forgot.stderr
    assert forgot.stdout.startswith("Forgot Dr. Johnny Q. Appleseed Jr. An import of a file")
    kept = cli("people", "forget", "Ann Lee", "-y").stdout
    assert kept.startswith("Forgot Ann Lee. An import")
