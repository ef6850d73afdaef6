"""`leads move ID accepted` says who is on today's list to hear the news, and what is open."""

from __future__ import annotations

from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.context import open_context
from netweave.store.models import Task


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


def test_an_acceptance_taken_back_takes_its_news_off_today_and_a_new_one_plans_it_again(cli):
    cli.add("Mei Chen")
    cli.add("Omar Haddad")
    people = ["--person", "Mei Chen:referrer", "--person", "Omar Haddad:advocate"]
    won = str(cli.json("leads", "add", "Initrode", "--role", "Staff Engineer", *people)["id"])
    cli.json("leads", "move", won, "offer")
    cli.json("leads", "move", won, "accepted")
    told = cli.json("today")["items"]
    done = next(i for i in told if i["kind"] == "update" and i["person"] == "Omar Haddad")
    assert cli("tasks", "done", str(done["task_id"])).exit_code == 0  # Omar was told already
    back = cli("leads", "move", won, "offer", "--note", "offer under negotiation")
    assert back.exit_code == 0, back.stderr
    assert back.stdout.splitlines()[1:] == [
        "The acceptance no longer stands: its messages to tell the people who helped are off "
        "Today: Mei Chen."
    ]
    assert [i for i in cli.json("today")["items"] if i["kind"] == "update"] == []
    again = cli("leads", "move", won, "accepted")
    assert again.stdout.splitlines()[1:] == [
        "Congratulations. On today's list: tell the people who helped, and thank them: Mei Chen.",
        "Told already, when the offer was first accepted: Omar Haddad.",
    ]


def test_an_offer_accepted_with_nobody_to_tell_still_congratulates(cli):
    won = str(cli.json("leads", "add", "Initrode", "--role", "Staff Engineer")["id"])
    cli.json("leads", "move", won, "offer")
    moved = cli("leads", "move", won, "accepted")
    assert moved.stdout.splitlines()[1:] == ["Congratulations."]


def test_a_lead_withdrawn_says_its_open_tasks_are_off_today(cli):
    mei = cli.add("Mei Chen")["id"]
    lead = cli.json("leads", "add", "Globex", "--role", "Analyst", "--person", "Mei Chen:referrer")
    title = "Follow up with Mei Chen about the Analyst role"
    context = open_context(Settings(database_url=cli.db_url), Clock(as_of=cli.today))
    try:
        with context.db.transaction() as session:
            session.add(Task(due=cli.today, kind="follow_up", title=title, person_id=mei,
                             lead_id=lead["id"], created_at=context.clock.now()))  # fmt: skip
    finally:
        context.close()
    assert title in [i["reason"] for i in cli.json("today")["items"]]
    moved = cli("leads", "move", str(lead["id"]), "withdrawn")
    assert moved.exit_code == 0, moved.stderr
    assert moved.stdout.splitlines()[1:] == [
        f"The lead is closed: its open tasks are off Today: {title}."
    ]
    assert title not in [i["reason"] for i in cli.json("today")["items"]]


def test_an_acceptance_taken_back_after_the_lead_was_edited_finds_its_own_messages(cli):
    cli.add("Ada Lovelace")
    cli.add("Bo Li")
    one = str(cli.json("leads", "add", "Gridline", "--role", "Senior PM",
                       "--person", "Ada Lovelace:referrer")["id"])  # fmt: skip
    two = str(cli.json("leads", "add", "Gridline", "--role", "Staff PM",
                       "--person", "Bo Li:referrer")["id"])  # fmt: skip
    for lead in (one, two):
        cli.json("leads", "move", lead, "offer")
    cli.json("leads", "move", one, "accepted")
    cli.json("leads", "edit", one, "--role", "Staff PM")  # reads now as lead two does
    cli.json("leads", "move", two, "accepted")
    back = cli.json("leads", "move", one, "offer")
    # lead one's own news, planned in its old words (Bo, of a lead open then, heard it too)
    assert [p["name"] for p in back["untold"]] == ["Ada Lovelace", "Bo Li"]
    told = [i["reason"] for i in cli.json("today")["items"] if i["kind"] == "update"]
    assert told == ["Tell Bo Li you accepted the Staff PM offer at Gridline, and thank them"]
