"""`leads move ID accepted` says who is on today's list to hear the news, and what is open."""

from __future__ import annotations


def test_an_offer_accepted_names_who_to_tell_and_the_leads_still_open(cli):
    cli.add("Mei Chen")
    cli.add("Lena Fischer")
    won = cli.json("leads", "add", "Initrode", "--role", "Staff Engineer",
                   "--person", "Mei Chen:referrer")  # fmt: skip
    other = cli.json("leads", "add", "Globex", "--role", "Analyst",
                     "--person", "Lena Fischer:advocate")  # fmt: skip
    assert cli("leads", "move", str(won["id"]), "offer").exit_code == 0
    moved = cli("leads", "move", str(won["id"]), "accepted")
    assert moved.exit_code == 0, moved.stderr
    assert moved.stdout.splitlines()[1:] == [
        "Congratulations. On today's list: tell the people who helped, and thank them: "
        "Mei Chen, Lena Fischer.",
        f"Still open: #{other['id']} (Analyst at Globex). Withdraw each with `netweave leads "
        "move ID withdrawn`, and tell the people there.",
    ]
    today = cli.json("today")["items"]
    assert {i["person"] for i in today if i["kind"] == "update"} == {"Mei Chen", "Lena Fischer"}
