"""``netweave people merge``: two records of one person become one, as the person page
shows it, and ``import undo`` brings both back."""

from __future__ import annotations


def _okafor(cli, tmp_path):
    """Jonathan moved from Globex to Stripe; an address book still has Jon at Globex (and,
    by his address, calls him Jonathan too)."""
    cli.add("Jonathan Okafor", "--company", "Globex", "--title", "Engineering Manager")
    cli("people", "edit", "Jonathan Okafor", "--company", "Stripe", "--title", "Director")
    cli.add("Jon Okafor", "--email", "jon@okafor.example", "--company", "Globex",
            "--title", "Engineering Manager")  # fmt: skip
    card = tmp_path / "jon.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Jonathan Okafor\nEMAIL:jon@okafor.example\n"
                    "END:VCARD\n", encoding="utf-8")  # fmt: skip
    assert cli("import", "vcard", str(card)).exit_code == 0


def test_a_job_both_records_list_is_shown_once(cli, tmp_path):
    _okafor(cli, tmp_path)
    before = cli.show("#1"), cli.show("#2")
    merged = cli("people", "merge", "1", "2")
    assert merged.exit_code == 0, merged.stderr
    assert cli.show_lines("#1")["Before"] == "Engineering Manager at Globex"
    assert [(p["organization"], p["end"], p["current"]) for p in cli.show("#1")["positions"]] == [
        ("Stripe", None, True),
        ("Globex", cli.today.isoformat(), False),
    ]
    batch = merged.stdout.split("netweave import undo ")[1].split("`")[0]
    assert cli("import", "undo", batch).exit_code == 0
    assert (cli.show("#1"), cli.show("#2")) == before


def test_the_name_merged_into_is_not_noted_as_another(cli, tmp_path):
    _okafor(cli, tmp_path)
    assert cli.show("#2")["notes"] == "Also known as Jonathan Okafor (vcard)"
    assert cli("people", "merge", "1", "2").exit_code == 0
    assert cli.show_lines("#1")["Notes"] == "Merged from #2: name Jon Okafor"


def test_a_merge_says_the_cadence_and_strength_it_did_not_keep(cli):
    cli.add("Zoë Müller", "--cadence", "30")
    cli.add("Zoe Muller", "--email", "zoe@initech.example", "--cadence", "14")
    for who, pinned in (("#1", "70"), ("#2", "40")):
        assert cli("people", "edit", who, "--strength", pinned).exit_code == 0
    merged = cli("people", "merge", "1", "2")
    assert merged.exit_code == 0, merged.stderr
    assert merged.stdout.splitlines()[1:] == [
        "Their own cadences differ: Zoë Müller keeps every 30 days (#2 had every 14 days, "
        "as the notes say).",
        "Their pinned strengths differ: Zoë Müller keeps 70 (#2 had 40, as the notes say).",
    ]


def test_a_merge_says_the_circle_it_did_not_keep(cli):
    cli.add("Zoë Müller", "--circle", "active")
    cli.add("Zoe Muller", "--email", "zoe@initech.example", "--circle", "close")
    merged = cli("people", "merge", "2", "1")
    assert merged.exit_code == 0, merged.stderr
    assert merged.stdout.splitlines()[1] == (
        "Their circles differ: Zoe Muller stays close (#1 was active, as the notes say)."
    )
    assert cli.show("#2")["circle"] == "close"
    assert cli.show_lines("#2")["Notes"] == "Merged from #1: circle active"


def test_a_merge_says_what_between_the_two_it_dropped(cli):
    """An introduction of the two records to each other, and a link that one knows the
    other, make no sense for one person: dropped, and said so (the undo brings them back)."""
    cli.add("Rohan Patel", "--email", "rohan@patel.example")
    cli.add("Rohan P.", "--email", "rohan@work.example")
    cli.add("Ann Other")
    assert cli("knows", "add", "1", "2").exit_code == 0
    assert cli("intros", "propose", "1", "3", "--why", "same field").exit_code == 0
    assert cli("intros", "propose", "1", "2", "--why", "same field").exit_code == 0
    merged = cli("people", "merge", "1", "2")
    assert merged.exit_code == 0, merged.stderr
    assert (
        "Dropped introduction #2 and the 'knows' link between them "
        "(`netweave import undo` brings it back)."
    ) in merged.stdout
    batch = merged.stdout.split("netweave import undo ")[1].split("`")[0]
    assert cli("import", "undo", batch).exit_code == 0
    again = cli.json("people", "merge", "1", "2")
    assert again["between"] == {
        "introductions": [2],
        "knows": 1,
        "introduced_by": False,
        "repeated": [],
    }


def test_a_merge_says_it_dropped_that_one_record_introduced_the_other(cli):
    """A record saying the other introduced them makes no sense for one person: the link
    is dropped, and said so."""
    cli.add("Mina Sato", "--email", "mina@sato.example")
    cli.add("Mina S.", "--email", "mina@work.example", "--introduced-by", "Mina Sato")
    merged = cli("people", "merge", "1", "2")
    assert merged.exit_code == 0, merged.stderr
    assert (
        "Dropped the 'introduced by' link between them (`netweave import undo` brings it back)."
    ) in merged.stdout
    assert cli.show("#1")["met"]["introduced_by"] is None
