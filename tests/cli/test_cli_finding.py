"""Finding people on a big network: by email or phone, with #ids beside namesakes, and
lists that say how many more they leave out."""

from __future__ import annotations

import datetime as dt

import pytest

# --- search and names by email address and phone number ----------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "olivia.green.4743@orbitsoftware.example",
        "OLIVIA.GREEN.4743@ORBITSOFTWARE.EXAMPLE",
        "olivia.green.47",
        "olivia.green.4743@orbit",
        "14155556155",
        "4155556155",
        "415 555 6155",
        "(415) 555-6155",
        "+1 415 555 6155",
        "+1-415-555-6155",
    ],
)
def test_search_finds_a_person_by_email_or_phone(cli, query):
    cli.add("Olivia Green", "--email", "olivia.green.4743@orbitsoftware.example",
            "--phone", "14155556155")  # fmt: skip
    cli.add("Olivia Greenberg", "--email", "olivia.greenberg@elsewhere.example")
    assert [p["name"] for p in cli.json("search", query)] == ["Olivia Green"]
    assert "Olivia Green" in cli("search", query).stdout


def test_a_partial_address_finds_everyone_whose_address_starts_so(cli):
    cli.add("Olivia Green", "--email", "olivia.green@orbitsoftware.example")
    cli.add("Olivia Greenberg", "--email", "olivia.greenberg@elsewhere.example")
    cli.add("Olive Green", "--email", "o_green@orbitsoftware.example")
    got = [p["name"] for p in cli.json("search", "olivia.green")]
    assert got == ["Olivia Green", "Olivia Greenberg"]
    # the address first; PostgreSQL's words of "o_green" find the others too
    assert cli.json("search", "o_green@")[0]["name"] == "Olive Green"
    assert cli.json("search", "olivia.greener") == []


def test_the_start_of_an_address_with_a_digit_finds_it(cli):
    """ "xyz123" is no name: the start of an address (xyz123@corp.io)."""
    cli.add("Zed Quill", "--email", "xyz123@corp.io")
    cli.add("Ann Other", "--email", "ann@corp.io")
    assert [p["name"] for p in cli.json("search", "xyz123")] == ["Zed Quill"]
    assert [p["name"] for p in cli.json("search", "xyz")] == []  # a word: names only


@pytest.mark.parametrize("typed", ["+1 415 555 6155", "(415) 555-6155", "14155556155"])
def test_people_show_takes_a_phone_number(cli, typed):
    cli.add("Paul Rossi", "--phone", "14155556155")
    assert cli.show(typed)["name"] == "Paul Rossi"


def test_a_number_that_is_no_id_nor_phone_is_still_not_found(cli):
    cli.add("Paul Rossi", "--phone", "14155556155")
    line = cli.error_line(cli("people", "show", "#14155556155"))
    assert "no person with id 14155556155" in line


# --- phone numbers shown for reading ------------------------------------------------------


def test_people_show_writes_phones_for_reading_and_json_keeps_them(cli):
    cli.add("Paul Rossi", "--phone", "14155556155", "--phone", "+44 20 7946 0958")
    shown = cli("people", "show", "Paul Rossi")
    assert "Phones: (415) 555-6155, +44 20 7946 0958" in shown.stdout
    view = cli.show("Paul Rossi")
    assert view["phones"] == ["14155556155", "+44 20 7946 0958"]
    assert view["phones_shown"] == ["(415) 555-6155", "+44 20 7946 0958"]
    assert cli("config", "set", "phone_region", "GB").exit_code == 0
    assert "Phones: +1 415-555-6155, 020 7946 0958" in cli("people", "show", "#1").stdout


# --- #ids beside names that namesakes share -------------------------------------------------


def test_paths_and_targets_give_each_persons_id(cli):
    first = cli.add("Robert Chen", "--company", "Meta")
    second = cli.add("Robert Chen", "--company", "Meta")
    shown = cli("paths", "Meta").stdout
    assert f"you → Robert Chen #{first['id']}" in shown
    assert f"you → Robert Chen #{second['id']}" in shown
    assert cli("targets", "add", "Meta", "--motivation", "3").exit_code == 0
    listed = cli("targets").stdout
    assert f"Robert Chen #{first['id']}" in listed
    assert f"Robert Chen #{second['id']}" in listed
    assert {p["target_person"] for p in cli.json("paths", "Meta")} == {"Robert Chen"}  # JSON: names


# --- lists that say how many more they leave out ------------------------------------------


def test_search_says_how_many_more_and_how_to_see_them(cli):
    for n in range(5):
        cli.add("John Smith", "--company", f"Acme {n}")
    cut = cli("search", "john smith", "--limit", "2")
    assert cut.stdout.count("John Smith") == 2
    assert cut.stdout.endswith("… and 3 more: --limit 5\n")
    assert "more" not in cli("search", "john smith", "--limit", "5").stdout
    assert len(cli.json("search", "john smith", "--limit", "2")) == 2


def test_an_ambiguous_name_says_how_many_share_it(cli):
    for _ in range(11):
        cli.add("John Smith")
    line = cli.error_line(cli("people", "show", "John Smith"), code=2)
    assert line.count("John Smith (#") == 8
    assert "… and 3 more (11 people match: give an #id or an email; " in line
    assert '`netweave search "John Smith"` finds them' in line


def test_today_says_how_many_more_are_due_for_a_check_in(cli):
    for n in range(11):
        cli.add(f"Person {n}", "--circle", "close", "--met-on", cli.days_ago(400))
    shown = cli("today").stdout
    assert "… and 3 more people due for a check-in: `netweave people list --overdue`" in shown
    agenda = cli.json("today")
    assert agenda["more"] == {
        "items": 0,
        "check_ins": 3,
        "congratulations": 0,
        "greetings": 0,
        "greetings_campaign": None,
        "steps": 0,
        "steps_at_most": False,
        "steps_last_day": 0,
    }
    assert len(agenda["items"]) == 8


def test_today_says_how_many_congratulations_it_holds_back(cli):
    for n in range(5):
        cli.add(f"Person {n}")
        cli("tasks", "add", f"Congratulate Person {n} on the new role at Initech",
            "--person", f"Person {n}", "--kind", "congratulate")  # fmt: skip
    shown = cli("today").stdout
    assert shown.count("Congratulate Person") == 3
    assert shown.splitlines()[-2] == (
        "  … and 2 more congratulations on a new role, held back for the days to come: 3 a day, "
        "in turn, from the strongest ties down: `netweave tasks list`"
    )
    assert cli.json("today")["more"]["congratulations"] == 2
    # the next day the two held back come up (and the first of today's three again)
    tomorrow = cli.today + dt.timedelta(days=1)
    seen = [i["person"] for i in cli.json("today")["items"]]
    later = [i["person"] for i in cli.json("today", as_of=tomorrow)["items"]]
    assert len(later) == 3
    assert sorted({*seen, *later}) == [f"Person {n}" for n in range(5)]


def test_today_after_the_day_s_three_are_done_shows_the_next_three_the_day_after(cli):
    for n in range(7):
        cli.add(f"Person {n}")
        cli("tasks", "add", f"Congratulate Person {n} on the new role at Initech",
            "--person", f"Person {n}", "--kind", "congratulate")  # fmt: skip
    seen = []
    for day in range(3):
        as_of = cli.today + dt.timedelta(days=day)
        items = [i for i in cli.json("today", as_of=as_of)["items"] if i["kind"] == "congratulate"]
        seen.append(sorted(i["person"] for i in items))
        for cheer in items:
            assert cli("tasks", "done", str(cheer["task_id"]), as_of=as_of).exit_code == 0
    assert seen == [["Person 0", "Person 1", "Person 2"], ["Person 3", "Person 4", "Person 5"],
                    ["Person 6"]]  # fmt: skip


def test_today_says_or_more_past_the_congratulations_it_counts(cli, monkeypatch):
    from netweave.services import agenda

    monkeypatch.setattr(agenda, "OVERDUE_COUNTED", 4)
    for n in range(6):
        cli.add(f"Person {n}")
        cli("tasks", "add", f"Congratulate Person {n} on the new role at Initech",
            "--person", f"Person {n}", "--kind", "congratulate")  # fmt: skip
    assert "… and 1 or more congratulations on a new role" in cli("today").stdout


def test_today_says_how_many_people_have_no_circle_and_how_to_sort_them(cli):
    for n in range(3):
        cli.add(f"Person {n}")
    hint = (
        "  3 people have no circle or cadence yet, so no check-ins: `netweave people circle wide "
        "--unsorted` (or one by one, `netweave people edit NAME --circle C`)"
    )
    assert hint in cli("today").stdout.splitlines()
    assert cli.json("today")["without_circle"] == 3
    sorted_in = cli("people", "circle", "wide", "--unsorted")
    assert sorted_in.stdout == "Put 3 people in the wide circle (check-ins every 180 days).\n"
    assert "no circle" not in cli("today").stdout


def test_today_numbers_a_name_two_people_share_and_the_number_finds_them(cli):
    met = cli.days_ago(400)
    cli.add("Diego López", "--company", "Tidewater", "--circle", "close", "--met-on", met)
    cli.add("Diego López", "--company", "Helio", "--met-on", met)  # not due: not listed
    cli.add("Ana Ruiz", "--circle", "close", "--met-on", met)
    shown = cli("today").stdout
    assert "Diego López (#1) check-in" in shown
    assert "Ana Ruiz check-in" in shown
    assert "Ana Ruiz (#" not in shown
    assert cli.json("today")["namesakes"] == [{"person_id": 1, "org": "Tidewater"}]
    assert cli("snooze", "#1", "--kind", "check-in").exit_code == 0


def test_today_says_how_many_3b7_steps_it_holds_back(cli):
    from netweave.logic.followup import add_business_days

    sent = cli.today - dt.timedelta(days=30)
    for n in range(7):
        cli.add(f"Out {n}", "--company", f"Org {n}")
        cli("log", f"Out {n}", "--kind", "email", "--direction", "out", "--ask", "advice",
            "--on", sent.isoformat(), as_of=sent)  # fmt: skip
    day = add_business_days(sent, 7)
    shown = cli("today", as_of=day).stdout
    assert shown.count("send one short follow-up") == 5
    assert (
        "  … and 2 more 3B7 steps on unanswered outreach, 5 a day: they take turns on the "
        "next business days." in shown.splitlines()
    )
    more = cli.json("today", as_of=day)["more"]
    assert (more["steps"], more["steps_at_most"]) == (2, False)


def test_today_says_the_check_ins_due_are_snoozed_on_a_day_with_nothing_else(cli):
    cli.add("Chris Young", "--circle", "close", "--met-on", cli.days_ago(400))
    assert cli("snooze", "Chris Young", "--days", "14").exit_code == 0
    lines = cli("today").stdout.splitlines()
    assert lines[1:] == [
        "  Nothing due today: 1 person due for a check-in is snoozed "
        "(`netweave people list --overdue`)."
    ]
    agenda = cli.json("today")
    assert (agenda["items"], agenda["more"]["check_ins"], agenda["snoozed_only"]) == ([], 1, True)
