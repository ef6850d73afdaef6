"""Route tests of the Today page's buttons: each item's Done does what the item asked for
and nothing more, and every suggestion the command line can snooze has a Snooze button."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient

from netweave.services.agenda import agenda
from netweave.services.agenda_snooze import SNOOZABLE
from netweave.services.context import Context
from netweave.services.people import show_person
from netweave.services.tasks import add_task
from web.web_helpers import DAY, add


def test_a_lead_step_on_today_links_its_referrer_and_done_only_clears_it(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """Done on a lead's step clears the step: no message is made up with the referrer,
    none of her tasks is closed (a thank-you, an update), her cadence is left alone."""
    from netweave.services.leads import add_lead, show_lead
    from netweave.services.outreach import prep_done
    from netweave.services.tasks import list_tasks

    pid = add(web_ctx, "Priya Raman", company="Initrode", met_on=DAY - dt.timedelta(days=200))
    add(web_ctx, "Sofia Marin", company="Initrode")
    prep_done(web_ctx, "Priya Raman", kind="coffee", update_in_days=3)
    linked = [("Priya Raman", "referrer"), ("Sofia Marin", "hiring_manager")]
    lead = add_lead(web_ctx, "Initrode", "DE", source="referral",
                    next_step="prep for the panel", due=DAY, people=linked)  # fmt: skip
    page = client.get("/").text
    assert f'<a class="agenda-person" href="/people/{pid}">Priya Raman</a>' in page
    assert "prep for the panel; referred by Priya Raman" in page
    [step] = [i for i in agenda(web_ctx)["items"] if i["kind"] == "lead"]
    assert f'<a href="/orgs/{step["org_id"]}#paths-in">Paths in at Initrode</a>' in page
    assert f'action="/leads/{lead["id"]}/step-done"' in page
    before = {n: show_person(web_ctx, n) for n in ("Priya Raman", "Sofia Marin")}
    tasks_before = list_tasks(web_ctx)
    # the form the page had before: a lead is no check-in, and nothing is logged
    form = {"csrf_token": token, "kind": "lead", "lead": str(lead["id"])}
    assert client.post(f"/checked-in/{pid}", data=form).status_code == 422
    done = client.post(f"/leads/{lead['id']}/step-done", data={"csrf_token": token})
    assert done.status_code == 303
    assert show_lead(web_ctx, str(lead["id"]))["next_step"] is None
    for name, was in before.items():
        now = show_person(web_ctx, name)
        assert now["interactions"] == was["interactions"], name
        assert now["next_due"] == was["next_due"], name
    assert list_tasks(web_ctx) == tasks_before
    page = client.get("/").text
    assert "prep for the panel" not in page
    assert "Thank Priya Raman for the conversation" in page
    again = client.post(f"/leads/{lead['id']}/step-done", data={"csrf_token": token})
    assert again.status_code == 422


def test_a_lead_step_about_nobody_has_done_too(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    from netweave.services.leads import add_lead, show_lead

    lead = add_lead(web_ctx, "Globex", "Analyst", next_step="Apply online", due=DAY)
    page = client.get("/").text
    assert "Apply online" in page
    assert f'action="/leads/{lead["id"]}/step-done"' in page
    fragment = client.post(
        f"/leads/{lead['id']}/step-done",
        data={"csrf_token": token},
        headers={"x-requested-with": "fetch"},
    )
    assert fragment.status_code == 200
    assert "Apply online" not in fragment.text
    assert show_lead(web_ctx, str(lead["id"]))["next_step"] is None


def test_a_lead_step_snoozed_is_put_off_for_a_week(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    from netweave.services.leads import add_lead, show_lead

    lead = add_lead(web_ctx, "Globex", "Analyst", next_step="Apply online", due=DAY)
    assert f'action="/leads/{lead["id"]}/step-snooze"' in client.get("/").text
    fragment = client.post(
        f"/leads/{lead['id']}/step-snooze",
        data={"csrf_token": token, "days": "7"},
        headers={"x-requested-with": "fetch"},
    )
    assert fragment.status_code == 200
    assert "Apply online" not in fragment.text
    shown = show_lead(web_ctx, str(lead["id"]))
    assert (shown["next_step"], shown["next_due"]) == (
        "Apply online",
        (DAY + dt.timedelta(days=7)).isoformat(),
    )
    form = {"csrf_token": token, "days": "0"}
    assert client.post(f"/leads/{lead['id']}/step-snooze", data=form).status_code == 422
    assert client.post("/leads/999/step-snooze", data={"csrf_token": token}).status_code == 404


def test_done_on_a_thank_you_logs_it_and_closes_that_task_only(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """A thank-you done is a message sent to them; the update planned three days on stays,
    and a task that is not about writing to someone is closed without a made-up message."""
    from netweave.services.outreach import prep_done
    from netweave.services.tasks import list_tasks

    pid = add(web_ctx, "Priya Raman")
    planned = prep_done(web_ctx, "Priya Raman", kind="coffee", update_in_days=3)["tasks"]
    thanks, update = (t["id"] for t in planned)
    own = add_task(web_ctx, "Book the venue", person="Priya Raman")
    page = client.get("/").text
    assert f'action="/tasks/{thanks}/done"' in page
    client.post(f"/tasks/{thanks}/done", data={"csrf_token": token})
    shown = show_person(web_ctx, "Priya Raman")
    assert shown["interactions"][0]["summary"] == (
        "Done: Thank Priya Raman for the conversation (within 24 hours) (agenda)"
    )
    assert (shown["interactions"][0]["kind"], shown["interactions"][0]["direction"]) == (
        "message",
        "out",
    )
    assert {t["id"] for t in list_tasks(web_ctx)} == {update, own["id"]}
    client.post(f"/tasks/{own['id']}/done", data={"csrf_token": token})
    assert len(show_person(web_ctx, f"#{pid}")["interactions"]) == 2  # the coffee, the thanks
    assert {t["id"] for t in list_tasks(web_ctx)} == {update}


def _kinds(ctx: Context) -> list[tuple[str, str | None]]:
    return [(i["kind"], i["person"]) for i in agenda(ctx)["items"]]


def _every_suggestion(ctx: Context) -> None:
    """One person with each kind of suggestion the agenda computes."""
    from netweave.services.campaigns import new_campaign
    from netweave.services.interactions import LogRequest, log_interaction
    from netweave.services.intros import propose

    def talk(name: str, days_ago: int, **fields: object) -> None:
        on = DAY - dt.timedelta(days=days_ago)
        log_interaction(ctx, LogRequest(names=[name], on=on, **fields))  # type: ignore[arg-type]

    add(ctx, "Cara Checkin", circle="close")
    talk("Cara Checkin", 60)
    add(ctx, "Bea Birthday", circle="close", birthday=f"--{DAY + dt.timedelta(days=2):%m-%d}")
    talk("Bea Birthday", 1)
    add(ctx, "Gil Giver")
    talk("Gil Giver", 1, received=["advice"])  # a give-back is suggested for a few days
    # outreach to Ada five days ago (three business days): reach out to Bob at Initech
    add(ctx, "Ada Asked", company="Initech")
    add(ctx, "Bob Second", company="Initech")
    talk("Ada Asked", 5, kind="email", direction="out", asked=["advice"])
    add(ctx, "Ian Intro")
    add(ctx, "Ivy Intro")
    propose(ctx, "Ian Intro", "Ivy Intro", "both build compilers")
    add(ctx, "Cam Campaign", tags=["season"])
    new_campaign(ctx, "Summer hello", [], ["season"])


def test_every_suggestion_the_cli_can_snooze_has_a_snooze_button(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    _every_suggestion(web_ctx)
    items = [i for i in agenda(web_ctx)["items"] if i["task_id"] is None]
    assert {i["kind"] for i in items} >= set(SNOOZABLE)
    page = client.get("/").text
    for entry in items:
        if entry["kind"] not in SNOOZABLE:
            continue
        snooze = re.compile(
            rf'action="/people/{entry["person_id"]}/snooze"[^>]*>\s*'
            rf'<input type="hidden" name="csrf_token" value="[^"]+">\s*'
            rf'<input type="hidden" name="kind" value="{entry["kind"]}">'
        )
        assert snooze.search(page), (entry["kind"], entry["person"])
    gil = next(i["person_id"] for i in items if (i["kind"], i["person"]) == ("give", "Gil Giver"))
    snoozed = client.post(
        f"/people/{gil}/snooze", data={"csrf_token": token, "kind": "give", "days": "7"}
    )
    assert snoozed.status_code == 303, snoozed.text
    assert ("give", "Gil Giver") not in _kinds(web_ctx)


def test_done_on_each_suggestion_logs_a_message_and_takes_it_off_today(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """A birthday wished, a second 3B7 contact made, a campaign greeting sent: each is
    gone from Today after its Done, with the message it stands for logged."""
    _every_suggestion(web_ctx)
    items = agenda(web_ctx)["items"]
    wanted = {"check_in": "Cara Checkin", "birthday": "Bea Birthday", "3b7": "Bob Second",
              "campaign": "Cam Campaign"}  # fmt: skip
    for kind, name in wanted.items():
        entry = next(i for i in items if (i["kind"], i["person"]) == (kind, name))
        form = {"csrf_token": token, "kind": kind}
        assert client.post(f"/checked-in/{entry['person_id']}", data=form).status_code == 303
        assert (kind, name) not in _kinds(web_ctx), kind
        last = show_person(web_ctx, name)["interactions"][0]
        assert (last["kind"], last["direction"], last["date"]) == ("message", "out", str(DAY))
    assert show_person(web_ctx, "Cam Campaign")["interactions"][0]["summary"] == (
        "Summer hello check-in (agenda)"
    )
    assert show_person(web_ctx, "Bob Second")["interactions"][0]["summary"] == (
        "Reached out (3B7) (agenda)"
    )
    # the second person is asked for advice, as `log --ask advice` would: their own 3B7
    assert [(a["direction"], a["kind"], a["status"]) for a in
            show_person(web_ctx, "Bob Second")["reciprocity"]["items"]] == [
        ("asked", "advice", "open")
    ]  # fmt: skip
    refused = client.post(f"/checked-in/{entry['person_id']}", data={"csrf_token": token,
                                                                      "kind": "intro"})  # fmt: skip
    assert refused.status_code == 422


def test_the_api_clears_a_lead_step_and_logs_nothing(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    from netweave.services.leads import add_lead

    add(web_ctx, "Priya Raman")
    lead = add_lead(web_ctx, "Initrode", "DE", next_step="Apply", due=DAY,
                    people=[("Priya Raman", "referrer")])  # fmt: skip
    headers = {"x-csrf-token": token}
    done = client.post(f"/api/leads/{lead['id']}/step-done", headers=headers)
    assert done.status_code == 200
    assert (done.json()["next_step"], done.json()["next_due"]) == (None, None)
    assert show_person(web_ctx, "Priya Raman")["interactions"] == []
    again = client.post(f"/api/leads/{lead['id']}/step-done", headers=headers)
    assert again.status_code == 422
    assert client.post("/api/leads/999/step-done", headers=headers).status_code == 404


def test_today_says_how_many_more_are_due_and_links_to_them(
    client: TestClient, web_ctx: Context
) -> None:
    for n in range(11):
        add(web_ctx, f"Person {n}", circle="close", met_on=DAY - dt.timedelta(days=400))
    page = client.get("/").text
    assert agenda(web_ctx)["more"]["check_ins"] == 3
    assert (
        "… and 3 more people due for a check-in: "
        '<a href="/people?overdue=true">see everyone due</a>' in page
    )
    listed = client.get("/people?overdue=true").text
    assert all(f"Person {n}<" in listed for n in range(11))


def test_today_says_the_congratulations_held_back_take_turns_as_the_cli_does(
    client: TestClient, web_ctx: Context
) -> None:
    for n in range(5):
        add(web_ctx, f"Person {n}")
        add_task(web_ctx, f"Congratulate Person {n} on the new role at Initech", due=DAY,
                 person=f"Person {n}", kind="congratulate")  # fmt: skip
    page = client.get("/").text
    assert (
        "… and 2 more congratulations on a new role, held back for the days to come: 3 a day, in "
        "turn, from the strongest ties down.</p>"
    ) in page


def test_an_empty_today_tells_an_empty_network_from_a_quiet_day(
    client: TestClient, web_ctx: Context
) -> None:
    assert "data-empty-network" in client.get("/").text
    add(web_ctx, "Ada Lovelace")
    page = client.get("/").text
    assert "data-empty-network" not in page
    assert "Your network is in good shape." in page


def test_today_shows_this_weeks_goals_and_the_streak_as_the_cli_does(
    client: TestClient, web_ctx: Context
) -> None:
    """A small panel below the agenda: each goal's count against its target, the streak
    and the best streak, from the service behind `netweave goals`."""
    from netweave.services.goals import set_targets, weekly_goals
    from netweave.services.interactions import LogRequest, log_interaction

    add(web_ctx, "Ada Lovelace", circle="close")
    set_targets(web_ctx, conversations=2, gives=0, check_ins=0)
    log_interaction(web_ctx, LogRequest(names=["Ada Lovelace"], kind="call", note="engines"))
    page = client.get("/").text
    assert page.index("data-agenda") < page.index("data-goals")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page[page.index("data-goals") :]))
    assert "Conversations 1/2" in text
    assert "Check-ins 0/0 met" in text
    assert "Streak: 0 weeks (best 0)" in text
    log_interaction(web_ctx, LogRequest(names=["Ada Lovelace"], kind="call", note="looms"))
    assert weekly_goals(web_ctx)["streak"] == 1
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/").text))
    assert "Conversations 2/2 met" in text
    assert "Streak: 1 week (best 1)" in text


def test_more_about_one_person_sits_under_their_entry_with_its_own_buttons(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """A birthday and a give-back about one person: one card, the give-back under the
    birthday with its own Gave it and Snooze; giving from there logs the give."""
    from netweave.services.interactions import LogRequest, log_interaction

    pid = add(web_ctx, "Bea Birthday", circle="close",
              birthday=f"--{DAY + dt.timedelta(days=2):%m-%d}")  # fmt: skip
    on = DAY - dt.timedelta(days=1)
    log_interaction(web_ctx, LogRequest(names=["Bea Birthday"], on=on, received=["advice"]))
    kinds = sorted(i["kind"] for i in agenda(web_ctx)["items"])
    assert kinds == ["birthday", "give"]
    page = client.get("/").text
    assert page.count(f'<a class="agenda-person" href="/people/{pid}">') == 1
    also = page.split('<ul class="agenda-also plain">', 1)[1].split("</ul>", 1)[0]
    assert "give back" in also
    assert 'aria-label="Gave it: Give back — Bea Birthday"' in also
    assert f'action="/people/{pid}/snooze"' in also
    gave = client.post(f"/checked-in/{pid}",
                       data={"csrf_token": token, "kind": "give", "gave": "advice"})  # fmt: skip
    assert gave.status_code in (200, 303)
    assert show_person(web_ctx, f"#{pid}")["reciprocity"]["gave"] == 1
    assert "agenda-also" not in client.get("/").text


def test_several_entries_about_one_person_name_their_own_buttons(
    client: TestClient, web_ctx: Context
) -> None:
    """A birthday and a give-back about Bea: each row's Done and Snooze say visibly which
    entry they settle, the accessible name adding the person; a lone entry keeps "Done"."""
    from netweave.services.interactions import LogRequest, log_interaction

    add(web_ctx, "Bea Birthday", circle="close", birthday=f"--{DAY + dt.timedelta(days=2):%m-%d}")
    add(web_ctx, "Cy Lone", circle="close", birthday=f"--{DAY + dt.timedelta(days=3):%m-%d}")
    on = DAY - dt.timedelta(days=1)
    log_interaction(web_ctx, LogRequest(names=["Bea Birthday"], on=on, received=["advice"]))
    page = client.get("/").text
    assert 'aria-label="Done: Birthday — Bea Birthday">Done: birthday</button>' in page
    assert (
        'title="Hide it for a while">Snooze: birthday<span class="sr-only"> — Bea Birthday'
        "</span></summary>"
    ) in page
    also = page.split('<ul class="agenda-also plain">', 1)[1].split("</ul>", 1)[0]
    assert (
        'title="Hide it for a while">Snooze: give back<span class="sr-only"> — Bea Birthday'
        "</span></summary>"
    ) in also
    assert 'aria-label="Done: Birthday — Cy Lone">Done</button>' in page
    assert 'Snooze<span class="sr-only">: Birthday — Cy Lone</span></summary>' in page


def test_a_3b7_task_of_a_lead_links_the_paths_in_and_the_person_it_names(
    client: TestClient, web_ctx: Context
) -> None:
    """ "Contact a second person at Kelp Forest Labs": the item links the organization's
    Paths in, where the people there are, and Jessica, who has not answered."""
    from netweave.services.leads import add_lead
    from netweave.store.models import Task

    jess = add(web_ctx, "Jessica Johnson", company="Kelp Forest Labs")
    lead = add_lead(
        web_ctx, "Kelp Forest Labs", "Data Lead", people=[("Jessica Johnson", "referrer")]
    )
    title = "No reply yet from Jessica Johnson: contact a second person at Kelp Forest Labs"
    with web_ctx.db.transaction() as session:
        session.add(Task(due=DAY, kind="3b7", title=title, lead_id=lead["id"]))
    [item] = agenda(web_ctx)["items"]
    page = client.get("/").text
    links = page.split('<p class="agenda-links">', 1)[1].split("</p>", 1)[0]
    assert f'<a href="/orgs/{item["org_id"]}#paths-in">Paths in at Kelp Forest Labs</a>' in links
    assert f'<a href="/people/{jess}">Jessica Johnson</a>' in links
    assert f'<a href="/leads/{lead["id"]}">Open lead' in links
    assert (
        '<section class="card" id="paths-in"><h2>Paths in</h2>'
        in client.get(f"/orgs/{item['org_id']}").text
    )


def test_today_says_once_how_many_people_have_no_circle_and_puts_them_in_one(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """The page counts those with no circle and no cadence of their own, and one form puts
    them all in the circle chosen (a circle without a cadence is not offered)."""
    add(web_ctx, "Ada Lovelace")
    add(web_ctx, "Grace Hopper", circle="close")
    page = client.get("/").text
    assert page.count("data-without-circle") == 1
    assert "1 person has no circle or cadence yet, so no check-ins" in page
    assert '<option value="active">active (every 90 days)</option>' in page
    assert 'value="dormant"' not in page
    refused = client.post("/people/circle", data={"csrf_token": token, "circle": "outer"})
    assert refused.status_code == 422
    assert show_person(web_ctx, "Ada Lovelace")["circle"] is None
    done = client.post("/people/circle", data={"csrf_token": token, "circle": "active"})
    assert done.status_code == 303
    assert show_person(web_ctx, "Ada Lovelace")["circle"] == "active"
    assert show_person(web_ctx, "Grace Hopper")["circle"] == "close"
    assert "data-without-circle" not in client.get("/").text


def test_putting_them_in_a_circle_says_how_many_went_in_which(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """After "Put them in", Today says how many people went in which circle and how often
    they come up, in a status message, once: reloaded, gone back to or bookmarked, the page
    is the usual one (the address carries the key of a one-time notice, not what was done)."""
    add(web_ctx, "Ada Lovelace")
    add(web_ctx, "Alan Turing")
    add(web_ctx, "Grace Hopper", circle="close")
    done = client.post("/people/circle", data={"csrf_token": token, "circle": "active"})
    assert done.status_code == 303
    assert re.fullmatch(r"/\?circled=[\w-]{22}", done.headers["location"])
    page = client.get(done.headers["location"]).text
    said = re.search(r'<p class="flash" role="status" data-circled>(.*?)</p>', page)
    assert said, page
    assert said[1] == "Put 2 people in the active circle: a check-in with each every 90 days."
    assert "data-without-circle" not in page
    assert "data-circled" not in client.get("/").text
    reloaded = client.get(done.headers["location"])
    assert reloaded.status_code == 200
    assert "data-circled" not in reloaded.text
    # an address made up or kept from before says nothing, and is Today all the same
    for address in ("/?circled=2&circle=active", "/?circled=abc", "/?circled=0"):
        made_up = client.get(address)
        assert made_up.status_code == 200, address
        assert "data-circled" not in made_up.text
    again = client.post("/people/circle", data={"csrf_token": token, "circle": "active"})
    nobody = client.get(again.headers["location"]).text
    assert "No one was left without a circle: nothing changed." in nobody


def test_today_tells_two_people_of_one_name_apart_by_employer_or_number(
    client: TestClient, web_ctx: Context
) -> None:
    met = DAY - dt.timedelta(days=400)
    first = add(web_ctx, "Diego López", circle="close", company="Tidewater", met_on=met)
    add(web_ctx, "Diego López", company="Helio")  # not due: not listed
    other = add(web_ctx, "Yuna Jang", circle="close", met_on=met)
    add(web_ctx, "Yuna Jang")
    page = client.get("/").text
    assert f'<a class="agenda-person" href="/people/{first}">Diego López</a>' in page
    assert '<span class="muted" data-namesake>(Tidewater)</span>' in page
    assert f'<span class="muted" data-namesake>(#{other})</span>' in page
    assert page.count("data-namesake") == 2


def test_today_says_the_3b7_steps_held_back_as_the_cli_does(
    client: TestClient, web_ctx: Context
) -> None:
    from factories import talk

    sent = dt.date(2026, 6, 4)  # business day 7 on DAY
    for n in range(7):
        add(web_ctx, f"Out {n}")
        talk(web_ctx, f"Out {n}", on=sent, kind="email", direction="out", asked=["advice"])
    page = client.get("/").text
    assert page.count("send one short follow-up") == 5
    assert (
        '<p class="muted" data-more-steps>… and 2 more 3B7 steps on unanswered outreach, '
        "5 a day: they take turns on the next business days.</p>"
    ) in page


def test_an_empty_today_with_check_ins_snoozed_says_so_and_links_everyone_due(
    client: TestClient, web_ctx: Context
) -> None:
    """Everyone due snoozed: not "in good shape", nor a bare "… and 1 more" below it."""
    from netweave.services.agenda_snooze import snooze_suggestion

    add(web_ctx, "Chris Young", circle="close", met_on=DAY - dt.timedelta(days=400))
    snooze_suggestion(web_ctx, "Chris Young", "check_in", DAY + dt.timedelta(days=14))
    page = client.get("/").text
    assert "Nothing due today" in page
    assert "in good shape" not in page
    assert (
        "1 person due for a check-in is snoozed: "
        '<a href="/people?overdue=true">see everyone due</a>.' in page
    )
    assert "data-more-due" not in page
