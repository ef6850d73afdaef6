"""The job search on both backends: targets, leads, warm paths, prep, drafts and the report."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select, update

from factories import knows, member, past_job, person, talk
from netweave.clock import Clock
from netweave.errors import Ambiguous, Conflict, InvalidInput, NotFound
from netweave.services.agenda import agenda
from netweave.services.context import Context
from netweave.services.leads import (
    add_lead,
    edit_lead,
    link_person,
    list_leads,
    move_lead,
    set_next_step,
    show_lead,
    unlink_person,
)
from netweave.services.outreach import check_message, draft_message, prep_done, prep_sheet
from netweave.services.paths import warm_paths
from netweave.services.report import job_report
from netweave.services.targets import add_target, list_targets, remove_target, set_target
from netweave.services.tasks import list_tasks
from netweave.store.models import Lead, LeadPerson, Person

D = dt.date


def network(ctx: Context) -> None:
    """Ada (the user, Stanford) and the people around Initrode."""
    person(ctx, "Ada Lovelace", is_me=True)
    member(ctx, "Ada Lovelace", "Stanford", years=(2010, 2014))
    person(ctx, "Mei Chen", company="Initrode", title="Staff Engineer")
    person(ctx, "Bob Stone", company="Globex")
    person(ctx, "Zoe Park", company="Initrode", title="Data Scientist")
    person(ctx, "Cy Young", company="Hooli")
    person(ctx, "Dee Ray", company="Initrode", title="Designer")
    member(ctx, "Dee Ray", "Stanford", years=(2011, 2015))
    for day in (D(2026, 1, 10), D(2026, 3, 2), D(2026, 5, 20), D(2026, 6, 10)):
        talk(ctx, "Bob Stone", on=day, kind="coffee")
    talk(ctx, "Mei Chen", on=D(2026, 2, 1), kind="email")
    talk(ctx, "Cy Young", on=D(2026, 6, 1), kind="call")
    past_job(ctx, "Bob Stone", "Hooli", D(2018, 3, 1), D(2021, 6, 30))
    past_job(ctx, "Mei Chen", "Hooli", D(2019, 1, 15), D(2022, 2, 1))
    knows(ctx, "Cy Young", "Zoe Park", context="climbing partners", since=D(2020, 5, 1))


def test_targets_rank_by_motivation_posting_then_advocacy(ctx: Context) -> None:
    network(ctx)
    add_target(ctx, "Globex", motivation=3, posting=1)
    first = add_target(ctx, "Initrode", motivation=3, posting=2, notes="payments team")
    assert first["rank"] == 1
    add_target(ctx, "Umbrella", motivation=2, posting=3)  # a new organization
    add_target(ctx, "Hooli", motivation=3, posting=1)
    ranked = list_targets(ctx)
    assert [t["org"] for t in ranked] == ["Initrode", "Globex", "Hooli", "Umbrella"]
    assert [t["rank"] for t in ranked] == [1, 2, 3, 4]
    initrode = ranked[0]
    assert {a["name"] for a in initrode["advocates"]} == {"Mei Chen", "Zoe Park", "Dee Ray"}
    dee = next(a for a in initrode["advocates"] if a["name"] == "Dee Ray")
    assert "Stanford" in dee["why"]
    assert initrode["advocacy"] == max(a["strength"] for a in initrode["advocates"]) + 10
    assert ranked[3]["advocates"] == []
    assert ranked[3]["advocacy"] == 0
    # Globex (Bob, a strong tie) outranks Hooli (Cy, weaker) on advocacy alone.
    assert ranked[1]["advocacy"] > ranked[2]["advocacy"]
    assert all(t["work_now"] for t in ranked)
    set_target(ctx, "Umbrella", motivation=3, posting=3)
    assert list_targets(ctx)[0]["org"] == "Umbrella"
    assert remove_target(ctx, "hooli") == "Hooli"
    assert len(list_targets(ctx)) == 3


def test_target_errors(ctx: Context) -> None:
    add_target(ctx, "Initrode")
    with pytest.raises(Conflict, match="already a target"):
        add_target(ctx, "initrode")
    with pytest.raises(InvalidInput, match="0 to 3"):
        add_target(ctx, "Globex", motivation=4)
    with pytest.raises(InvalidInput, match="1 to 3"):
        add_target(ctx, "Globex", posting=0)
    with pytest.raises(NotFound):
        set_target(ctx, "Nowhere Inc", motivation=1)
    for i in range(7):
        add_target(ctx, f"Org {i}", motivation=i % 4)
    assert sum(t["work_now"] for t in list_targets(ctx)) == 5


def test_paths_are_ranked_and_explained(ctx: Context) -> None:
    network(ctx)
    person(ctx, "Ivy Lin", company="Initrode")  # in the network, never talked with
    past_job(ctx, "Ivy Lin", "Hooli", D(2019, 1, 15), D(2022, 2, 1))
    found = warm_paths(ctx, "initrode")
    assert found, "Initrode has ways in"
    assert [p["score"] for p in found] == sorted((p["score"] for p in found), reverse=True)
    by_target = {(tuple(p["hops"]), p["target_person"]): p for p in found}
    bob = by_target[(("Bob Stone",), "Ivy Lin")]
    assert bob["reason"].startswith("Bob Stone worked with Ivy Lin at Hooli 2019–2021")
    cy = by_target[(("Cy Young",), "Zoe Park")]
    assert cy["reason"].startswith("Cy Young knows Zoe Park (climbing partners) since 2020")
    direct = by_target[((), "Dee Ray")]
    assert "works at Initrode now as a Designer" in direct["reason"]  # the title as typed
    assert direct["degree"] == 1
    assert bob["degree"] == 2
    # Bob is a strong tie: the way to Ivy through him beats writing to her cold, and Ivy
    # is listed once, by that way in; Mei, whom the user has emailed, by that tie.
    assert [p["hops"] for p in found if p["target_person"] == "Ivy Lin"] == [["Bob Stone"]]
    assert [p["hops"] for p in found if p["target_person"] == "Mei Chen"] == [[]]
    assert set(found[0]) >= {"score", "hops", "target_person", "reason"}
    assert all("Ada Lovelace" not in (*p["hops"], p["target_person"]) for p in found)
    assert len(warm_paths(ctx, "initrode", limit=2)) == 2


def test_someone_the_user_has_talked_with_is_listed_by_that_tie(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", is_me=True)
    person(ctx, "Dev Patel", company="Ledgerly")
    person(ctx, "Lena Fischer", company="Ledgerly")  # with Dev, dates unknown: a guess
    person(ctx, "Max Roe", company="Ledgerly")  # in the network only
    for month in (1, 2, 3, 4, 5):
        talk(ctx, "Dev Patel", on=D(2026, month, 1), kind="coffee")
    talk(ctx, "Lena Fischer", on=D(2023, 5, 1), kind="coffee")
    talk(ctx, "Lena Fischer", on=D(2024, 2, 1), kind="email")
    found = {p["target_person"]: p for p in warm_paths(ctx, "Ledgerly")}
    # the guessed colleague link through Dev does not stand in for coffee with Lena
    assert found["Lena Fischer"]["hops"] == []
    assert found["Lena Fischer"]["reason"].startswith("You know Lena Fischer, who works at")
    # nor does a confirmed one, or an unanswered message make a stranger someone talked with
    knows(ctx, "Dev Patel", "Lena Fischer", context="same team")
    talk(ctx, "Max Roe", on=D(2024, 6, 1), kind="message", direction="out")
    found = {p["target_person"]: p for p in warm_paths(ctx, "Ledgerly")}
    assert found["Lena Fischer"]["hops"] == []
    assert found["Max Roe"]["hops"] == ["Dev Patel"]


def test_colleagues_of_unknown_dates_work_there_now_or_worked_there(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", is_me=True)
    person(ctx, "Mei Chen", company="Initrode")  # dates unknown, and no tie to the user yet
    person(ctx, "Lee Vale", company="Initrode")  # with Mei now, dates unknown
    talk(ctx, "Lee Vale", on=D(2026, 6, 1), kind="coffee")
    person(ctx, "Kim Lo", company="Umbrella")
    person(ctx, "Cy Young")
    past_job(ctx, "Cy Young", "Umbrella", None, None)  # there once, dates unknown
    talk(ctx, "Cy Young", on=D(2026, 6, 1), kind="call")
    reasons = [p["reason"] for p in warm_paths(ctx, "initrode", limit=50)]
    assert any(r.startswith("Lee Vale and Mei Chen both work at Initrode") for r in reasons)
    reasons = [p["reason"] for p in warm_paths(ctx, "umbrella", limit=50)]
    assert any(r.startswith("Cy Young and Kim Lo both worked at Umbrella") for r in reasons)
    person(ctx, "Ann Hale")
    talk(ctx, "Ann Hale", on=D(2026, 6, 2), kind="call")
    past_job(ctx, "Ann Hale", "Globex", D(2021, 3, 1), None, current=True)
    person(ctx, "Tom Ek")
    past_job(ctx, "Tom Ek", "Globex", D(2022, 5, 1), None, current=True)
    reasons = [p["reason"] for p in warm_paths(ctx, "globex", limit=50)]
    both_there = "Ann Hale has worked with Tom Ek at Globex since 2022"
    assert any(r.startswith(both_there) for r in reasons)


def test_an_org_with_no_way_in_gives_an_empty_list(ctx: Context) -> None:
    network(ctx)
    add_target(ctx, "Umbrella")
    assert warm_paths(ctx, "Umbrella") == []
    with pytest.raises(NotFound):
        warm_paths(ctx, "Nonexistent Corp")


def test_leads_move_through_stages_with_history(ctx: Context) -> None:
    network(ctx)
    lead = add_lead(
        ctx,
        "Initrode",
        "Data engineer",
        source="referral",
        people=[("Mei Chen", "referrer")],
        next_step="Ask Mei about the team",
        due=D(2026, 6, 17),
    )
    assert (lead["stage"], lead["hidden"], lead["source"]) == ("lead", True, "referral")
    assert lead["people"] == [
        {"id": lead["people"][0]["id"], "name": "Mei Chen", "role": "referrer", "now_at": None}
    ]
    posted = add_lead(
        ctx, "Globex", "Analyst", source="posting", url="https://globex.example/jobs/1"
    )
    assert posted["hidden"] is False
    ctx.clock = Clock(as_of=D(2026, 6, 22))
    move_lead(ctx, str(lead["id"]), "applied", note="via Mei")
    ctx.clock = Clock(as_of=D(2026, 7, 1))
    moved = move_lead(ctx, "Initrode", "interviewing", next_step="Prepare", due=D(2026, 7, 3))
    assert [(h["from"], h["to"], h["on"]) for h in moved["history"]] == [
        (None, "lead", "2026-06-15"),
        ("lead", "applied", "2026-06-22"),
        ("applied", "interviewing", "2026-07-01"),
    ]
    assert moved["history"][1]["note"] == "via Mei"
    assert (moved["next_step"], moved["next_due"]) == ("Prepare", "2026-07-03")
    link_person(ctx, "#" + str(lead["id"]), "Zoe Park", "interviewer")
    shown = show_lead(ctx, str(lead["id"]))
    assert [p["role"] for p in shown["people"]] == ["referrer", "interviewer"]
    assert shown["days_in_stage"] == 0
    with pytest.raises(Conflict):
        link_person(ctx, str(lead["id"]), "Zoe Park", "interviewer")
    with pytest.raises(InvalidInput, match="already at"):
        move_lead(ctx, str(lead["id"]), "interviewing")
    with pytest.raises(InvalidInput, match="unknown stage"):
        move_lead(ctx, str(lead["id"]), "hired")
    closed = move_lead(ctx, str(posted["id"]), "withdrawn")
    assert closed["next_step"] is None
    assert [v["id"] for v in list_leads(ctx)] == [lead["id"]]
    assert len(list_leads(ctx, include_closed=True)) == 2
    assert [v["id"] for v in list_leads(ctx, stage="withdrawn")] == [posted["id"]]


def test_lead_reference_errors(ctx: Context) -> None:
    add_lead(ctx, "Initrode", "A")
    add_lead(ctx, "Initrode", "B")
    with pytest.raises(Ambiguous):
        show_lead(ctx, "Initrode")
    with pytest.raises(NotFound):
        show_lead(ctx, "99")
    with pytest.raises(InvalidInput, match="role"):
        add_lead(ctx, "Initrode", "  ")
    with pytest.raises(InvalidInput, match="lead source"):
        add_lead(ctx, "Initrode", "C", source="magic")


def test_a_due_next_step_shows_in_today(ctx: Context) -> None:
    add_lead(ctx, "Initrode", "Data engineer", next_step="Email Mei", due=D(2026, 6, 13))
    add_lead(ctx, "Globex", "Analyst", next_step="Later", due=D(2026, 6, 30))
    items = [i for i in agenda(ctx)["items"] if i["kind"] == "lead"]
    assert len(items) == 1
    assert "Email Mei" in items[0]["reason"]
    assert "due 2 days ago" in items[0]["reason"]
    assert items[0]["due"] == "2026-06-13"


def test_a_lead_step_in_today_names_the_person_it_goes_through(ctx: Context) -> None:
    from netweave.services.people import PersonChanges, edit_person

    network(ctx)
    edit_person(ctx, "Mei Chen", PersonChanges(circle="close"))
    # Mei is overdue for a check-in (last talked in February): the lead step replaces it.
    assert any(i["person"] == "Mei Chen" and i["kind"] == "check_in" for i in agenda(ctx)["items"])
    referred = add_lead(ctx, "Initrode", "Data engineer", next_step="Coffee with Mei",
                        due=D(2026, 6, 13), people=[("Zoe Park", "interviewer"),
                                                    ("Mei Chen", "referrer")])  # fmt: skip
    interview = add_lead(ctx, "Globex", "Analyst", next_step="Prepare", due=D(2026, 6, 15),
                         people=[("Bob Stone", "hiring_manager")])  # fmt: skip
    alone = add_lead(ctx, "Hooli", "SRE", next_step="Apply", due=D(2026, 6, 14))
    mine = add_lead(ctx, "Umbrella", "PM", next_step="Write")
    with ctx.db.transaction() as session:  # the user linked by an earlier version
        me = session.scalar(select(Person.id).where(Person.is_me.is_(True)))
        for lead_id, role in ((referred["id"], "advocate"), (interview["id"], "referrer"),
                              (mine["id"], "referrer")):  # fmt: skip
            session.add(LeadPerson(lead_id=lead_id, person_id=me, role=role))
    items = {i["lead_id"]: i for i in agenda(ctx)["items"] if i["kind"] == "lead"}
    assert len(items) == 4  # one item per lead, however many people it has
    shown = {lid: (i["person"], i["person_id"]) for lid, i in items.items()}
    ids = {v["name"]: v["id"] for v in show_lead(ctx, str(referred["id"]))["people"]}
    assert shown == {
        referred["id"]: ("Mei Chen", ids["Mei Chen"]),  # the referrer, before others
        interview["id"]: ("Bob Stone", show_lead(ctx, str(interview["id"]))["people"][0]["id"]),
        alone["id"]: (None, None),
        mine["id"]: (None, None),  # the user is never the person to contact
    }
    assert items[referred["id"]]["reason"] == (
        f"lead #{referred['id']}, Data engineer at Initrode (lead): Coffee with Mei "
        "(due 2 days ago); referrer (not asked yet): Mei Chen"  # no referral asked yet
    )
    assert items[interview["id"]]["reason"].endswith(": Prepare; hiring manager: Bob Stone")
    assert items[alone["id"]]["reason"].endswith(": Apply (due 1 day ago)")
    assert not any(i["person"] == "Mei Chen" and i["kind"] != "lead" for i in agenda(ctx)["items"])


def test_done_on_a_lead_step_clears_the_step_and_nothing_else(ctx: Context) -> None:
    """The step may be anything (preparing a panel): no conversation is made up with the
    people on the lead, none of their tasks is closed, their cadence stays as it was."""
    from netweave.services.leads import step_done
    from netweave.services.people import show_person
    from netweave.services.tasks import list_tasks

    network(ctx)
    prep_done(ctx, "Mei Chen", kind="coffee", update_in_days=3)
    lead = add_lead(ctx, "Initrode", "Data engineer", next_step="Prepare the panel with Zoe",
                    due=D(2026, 6, 13), people=[("Mei Chen", "referrer"),
                                                ("Zoe Park", "hiring_manager")])  # fmt: skip
    before = {n: show_person(ctx, n) for n in ("Mei Chen", "Zoe Park")}
    open_tasks = [t["title"] for t in list_tasks(ctx)]
    assert len(open_tasks) == 2  # the thank-you and the update
    done = step_done(ctx, f"#{lead['id']}")
    assert (done["next_step"], done["next_due"]) == (None, None)
    for name, was in before.items():
        now = show_person(ctx, name)
        assert now["interactions"] == was["interactions"]
        assert (now["last_interaction"], now["next_due"]) == (
            was["last_interaction"],
            was["next_due"],
        )
    assert [t["title"] for t in list_tasks(ctx)] == open_tasks
    assert not [i for i in agenda(ctx)["items"] if i["kind"] == "lead"]
    with pytest.raises(InvalidInput, match="no next step"):
        step_done(ctx, f"#{lead['id']}")


def test_a_prep_sheet_for_someone_self_employed_asks_of_their_line_of_work(
    ctx: Context,
) -> None:
    person(ctx, "Zoe New", company="Self-employed", title="Data consultant")
    person(ctx, "Nora Known")  # no work recorded: her organization is asked about
    questions = [q for s in prep_sheet(ctx, "Zoe New")["sections"] for q in s["questions"]]
    assert "What is changing in your line of work that an outsider would not see yet?" in (
        questions
    )
    assert "What do the people who do well in your line of work have in common?" in questions
    assert not any("organization" in q or "Self-employed" in q for q in questions)
    unknown = [q for s in prep_sheet(ctx, "Nora Known")["sections"] for q in s["questions"]]
    assert "What do the people who do well at your organization have in common?" in unknown


def test_a_prep_sheet_asks_of_a_professional_interest_in_their_work_not_a_social_one(
    ctx: Context,
) -> None:
    person(ctx, "Chloe Girard", interests=["social:wine tasting"])
    person(ctx, "Omar Haddad", interests=["social:chess", "professional:grid storage"])
    chloe = [q for s in prep_sheet(ctx, "Chloe Girard")["sections"] for q in s["questions"]]
    assert not any("wine tasting" in q for q in chloe)
    omar = [q for s in prep_sheet(ctx, "Omar Haddad")["sections"] for q in s["questions"]]
    assert "How does your interest in grid storage show up in your work?" in omar
    assert not any("chess" in q for q in omar)


def test_prep_sheet_and_what_follows_the_conversation(ctx: Context) -> None:
    network(ctx)
    sheet = prep_sheet(ctx, "Dee Ray")
    assert [s["key"] for s in sheet["sections"]] == [
        "trends",
        "insights",
        "advice",
        "resources",
        "assignments",
    ]
    assert "Stanford" in sheet["opening"]
    assert any("Initrode" in q for s in sheet["sections"] for q in s["questions"])
    done = prep_done(ctx, "Dee Ray", notes="Talk to the platform team", update_in_days=21)
    assert [(t["kind"], t["due"]) for t in done["tasks"]] == [
        ("thank_you", "2026-06-15"),
        ("update", "2026-07-06"),
    ]
    assert done["interaction"]["summary"] == "Talk to the platform team"
    kinds = {i["kind"] for i in agenda(ctx)["items"] if i["person"] == "Dee Ray"}
    assert "thank_you" in kinds
    with pytest.raises(Conflict, match="logged as done today already"):
        prep_done(ctx, "Dee Ray", notes="again")  # twice by mistake: no second plan
    assert [t["kind"] for t in list_tasks(ctx) if "Dee" in t["title"]] == ["thank_you", "update"]
    earlier = dataclasses.replace(ctx, clock=Clock(as_of=D(2026, 6, 1)))
    assert prep_done(earlier, "Dee Ray", notes="an earlier talk")["tasks"]  # another day
    ctx.clock = Clock(as_of=D(2026, 7, 6))
    later = [i["reason"] for i in agenda(ctx)["items"] if i["person"] == "Dee Ray"]
    assert any("what you did with their advice" in r for r in later)


def test_the_thank_you_is_planned_on_the_programs_day_and_said_that_day(ctx: Context) -> None:
    """Under a moved "today" (--as-of) the thank-you is planned on that day, so the note
    sent the same day carries it out (not only from the computer's date on)."""
    network(ctx)
    prep_done(ctx, "Dee Ray")
    sent = talk(ctx, "Dee Ray", kind="email", direction="out")["interaction"]
    assert sent["tasks_done"] == ["Thank Dee Ray for the conversation (within 24 hours)"]
    assert all(i["kind"] != "thank_you" for i in agenda(ctx)["items"])


def test_the_thank_you_does_not_carry_out_the_update_planned_after_it(ctx: Context) -> None:
    """An informational conversation answers the ask for advice that led to it; the note
    of thanks the next day closes the thank-you, not the update (even one due in 3 days)."""
    from netweave.services.asks import list_asks

    network(ctx)
    talk(ctx, "Dee Ray", on=D(2026, 6, 1), kind="email", direction="out", asked=["advice"])
    done = prep_done(ctx, "Dee Ray", kind="coffee", update_in_days=3)
    assert list_asks(ctx, "Dee Ray") == []
    assert len(done["asks_fulfilled"]) == 1
    tomorrow = Clock(as_of=D(2026, 6, 16))
    ctx.clock = tomorrow
    sent = talk(ctx, "Dee Ray", kind="email", direction="out")["interaction"]
    assert sent["tasks_done"] == ["Thank Dee Ray for the conversation (within 24 hours)"]
    ctx.clock = Clock(as_of=D(2026, 6, 18))
    due = [(i["kind"], i["reason"]) for i in agenda(ctx)["items"] if i["person"] == "Dee Ray"]
    assert ("update", "Update Dee on what you did with their advice") in due
    # a message to her once the update is due is the update
    ctx.clock = Clock(as_of=D(2026, 6, 19))
    sent = talk(ctx, "Dee Ray", kind="email", direction="out")["interaction"]
    assert sent["tasks_done"] == ["Update Dee on what you did with their advice"]
    assert not [i for i in agenda(ctx)["items"] if i["kind"] == "update"]


def test_drafts_follow_the_rules_and_checks_name_the_broken_ones(ctx: Context) -> None:
    network(ctx)
    result = draft_message(ctx, "Dee Ray", broad="product design", narrow="design systems")
    assert result["broken"] == []
    assert result["words"] < 75
    assert "Stanford" in result["text"].splitlines()[2]
    assert "product design, especially design systems" in result["text"]
    with pytest.raises(InvalidInput, match="never asks"):
        draft_message(ctx, "Dee Ray", ask="job")
    # someone you have talked with is no stranger: the latest conversation opens it
    talk(ctx, "Dee Ray", on=D(2026, 5, 20), kind="coffee")
    talk(ctx, "Dee Ray", on=D(2026, 5, 28), kind="note", note="read her post")
    again = draft_message(ctx, "Dee Ray")
    assert again["text"].splitlines()[2] == "Thanks again for our coffee in May 2026."
    assert again["broken"] == []
    assert prep_sheet(ctx, "Dee Ray")["opening"].endswith("mention your coffee in May 2026.")
    # a conversation of today, of yesterday, or of this month is said so
    for day, said in (
        (D(2026, 6, 2), "earlier this month"),
        (D(2026, 6, 14), "yesterday"),
        (D(2026, 6, 15), "today"),
    ):
        talk(ctx, "Dee Ray", on=day, kind="video")
        line = draft_message(ctx, "Dee Ray")["text"].splitlines()[2]
        assert line == f"Thanks again for our video call {said}."
    checked = check_message("Hello. Do you have a job for me?")
    assert not checked["ok"]
    assert {b["rule"] for b in checked["broken"]} >= {"connection_first", "no_job_ask"}


def test_report_figures_match_the_leads(ctx: Context) -> None:
    network(ctx)
    ids = {}
    for name, source, url in [
        ("r1", "referral", None),
        ("r2", "referral", None),
        ("n1", "network", None),
        ("p1", "posting", "https://x.example/1"),
        ("p2", "posting", "https://x.example/2"),
        ("c1", "recruiter", None),
    ]:
        ids[name] = str(add_lead(ctx, "Initrode", name, source=source, url=url)["id"])
    ctx.clock = Clock(as_of=D(2026, 6, 25))
    for name in ("r1", "r2", "p1"):
        move_lead(ctx, ids[name], "interviewing")
    move_lead(ctx, ids["p2"], "rejected")
    ctx.clock = Clock(as_of=D(2026, 7, 5))
    move_lead(ctx, ids["r1"], "offer")
    talk(ctx, "Cy Young", on=D(2026, 6, 20), direction="out", kind="email", asked=["advice"])
    talk(ctx, "Cy Young", on=D(2026, 6, 22), direction="in", kind="email")
    talk(ctx, "Zoe Park", on=D(2026, 6, 1), direction="out", kind="email", asked=["advice"])
    report = job_report(ctx)
    funnel = {f["source"]: (f["leads"], f["interviews"], f["offers"]) for f in report["funnel"]}
    assert funnel == {
        "referral": (2, 2, 1),
        "network": (1, 0, 0),
        "recruiter": (1, 0, 0),
        "posting": (2, 1, 0),
        "other": (0, 0, 0),
    }
    assert report["hidden"] == {"hidden": 3, "total": 6, "share": 0.5}
    replies = report["replies"]
    assert (replies["outreaches"], replies["replied"], replies["reply_rate"]) == (2, 1, 0.5)
    assert replies["classes"] == {"booster": 1, "obligate": 0, "curmudgeon": 1, "pending": 0}
    stages = {s["stage"]: s for s in report["stage_times"]}
    # Every lead spent 10 days in "lead"; r2 and p1 have been interviewing for 10 days,
    # r1 for 10 until its offer.
    assert (stages["lead"]["stays"], stages["lead"]["mean_days"]) == (6, 13.3)
    assert stages["interviewing"]["total_days"] == 30
    assert stages["offer"]["total_days"] == 0
    assert "rejected" not in stages


def test_next_steps_are_set_moved_and_cleared(ctx: Context) -> None:
    from netweave.services.leads import set_next_step

    lead = str(add_lead(ctx, "Initrode", "Analyst")["id"])
    with pytest.raises(InvalidInput, match="has no next step to move"):
        set_next_step(ctx, lead, None, D(2026, 6, 20))
    view = set_next_step(ctx, lead, "Write to Mei", None)
    assert (view["next_step"], view["next_due"]) == ("Write to Mei", "2026-06-15")
    view = set_next_step(ctx, lead, None, D(2026, 6, 20))
    assert (view["next_step"], view["next_due"]) == ("Write to Mei", "2026-06-20")
    assert not [i for i in agenda(ctx)["items"] if i["kind"] == "lead"]
    view = set_next_step(ctx, lead, "", None)
    assert (view["next_step"], view["next_due"]) == (None, None)


def test_a_posting_url_is_an_http_address(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match="http:// or https://"):
        add_lead(ctx, "Initrode", "Analyst", url="javascript:alert(1)")
    assert list_leads(ctx) == []
    lead = add_lead(ctx, "Initrode", "Analyst", url=" https://initrode.example/jobs/1 ")
    assert lead["posting_url"] == "https://initrode.example/jobs/1"
    assert add_lead(ctx, "Initrode", "Engineer", url="  ")["posting_url"] is None


def test_a_referral_asked_for_is_not_yet_a_referral_given(ctx: Context) -> None:
    person(ctx, "Mei Chen", company="Initrode")
    lead = add_lead(ctx, "Initrode", "Data engineer", next_step="Coffee with Mei",
                    due=D(2026, 6, 15), people=[("Mei Chen", "referrer")])  # fmt: skip

    def said() -> str:
        (step,) = [i["reason"] for i in agenda(ctx)["items"] if i["kind"] == "lead"]
        return step

    move_lead(ctx, str(lead["id"]), "referral_requested", due=D(2026, 6, 15))  # step kept
    assert said().endswith("Coffee with Mei; referral asked of Mei Chen")
    move_lead(ctx, str(lead["id"]), "applied", next_step="Coffee with Mei", due=D(2026, 6, 15))
    assert said().endswith("Coffee with Mei; referred by Mei Chen")


def test_a_lead_step_is_filed_under_the_person_it_names(ctx: Context) -> None:
    """The step's person is the one it names (by name, else by role), else the referrer;
    a step that only goes through the referrer leaves her own check-in on the list."""
    from netweave.services.people import PersonChanges, edit_person

    network(ctx)
    person(ctx, "Omar Haddad", company="Initrode")
    person(ctx, "Sam Adeyemi", company="Initrode")
    edit_person(ctx, "Mei Chen", PersonChanges(circle="close"))  # due for a check-in
    people = [("Mei Chen", "referrer"), ("Sam Adeyemi", "recruiter"),
              ("Omar Haddad", "hiring_manager")]  # fmt: skip
    lead = str(add_lead(ctx, "Initrode", "PM", next_step="Hiring manager interview with Omar",
                        due=D(2026, 6, 15), people=people)["id"])  # fmt: skip

    def step() -> tuple[str, str]:
        items = agenda(ctx)["items"]
        (found,) = [(i["person"], i["reason"]) for i in items if i["kind"] == "lead"]
        return found

    def mei_checks_in() -> bool:
        return any(
            i["person"] == "Mei Chen" and i["kind"] == "check_in" for i in agenda(ctx)["items"]
        )

    assert step() == ("Omar Haddad", "lead #1, PM at Initrode (lead): Hiring manager interview "
                      "with Omar; hiring manager: Omar Haddad")  # fmt: skip
    assert mei_checks_in()  # the step is not about her
    set_next_step(ctx, lead, "Send Sam the signed NDA", None)
    assert step()[0] == "Sam Adeyemi"
    set_next_step(ctx, lead, "Prepare for the hiring manager round", None)
    assert step()[0] == "Omar Haddad"  # named by role
    set_next_step(ctx, lead, "Prepare the case study", None)
    assert step() == ("Mei Chen", "lead #1, PM at Initrode (lead): Prepare the case study; "
                      "referrer (not asked yet): Mei Chen")  # fmt: skip
    assert mei_checks_in()  # it only goes through her
    set_next_step(ctx, lead, "Coffee with Mei", None)
    assert step()[0] == "Mei Chen"
    assert not mei_checks_in()  # the coffee is the contact


def test_a_referrer_is_referred_by_once_a_referral_was_asked_or_given(ctx: Context) -> None:
    network(ctx)
    talk(ctx, "Mei Chen", on=D(2026, 6, 1), kind="coffee", asked=["referral"], confirmed=True)
    add_lead(ctx, "Initrode", "PM", source="network", next_step="Prepare",
             people=[("Mei Chen", "referrer")])  # fmt: skip

    def said() -> str:
        (step,) = [i["reason"] for i in agenda(ctx)["items"] if i["kind"] == "lead"]
        return step

    assert said().endswith("; referrer (not asked yet): Mei Chen")  # asked before the lead
    talk(ctx, "Mei Chen", kind="call", asked=["referral"], confirmed=True)
    assert said().endswith("; referral asked of Mei Chen")
    talk(ctx, "Mei Chen", kind="email", direction="in", received=["referral"])
    assert said().endswith("; referred by Mei Chen")
    came = add_lead(ctx, "Globex", "PM", source="referral", next_step="Prepare",
                    people=[("Bob Stone", "referrer")])  # fmt: skip
    steps = {i["lead_id"]: i["reason"] for i in agenda(ctx)["items"] if i["kind"] == "lead"}
    assert steps[came["id"]].endswith("; referred by Bob Stone")  # it came as his referral


def test_the_conversation_after_prep_carries_out_the_follow_up_of_the_event(ctx: Context) -> None:
    from netweave.services.events import add_event, meet
    from netweave.services.tasks import list_tasks

    network(ctx)
    add_event(ctx, "PyCon", on=D(2026, 6, 13))
    meet(ctx, "PyCon", ["Lu Wen"])
    title = "Follow up after PyCon: a short note recalling your conversation"
    assert [t["title"] for t in list_tasks(ctx)] == [title]
    done = prep_done(ctx, "Lu Wen", kind="coffee")
    assert done["tasks_done"] == [f"{title} — Lu Wen"]  # the title does not name him
    assert title not in [t["title"] for t in list_tasks(ctx)]


def test_a_draft_counts_the_conversations_it_recalls(ctx: Context) -> None:
    network(ctx)
    # one email is "our email"; a second one that month makes them "our emails"
    talk(ctx, "Dee Ray", on=D(2026, 2, 3), kind="email")
    opening = draft_message(ctx, "Dee Ray")["text"].splitlines()[2]
    assert opening == "Thanks again for our email in February 2026."
    assert draft_message(ctx, "Dee Ray")["broken"] == []
    assert prep_sheet(ctx, "Dee Ray")["opening"].endswith("mention your email in February 2026.")
    talk(ctx, "Dee Ray", on=D(2026, 2, 20), kind="email", direction="out")
    opening = draft_message(ctx, "Dee Ray")["text"].splitlines()[2]
    assert opening == "Thanks again for our emails in February 2026."
    # every kind is counted in the same window: of a kind, and in its month
    person(ctx, "Kit Moss", company="Hooli")
    talk(ctx, "Kit Moss", on=D(2026, 3, 30), kind="message")  # March: another month
    talk(ctx, "Kit Moss", on=D(2026, 4, 2), kind="email")  # another kind
    talk(ctx, "Kit Moss", on=D(2026, 4, 25), kind="message")
    assert draft_message(ctx, "Kit Moss")["text"].splitlines()[2] == (
        "Thanks again for our message in April 2026."
    )
    talk(ctx, "Kit Moss", on=D(2026, 4, 3), kind="message", direction="in")
    assert draft_message(ctx, "Kit Moss")["text"].splitlines()[2] == (
        "Thanks again for our messages in April 2026."
    )
    person(ctx, "Lu Wen", company="Hooli")
    for day in (D(2026, 6, 1), D(2026, 6, 8)):
        talk(ctx, "Lu Wen", on=day, kind="coffee")
    assert draft_message(ctx, "Lu Wen")["text"].splitlines()[2] == (
        "Thanks again for our coffees earlier this month."
    )


def test_prep_is_for_someone_else(ctx: Context) -> None:
    network(ctx)
    for call in (prep_sheet, prep_done, draft_message):
        with pytest.raises(InvalidInput, match="is you"):
            call(ctx, "Ada Lovelace")


def test_a_message_never_answered_is_no_conversation_to_recall(ctx: Context) -> None:
    network(ctx)
    person(ctx, "Bob Tables", company="Hooli")
    talk(ctx, "Bob Tables", on=D(2026, 6, 15), kind="message", direction="out")
    sheet = prep_sheet(ctx, "Bob Tables")
    assert sheet["opening"] == "Thank Bob for the time."
    talk(ctx, "Bob Tables", on=D(2026, 6, 15), kind="message", direction="in")
    assert prep_sheet(ctx, "Bob Tables")["opening"] == (
        "Thank Bob for the time and mention your messages today."
    )


def test_a_lead_is_corrected_and_its_stage_stays(ctx: Context) -> None:
    network(ctx)
    lead = add_lead(
        ctx, "Initrode", "Data engineer", source="network", people=[("Mei", "referrer")]
    )
    move_lead(ctx, str(lead["id"]), "applied")
    fixed = edit_lead(
        ctx,
        str(lead["id"]),
        role="Senior data engineer",
        org="Initrode Labs",
        source="referral",
        url="https://initrode.example/jobs/7",
        hidden=False,
        notes="team of five",
        new_org=True,  # another organization than Initrode, said so
    )
    assert (fixed["role"], fixed["org"], fixed["source"], fixed["hidden"]) == (
        "Senior data engineer",
        "Initrode Labs",
        "referral",
        False,
    )
    assert (fixed["posting_url"], fixed["notes"], fixed["stage"]) == (
        "https://initrode.example/jobs/7",
        "team of five",
        "applied",
    )
    assert [h["to"] for h in fixed["history"]] == ["lead", "applied"]
    cleared = edit_lead(ctx, "Initrode Labs", url="", notes="")
    assert (cleared["posting_url"], cleared["notes"]) == (None, None)
    with pytest.raises(InvalidInput, match="nothing to change"):
        edit_lead(ctx, str(lead["id"]))
    with pytest.raises(InvalidInput, match="needs a role"):
        edit_lead(ctx, str(lead["id"]), role=" ")
    with pytest.raises(InvalidInput, match="http"):
        edit_lead(ctx, str(lead["id"]), url="javascript:alert(1)", role="Changed")
    with pytest.raises(InvalidInput, match="lead source"):
        edit_lead(ctx, str(lead["id"]), source="gossip")
    assert show_lead(ctx, str(lead["id"]))["role"] == "Senior data engineer"


def test_a_person_is_taken_off_a_lead(ctx: Context) -> None:
    network(ctx)
    lead = add_lead(
        ctx, "Initrode", "Data engineer", people=[("Mei", "referrer"), ("Mei", "advocate")]
    )
    ref = str(lead["id"])
    link_person(ctx, ref, "Zoe Park", "interviewer")
    one = unlink_person(ctx, ref, "Mei Chen", "advocate")
    assert [(p["name"], p["role"]) for p in one["people"]] == [
        ("Mei Chen", "referrer"),
        ("Zoe Park", "interviewer"),
    ]
    assert one["unlinked"]["name"] == "Mei Chen"
    with pytest.raises(NotFound, match=r"not linked to lead #\d+ as advocate"):
        unlink_person(ctx, ref, "Mei Chen", "advocate")
    every = unlink_person(ctx, ref, "Mei Chen")
    assert [p["name"] for p in every["people"]] == ["Zoe Park"]
    with pytest.raises(NotFound, match="Bob Stone is not linked"):
        unlink_person(ctx, ref, "Bob Stone")
    with pytest.raises(InvalidInput, match="'Ada Lovelace' is you"):
        link_person(ctx, ref, "Ada Lovelace", "advocate")


def test_moves_are_dated_in_order_and_an_offer_is_what_is_accepted(ctx: Context) -> None:
    network(ctx)
    opened = dataclasses.replace(ctx, clock=Clock(as_of=D(2026, 11, 27)))
    lead = str(add_lead(opened, "Initrode", "Data engineer")["id"])
    earlier = dataclasses.replace(ctx, clock=Clock(as_of=D(2026, 11, 1)))
    with pytest.raises(InvalidInput, match=r"last moved on 2026-11-27: .* not 2026-11-01"):
        move_lead(earlier, lead, "applied")
    with pytest.raises(InvalidInput, match="is at lead: an offer is accepted"):
        move_lead(opened, lead, "accepted")
    assert [h["to"] for h in show_lead(opened, lead)["history"]] == ["lead"]
    move_lead(opened, lead, "offer")
    assert move_lead(opened, lead, "accepted")["stage"] == "accepted"


def test_a_move_clears_the_step_of_the_stage_left(ctx: Context) -> None:
    """A step such as "apply online" is done once the lead is at applied: the move clears
    it, so it is not on the agenda days later; a move that gives the next step, or a new day for the
    one set, keeps a step."""
    ctx.clock = Clock(as_of=D(2026, 9, 1))
    lead = str(add_lead(ctx, "Gridly", "R", next_step="apply online", due=D(2026, 9, 16))["id"])
    ctx.clock = Clock(as_of=D(2026, 9, 18))
    assert [i["kind"] for i in agenda(ctx)["items"]] == ["lead"]
    moved = move_lead(ctx, lead, "applied")
    assert (moved["next_step"], moved["next_due"], moved["step_cleared"]) == (
        None, None, "apply online"
    )  # fmt: skip
    assert agenda(ctx)["items"] == []
    assert show_lead(ctx, lead)["next_step"] is None
    moved = move_lead(ctx, lead, "interviewing", next_step="prepare", due=D(2026, 9, 25))
    assert (moved["next_step"], moved["next_due"], moved["step_cleared"]) == (
        "prepare", "2026-09-25", None
    )  # fmt: skip
    moved = move_lead(ctx, lead, "offer", due=D(2026, 9, 28))  # the step still stands
    assert (moved["next_step"], moved["next_due"], moved["step_cleared"]) == (
        "prepare", "2026-09-28", None
    )  # fmt: skip
    assert move_lead(ctx, lead, "interviewing")["step_cleared"] == "prepare"
    assert move_lead(ctx, lead, "offer")["step_cleared"] is None  # none to clear


def test_a_closed_lead_has_no_next_step(ctx: Context) -> None:
    network(ctx)
    lead = str(
        add_lead(ctx, "Initrode", "Data engineer", next_step="Apply", due=D(2026, 6, 1))["id"]
    )
    with pytest.raises(InvalidInput, match="a lead withdrawn has no next step"):
        move_lead(ctx, lead, "withdrawn", next_step="Send a thank-you")
    assert show_lead(ctx, lead)["stage"] == "lead"
    closed = move_lead(ctx, lead, "withdrawn")
    assert closed["next_step"] is None
    with pytest.raises(InvalidInput, match=r"is closed \(withdrawn\)"):
        set_next_step(ctx, lead, "follow up anyway", D(2026, 6, 1))
    with pytest.raises(InvalidInput, match="is closed"):
        set_next_step(ctx, lead, None, D(2026, 6, 1))
    assert set_next_step(ctx, lead, "", None)["next_step"] is None  # clearing is fine
    reopened = move_lead(ctx, lead, "networking", next_step="Coffee with Mei")
    assert reopened["next_step"] == "Coffee with Mei"


def test_a_step_left_on_a_closed_lead_is_not_on_the_agenda(ctx: Context) -> None:
    """Leads closed with a step by an earlier version keep it in the table only."""
    network(ctx)
    lead = add_lead(ctx, "Initrode", "Data engineer", next_step="Apply", due=D(2026, 6, 1))
    assert any(i["lead_id"] == lead["id"] for i in agenda(ctx)["items"])
    with ctx.db.transaction() as session:
        session.execute(update(Lead).where(Lead.id == lead["id"]).values(stage="rejected"))
    assert not any(i["lead_id"] == lead["id"] for i in agenda(ctx)["items"])


def test_a_new_source_or_posting_decides_again_whether_a_lead_is_hidden(ctx: Context) -> None:
    network(ctx)
    lead = str(add_lead(ctx, "Initrode", "PM", source="network")["id"])
    assert show_lead(ctx, lead)["hidden"] is True
    posted = edit_lead(ctx, lead, source="posting", url="https://initrode.example/pm")
    assert posted["hidden"] is False
    assert edit_lead(ctx, lead, source="referral", url="")["hidden"] is True
    assert edit_lead(ctx, lead, hidden=False)["hidden"] is False  # said: it stays so
    assert edit_lead(ctx, lead, notes="met the team")["hidden"] is False
    moved = edit_lead(ctx, lead, org="init", new_org=True)
    assert moved["new_org"]["name"] == "init"
    assert [s.split(" (#")[0] for s in moved["new_org"]["similar"]] == ["Initrode"]


def test_a_move_dated_after_today_is_in_its_stage_since_today(ctx: Context) -> None:
    """A move made with a later --as-of, looked at from today: never "for -5 days"."""
    lead = add_lead(ctx, "Initrode", "Data engineer", source="posting")
    later = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 20)))
    move_lead(later, str(lead["id"]), "interviewing")
    assert show_lead(ctx, str(lead["id"]))["days_in_stage"] == 0


def test_the_report_counts_referred_leads_whatever_their_source_and_the_offer_accepted(
    ctx: Context,
) -> None:
    """A lead that came through the network and then got a referral is a network lead and
    a referred one; the accepted offer says where it came from and who referred it."""
    network(ctx)
    got = str(add_lead(ctx, "Initrode", "PM", source="network")["id"])
    talk(ctx, "Mei Chen", kind="call", asked=["referral"], confirmed=True)
    link_person(ctx, got, "Mei Chen", "referrer")
    move_lead(ctx, got, "referral_requested")
    talk(ctx, "Mei Chen", kind="email", direction="in", received=["referral"])
    for stage in ("applied", "interviewing", "offer", "accepted"):
        move_lead(ctx, got, stage)
    # a referrer linked but never asked: not referred (yet)
    add_lead(ctx, "Globex", "PM", source="network", people=[("Bob Stone", "referrer")])
    add_lead(ctx, "Hooli", "PM", source="referral")  # it came as a referral
    add_lead(ctx, "Umbrella", "PM", source="posting", url="https://u.example/1")
    report = job_report(ctx)
    network_row = next(f for f in report["funnel"] if f["source"] == "network")
    assert (network_row["leads"], network_row["offers"], network_row["accepted"]) == (2, 1, 1)
    referred = report["referred"]
    assert (referred["leads"], referred["interviews"], referred["offers"]) == (2, 1, 1)
    assert (referred["accepted"], referred["offer_rate"]) == (1, 0.5)
    assert report["accepted"] == [
        {
            "id": int(got),
            "role": "PM",
            "org": "Initrode",
            "source": "network",
            "referred": True,
            "referrers": ["Mei Chen"],
            "on": "2026-06-15",
        }
    ]


@pytest.mark.parametrize(
    ("role", "typed"),
    [("Équipe Lead", "ÉQUIPE LEAD"), ("ΟΔΟΣ", "Οδός"), ("İZMİR", "izmir")],
)
def test_an_open_lead_for_a_role_with_capitals_beyond_ascii_is_said(
    ctx: Context, role: str, typed: str
) -> None:
    """SQL's ``lower()`` folds only ASCII on SQLite, and final sigma and dotted İ unlike
    Python on PostgreSQL: the role is matched the same way on both."""
    first = add_lead(ctx, "Acme", role)
    assert add_lead(ctx, "Acme", role)["same_role"] == [first["id"]]
    assert add_lead(ctx, "Acme", f" {typed} ")["same_role"] == [first["id"], first["id"] + 1]
    assert "same_role" not in add_lead(ctx, "Initech", role)


def test_a_lead_says_when_someone_linked_has_left_its_employer(ctx: Context) -> None:
    """A hiring manager who moved on can no longer act on the lead: its page and Today say
    where they are now; a recruiter still there is said as before."""
    from netweave.services.people import PersonChanges, edit_person

    person(ctx, "Jamal Wright", company="Orbital Payments")
    person(ctx, "Rita Recruiter", company="Orbital Payments")
    today = ctx.clock.today()
    people = [("Jamal Wright", "hiring_manager"), ("Rita Recruiter", "recruiter")]
    lead = add_lead(ctx, "Orbital Payments", "Group PM", next_step="Follow up", due=today,
                    people=people)  # fmt: skip
    edit_person(ctx, "Jamal Wright", PersonChanges(company="Greenline Mobility"))
    shown = {p["name"]: p["now_at"] for p in show_lead(ctx, str(lead["id"]))["people"]}
    assert shown == {"Jamal Wright": "Greenline Mobility", "Rita Recruiter": None}
    [step] = [i for i in agenda(ctx)["items"] if i["kind"] == "lead"]
    assert step["reason"].endswith("hiring manager: Jamal Wright (now at Greenline Mobility)")
