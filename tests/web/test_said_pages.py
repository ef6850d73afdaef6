"""Route tests of what a form says it did: one plain status line on the page it lands on
(Today's buttons say it in place), said once: reloaded, the page says nothing more; and the
pages a form lands on that say it once by a key (a log, a merge, its undo, quick capture)."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from fastapi.testclient import TestClient

from netweave.services.campaigns import new_campaign
from netweave.services.context import Context
from netweave.services.events import add_event
from netweave.services.leads import add_lead
from netweave.services.tasks import add_task
from web.conftest import csrf_of
from web.web_helpers import DAY, add

FETCH = {"x-requested-with": "fetch"}
SAID = re.compile(r'<p class="flash" role="status" data-said>([^<]*)</p>')
IN_PLACE = re.compile(r'<p class="flash" role="status" data-agenda-said tabindex="-1">([^<]*)</p>')


def _said(client: TestClient, location: str) -> str | None:
    """What the page a form landed on says it did (``None``: nothing)."""
    found = SAID.search(client.get(location).text)
    return html.unescape(found[1]) if found else None


def _landed(client: TestClient, response: object) -> str:
    assert getattr(response, "status_code", None) == 303, getattr(response, "text", "")
    location: str = response.headers["location"]  # type: ignore[attr-defined]
    return location


def test_done_on_a_check_in_says_a_message_was_logged_in_place_and_as_a_page(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    na = add(ctx, "Na Wu", circle="inner", met_on=DAY - dt.timedelta(days=400))
    yuna = add(ctx, "Yuna Jang", circle="inner", met_on=DAY - dt.timedelta(days=400))
    token = csrf_of(client)
    form = {"csrf_token": token, "kind": "check_in"}
    fragment = client.post(f"/checked-in/{na}", data=form, headers=FETCH)
    assert fragment.status_code == 200
    said = IN_PLACE.search(fragment.text)
    assert said, fragment.text[:400]
    assert (
        said[1]
        == "Marked done: check-in with Na Wu. Logged a message with Na Wu (on their timeline)."
    )
    # without the page's script: Today as a page, saying it once
    page = _landed(client, client.post(f"/checked-in/{yuna}", data=form))
    assert re.fullmatch(r"/\?said=[\w-]{22}", page)
    assert _said(client, page) == (
        "Marked done: check-in with Yuna Jang. Logged a message with Yuna Jang (on their timeline)."
    )
    assert _said(client, page) is None  # reloaded


def test_snooze_and_a_task_done_say_what_and_until_when(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    yuna = add(ctx, "Yuna Jang", circle="inner", met_on=DAY - dt.timedelta(days=400))
    task = add_task(ctx, "Send the slides", due=DAY, person="Yuna Jang", kind="follow_up")
    chore = add_task(ctx, "Renew the domain", due=DAY)
    token = csrf_of(client)
    snooze = {"csrf_token": token, "kind": "check_in", "days": "7"}
    fragment = client.post(f"/people/{yuna}/snooze", data=snooze, headers=FETCH).text
    said = IN_PLACE.search(fragment)
    assert said
    assert said[1] == "Snoozed the check-in with Yuna Jang until 22 June."
    done = client.post(f"/tasks/{task['id']}/done", data={"csrf_token": token}, headers=FETCH)
    said = IN_PLACE.search(done.text)
    assert said
    assert said[1] == "Marked done: Send the slides. Logged a message with Yuna Jang."
    page = _landed(client, client.post(f"/tasks/{chore['id']}/done", data={"csrf_token": token}))
    assert _said(client, page) == "Marked done: Renew the domain. Nothing was logged."
    later = {"csrf_token": token, "until": "2027-01-04"}
    other = add_task(ctx, "Book the room", due=DAY)
    page = _landed(client, client.post(f"/tasks/{other['id']}/snooze", data=later))
    assert _said(client, page) == "Snoozed until 4 January 2027: Book the room."


def test_adding_and_saving_a_person_say_so_once(any_client: tuple[TestClient, Context]) -> None:
    client, _ctx = any_client
    token = csrf_of(client, "/people/new")
    page = _landed(client, client.post("/people", data={"csrf_token": token, "name": "Ana Li"}))
    assert re.fullmatch(r"/people/\d+\?said=[\w-]{22}", page)
    assert _said(client, page) == "Added Ana Li."
    assert _said(client, page) is None
    pid = page.split("?")[0].rsplit("/", 1)[1]
    form = {"csrf_token": token, "name": "Ana Li", "location": "Porto"}
    page = _landed(client, client.post(f"/people/{pid}/edit", data=form))
    assert _said(client, page) == "Saved the changes to Ana Li."
    page = _landed(client, client.post(f"/people/{pid}/edit", data=form))
    assert _said(client, page) == "Nothing changed: Ana Li's record said all that already."
    # another session's address says nothing to this one
    page = _landed(client, client.post(f"/people/{pid}/edit", data={**form, "location": "Lima"}))
    client.cookies.clear()
    assert _said(client, page) is None


def test_an_event_a_lead_move_and_a_target_say_what_was_done(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    token = csrf_of(client, "/events")
    form = {"csrf_token": token, "name": "Repro Night", "on": "2026-06-20"}
    page = _landed(client, client.post("/events", data=form))
    assert _said(client, page) == (
        "Added the event Repro Night on 20 June: the people met there go in Quick capture."
    )
    lead = add_lead(ctx, "Kelp Forest Labs", "Data engineer")
    move = {"csrf_token": token, "stage": "applied", "back": "board", "focus": "on"}
    page = _landed(client, client.post(f"/leads/{lead['id']}/move", data=move))
    assert re.fullmatch(rf"/leads\?said=[\w-]{{22}}#lead-{lead['id']}-on", page)
    said = _said(client, page.split("#")[0])
    assert said == f"Moved the lead #{lead['id']} Data engineer at Kelp Forest Labs to applied."
    detail = {"csrf_token": token, "stage": "interviewing", "step": "prepare", "due": ""}
    page = _landed(client, client.post(f"/leads/{lead['id']}/move", data=detail))
    assert _said(client, page) == (
        f"Moved the lead #{lead['id']} Data engineer at Kelp Forest Labs to interviewing."
    )
    form = {"csrf_token": token, "org": "Kelp Forest Labs", "motivation": "3", "posting": "2"}
    page = _landed(client, client.post("/targets", data=form))
    assert _said(client, page) == (
        "Added the target Kelp Forest Labs (motivation 3, posting 2): number 1 on the list."
    )
    org = re.search(r'action="/targets/(\d+)/set"', client.get("/targets").text)
    assert org
    change = {"csrf_token": token, "motivation": "1", "posting": "3"}
    page = _landed(client, client.post(f"/targets/{org[1]}/set", data=change))
    assert _said(client, page) == (
        "Saved the target Kelp Forest Labs (motivation 1, posting 3): number 1 on the list."
    )


def test_a_log_and_a_merge_are_said_once_by_a_key(any_client: tuple[TestClient, Context]) -> None:
    """``?logged=`` and ``?merged=`` carry a one-time notice's key, not a record's number:
    reloaded, the page says nothing again (nor offers the merge's undo again)."""
    client, ctx = any_client
    roya = add(ctx, "Roya Rahimi")
    token = csrf_of(client)
    form = {"csrf_token": token, "kind": "coffee", "direction": "both", "note": "hi", "next": "/"}
    page = _landed(client, client.post(f"/people/{roya}/log", data=form))
    assert re.fullmatch(r"/\?logged=[\w-]{22}", page)
    assert "data-logged" in client.get(page).text
    assert "data-logged" not in client.get(page).text
    page = _landed(client, client.post(f"/people/{roya}/log", data={**form, "next": ""}))
    assert re.fullmatch(rf"/people/{roya}\?logged=[\w-]{{22}}#timeline", page)
    assert "data-logged" in client.get(page.split("#")[0]).text
    assert "data-logged" not in client.get(page.split("#")[0]).text
    felipe = add(ctx, "Felipe Souza")
    other = add(ctx, "Felipe Souza", company="Kelp Forest Labs")
    merge = {"csrf_token": token, "keep": felipe, "a": felipe, "b": other}
    page = _landed(client, client.post("/people/merge", data=merge))
    assert re.fullmatch(rf"/people/{felipe}\?merged=[\w-]{{22}}", page)
    first = client.get(page).text
    assert "data-merged" in first
    assert "data-merged" not in client.get(page).text
    batch = re.search(r'action="/merges/(\d+)/undo"', first)
    assert batch
    page = _landed(client, client.post(f"/merges/{batch[1]}/undo", data={"csrf_token": token}))
    assert re.fullmatch(r"/people/duplicates\?undone=[\w-]{22}", page)
    undone = re.search(r"<p [^>]*data-undone>(.*?)</p>", client.get(page).text)
    assert undone
    text = re.sub(r"<[^>]+>", "", undone[1])
    assert text == (
        f"Merge undone: Felipe Souza (#{felipe}) and Felipe Souza (#{other}) are two records again."
    )
    assert "data-undone" not in client.get(page).text


def test_quick_capture_lands_on_a_page_a_reload_does_not_send_again(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    event = add_event(ctx, "Climate Week", DAY)
    token = csrf_of(client, "/events")
    form = {"csrf_token": token, "event": str(event["id"]), "names": "Brand New Person"}
    page = _landed(client, client.post("/events/meet", data=form))
    assert re.fullmatch(r"/events\?met=[\w-]{22}", page)
    first = client.get(page).text
    assert "data-met" in first
    assert "Brand New Person" in first
    assert "data-met" not in client.get(page).text


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Nobody Atall", "Someone they know: no person matches"),
        ("Felipe Souza", "is ambiguous"),
        ("", "name the person they know"),
    ],
)
def test_someone_they_know_refused_is_said_at_the_field(
    any_client: tuple[TestClient, Context], typed: str, said: str
) -> None:
    client, ctx = any_client
    pid = add(ctx, "Vera Cardholder")
    add(ctx, "Felipe Souza")
    add(ctx, "Felipe Souza", company="Kelp Forest Labs")
    token = csrf_of(client, f"/people/{pid}")
    form = {"csrf_token": token, "other": typed, "context": "Rowing club"}
    answer = client.post(f"/people/{pid}/knows", data=form)
    assert answer.status_code == 422
    field = re.search(r'<input type="text" name="other"[^>]*>', answer.text)
    assert field
    assert f'value="{typed}"' in field[0]
    assert 'aria-invalid="true"' in field[0]
    assert "autofocus" in field[0]
    assert 'value="Rowing club"' in answer.text
    error = re.search(
        r'<p class="flash flash-error [^"]*" id="knows-other-error"[^>]*>(.*?)</p>', answer.text
    )
    assert error, answer.text[:300]
    assert said in error[1]
    assert "Not logged" not in answer.text


def test_the_interest_field_says_its_format_in_a_visible_hint(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    pid = add(ctx, "Ana Li")
    page = client.get(f"/people/{pid}/edit").text
    field = re.search(r'<input type="text" name="interest"[^>]*>', page)
    assert field
    assert 'aria-describedby="interest-hint"' in field[0]
    hint = re.search(r'<span [^>]*id="interest-hint"[^>]*>([^<]*)</span>', page)
    assert hint
    assert "personal:hiking" in hint[1]


def test_dates_in_lists_stay_on_one_line(any_client: tuple[TestClient, Context]) -> None:
    """An ISO date in a narrow column is one unbreakable piece (a phone broke it at a
    hyphen: "2026-11-" / "29")."""
    from netweave.services.events import meet

    client, ctx = any_client
    event = add_event(ctx, "Climate Week", DAY)
    meet(ctx, f"#{event['id']}", ["Na Wu"])
    people = client.get("/people").text
    assert '<span class="nowrap">2026-06-15</span>' in people  # met on: the event's day
    page = client.get(f"/events/{event['id']}").text
    assert 'due <span class="nowrap">2026-06-17</span>' in page


def test_the_smaller_forms_each_say_what_they_did_once(
    any_client: tuple[TestClient, Context],
) -> None:
    """A snooze lifted, a lead's next step and people, a target removed, whom someone knows,
    an ask settled, a need removed, a campaign started and closed: one status line each, on
    the page the form lands on, said once."""
    from netweave.services.agenda_snooze import snooze_suggestion
    from netweave.services.asks import list_asks
    from netweave.services.interactions import LogRequest, log_interaction
    from netweave.services.targets import add_target

    client, ctx = any_client
    roya = add(ctx, "Roya Rahimi", circle="inner", met_on=DAY - dt.timedelta(days=400),
               needs=["a python mentor"])  # fmt: skip
    quinn = add(ctx, "Quinn Vale")
    snooze_suggestion(ctx, f"#{roya}", "check_in", DAY + dt.timedelta(days=7))
    lead = add_lead(ctx, "Kelp Forest Labs", "Data engineer")["id"]
    org = add_target(ctx, "Globex")["org_id"]
    log_interaction(ctx, LogRequest(names=["Quinn Vale"], on=DAY - dt.timedelta(days=7),
                                    kind="coffee", asked=["advice"]))  # fmt: skip
    ask = list_asks(ctx)[0]["id"]
    token = csrf_of(client)

    def said(path: str, **form: str) -> str | None:
        location = _landed(client, client.post(path, data={"csrf_token": token, **form}))
        assert re.search(r"[?&]said=[\w-]{22}(#\w+)?$", location), location
        first = _said(client, location)
        assert _said(client, location) is None  # reloaded: nothing more
        return first

    assert said(f"/people/{roya}/wake", kind="check_in") == (
        "Offered again from today: the check-in with Roya Rahimi."
    )
    assert said(f"/leads/{lead}/next", step="Call Ximena", due="2026-06-18") == (
        "Next step of the lead #1 Data engineer at Kelp Forest Labs: “Call Ximena”, due 18 June."
    )
    assert said(f"/leads/{lead}/next", step="", due="") == (
        "Cleared the next step of the lead #1 Data engineer at Kelp Forest Labs."
    )
    assert said(f"/leads/{lead}/people", person="Roya Rahimi", role="advocate") == (
        "Linked Roya Rahimi to the lead #1 Data engineer at Kelp Forest Labs as advocate."
    )
    assert said(f"/leads/{lead}/people/{roya}/remove", role="advocate") == (
        "Took Roya Rahimi off the lead #1 Data engineer at Kelp Forest Labs as advocate."
    )
    assert said(f"/targets/{org}/remove") == (
        "Took Globex off the target list (the organization and its people stay)."
    )
    assert said(f"/people/{roya}/knows", other="Quinn Vale", context="work") == (
        "Recorded that Roya Rahimi and Quinn Vale know each other (work)."
    )
    assert said(f"/asks/{ask}", status="fulfilled") == (
        "Marked fulfilled: your ask of 8 June for advice to Quinn Vale."
    )
    assert said(f"/people/{roya}/remove", what="need", value="a python mentor") == (
        "Removed the need “a python mentor” from Roya Rahimi's record."
    )
    started = _landed(client, client.post(
        "/campaigns", data={"csrf_token": token, "name": "Summer", "circle": "inner"}
    ))  # fmt: skip
    assert _said(client, started) == "Started the campaign Summer: 1 person to greet."
    campaign = re.search(r"/campaigns/(\d+)\?", started)
    assert campaign
    assert said(f"/campaigns/{campaign[1]}/close") == (
        "Closed the campaign Summer: 1 greeting not sent leaves Today."
    )
    assert quinn


def test_a_log_and_a_done_say_which_greetings_they_ticked_off(
    any_client: tuple[TestClient, Context],
) -> None:
    """As ``log`` prints "Done with it: …", the page a log form lands on (the person's, or
    Today) says the campaign greetings it ticked off, and so does a task's "Done"."""
    client, ctx = any_client
    lucas = add(ctx, "Lucas Silva", circle="inner")
    sara = add(ctx, "Sara Kim", circle="inner")
    add(ctx, "Ben Lee", circle="inner")
    task = add_task(ctx, "Tell Ben about the offer", due=DAY, person="Ben Lee", kind="update")
    new_campaign(ctx, "Holidays", ["inner"])
    token = csrf_of(client)
    form = {"csrf_token": token, "kind": "email", "direction": "out", "note": "Happy holidays"}
    page = _landed(client, client.post(f"/people/{lucas}/log", data=form)).split("#")[0]
    done = re.findall(r"<p [^>]*data-tasks-done>([^<]*)</p>", client.get(page).text)
    assert done == ["Done with it: Holidays greeting for Lucas Silva."]
    page = _landed(client, client.post(f"/people/{sara}/log", data={**form, "next": "/"}))
    done = re.findall(r"<p [^>]*data-tasks-done>([^<]*)</p>", client.get(page).text)
    assert done == ["Done with it: Holidays greeting for Sara Kim."]
    fragment = client.post(f"/tasks/{task['id']}/done", data={"csrf_token": token}, headers=FETCH)
    said = IN_PLACE.search(fragment.text)
    assert said
    assert said[1] == (
        "Marked done: Tell Ben about the offer. Logged a message with Ben Lee."
        " Done with it: Holidays greeting for Ben Lee."
    )
