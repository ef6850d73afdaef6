"""``netweave log``, ``search`` and ``today``: conversations, finding people, the agenda."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from factories import refresh_day

# --- log -------------------------------------------------------------------------------

#: The informational ask the coaching suggests instead of a meeting's job or referral ask,
#: after the names: the same conversation (a meeting both ways, the defaults) with the ask
#: changed.
ASK = "--ask advice"


def test_log_json_shape_and_last_interaction(cli):
    lin = cli.add("Lin Chen")["id"]
    result = cli.json(
        "log", "Lin",
        "--kind", "coffee", "--on", cli.days_ago(3), "--direction", "out",
        "--note", "talked shop", "--gave", "advice", "--ask", "information",
        "--received", "introduction",
    )  # fmt: skip
    assert {"interaction", "woven", "coaching"} <= set(result)
    assert isinstance(result["coaching"], list)
    it = result["interaction"]
    assert (it["kind"], it["date"], it["direction"], it["summary"]) == (
        "coffee",
        cli.days_ago(3),
        "out",
        "talked shop",
    )
    assert it["participants"] == [lin]
    assert it["people"] == ["Lin Chen"]
    assert it["exchanges"] == [
        {"direction": "gave", "kind": "advice"},
        {"direction": "asked", "kind": "information"},
        {"direction": "received", "kind": "introduction"},
    ]
    shown = cli.show("Lin")
    assert shown["last_interaction"] == cli.days_ago(3)
    assert shown["first_met"] == cli.days_ago(3)  # no --met-on: the first conversation
    factors = shown["strength_factors"]
    assert shown["strength"] > 0
    assert shown["strength"] == min(100, round(sum(factors.values())))
    assert [(i["id"], i["summary"]) for i in shown["interactions"]] == [(it["id"], "talked shop")]


def test_log_several_people_defaults_to_today_and_prints_a_line(cli):
    cli.add("Lin Chen")
    cli.add("Max Moe")
    result = cli("log", "Lin", "max moe", "lin chen", "--kind", "call")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Logged call with Lin Chen, Max Moe on {cli.today.isoformat()}.\n"
    assert [p["last_interaction"] for p in cli.json("people", "list")] == [
        cli.today.isoformat(),
        cli.today.isoformat(),
    ]
    later = cli.today + dt.timedelta(days=7)
    logged = cli.json("log", "Lin", as_of=later)
    assert logged["interaction"]["date"] == later.isoformat()
    assert cli.show("Lin")["last_interaction"] == later.isoformat()


def test_log_after_today_fails_and_records_nothing(cli):
    cli.add("Lin Chen")
    tomorrow = (cli.today + dt.timedelta(days=1)).isoformat()
    line = cli.error_line(cli("log", "Lin", "--on", tomorrow))
    assert tomorrow in line
    assert cli.show("Lin")["last_interaction"] is None
    assert cli.scalar("SELECT count(*) FROM interaction") == 0


def _new_acquaintance(cli):
    cli.add("New Guy", "--met-on", cli.days_ago(3))
    cli.json("log", "New Guy", "--on", cli.days_ago(3), "--note", "first coffee")


def test_log_unwoven_referral_ask_json_is_coached_exit_1_not_recorded(cli):
    _new_acquaintance(cli)
    result = cli("log", "New Guy", "--ask", "referral", "--json")
    payload = json.loads(result.stdout)
    assert payload["woven"] is False
    assert payload["coaching"]
    assert any("advice" in line for line in payload["coaching"])
    assert cli.show("New Guy")["last_interaction"] == cli.days_ago(3)
    assert cli.scalar("SELECT count(*) FROM exchange") == 0
    assert result.exit_code == 1


def test_log_unwoven_job_ask_text_is_coached_exit_1_not_recorded(cli):
    _new_acquaintance(cli)
    coaching = json.loads(cli("log", "New Guy", "--ask", "job", "--json").stdout)["coaching"]
    result = cli("log", "New Guy", "--ask", "job")
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    for line in coaching:
        assert line in result.output
    assert cli.scalar("SELECT count(*) FROM interaction") == 1


def test_log_unwoven_ask_is_recorded_with_yes_and_advice_is_never_coached(cli):
    _new_acquaintance(cli)
    forced = cli.json("log", "New Guy", "--ask", "referral", "--yes")
    assert forced["woven"] is False
    assert forced["interaction"]["exchanges"] == [{"direction": "asked", "kind": "referral"}]
    advice = cli.json("log", "New Guy", "--ask", "advice")
    assert advice["interaction"]["exchanges"] == [{"direction": "asked", "kind": "advice"}]
    assert cli.show("New Guy")["last_interaction"] == cli.today.isoformat()
    assert cli.scalar("SELECT count(*) FROM exchange") == 2


# --- search ----------------------------------------------------------------------------

SEARCHES = {
    "jose muller": ["José Müller"],
    "JOSÉ": ["José Müller"],
    "Muller": ["José Müller"],
    "initech": ["José Müller"],
    "climbing": ["José Müller"],
    "rock climb": ["José Müller"],
    "rustacean": ["José Müller"],
    "visa sponsor": ["José Müller"],
    "globex": ["Zoë Ñúñez"],
    "zoe nunez": ["Zoë Ñúñez"],
    "mentor": ["Zoë Ñúñez"],
    "jose globex": [],
    "nobody": [],
}


def test_search_json_by_name_work_interest_tag_need_offer_accents_folded(cli):
    cli.add("José Müller", "--company", "Initech", "--tag", "Rustacean",
            "--interest", "personal:rock climbing", "--need", "a visa sponsor")  # fmt: skip
    cli.add("Zoë Ñúñez", "--company", "Globex", "--offer", "mentoring")
    got = {query: [p["name"] for p in cli.json("search", query)] for query in SEARCHES}
    assert got == SEARCHES
    assert set(cli.json("search", "jose")[0]) >= {"id", "name", "company", "tags"}


def test_search_table_and_no_match(cli):
    cli.add("José Müller", "--company", "Initech")
    found = cli("search", "initech")
    assert found.exit_code == 0, found.stderr
    assert "José Müller" in found.stdout
    assert "Initech" in found.stdout
    none = cli("search", "umbrella")
    assert none.exit_code == 0
    assert none.stdout == "Nobody matches 'umbrella'.\n"


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_an_empty_search_is_an_error(cli, query):
    cli.add("José Müller", "--company", "Initech")
    line = cli.error_line(cli("search", query))
    assert "search for at least one word" in line
    assert cli("search", query, "--json").exit_code == 1


# --- today -----------------------------------------------------------------------------


def test_today_json_check_in_for_a_close_contact_seen_40_days_ago(cli):
    cli.add("Cleo Close", "--circle", "close", "--met-on", cli.days_ago(400))
    cli.add("Dana Recent", "--circle", "close", "--met-on", cli.days_ago(400))
    cli.add("Eve Nocircle", "--met-on", cli.days_ago(400))
    cli.json("log", "Cleo", "--on", cli.days_ago(40))
    cli.json("log", "Dana", "--on", cli.days_ago(5))
    cli.json("log", "Eve", "--on", cli.days_ago(300))
    agenda = cli.json("today")
    assert set(agenda) >= {"as_of", "items"}
    assert agenda["as_of"] == cli.today.isoformat()
    for item in agenda["items"]:
        assert {"kind", "person", "reason", "due"} <= set(item)
    assert [(i["kind"], i["person"], i["due"]) for i in agenda["items"]] == [
        ("check_in", "Cleo Close", cli.days_ago(10))
    ]
    assert "40 days" in agenda["items"][0]["reason"]
    later = cli.json("today", as_of=cli.today + dt.timedelta(days=30))
    assert later["as_of"] == (cli.today + dt.timedelta(days=30)).isoformat()
    assert [i["person"] for i in later["items"]] == ["Cleo Close", "Dana Recent"]


def test_today_lists_an_upcoming_birthday(cli):
    soon = cli.today + dt.timedelta(days=3)
    cli.add("Bea Birthday", "--birthday", f"--{soon:%m-%d}", "--circle", "wide",
            "--met-on", cli.today.isoformat())  # fmt: skip
    cli.add("Acquaintance", "--birthday", f"--{soon:%m-%d}")  # no circle: no greeting
    agenda = cli.json("today")
    assert [(i["kind"], i["person"], i["due"]) for i in agenda["items"]] == [
        ("birthday", "Bea Birthday", soon.isoformat())
    ]


def test_today_text_output(cli):
    empty = cli("today")
    assert empty.exit_code == 0
    assert empty.stdout.splitlines()[0] == f"Today, {cli.today.isoformat()}"
    assert "Nothing due: your network is empty so far." in empty.stdout
    assert cli.json("today")["empty_network"] is True
    cli.add("Cleo Close", "--circle", "close")
    quiet = cli("today").stdout  # someone, and nothing due: the network is in good shape
    assert "Nothing due. A good day to reach out" in quiet
    cli.json("log", "Cleo", "--on", cli.days_ago(40))
    text = cli("today").stdout
    assert "1. Cleo Close check-in — check in: last contact 40 days ago" in text


def test_snooze_a_check_in(cli):
    cli.add("Cleo Close", "--circle", "close")
    cli.json("log", "Cleo", "--on", cli.days_ago(40))
    done = cli("snooze", "Cleo", "--days", "3")
    assert done.exit_code == 0
    assert done.stdout.strip() == (
        f"Snoozed until {cli.today + dt.timedelta(days=3)}: check-in for Cleo Close"
    )
    assert cli.json("today")["items"] == []
    back = cli.json("today", as_of=cli.today + dt.timedelta(days=3))["items"]
    assert [(i["kind"], i["person"]) for i in back] == [("check_in", "Cleo Close")]
    view = cli.json("snooze", "Cleo", "--kind", "give", "--until", "2099-01-01")
    assert view["kind"] == "give"
    assert view["until"] == "2099-01-01"


def test_a_snooze_says_what_comes_up_about_them_in_its_place(cli):
    """Dan's give-back stood for his check-in (one contact, one item): snoozed, the check-in
    comes back, and the snooze says so and how to hide it too."""
    cli.add("Dan Wu", "--circle", "close")
    cli.json("log", "Dan", "--on", cli.days_ago(30), "--direction", "in", "--received", "advice")
    assert [i["kind"] for i in cli.json("today")["items"]] == ["give"]
    lines = cli("snooze", "Dan Wu", "--kind", "give").stdout.splitlines()
    assert lines[1].startswith("In its place today: check-in for Dan Wu — check in: last contact")
    assert lines[1].endswith("To hide it too: `netweave snooze 'Dan Wu' --kind check-in`")
    assert cli.json("snooze", "Dan Wu", "--kind", "check-in")["instead"] == []
    assert cli.json("today")["items"] == []


def test_bad_snoozes_say_what_is_wrong(cli):
    cli.add("Cleo Close", "--circle", "close")
    assert "cannot snooze 'task'" in cli.error_line(cli("snooze", "Cleo", "--kind", "task"))
    assert cli.error_line(cli("snooze", "Cleo", "--kind", "lead")).endswith(
        "cannot snooze 'lead': put a lead's next step off to another day with "
        "`netweave leads next ID --due DATE` (ID: the lead's number, as `today` shows it)"
    )
    assert "no person matches" in cli.error_line(cli("snooze", "Nobody"))
    past = cli("snooze", "Cleo", "--until", cli.days_ago(1))
    assert "a day after today" in cli.error_line(past)
    for command in (("snooze", "Cleo"), ("tasks", "snooze", "1")):
        huge = cli(*command, "--days", "99999999")  # past the calendar's end: refused
        assert huge.exit_code == 2
        assert "Traceback" not in huge.output
        assert "is not from 1 to 3650" in huge.output
    assert cli.scalar("SELECT count(*) FROM agenda_snooze") == 0


def test_ids_beyond_any_row_or_not_ascii_are_not_found(cli):
    cli.add("Cleo Close")
    for ref in ("#99999999999999999999", "#²"):
        line = cli.error_line(cli("snooze", ref))
        assert "no person" in line
    assert "no lead with id" in cli.error_line(cli("leads", "show", "#99999999999999999999"))


def test_serve_refuses_a_port_out_of_range(cli):
    for port in ("0", "70000"):
        result = cli("serve", "--port", port)
        assert result.exit_code == 2
        assert "is not from 1 to 65535" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["people", "add", "Zed", "--cadence", "99999999999999999999"],
        ["people", "add", "Zed", "--cadence", "100000000"],
        ["goals", "set", "--conversations", "99999999999999999999999"],
        ["config", "set", "circles.inner", "1000000000"],
        ["config", "set", "woven.min_two_way", "999999999999999999999"],
    ],
)
def test_huge_numbers_are_one_usage_error_line(cli, args):
    assert f": {args[-1]} is not from " in cli.error_line(cli(*args), 2)
    assert cli.json("people", "list") == []


def test_coaching_names_the_person_and_the_ask(cli):
    cli.add("New Guy Smith", "--met-on", cli.days_ago(3))
    job = cli("log", "New Guy Smith", "--ask", "job")
    assert job.exit_code == 1
    assert f'(`netweave log "New Guy Smith" {ASK}`)' in job.stdout
    assert "NAME" not in job.stdout
    assert "before asking for a job." in job.stdout
    referral = cli.json("log", "new guy", "--ask", "referral", "--yes")["coaching"]
    assert any(line.endswith("before another ask for a referral.") for line in referral)


def test_the_coaching_of_an_ask_recorded_anyway_does_not_say_it_is_still_to_come(cli):
    """``log --ask referral --yes`` records the ask: the coaching then says what to do now
    and next time, never "first" or "before asking" as if the ask had not been made."""
    cli.add("New Guy Smith", "--met-on", cli.days_ago(3))
    held = cli("log", "New Guy Smith", "--ask", "referral")
    assert held.exit_code == 1
    assert "Offer something useful first" in held.stdout
    done = cli("log", "New Guy Smith", "--ask", "referral", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "Offer something useful too: an introduction" in done.stdout
    assert "Follow up with thanks, whatever the answer" in done.stdout
    for said in ("useful first", "before asking for", "instead"):
        assert said not in done.stdout
    # a give in the same conversation is no help still to offer: it counts from now on
    cli.add("Sofia Rossi", "--met-on", cli.days_ago(3))
    gave = cli("log", "Sofia Rossi", "--kind", "call", "--gave", "advice", "--ask", "referral",
               "--yes")  # fmt: skip
    assert "Offer something useful" not in gave.stdout
    assert "The advice you gave in this conversation counts as your help from now on" in (
        gave.stdout
    )


def test_the_advice_ask_suggested_keeps_the_conversation(cli):
    """A coffee with a referral ask is suggested again as a coffee with an ask for advice,
    not as a message sent (which would start the 3B7 routine for someone met in person)."""
    cli.add("Kevin Wright", "--company", "Orbit Learning")
    coffee = cli("log", "Kevin Wright", "--kind", "coffee", "--ask", "referral")
    assert coffee.exit_code == 1
    assert '(`netweave log "Kevin Wright" --kind coffee --ask advice`)' in coffee.stdout
    day = cli.days_ago(2)
    sent = cli("log", "kevin", "--kind", "email", "--direction", "out", "--on", day,
               "--ask", "job")  # fmt: skip
    wanted = f'(`netweave log "Kevin Wright" --kind email --direction out --on {day} {ASK}`)'
    assert wanted in sent.stdout


def test_coaching_a_group_ask_names_everyone_not_woven(cli):
    cli.add("Ada Lovelace", "--met-on", cli.days_ago(3))
    cli.add("Mei", "--met-on", cli.days_ago(5))
    blocked = cli("log", "ada love", "Mei", "--ask", "job")
    assert blocked.exit_code == 1
    assert "Ask Ada Lovelace and Mei for advice or insight instead" in blocked.stdout
    assert f'(`netweave log "Ada Lovelace" Mei {ASK}`)' in blocked.stdout
    assert "let the relationships grow before asking for a job." in blocked.stdout


def test_a_check_in_due_today_says_so(cli):
    cli.add("Cleo Close", "--circle", "close")
    cli.json("log", "Cleo", "--on", cli.days_ago(30))
    (item,) = cli.json("today")["items"]
    assert item["reason"].startswith("check in: last contact 30 days ago, due today (strength")
    assert "0 days past" not in item["reason"]
    (late,) = cli.json("today", as_of=cli.today + dt.timedelta(days=1))["items"]
    assert "last contact 31 days ago, 1 day past your cadence" in late["reason"]


def test_a_check_in_says_no_more_months_than_days(cli):
    """108 days on a 90-day cadence: "3 months ago, 18 days past", never "4 months"."""
    cli.add("Julia Active", "--circle", "active")
    cli.json("log", "Julia", "--on", cli.days_ago(108))
    (item,) = cli.json("today")["items"]
    assert "last contact 3 months ago, 18 days past your cadence" in item["reason"], item


@pytest.mark.parametrize("kind", ["3B7", "check-in", "check_in", "Check-In", "GIVE"])
def test_snooze_kinds_in_any_case_with_dash_or_underscore(cli, kind):
    cli.add("Cleo Close", "--circle", "close")
    view = cli.json("snooze", "Cleo", "--kind", kind)
    assert view["kind"] == kind.lower().replace("-", "_")


@pytest.mark.parametrize(("label", "kind"), [("give back", "give"), ("Introduction", "intro")])
def test_snooze_takes_a_kind_as_today_names_it(cli, label, kind):
    cli.add("Cleo Close", "--circle", "close")
    assert cli.json("snooze", "Cleo", "--kind", label)["kind"] == kind


def test_a_custom_task_is_a_to_do_in_tasks_list_today_and_tasks_add(cli):
    task = cli.json("tasks", "add", "do a thing", "--kind", "to-do")
    assert task["kind"] == "custom"
    assert "to-do" in cli("tasks", "list").stdout
    assert "1. to-do — do a thing" in cli("today").stdout
    assert cli.json("tasks", "add", "another", "--kind", "To-Do")["kind"] == "custom"


def test_snooze_kinds_read_the_same_in_help_and_errors(cli):
    from netweave.cli.misc import SNOOZE_KINDS
    from netweave.services.agenda_snooze import SNOOZABLE

    assert SNOOZE_KINDS.replace(" or ", ", ").split(", ") == [
        k.replace("_", "-") for k in SNOOZABLE
    ]
    cli.add("Cleo Close")
    line = cli.error_line(cli("snooze", "Cleo", "--kind", "task"))
    assert SNOOZE_KINDS in line
    assert "check_in" not in line
    assert SNOOZE_KINDS in " ".join(cli("snooze", "--help").stdout.split())


def test_snooze_refuses_both_days_and_until(cli):
    cli.add("Cleo Close", "--circle", "close")
    task = cli.json("tasks", "add", "Call Cleo", "--person", "Cleo")
    for command in (("snooze", "Cleo"), ("tasks", "snooze", str(task["id"]))):
        both = cli(*command, "--days", "3", "--until", "2027-01-10")
        line = cli.error_line(both, code=2)
        assert "--days" in line
        assert "--until" in line
    assert cli.scalar("SELECT count(*) FROM agenda_snooze") == 0
    assert cli.scalar("SELECT count(*) FROM task WHERE snoozed_until IS NOT NULL") == 0
    # either one alone is fine, --days at its default too
    assert cli("snooze", "Cleo", "--until", "2027-01-10").exit_code == 0
    assert cli("tasks", "snooze", str(task["id"]), "--days", "1").exit_code == 0


def test_a_done_task_is_not_snoozed(sqlite_cli):
    cli = sqlite_cli
    task = cli.json("tasks", "add", "Send the deck")
    cli("tasks", "done", str(task["id"]))
    line = cli.error_line(cli("tasks", "snooze", str(task["id"]), "--days", "2"))
    assert line.endswith(f"task #{task['id']} is done already (on {cli.today}): nothing to snooze")
    assert cli.scalar("SELECT count(*) FROM task WHERE snoozed_until IS NOT NULL") == 0


def test_snoozing_a_task_says_whose_it_is(cli):
    cli.add("Cleo Close")
    with_cleo = cli.json("tasks", "add", "Call back", "--person", "Cleo")
    alone = cli.json("tasks", "add", "Send the deck")
    day = cli.today + dt.timedelta(days=2)
    out = cli("tasks", "snooze", str(with_cleo["id"]), "--until", str(day)).stdout
    assert out == f"Snoozed until {day}: Call back (with Cleo Close)\n"
    out = cli("tasks", "snooze", str(alone["id"]), "--days", "2").stdout
    assert out == f"Snoozed until {day}: Send the deck\n"


def test_a_task_done_twice_says_when_it_was_done(cli):
    task = cli.json("tasks", "add", "Send the deck")
    assert cli("tasks", "done", str(task["id"])).stdout.startswith("Done: Send the deck")
    again = cli("tasks", "done", str(task["id"]))
    assert again.exit_code == 0
    assert again.stdout.startswith("Already done on ")
    shown = cli.json("tasks", "done", str(task["id"]), "--json")
    assert (shown["id"], shown["done"], shown["already_done"]) == (task["id"], True, True)
    later = cli.json("tasks", "add", "Call back")
    snoozed = cli.json("tasks", "snooze", str(later["id"]), "--days", "3", "--json")
    assert (snoozed["id"], snoozed["done"]) == (later["id"], False)
    assert snoozed["snoozed_until"] is not None


def test_snoozing_a_check_in_not_yet_due_says_it_hides_nothing(cli):
    cli.add("Ada Lovelace", "--circle", "close")
    cli("log", "ada", "--kind", "coffee")
    out = cli("snooze", "ada", "--days", "7").stdout
    assert "anyway: nothing is hidden now" in out


def test_snoozing_what_today_shows_says_nothing_more_and_otherwise_says_so(cli):
    eve = cli.json("people", "add", "Eve Park", "--circle", "dormant")["id"]
    cli("log", "eve", "--on", cli.days_ago(270))
    cli("log", "eve", "--on", cli.days_ago(230))
    day = refresh_day(eve, cli.today)  # a day her refresh is offered on
    listed = cli.json("today", "--json", as_of=day)["items"]
    assert any(i["person"] == "Eve Park" and i["kind"] == "check_in" for i in listed)
    out = cli("snooze", "eve", as_of=day).stdout
    assert out.startswith("Snoozed until ")
    assert out.endswith("check-in for Eve Park\n")
    items = cli.json("today", "--json", as_of=day)["items"]
    assert not any(i["person"] == "Eve Park" for i in items)
    cli.add("Ivo Idle")
    idle = cli("snooze", "ivo", "--kind", "intro", as_of=day).stdout
    assert "none is on today's list for them" in idle
    twice = cli("snooze", "eve", as_of=day).stdout
    assert "(it was snoozed until " in twice
    assert "already)" in twice
    cli.add("Me Myself", "--me")
    assert "is you" in cli.error_line(cli("snooze", "me myself"))


def test_a_task_done_with_log_counts_as_a_contact(cli):
    cli.add("Cleo Close")
    thanks = cli.json("tasks", "add", "Thank Cleo", "--person", "Cleo", "--kind", "thank-you")
    done = cli("tasks", "done", str(thanks["id"]), "--log")
    assert done.stdout == "Done: Thank Cleo (logged as a message to Cleo Close)\n"
    (logged,) = cli.json("conversations", "list")
    assert (logged["kind"], logged["direction"], logged["people"]) == (
        "message",
        "out",
        ["Cleo Close"],
    )
    assert cli("tasks", "done", str(thanks["id"]), "--log").stdout == (
        "Already done: Thank Cleo (nothing logged)\n"
    )
    errand = cli.json("tasks", "add", "Send the deck")
    assert cli("tasks", "done", str(errand["id"]), "--log").stdout == (
        "Done: Send the deck (nothing logged: the task is about no one)\n"
    )
    assert len(cli.json("conversations", "list")) == 1


def test_today_reads_one_entry_per_person_and_the_rest_under_it(cli):
    cli.add("Bea Lin", "--circle", "close", "--birthday", f"--{cli.today:%m-%d}")
    cli.json("log", "Bea Lin", "--on", cli.days_ago(1), "--received", "advice")
    lines = cli("today").stdout.splitlines()
    bea = [n for n, line in enumerate(lines) if "Bea Lin" in line and line.strip()[0].isdigit()]
    assert len(bea) == 1
    assert lines[bea[0] + 1].startswith("      also give back — give back: you have received once")
    assert sorted(i["kind"] for i in cli.json("today")["items"]) == ["birthday", "give"]


def test_a_snoozed_check_in_is_counted_due_shown_snoozed_and_lifted(cli):
    for name in ("Cleo Close", "Dan Wu", "Eve Adams"):
        cli.add(name, "--circle", "close")
        cli.json("log", name, "--on", cli.days_ago(40))
    cli("snooze", "Dan Wu", "--days", "7")
    until = (cli.today + dt.timedelta(days=7)).isoformat()
    result = cli.json("today")
    # two check-ins listed; Dan's, snoozed, is one more due, as `people list --overdue`
    # lists the three
    assert [i["person"] for i in result["items"]] == ["Cleo Close", "Eve Adams"]
    assert result["more"]["check_ins"] == 1
    listed = cli.json("people", "list", "--overdue")
    assert len(listed) == 3
    assert {p["name"]: p["check_in_snoozed_until"] for p in listed}["Dan Wu"] == until
    assert f"(snoozed to {until})" in cli("people", "list", "--overdue").stdout
    assert cli.json("people", "show", "Dan Wu")["snoozed"] == {"check_in": until}
    shown = cli("people", "show", "Dan Wu").stdout
    assert f"Snoozed: check-in until {until}" in " ".join(shown.split())
    lifted = cli("snooze", "Dan Wu", "--off")
    assert lifted.stdout.strip() == (
        f"Snooze lifted: the check-in for Dan Wu is offered again from today (it was hidden "
        f"until {until})."
    )
    assert cli.json("people", "show", "Dan Wu")["snoozed"] == {}
    assert "Dan Wu" in [i["person"] for i in cli.json("today")["items"]]
    again = cli("snooze", "Dan Wu", "--off")
    assert again.stdout.strip() == "The check-in for Dan Wu was not snoozed: nothing changed."
    assert "leave out --until and --days" in cli("snooze", "Dan", "--off", "--days", "3").output


def test_tasks_add_help_lists_the_kinds_its_error_lists(cli):
    help_text = " ".join(cli("tasks", "add", "--help").stdout.split())
    said = "follow-up, update, check-in, thank-you, 3b7, campaign, congratulate, custom"
    assert said in help_text
    assert said in cli.error_line(cli("tasks", "add", "Call", "--kind", "bogus"))


def test_a_task_about_yourself_is_refused_as_log_refuses_it(cli):
    me = cli.add("Maya Lindqvist", "--me")["id"]
    line = cli.error_line(cli("tasks", "add", "Call myself", "--person", f"#{me}"))
    assert line.endswith("Maya Lindqvist is you: leave --person out for a task of your own")
    assert cli.scalar("SELECT count(*) FROM task") == 0
    assert cli("tasks", "add", "Call myself").exit_code == 0
