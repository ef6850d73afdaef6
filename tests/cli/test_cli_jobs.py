"""The job search from the command line: a search run over simulated weeks with --as-of."""

from __future__ import annotations

import datetime as dt

from factories import knows, member, past_job
from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.context import open_context

ONE = dt.timedelta(days=1)


def _with_ctx(cli, fn):
    """Write what no command of this branch writes (knows rows, past jobs, schools)."""
    ctx = open_context(Settings(database_url=cli.db_url), Clock(as_of=cli.today))
    try:
        fn(ctx)
    finally:
        ctx.close()


def _network(cli):
    cli.add("Ada Lovelace", "--company", "Analytical Engines", "--me")
    cli.add("Mei Chen", "--company", "Initrode", "--title", "Staff Engineer")
    cli.add("Bob Stone", "--company", "Globex")
    cli.add("Zoe Park", "--company", "Initrode")
    cli.add("Cy Young", "--company", "Hooli")
    for days in (120, 60, 20, 5):
        cli.json("log", "Bob Stone", "--kind", "coffee", "--on", cli.days_ago(days))
    cli.json("log", "Cy Young", "--kind", "call", "--on", cli.days_ago(10))

    def rest(ctx):
        past_job(ctx, "Bob Stone", "Hooli", dt.date(2019, 3, 1), None, current=False)
        past_job(ctx, "Mei Chen", "Hooli", dt.date(2019, 6, 1), None, current=False)
        knows(ctx, "Cy Young", "Zoe Park", context="climbing partners", since=dt.date(2020, 5, 1))
        member(ctx, "Zoe Park", "Stanford")

    _with_ctx(cli, rest)


def test_a_search_over_simulated_weeks(cli):
    _network(cli)
    week = [cli.today + dt.timedelta(days=7 * n) for n in range(5)]
    # Week 0: the LAMP list.
    cli.json("targets", "add", "Initrode", "--motivation", "3", "--posting", "2")
    cli.json("targets", "add", "Globex", "--motivation", "3", "--posting", "1")
    cli.json("targets", "add", "Umbrella", "--motivation", "2", "--posting", "3")
    ranked = cli.json("targets")
    assert [(t["org"], t["rank"]) for t in ranked] == [
        ("Initrode", 1),
        ("Globex", 2),
        ("Umbrella", 3),
    ]
    assert set(ranked[0]) >= {"org", "motivation", "posting", "advocates", "rank"}
    assert [a["name"] for a in ranked[1]["advocates"]] == ["Bob Stone"]
    table = cli("targets")
    assert "work these now" in table.stdout
    assert "+10 when one of them shares a school or community" in table.stdout
    assert "Initrode" in table.stdout
    # Paths into the top target, explained.
    paths = cli.json("paths", "Initrode")
    reasons = {(tuple(p["hops"]), p["target_person"]): p["reason"] for p in paths}
    assert reasons[(("Bob Stone",), "Mei Chen")].startswith(
        "Bob Stone worked with Mei Chen at Hooli since 2019"
    )
    assert reasons[(("Cy Young",), "Zoe Park")].startswith("Cy Young knows Zoe Park")
    assert paths[0]["score"] == max(p["score"] for p in paths)
    assert len({p["target_person"] for p in paths}) == len(paths)  # each person once
    shown = cli("paths", "Initrode", "--limit", "1").stdout
    assert f"… and {len(paths) - 1} more: --limit {len(paths)}" in shown
    assert "more:" not in cli("paths", "Initrode").stdout
    assert cli.json("paths", "Umbrella") == []
    assert "No way into Umbrella" in cli("paths", "Umbrella").stdout
    assert "No way into Umbrella yet" in cli("paths", "umbr").stdout  # as it is named
    # A referral lead, moved over the weeks.
    lead = cli.json(
        "leads", "add", "Initrode", "--role", "Data engineer", "--source", "referral",
        "--person", "Mei Chen:referrer", "--next", "Coffee with Mei", "--due", week[1].isoformat(),
    )  # fmt: skip
    lid = str(lead["id"])
    assert lead["hidden"] is True
    today_items = cli.json("today", as_of=week[1])["items"]
    (step,) = [i for i in today_items if i["kind"] == "lead"]
    assert (step["person"], step["lead_id"]) == ("Mei Chen", lead["id"])
    assert step["reason"].endswith("Coffee with Mei; referred by Mei Chen")
    moved = cli("leads", "move", lid, "networking", as_of=week[1])
    assert moved.stdout.splitlines()[1] == (
        "Its next step (Coffee with Mei) is cleared: set the next one with "
        f"`netweave leads next {lid} STEP --due YYYY-MM-DD`."
    )
    assert [i for i in cli.json("today", as_of=week[1])["items"] if i["kind"] == "lead"] == []
    cli.json("leads", "move", lid, "referral-requested", as_of=week[2])
    cli.json("leads", "move", lid, "interviewing", "--note", "first round", as_of=week[3])
    shown = cli.json("leads", "show", lid, as_of=week[4])
    assert [(h["to"], h["on"]) for h in shown["history"]] == [
        ("lead", week[0].isoformat()),
        ("networking", week[1].isoformat()),
        ("referral_requested", week[2].isoformat()),
        ("interviewing", week[3].isoformat()),
    ]
    assert shown["days_in_stage"] == 7
    cli.json("leads", "link", lid, "Zoe Park", "--role", "interviewer")
    # NAME:ROLE, as `leads add --person` takes it; two roles at once are refused
    linked = cli.json("leads", "link", lid, "cy young:recruiter")
    assert ("Cy Young", "recruiter") in {(p["name"], p["role"]) for p in linked["people"]}
    line = cli.error_line(cli("leads", "link", lid, "Bob Stone:referrer", "--role", "recruiter"))
    assert "two roles given" in line
    assert "Bob Stone" not in {p["name"] for p in cli.json("leads", "show", lid)["people"]}
    posted = cli.json("leads", "add", "Globex", "--role", "Analyst", "--source", "posting",
                      "--url", "https://globex.example/jobs/7", "--next", "apply")  # fmt: skip
    rejected = cli("leads", "move", str(posted["id"]), "rejected", as_of=week[2])
    assert rejected.stdout.splitlines() == [  # a closed lead takes no next step: none offered
        f"Lead #{posted['id']} (Globex) is now at rejected.",
        "Its next step (apply) is cleared: the lead is closed.",
    ]
    # The report's figures match.
    report = cli.json("report", as_of=week[4])
    funnel = {f["source"]: (f["leads"], f["interviews"], f["offers"]) for f in report["funnel"]}
    assert funnel["referral"] == (1, 1, 0)
    assert funnel["posting"] == (1, 0, 0)
    assert report["hidden"] == {"hidden": 1, "total": 2, "share": 0.5}
    stages = {s["stage"]: s["total_days"] for s in report["stage_times"]}
    assert stages == {"lead": 7 + 14, "networking": 7, "referral_requested": 7, "interviewing": 7}
    text = cli("report", as_of=week[4]).stdout
    assert "referral" in text
    assert "Hidden leads" in text
    assert "1 of 2 (50%)" in text
    referred = report["referred"]  # the referral lead; the posting was never referred
    assert (referred["leads"], referred["interviews"], referred["accepted"]) == (1, 1, 0)
    assert (
        "Referred, whatever the source (a referral asked for or given): 1 lead; 1 reached "
        "interviews, 0 an offer, 0 accepted."
    ) in text
    listing = cli("leads", "list", "--all").stdout
    assert "Data engineer" in listing
    assert "Analyst" in listing


def test_targets_order_is_configurable(cli):
    cli.add("Bob Stone", "--company", "Globex")
    cli.json("log", "Bob Stone", "--kind", "coffee", "--on", cli.days_ago(3))
    cli.json("targets", "add", "Initrode", "--motivation", "3")
    cli.json("targets", "add", "Globex", "--motivation", "1")
    assert [t["org"] for t in cli.json("targets")] == ["Initrode", "Globex"]
    assert cli("config", "set", "targets.order", "advocacy,motivation").exit_code == 0
    assert [t["org"] for t in cli.json("targets")] == ["Globex", "Initrode"]
    assert "targets.order" in cli.error_line(cli("config", "set", "targets.order", "salary"))
    cli.json("targets", "set", "Globex", "--posting", "3")
    assert "Removed Globex" in cli("targets", "remove", "Globex").stdout
    assert [t["org"] for t in cli.json("targets")] == ["Initrode"]


def test_a_tie_of_0_there_is_an_a_of_1_and_the_table_says_so(cli):
    cli.add("Vera Cardholder", "--company", "QA Widgets")
    cli.json("targets", "add", "QA Widgets", "--motivation", "1")
    [target] = cli.json("targets")
    assert ([a["strength"] for a in target["advocates"]], target["advocacy"]) == ([0], 1)
    text = " ".join(cli("targets").stdout.split())
    assert (
        "A: your strongest tie there, 0–100 (at least 1 when anyone you know works there, "
        "however weak the tie), +10 when one of them shares a school or community with you."
    ) in text


def test_errors_are_one_line(cli):
    line = cli.error_line(cli("targets", "add", "Initrode", "--motivation", "5"), 2)
    assert "5 is not from 0 to 3" in line
    assert "NAME:ROLE" in cli.error_line(cli("leads", "add", "X", "--role", "R", "--person", "Mei"))
    assert "no lead" in cli.error_line(cli("leads", "show", "42"))
    assert "Nowhere" in cli.error_line(cli("paths", "Nowhere"))
    assert "--due" in cli.error_line(cli("leads", "add", "X", "--role", "R", "--due", "soon"))
    script = cli("leads", "add", "X", "--role", "R", "--url", "javascript:alert(1)")
    assert "http:// or https://" in cli.error_line(script)
    assert cli.json("leads", "list") == []


def test_a_next_step_is_put_off_with_due_alone(cli):
    lead = str(cli.json("leads", "add", "Initrode", "--role", "DE")["id"])
    assert "has no next step to move" in cli.error_line(cli("leads", "next", lead, "--due",
                                                           cli.days_ago(-3)))  # fmt: skip
    assert "give the next step, or --due" in cli.error_line(cli("leads", "next", lead))
    cli.json("leads", "next", lead, "Apply online")
    moved = cli("leads", "next", lead, "--due", cli.days_ago(-3))
    assert moved.stdout == f"Lead #{lead}: next, Apply online (due {cli.days_ago(-3)}).\n"


def test_a_lead_is_edited_and_a_person_taken_off_it(cli):
    cli.add("Mei Chen", "--company", "Initrode")
    lead = str(
        cli.json("leads", "add", "Initrode", "--role", "DE", "--person", "Mei:referrer")["id"]
    )
    edited = cli("leads", "edit", lead, "--role", "Data engineer", "--url", "https://x.example/1")
    assert edited.stdout == f"Lead #{lead}: Data engineer at Initrode (other, public).\n"
    assert "nothing to change" in cli.error_line(cli("leads", "edit", lead))
    off = cli("leads", "unlink", lead, "Mei")
    assert off.stdout == f"Took Mei Chen off lead #{lead} (Initrode).\n"
    assert "not linked" in cli.error_line(cli("leads", "unlink", lead, "Mei"))
    assert cli("leads", "list", "--stage", "rejected").stdout == "No leads at rejected.\n"
    assert cli.json("leads", "show", lead)["people"] == []


def test_an_edit_keeps_a_hidden_flag_set_by_hand_and_says_one_the_rule_turns(cli):
    """A flag set against the rule (network with a posting, kept hidden; a referral made
    public) survives a new posting or source; one the rule gave is given again, and said."""
    kept = cli.json("leads", "add", "Acme3", "--role", "R", "--source", "network", "--hidden",
                    "--url", "https://a3.example/1")["id"]  # fmt: skip
    edited = cli("leads", "edit", str(kept), "--url", "https://a3.example/2")
    assert edited.stdout == f"Lead #{kept}: R at Acme3 (network, hidden).\n"
    public = cli.json("leads", "add", "Acme6", "--role", "R", "--source", "referral",
                      "--public")["id"]  # fmt: skip
    assert cli.json("leads", "edit", str(public), "--source", "network")["hidden"] is False
    ruled = cli.json("leads", "add", "Acme7", "--role", "R", "--source", "referral")["id"]
    turned = cli("leads", "edit", str(ruled), "--url", "https://a7.example/1")
    assert turned.stdout.splitlines() == [
        f"Lead #{ruled}: R at Acme7 (referral, public).",
        f"Lead #{ruled} is now public, as a lead with a posting is: give --hidden to keep it "
        "hidden.",
    ]
    back = cli("leads", "edit", str(ruled), "--url", "none", "--hidden")
    assert back.stdout == f"Lead #{ruled}: R at Acme7 (referral, hidden).\n"


def test_a_log_with_someone_a_lead_step_names_says_the_step_is_still_open(cli):
    cli.add("Benjamin Johnson", "--company", "Gridline")
    cli.add("Zoe Park", "--company", "Gridline")
    lead = cli.json("leads", "add", "Gridline", "--role", "Senior PM", "--source", "network",
                    "--person", "Benjamin Johnson:referrer", "--person", "Zoe Park:recruiter",
                    "--next", "coffee with Benjamin", "--due", cli.days_ago(2))["id"]  # fmt: skip
    logged = cli("log", "Benjamin Johnson", "--kind", "coffee")
    assert logged.stdout.splitlines()[1:] == [
        f"  Lead #{lead}'s next step names Benjamin Johnson and is still open: \"coffee with "
        f'Benjamin" (due {cli.days_ago(2)}). Move it on with a new next step (`netweave leads '
        f"next {lead} STEP --due DATE`) or a move (`netweave leads move {lead} STAGE`)."
    ]
    # someone else on the lead, or a note, says nothing of it
    assert cli.json("log", "Zoe Park", "--kind", "call")["lead_steps"] == []
    assert cli.json("log", "Benjamin Johnson", "--kind", "note", "--note", "x")["lead_steps"] == []
    cli("leads", "move", str(lead), "applied")
    assert cli.json("log", "Benjamin Johnson", "--kind", "coffee")["lead_steps"] == []


def test_a_day_in_a_stage_is_one_day(cli):
    lead = cli.json("leads", "add", "Initrode", "--role", "DE")
    tomorrow = cli.today + dt.timedelta(days=1)
    assert (
        "  Stage: lead for 1 day\n" in cli("leads", "show", str(lead["id"]), as_of=tomorrow).stdout
    )
    later = cli.today + dt.timedelta(days=2)
    assert "  Stage: lead for 2 days\n" in cli("leads", "show", str(lead["id"]), as_of=later).stdout


def test_prep_options_of_done_are_refused_without_it(sqlite_cli):
    cli = sqlite_cli
    cli.add("Mei Chen", "--company", "Initrode")
    for option, value in (("--notes", "learned a lot"), ("--kind", "coffee"), ("--update-in", "9")):
        line = cli.error_line(cli("prep", "Mei", option, value), code=2)
        assert f"{option} needs --done (it logs the conversation)" in line
    line = cli.error_line(cli("prep", "Mei", "--done", "--focus", "data teams"), code=2)
    assert "--focus is for the question sheet: leave it out with --done" in line
    assert cli.scalar("SELECT count(*) FROM interaction") == 0
    assert cli.scalar("SELECT count(*) FROM task") == 0


def test_prep_and_draft(cli, tmp_path):
    cli.add("Mei Chen", "--company", "Initrode", "--title", "Staff Engineer")
    sheet = cli("prep", "Mei")
    assert sheet.exit_code == 0
    for heading in ("Trends", "Insights", "Advice", "Resources", "Assignments"):
        assert heading in sheet.stdout
    assert "Initrode" in sheet.stdout
    done = cli.json("prep", "Mei", "--done", "--notes", "Read the SRE book")
    assert [t["kind"] for t in done["tasks"]] == ["thank_you", "update"]
    drafted = cli.json("draft", "Mei", "--ask", "advice", "--broad", "infrastructure",
                       "--narrow", "reliability work")  # fmt: skip
    assert drafted["broken"] == []
    assert drafted["text"].startswith("Hi Mei,")
    # printed, the message alone goes to standard output (`draft … > message.txt`)
    printed = cli("draft", "Mei", "--ask", "advice", "--broad", "infrastructure",
                  "--narrow", "reliability work")  # fmt: skip
    assert printed.stdout.strip() == drafted["text"].strip()
    assert f"({drafted['words']} words)" in printed.stderr
    assert "a job" in cli.error_line(cli("draft", "Mei", "--ask", "job"))
    assert cli.error_line(cli("draft", "Mei", "--ask", "bogus")).endswith(
        "unknown ask 'bogus'; a draft asks for: advice"
    )
    assert cli("draft", "Mei", "--ask", "Advice").exit_code == 0
    mine = tmp_path / "message.txt"
    mine.write_text(drafted["text"], encoding="utf-8")
    ok = cli("draft", "--check", str(mine))
    assert ok.exit_code == 0
    assert "all six rules" in ok.stdout
    mine.write_text("Hi Mei,\nAre you hiring? I would love a job at Initrode.\n", encoding="utf-8")
    bad = cli("draft", "--check", str(mine))
    assert bad.exit_code == 1
    assert "no_job_ask" in bad.stdout
    assert "connection_first" in bad.stdout
    assert "exit status 1" in " ".join(cli("draft", "--help").stdout.split())  # as it does
    assert "cannot read" in cli.error_line(cli("draft", "--check", str(tmp_path / "none.txt")))


def test_draft_name_check_checks_as_that_persons_draft(cli):
    cli.add("Lee Park", "--company", "Job Referral Network", "--title", "Hiring Manager")
    text = (
        "Hi Lee, Ana Gomez suggested I write. Your work as Hiring Manager at Job Referral "
        "Network is impressive. I'm exploring climate tech, especially grid storage. Would "
        "you share your advice on how you got there?"
    )
    assert cli("draft", "--check", "-", input=text).exit_code == 1  # no one named: job words
    ok = cli("draft", "Lee", "--check", "-", input=text)
    assert ok.exit_code == 0, ok.stdout
    assert "all six rules" in ok.stdout
    assert "no person matches 'Nobody Here'" in cli.error_line(
        cli("draft", "Nobody Here", "--check", "-", input=text)
    )
    pasted = cli.error_line(cli("draft", "Lee", "--check", text))
    assert pasted.startswith(f"netweave: error: cannot read {text[:40]!r}…: "), pasted


def test_a_draft_to_someone_whose_ask_is_open_says_so_and_is_the_follow_up(cli):
    """Asked for advice on a Monday, no reply: `draft` says the ask is open and drafts no
    new first message; from the follow-up's day (seven business days on), the follow-up."""
    sent, due = dt.date(2026, 6, 1), dt.date(2026, 6, 10)
    cli.add("Mina Li", "--company", "Hooli")
    cli("log", "Mina Li", "--kind", "message", "--direction", "out", "--ask", "advice",
        as_of=sent)  # fmt: skip
    early = cli("draft", "Mina Li", "--ask", "advice", "--broad", "product", as_of=sent + ONE)
    assert early.exit_code == 1
    assert early.stdout == ""
    assert early.stderr.strip() == (
        "You asked Mina Li for advice on 2026-06-01 and have no reply yet: that ask is still "
        "open. Wait for the answer rather than asking again; if none comes, send your one "
        "follow-up on 2026-06-10."
    )
    late = cli("draft", "Mina Li", as_of=due)
    assert late.exit_code == 0
    assert "Send your one follow-up today rather than asking again." in late.stderr
    assert late.stdout.startswith("Hi Mina,\n\nI wanted to follow up on my note of June 1")
    assert "I found you through" not in late.stdout
    drafted = cli.json("draft", "Mina Li", as_of=due)
    assert (drafted["follow_up"], drafted["broken"]) == (True, [])
    # a reply ends the wait: a draft is a first message again
    cli("log", "Mina Li", "--kind", "message", "--direction", "in", as_of=due)
    again = cli.json("draft", "Mina Li", as_of=due + ONE)
    assert (again["follow_up"], again["open_ask"]) == (False, None)


def test_an_ask_open_past_its_routine_is_followed_up_not_asked_again(cli):
    """Asked for advice on 2026-11-10 and never answered: weeks later, `draft` still says
    the open ask and drafts its follow-up, and a new ask for advice is recorded as that
    follow-up, not as a second open ask; once declined, a first message is drafted again."""
    cli.add("Quinn Vale")
    cli("log", "Quinn Vale", "--kind", "email", "--direction", "out", "--ask", "advice",
        as_of=dt.date(2026, 11, 10))  # fmt: skip
    late = dt.date(2026, 11, 27)
    drafted = cli("draft", "Quinn Vale", as_of=late)
    assert "You asked Quinn Vale for advice on 2026-11-10 and have no reply yet" in drafted.stderr
    assert "I found you through" not in drafted.stdout
    assert drafted.stdout.startswith("Hi Quinn,\n\nI wanted to follow up on my note")
    logged = cli.json("log", "Quinn Vale", "--kind", "email", "--direction", "out",
                      "--ask", "advice", as_of=late)  # fmt: skip
    assert [w["asked_on"] for w in logged["waiting"]] == ["2026-11-10"]
    assert "recorded as a follow-up to that ask" in logged["asked_again"][0]
    asks = cli.json("asks", "list", as_of=late)
    assert [a["on"] for a in asks] == ["2026-11-10"]
    cli("asks", "declined", str(asks[0]["id"]), as_of=late)
    fresh = cli.json("draft", "Quinn Vale", as_of=late)
    assert (fresh["follow_up"], fresh["open_ask"]) == (False, None)


def test_a_short_name_taken_for_a_new_employer_is_said(cli):
    cli.add("Mei Chen", "--company", "Initrode")
    added = cli("leads", "add", "init", "--role", "X", "--new-org").stdout.splitlines()
    assert added[1] == "init is a new organization; did you mean Initrode (#1)?"
    assert cli("targets", "add", "Globex").stdout.splitlines()[1] == (
        "Globex is a new organization."
    )
    assert len(cli("leads", "add", "Initrode", "--role", "Y").stdout.splitlines()) == 1


def test_a_lead_added_again_for_the_same_role_is_said(cli):
    first = cli.json("leads", "add", "Globex", "--role", "Analyst")
    twice = cli("leads", "add", "globex", "--role", "analyst").stdout.splitlines()
    assert twice[1] == (
        f"An open lead for the same role there is #{first['id']} already: if it is this one, "
        f"`netweave leads move {first['id'] + 1} withdrawn`."
    )
    assert "same role" not in cli("leads", "add", "Globex", "--role", "Engineer").stdout


def test_people_show_names_the_open_leads_a_person_is_on(cli):
    cli.add("Omar Haddad", "--company", "Ledgerly")
    cli.add("Dev Patel", "--company", "Ledgerly")
    lead = cli.json("leads", "add", "Ledgerly", "--role", "Senior PM", "--person",
                    "Omar Haddad:hiring-manager", "--person", "Dev Patel:referrer", "--next",
                    "Interview with Omar", "--due", cli.days_ago(-2))  # fmt: skip
    closed = cli.json("leads", "add", "Globex", "--role", "PM", "--person", "Omar:interviewer")
    cli.json("leads", "move", str(closed["id"]), "withdrawn")
    shown = cli.json("people", "show", "Omar Haddad")["leads"]
    assert shown == [
        {
            "lead_id": lead["id"],
            "title": "Senior PM",
            "org": "Ledgerly",
            "stage": "lead",
            "next_step": "Interview with Omar",
            "next_due": cli.days_ago(-2),
            "role": "hiring_manager",
        }
    ]
    text = cli("people", "show", "Omar Haddad").stdout
    assert (
        f"  Leads:\n    #{lead['id']} Senior PM at Ledgerly — hiring manager; stage: lead; "
        f"next step: Interview with Omar (due {cli.days_ago(-2)})\n"
    ) in text
    assert "Globex" not in text  # a closed lead is not shown
    assert cli.json("people", "show", "Dev Patel")["leads"][0]["role"] == "referrer"


def test_leads_list_with_none_open_points_at_the_closed_ones(cli):
    assert cli("leads", "list").stdout == (
        "No leads yet: `netweave leads add ORG --role ROLE --source referral`.\n"
    )
    lead = cli.json("leads", "add", "Initrode", "--role", "DE")
    cli.json("leads", "move", str(lead["id"]), "withdrawn")
    assert cli("leads", "list").stdout == (
        "No open leads; 1 closed one (see them, and how they ended, with `netweave leads list "
        "--all`). A new lead: `netweave leads add ORG --role ROLE --source referral`.\n"
    )
    assert "Initrode" in cli("leads", "list", "--all").stdout


def test_a_lead_is_named_by_its_employer_as_organizations_are(cli):
    cli.add("Mei Chen", "--company", "Gridline Analytics")
    cli.add("Bo Li", "--company", "Initrode Labs")
    cli.add("Cy Wu", "--company", "Initrode Works")
    grid = cli.json("leads", "add", "Gridline Analytics", "--role", "Senior PM")
    assert cli.json("leads", "show", "gridline")["id"] == grid["id"]
    assert cli.json("leads", "link", "Grid", "Mei:referrer")["people"][0]["name"] == "Mei Chen"
    # Two employers with open leads match: both are named, as for any organization.
    cli.json("leads", "add", "Initrode Labs", "--role", "DE")
    cli.json("leads", "add", "Initrode Works", "--role", "DE")
    line = cli.error_line(cli("leads", "show", "initrode"), 2)
    assert "Initrode Labs" in line
    assert "Initrode Works" in line
    # An employer that matches only among organizations with no lead is said so.
    cli.add("Dee Ray", "--company", "Hooli")
    assert "no lead at Hooli" in cli.error_line(cli("leads", "show", "hool"))
    assert "no employer of a lead is named so" in cli.error_line(cli("leads", "show", "zzz"))


def test_a_closed_lead_is_named_by_its_employer_when_it_is_the_one_there(cli):
    grid = cli.json("leads", "add", "Gridline Analytics", "--role", "Senior PM")
    cli.json("leads", "move", str(grid["id"]), "withdrawn")
    assert cli.json("leads", "show", "gridline")["id"] == grid["id"]
    boreal = cli.json("leads", "add", "Boreal Heat Pumps", "--role", "Analyst")
    cli.json("leads", "move", "boreal", "offer")
    cli.json("leads", "move", "boreal", "accepted")
    # The acceptance taken back by the employer's name.
    assert cli.json("leads", "move", "boreal", "offer")["stage"] == "offer"
    assert cli.json("leads", "show", str(boreal["id"]))["stage"] == "offer"
    # Two closed leads at one employer: both are listed, with their stage.
    cli.json("leads", "add", "Gridline Analytics", "--role", "Data Lead")
    cli.json("leads", "move", "gridline", "rejected")
    line = cli.error_line(cli("leads", "show", "gridline"), 2)
    assert f"#{grid['id']} Senior PM (withdrawn)" in line
    assert "Data Lead (rejected)" in line
    # An organization with no lead is never a candidate.
    cli.add("Hal Eno", "--company", "Helio Heat")
    helio = cli.json("leads", "add", "Helio Storage", "--role", "PM")
    cli.json("leads", "move", str(helio["id"]), "withdrawn")
    assert cli.json("leads", "show", "helio")["id"] == helio["id"]


def test_one_person_given_twice_in_one_role_is_linked_once(cli):
    """``--person A:referrer --person A:referrer``: one link, as ``log A A`` logs one
    conversation with A (not a refusal naming a lead that was never saved)."""
    cli.add("Adi Levi")
    both = ("--person", "Adi Levi:referrer", "--person", "Adi:referrer")
    lead = cli.json("leads", "add", "Acme", "-r", "PM", *both)
    assert [(p["name"], p["role"]) for p in lead["people"]] == [("Adi Levi", "referrer")]
    # two roles stay two links
    other = cli.json("leads", "add", "Acme", "-r", "CTO", "--person", "Adi Levi:referrer",
                     "--person", "Adi Levi:advocate")  # fmt: skip
    assert sorted(p["role"] for p in other["people"]) == ["advocate", "referrer"]


def test_an_employer_typed_finds_the_one_here_and_a_near_one_is_refused(cli):
    cli.add("Dana Smith", "--company", "Acme Inc.")
    cli.add("Ann Berg", "--company", "Globex")
    assert cli.json("leads", "add", "ACME Corp", "-r", "Engineer")["org"] == "Acme Inc."
    assert cli("targets", "add", "Globex GmbH").stdout.splitlines() == [
        "Added Globex: rank 1, 1 advocate."
    ]
    near = cli("targets", "add", "Globx")
    assert cli.error_line(near) == (
        "netweave: error: no organization is named 'Globx' (nearly: Globex #2): to mean it, "
        "give its name as written or its #id; for a new organization of that name, add "
        "--new-org; nothing was changed"
    )
    assert cli.error_line(cli("leads", "add", "Acmee", "-r", "Analyst"))
    assert [o["name"] for o in cli.json("orgs", "list")] == ["Acme Inc.", "Globex"]
    assert len(cli.json("leads", "list")) == 1
    made = cli("targets", "add", "Globx", "--new-org")
    assert made.stdout.splitlines()[0] == "Added Globx: rank 2, 0 advocates."
    moved = cli.json("leads", "edit", "1", "--org", "Acmee", "--new-org")
    assert moved["org"] == "Acmee"
    for command in (("leads", "add"), ("leads", "edit"), ("targets", "add")):
        helped = " ".join(cli(*command, "--help").stdout.split())
        assert "--new-org" in helped, command
