"""Route tests of the pages: what each shows and what each action changes."""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from netweave.logic.wording import count
from netweave.services import agenda
from netweave.services.asks import list_asks
from netweave.services.context import Context
from netweave.services.events import add_event
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.people import PersonChanges, edit_person, show_person
from netweave.services.tagging import remove_tag
from netweave.services.tasks import add_task
from web.conftest import BASE
from web.web_helpers import DAY, add, unkeyed

DATA = Path(__file__).resolve().parents[1] / "data"


def _people_on_agenda(ctx: Context) -> list[str | None]:
    return [i["person"] for i in agenda.agenda(ctx)["items"]]


def test_today_lists_the_agenda_with_actions(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Grace Hopper")
    add_task(web_ctx, "Send Grace the paper", person="Grace Hopper")
    html = client.get("/").text
    assert "Send Grace the paper" in html
    assert "Done" in html
    assert "Snooze" in html
    assert "Log a conversation" in html


def test_a_date_in_a_reason_is_kept_on_one_line(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Grace Hopper")
    add_task(web_ctx, "Send Grace <the paper> of 2026-06-01", person="Grace Hopper")
    page = client.get("/").text
    assert '<span class="nowrap">2026-06-01</span>' in page  # a phone breaks at hyphens
    assert "Send Grace &lt;the paper&gt; of" in page  # and the rest is escaped as ever


def test_done_and_snooze_take_a_task_off_today(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Grace Hopper")
    done = add_task(web_ctx, "Send the paper", person="Grace Hopper")
    later = add_task(web_ctx, "Book a call", person="Grace Hopper")
    response = client.post(f"/tasks/{done['id']}/done", data={"csrf_token": token})
    assert response.status_code == 303
    fragment = client.post(
        f"/tasks/{later['id']}/snooze",
        data={"csrf_token": token, "days": "7"},
        headers={"x-requested-with": "fetch"},
    )
    assert fragment.status_code == 200
    assert "<html" not in fragment.text
    reasons = [i["reason"] for i in agenda.agenda(web_ctx)["items"]]
    assert "Send the paper" not in reasons
    assert "Book a call" not in reasons


def test_logging_a_coffee_from_today_clears_a_check_in(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(web_ctx, "Alan Turing", circle="close")
    log_interaction(web_ctx, LogRequest(names=["Alan Turing"], on=DAY - dt.timedelta(days=60)))
    assert "Alan Turing" in _people_on_agenda(web_ctx)
    response = client.post(
        f"/people/{pid}/log",
        data={"csrf_token": token, "kind": "coffee", "note": "Talked shop", "next": "/"},
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith("/?logged=")
    assert "Alan Turing" not in _people_on_agenda(web_ctx)
    assert show_person(web_ctx, "Alan Turing")["interactions"][0]["kind"] == "coffee"
    said = client.get(response.headers["location"]).text  # Today, saying what was logged
    link = f'<a href="/people/{pid}#timeline">Alan Turing</a>'
    assert f'Logged the coffee of <span class="nowrap">{DAY}</span> with {link}.' in said


def test_one_click_check_in(client: TestClient, web_ctx: Context, token: str) -> None:
    pid = add(web_ctx, "Alan Turing", circle="close")
    log_interaction(web_ctx, LogRequest(names=["Alan Turing"], on=DAY - dt.timedelta(days=60)))
    client.post(f"/checked-in/{pid}", data={"csrf_token": token})
    assert "Alan Turing" not in _people_on_agenda(web_ctx)


def test_done_on_a_give_back_records_the_give(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(web_ctx, "Donald Knuth")
    log_interaction(
        web_ctx,
        LogRequest(names=["Donald Knuth"], on=DAY - dt.timedelta(days=2), received=["advice"]),
    )
    page = client.get("/").text
    assert 'name="kind" value="give"' in page
    assert '<option value="introduction">introduction</option>' in page
    assert (
        client.post(f"/checked-in/{pid}", data={"csrf_token": token, "kind": "give"}).status_code
        == 422
    )
    response = client.post(
        f"/checked-in/{pid}", data={"csrf_token": token, "kind": "give", "gave": "introduction"}
    )
    assert response.status_code == 303
    assert [i["kind"] for i in agenda.agenda(web_ctx)["items"]].count("give") == 0
    shown = show_person(web_ctx, "Donald Knuth")
    assert shown["reciprocity"]["gave"] == 1
    assert shown["interactions"][0]["summary"] == "Gave something back (agenda)"


def test_done_says_what_was_done_and_an_introduction_opens_its_page(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(web_ctx, "Grace Hopper", birthday=f"--{DAY:%m-%d}", circle="close")
    page = client.get("/").text
    assert 'name="kind" value="birthday"' in page
    # each button names its item to a screen reader; the page can be skipped to its content
    assert 'aria-label="Done: Birthday — Grace Hopper"' in page
    assert 'Snooze<span class="sr-only">: Birthday — Grace Hopper</span></summary>' in page
    assert '<a class="skip-link" href="#content">' in page
    client.post(f"/checked-in/{pid}", data={"csrf_token": token, "kind": "birthday"})
    assert show_person(web_ctx, "Grace")["interactions"][0]["summary"] == (
        "Wished a happy birthday (agenda)"
    )
    refused = client.post(f"/checked-in/{pid}", data={"csrf_token": token, "kind": "intro"})
    assert refused.status_code == 422


def test_snoozing_a_check_in_from_today(client: TestClient, web_ctx: Context, token: str) -> None:
    pid = add(web_ctx, "Alan Turing", circle="close")
    log_interaction(web_ctx, LogRequest(names=["Alan Turing"], on=DAY - dt.timedelta(days=60)))
    page = client.get("/").text
    assert f'action="/people/{pid}/snooze"' in page
    fragment = client.post(
        f"/people/{pid}/snooze",
        data={"csrf_token": token, "kind": "check_in", "days": "7"},
        headers={"x-requested-with": "fetch"},
    )
    assert fragment.status_code == 200
    assert 'class="agenda-person"' not in fragment.text
    assert "Snoozed the check-in with Alan Turing until 22 June." in fragment.text
    assert "Alan Turing" not in client.get("/").text
    refused = client.post(
        f"/people/{pid}/snooze", data={"csrf_token": token, "kind": "task", "days": "7"}
    )
    assert refused.status_code == 422
    assert "cannot snooze" in refused.text


def test_people_search_filters_and_partial(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Ada Lovelace", tags=["math"], company="Engines Ltd", circle="close")
    add(web_ctx, "Charles Babbage", tags=["math"])
    add(web_ctx, "Mary Somerville")
    page = client.get("/people").text
    assert all(n in page for n in ("Ada Lovelace", "Charles Babbage", "Mary Somerville"))
    rows = client.get("/people/_rows", params={"q": "lovel"}).text
    assert "Ada Lovelace" in rows
    assert "Babbage" not in rows
    assert "<html" not in rows
    tagged = client.get("/people", params={"tag": "math"}).text
    assert "Babbage" in tagged
    assert "Somerville" not in tagged
    by_org = client.get("/people/_rows", params={"org": "Engines Ltd"}).text
    assert "Ada Lovelace" in by_org
    assert "Babbage" not in by_org
    by_circle = client.get("/people/_rows", params={"circle": "close", "q": "a"}).text
    assert "Ada Lovelace" in by_circle
    assert "Babbage" not in by_circle


def test_a_bookmarked_filter_of_a_removed_tag_shows_the_list_and_says_so(
    client: TestClient, web_ctx: Context
) -> None:
    add(web_ctx, "Ada Lovelace", tags=["math"], circle="close")
    add(web_ctx, "Charles Babbage")
    remove_tag(web_ctx, "math", confirmed=True)
    shown = client.get("/people", params={"tag": "Math", "circle": "close"})
    assert shown.status_code == 200
    page = html.unescape(shown.text)
    assert "There is no tag 'math' any longer (removed or renamed)" in page
    assert "Ada Lovelace" in page  # the other filters kept
    assert "Charles Babbage" not in page
    assert 'value="math"' not in page  # nothing offered or chosen under that name
    assert "no tag" not in html.unescape(client.get("/people", params={"tag": ""}).text)


def test_people_search_takes_an_email_domain(client: TestClient, web_ctx: Context) -> None:
    """The search box, its rows as you type and the API find people by the domain of their
    addresses (and its subdomains) as the CLI does; the page says a domain works."""
    add(web_ctx, "Ada Lovelace", emails=["ada@engines.example"])
    add(web_ctx, "Charles Babbage", emails=["charles@mail.engines.example"])
    add(web_ctx, "Mary Somerville", emails=["mary@elsewhere.example"])
    page = client.get("/people", params={"q": "@engines.example"}).text
    assert "@acme.com" in page  # the placeholder and the line under the title
    rows = client.get("/people/_rows", params={"q": "engines.example"}).text
    for found in (page, rows):
        assert "Ada Lovelace" in found
        assert "Charles Babbage" in found
        assert "Somerville" not in found
    api = client.get("/api/people", params={"q": "@ENGINES.example"}).json()
    assert [p["name"] for p in api] == ["Ada Lovelace", "Charles Babbage"]
    assert [p["name"] for p in client.get("/api/people", params={"q": "@engines"}).json()] == [
        "Ada Lovelace",
        "Charles Babbage",
    ]


def test_overdue_filter(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Late Larry", circle="close")
    add(web_ctx, "Fresh Fay", circle="close")
    log_interaction(web_ctx, LogRequest(names=["Late Larry"], on=DAY - dt.timedelta(days=90)))
    log_interaction(web_ctx, LogRequest(names=["Fresh Fay"], on=DAY - dt.timedelta(days=2)))
    rows = client.get("/people/_rows", params={"overdue": "true"}).text
    assert "Late Larry" in rows
    assert "Fresh Fay" not in rows


def test_bulk_tagging(client: TestClient, web_ctx: Context, token: str) -> None:
    a, b = add(web_ctx, "Ada Lovelace"), add(web_ctx, "Charles Babbage")
    add(web_ctx, "Mary Somerville")
    response = client.post(
        "/people/tag",
        data={"csrf_token": token, "ids": [str(a), str(b)], "tag": "Engines", "back": "/people"},
    )
    assert response.status_code == 303
    assert "tagged=2" in response.headers["location"]
    assert "Tagged 2 people “engines”." in client.get(response.headers["location"]).text
    assert "Tagged 1 person." in client.get("/people?tagged=1").text
    unfiltered = {"csrf_token": token, "ids": [str(a)], "tag": "x", "back": "/people?"}
    tagged = client.post("/people/tag", data=unfiltered).headers["location"]
    assert tagged == "/people?tagged=1&tag=x"
    assert show_person(web_ctx, "Ada Lovelace")["tags"] == ["engines", "x"]
    assert show_person(web_ctx, "Mary Somerville")["tags"] == []


def test_adding_a_person_from_the_form(client: TestClient, web_ctx: Context, token: str) -> None:
    response = client.post(
        "/people",
        data={
            "csrf_token": token,
            "name": "Katherine Johnson",
            "email": "kj@example.org",
            "company": "NASA",
            "title": "Mathematician",
            "tags": "space, math",
        },
    )
    assert response.status_code == 303
    person = show_person(web_ctx, "Katherine Johnson")
    assert re.fullmatch(rf"/people/{person['id']}\?said=[\w-]{{22}}", response.headers["location"])
    assert "Added Katherine Johnson." in client.get(response.headers["location"]).text
    assert person["emails"] == ["kj@example.org"]
    assert person["company"] == "NASA"
    assert person["tags"] == ["math", "space"]
    empty = client.post("/people", data={"csrf_token": token, "name": ""})
    assert empty.status_code == 422
    assert "needs a name" in empty.text
    long = client.post("/people", data={"csrf_token": token, "name": "K" * 5000})
    assert long.status_code == 422
    assert "name" in long.text
    assert "Katherine Johnson" in client.get("/people").text
    # the same name again: added, and the page says who was here already
    again = client.post("/people", data={"csrf_token": token, "name": "katherine johnson"})
    assert re.search(r"\?namesakes=[\w-]{22}&said=[\w-]{22}$", again.headers["location"])
    page = client.get(again.headers["location"]).text
    assert "data-namesakes" in page
    assert f'<a href="/people/{person["id"]}">Katherine Johnson (#{person["id"]})</a>' in page
    # said once: reloaded, gone back to or bookmarked, the page says nothing of it
    assert "data-namesakes" not in client.get(again.headers["location"]).text
    newest = again.headers["location"].split("?")[0]
    assert "data-namesakes" not in client.get(f"{newest}?namesakes=1").text
    assert "data-namesakes" not in client.get(f"/people/{person['id']}?namesakes=1").text


def test_odd_ids_are_refused_not_crashed(client: TestClient, web_ctx: Context, token: str) -> None:
    add(web_ctx, "Ada Lovelace")
    tagged = client.post(
        "/people/tag",
        data={"csrf_token": token, "tag": "x", "ids": ["²", "99999999999999999999", "1"]},
        headers={"x-requested-with": "fetch"},
    )
    assert tagged.status_code == 200
    assert tagged.json()["tagged"] == 1


def test_the_person_page(client: TestClient, web_ctx: Context) -> None:
    pid = add(
        web_ctx,
        "Ada Lovelace",
        emails=["ada@example.org"],
        company="Engines Ltd",
        title="Analyst",
        interests=["professional:mathematics"],
        needs=["a publisher"],
        offers=["reviews"],
        birthday="--12-10",
    )
    log_interaction(
        web_ctx,
        LogRequest(
            names=["Ada Lovelace"], kind="coffee", note="Notes on the engine", gave=["advice"]
        ),
    )
    html = client.get(f"/people/{pid}").text
    for text in ("ada@example.org", "Engines Ltd", "mathematics", "a publisher", "reviews"):
        assert text in html
    assert "Notes on the engine" in html  # the timeline
    assert '<svg class="chart"' in html
    assert "<polyline" in html
    assert "Recency" in html
    assert "Help exchanged" in html
    assert "you gave" in html  # reciprocity
    assert "<dd>10 December</dd>" in html  # the birthday in words, not --12-10
    assert client.get("/people/999").status_code == 404


def test_the_person_page_says_a_past_next_check_in_is_overdue(
    client: TestClient, web_ctx: Context
) -> None:
    """A "next" check-in in the past reads as the agenda's "due since", not as a plain day."""
    pid = add(web_ctx, "Sam Carter", circle="close", met_on=DAY - dt.timedelta(days=73))
    page = client.get(f"/people/{pid}").text
    assert "<dt>next check-in</dt><dd>due since " in page
    assert "2026-05-03</span>, 43 days past your cadence (every 30 days)" in page


def test_the_person_page_says_where_they_were_met_without_a_day(
    client: TestClient, web_ctx: Context
) -> None:
    pid = add(web_ctx, "Mei Chen", met_at="PyData Lisbon")
    assert "<dt>met</dt><dd>at PyData Lisbon</dd>" in client.get(f"/people/{pid}").text


def test_the_person_page_removes_needs_offers_and_interests(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(web_ctx, "Ada Lovelace", interests=["professional:Mathematics", "social:poetry"],
              needs=["a publisher", "a <loom>"], offers=["reviews"])  # fmt: skip
    html = client.get(f"/people/{pid}").text
    assert html.count(f'action="/people/{pid}/remove"') == 5  # one button per value
    assert 'name="value" value="a &lt;loom&gt;"' in html  # escaped, as everything shown
    assert 'aria-label="Remove interest Mathematics"' in html
    without = client.post(f"/people/{pid}/remove", data={"what": "need", "value": "a publisher"})
    assert without.status_code == 403  # no CSRF token: refused, nothing changed
    for what, value in (("need", "a <loom>"), ("offer", "reviews"),
                        ("interest", "professional:Mathematics")):  # fmt: skip
        form = {"csrf_token": token, "what": what, "value": value}
        response = client.post(f"/people/{pid}/remove", data=form)
        assert response.status_code == 303
        assert re.fullmatch(
            rf"/people/{pid}\?said=[\w-]{{22}}#profile", response.headers["location"]
        )
    ada = show_person(web_ctx, f"#{pid}")
    assert (ada["needs"], ada["offers"]) == (["a publisher"], [])
    assert ada["interests"] == [{"category": "social", "label": "poetry"}]
    html = client.get(f"/people/{pid}").text  # the remembered page is rendered again
    assert ("reviews" in html, "Mathematics" in html, "a publisher" in html) == (False, False, True)
    missing = client.post(
        f"/people/{pid}/remove", data={"csrf_token": token, "what": "need", "value": "a loom"}
    )
    assert missing.status_code == 422
    assert "Ada Lovelace has no need" in missing.text
    odd = client.post(f"/people/{pid}/remove", data={"csrf_token": token, "what": "tag",
                                                     "value": "x"})  # fmt: skip
    assert odd.status_code == 422
    assert show_person(web_ctx, f"#{pid}")["needs"] == ["a publisher"]


def test_an_unwoven_referral_ask_is_coached_then_confirmed(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(web_ctx, "New Nina", met_on=DAY - dt.timedelta(days=3))
    page = client.get(f"/people/{pid}").text
    assert "Not woven yet" in page  # the check is on the page before any ask
    form = {"csrf_token": token, "kind": "coffee", "ask": "referral", "note": "coffee chat"}
    response = followed(client, client.post(f"/people/{pid}/log", data=form))
    assert "Not recorded" in response.text
    assert "advice" in response.text
    assert show_person(web_ctx, "New Nina")["interactions"] == []
    confirmed = client.post(f"/people/{pid}/log", data={**form, "confirmed": "1"})
    assert confirmed.status_code == 303
    assert len(show_person(web_ctx, "New Nina")["interactions"]) == 1


def followed(client: TestClient, response: Any) -> Any:
    """The page a form's answer redirects to (303: reloading it sends nothing again)."""
    assert response.status_code == 303, response.text[:300]
    page = client.get(response.headers["location"])
    assert page.status_code == 200
    return page


def _asked_grace_for_advice(web_ctx: Context, days: int = 2) -> tuple[int, dt.date]:
    """Grace Liu, known for over a year, asked for advice two days ago: no reply yet."""
    pid = add(web_ctx, "Grace Liu", met_on=DAY - dt.timedelta(days=400))
    sent = DAY - dt.timedelta(days=days)
    talk = LogRequest(names=["Grace Liu"], kind="message", direction="out", on=sent,
                      asked=["advice"])  # fmt: skip
    log_interaction(web_ctx, talk)
    return pid, sent


def test_a_refused_ask_of_someone_not_answering_yet_offers_no_new_advice_ask(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """Asked for advice two days ago, no reply yet: a referral ask sent now is coached with
    the open ask and its follow-up, and no button asks for advice again."""
    pid, sent = _asked_grace_for_advice(web_ctx)
    form = {"csrf_token": token, "kind": "message", "direction": "out", "ask": "referral"}
    response = followed(client, client.post(f"/people/{pid}/log", data=form))
    page = html.unescape(response.text)
    assert f"You asked Grace Liu for advice on {sent} and have no reply yet" in page
    assert "send your one follow-up on" in page
    assert "Log it as an ask for advice" not in page
    assert "Record the ask anyway" in page
    coffee = client.post(f"/people/{pid}/log", data={**form, "kind": "coffee", "direction": "both"})
    assert "Log it as an ask for advice" in followed(client, coffee).text  # their answer


def test_a_refused_ask_whose_note_asks_for_a_referral_offers_no_advice_button(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """The button would log the note as it is, an ask for a referral, as an ask for advice:
    the note is to be reworded in the form first."""
    pid = add(web_ctx, "New Nina", met_on=DAY - dt.timedelta(days=3))
    form = {"csrf_token": token, "kind": "message", "direction": "out", "ask": "referral",
            "note": "could you refer me for the data role?"}  # fmt: skip
    page = html.unescape(followed(client, client.post(f"/people/{pid}/log", data=form)).text)
    assert 'Your note asks for a job or a referral (it mentions "refer me")' in page
    assert "Log it as an ask for advice" not in page
    assert "Record the ask anyway" in page


def test_the_woven_panel_says_wait_beside_the_refusal_while_an_advice_ask_is_open(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """The "Not woven yet" panel says what the refusal above it says: wait, not ask again."""
    pid, sent = _asked_grace_for_advice(web_ctx)
    form = {"csrf_token": token, "kind": "message", "direction": "out", "ask": "referral"}
    page = html.unescape(followed(client, client.post(f"/people/{pid}/log", data=form)).text)
    panel = page[page.index("data-woven hidden") :]
    assert f"You asked Grace Liu for advice on {sent} and have no reply yet" in panel
    assert "for advice or insight instead" not in page


def test_a_second_advice_ask_is_recorded_with_the_warning_the_command_line_gives(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """Asked for advice two days ago, no reply yet: asking again from the person page is
    recorded, and the page it leads to says what the command line says of it (reloading
    that page records nothing more)."""
    pid, sent = _asked_grace_for_advice(web_ctx)
    form = {"csrf_token": token, "kind": "message", "direction": "out", "ask": "advice"}
    posted = client.post(f"/people/{pid}/log", data=form)
    assert posted.headers["location"].endswith("#log")
    response = followed(client, posted)
    reloaded = client.get(posted.headers["location"]).text
    assert "data-asked-again" not in reloaded  # said once
    assert unkeyed(reloaded) == unkeyed(client.get(f"/people/{pid}").text)
    page = html.unescape(response.text)
    assert "data-asked-again" in page
    assert (
        f"Grace Liu has not answered your ask for advice of {sent} yet: this message is "
        "recorded as a follow-up to that ask, not as a second ask"
    ) in page
    assert "log it without one." in page
    assert len(show_person(web_ctx, "Grace Liu")["interactions"]) == 2
    # a first ask of someone else warns of nothing: back to their timeline
    other = add(web_ctx, "Tom Becker", met_on=DAY - dt.timedelta(days=400))
    first = client.post(f"/people/{other}/log", data=form)
    assert first.status_code == 303


def test_an_advice_ask_still_open_past_its_routine_is_its_follow_up_on_the_web_too(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """Asked for advice three weeks ago and never answered: the ask is still open, so
    asking again from the person page is its follow-up, as on the command line."""
    pid, sent = _asked_grace_for_advice(web_ctx, days=21)
    form = {"csrf_token": token, "kind": "email", "direction": "out", "ask": "advice"}
    page = html.unescape(followed(client, client.post(f"/people/{pid}/log", data=form)).text)
    assert f"Grace Liu has not answered your ask for advice of {sent} yet" in page
    assert [a["on"] for a in list_asks(web_ctx, "Grace Liu")] == [sent.isoformat()]


def test_organizations(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Ada Lovelace", company="Engines Ltd", title="Analyst")
    page = client.get("/orgs").text
    assert "Engines Ltd" in page
    org_id = client.get("/api/orgs").json()[0]["id"]
    detail = client.get(f"/orgs/{org_id}").text
    assert "Ada Lovelace" in detail
    assert "Analyst" in detail
    assert "Engines" in client.get("/orgs", params={"q": "engi"}).text


def test_the_organization_page_says_who_used_to_work_there(
    client: TestClient, web_ctx: Context
) -> None:
    """Former employees are not called alumni: on the Targets page, alumni are the people
    who share a school or community with the user (Dalton's word)."""
    from netweave.services.people import PersonChanges, edit_person

    add(web_ctx, "Milton", company="Initech", title="Collator")
    edit_person(web_ctx, "Milton", PersonChanges(company="Chotchkie's"))
    org_id = next(o["id"] for o in client.get("/api/orgs").json() if o["name"] == "Initech")
    page = client.get(f"/orgs/{org_id}").text
    assert 'Used to work there <span class="muted">(1)</span>' in page
    assert "Alumni" not in page


def test_events_quick_capture(client: TestClient, web_ctx: Context, token: str) -> None:
    created = client.post(
        "/events",
        data={"csrf_token": token, "name": "PyCon", "on": "2026-06-10", "kind": "conference"},
    )
    assert created.status_code == 303
    event = client.get("/api/events").json()[0]
    add(web_ctx, "Known Ken")
    response = followed(client, client.post(
        "/events/meet",
        data={"csrf_token": token, "event": str(event["id"]), "names": "Guido\nKnown Ken\n\n"},
    ))  # fmt: skip
    assert 'Captured at <a href="/events/' in response.text
    assert ">PyCon</a></h2>" in response.text
    assert "new" in response.text
    # the event was three days ago: the follow-ups are due already
    assert (
        '2 follow-ups planned for <span class="nowrap">2026-06-12</span>: on <a href="/">Today</a>'
        " now."
    ) in response.text
    assert "Meeting Known Ken again is logged as a conversation." in response.text
    both = followed(client, client.post("/events/meet", data={
        "csrf_token": token, "event": str(event["id"]), "names": "Known Ken\nGuido"}))  # fmt: skip
    assert "Meeting" not in both.text  # met there already: nothing logged again
    assert show_person(web_ctx, "Guido")["first_met"] == "2026-06-10"
    assert client.get("/api/events").json()[0]["people"] == 2
    ken = show_person(web_ctx, "Known Ken")["id"]
    ken_again = {"csrf_token": token, "event": str(event["id"]), "names": "Ken"}
    assert client.post("/events/meet", data=ken_again).status_code == 422  # Known Ken, or not?
    again = followed(client, client.post("/events/meet", data=ken_again | {"as_new": "1"}))
    assert "Already in your network: " in again.text  # "Ken" is new, and alike a known one
    assert f'<a href="/people/{ken}">Known Ken</a>' in again.text
    # the address the form was sent to, opened again (a new tab, a bookmark): the page
    opened = client.get("/events/meet", follow_redirects=False)
    assert (opened.status_code, opened.headers["location"]) == (303, "/events")
    # an event still to come is listed first, but quick capture offers the one held
    client.post("/events", data={"csrf_token": token, "name": "Xmas party", "on": "2026-12-10"})
    page = client.get("/events").text
    assert page.index("Xmas party") < page.index("PyCon")
    assert f'<option value="{event["id"]}" selected>PyCon' in page
    assert f'<a href="/events/{event["id"]}">PyCon</a>' in page
    shown = client.get(f"/events/{event['id']}").text
    for name in ("Guido", "Known Ken", "Ken"):
        assert f">{name}</a>" in shown
    assert 'due <span class="nowrap">2026-06-12</span>' in shown
    assert client.get("/events/999").status_code == 404


def test_import_upload_progress_summary_and_undo(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    data = (DATA / "vcard" / "google_contacts.vcf").read_bytes()
    response = client.post(
        "/imports",
        data={"csrf_token": token, "kind": "vcard"},
        files={"file": ("google_contacts.vcf", data, "text/vcard")},
    )
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[1]
    for _ in range(200):
        job = client.get(f"/api/imports/jobs/{job_id}").json()
        if job["state"] != "running":
            break
        time.sleep(0.05)
    assert job["state"] == "done", job
    assert job["summary"]["created"] > 0
    assert "Done" in client.get(f"/imports/jobs/{job_id}").text
    batch = job["summary"]["batch"]
    people = client.get("/api/people").json()
    assert len(people) == job["summary"]["created"]
    edit_person(web_ctx, f"#{people[0]['id']}", PersonChanges(needs=["a mentor"]))
    undo = client.post(f"/imports/{batch}/undo", data={"csrf_token": token, "confirm": "yes"})
    assert undo.status_code == 303
    assert [p["id"] for p in client.get("/api/people").json()] == [people[0]["id"]]
    page = client.get(undo.headers["location"]).text
    name = html.escape(people[0]["name"])
    removed = count(len(people) - 1, "person", "people")
    assert (
        f"Import {batch} was undone: {removed} it brought in removed. "
        f"1 person you had added to since stayed: {name}."
    ) in page


def _finished(client: TestClient, location: str) -> dict[str, object]:
    job_id = location.rsplit("/", 1)[1]
    for _ in range(200):
        job = client.get(f"/api/imports/jobs/{job_id}").json()
        if job["state"] != "running":
            break
        time.sleep(0.05)
    return dict(job)


def test_an_upload_can_add_the_people_met_and_skip_bad_rows(client: TestClient, token: str) -> None:
    """The form's two choices are the command's --create-people and --skip-bad-rows."""
    calendar = (DATA / "ics" / "google_calendar.ics").read_bytes()
    form = {"csrf_token": token, "kind": "ics", "me": "me@example.org"}
    files = {"file": ("cal.ics", calendar, "text/calendar")}
    plain = _finished(client, client.post("/imports", data=form, files=files).headers["location"])
    assert plain["summary"]["created"] == 0  # type: ignore[index]
    page = client.get("/imports").text
    assert 'name="create_people"' in page
    assert 'name="skip_bad_rows"' in page
    made = client.post("/imports", data=form | {"create_people": "true"}, files=files)
    assert _finished(client, made.headers["location"])["summary"]["created"] > 0  # type: ignore[index]
    cards = (DATA / "vcard" / "broken.vcf").read_bytes()
    form = {"csrf_token": token, "kind": "vcard", "skip_bad_rows": "true"}
    kept = client.post("/imports", data=form, files={"file": ("broken.vcf", cards, "text/vcard")})
    job = _finished(client, kept.headers["location"])
    assert job["state"] == "done"
    problems = job["summary"]["errors"]  # type: ignore[index]
    assert problems
    # named as uploaded, not by the folder it was kept in while it was read
    assert {p["file"] for p in problems} == {"broken.vcf"}
    assert "netweave-" not in client.get("/imports").text


def test_mail_uploaded_without_an_address_names_the_field(client: TestClient, token: str) -> None:
    mail = b"From a@b.example Mon Jun 01 10:00:00 2026\nFrom: a@b.example\n\nHi\n"
    response = client.post(
        "/imports",
        data={"csrf_token": token, "kind": "mbox"},
        files={"file": ("mail.mbox", mail, "application/mbox")},
    )
    assert response.status_code in (400, 422)
    assert "fill in “Your address”" in response.text


def test_mail_uploaded_with_an_address_that_is_none_is_refused(
    client: TestClient, token: str
) -> None:
    """The form's "Your address" is read as --me is: several separated by commas, each checked."""
    mail = b"From a@b.example Mon Jun 01 10:00:00 2026\nFrom: a@b.example\n\nHi\n"
    response = client.post(
        "/imports",
        data={"csrf_token": token, "kind": "mbox", "me": "me@example.org, not an email"},
        files={"file": ("mail.mbox", mail, "application/mbox")},
    )
    assert response.status_code == 422
    assert "Your address: not an email address: 'not an email'" in html.unescape(response.text)
    assert client.get("/api/imports").json() == []


def test_a_broken_import_reports_and_changes_nothing(client: TestClient, token: str) -> None:
    data = (DATA / "vcard" / "broken.vcf").read_bytes()
    job = client.post(
        "/api/imports",
        data={"kind": "vcard"},
        files={"file": ("broken.vcf", data, "text/vcard")},
        headers={"x-csrf-token": token},
    ).json()
    for _ in range(200):
        job = client.get(f"/api/imports/jobs/{job['id']}").json()
        if job["state"] != "running":
            break
        time.sleep(0.05)
    assert job["state"] == "failed"
    assert job["error"].startswith("broken.vcf")  # not the server's temporary folder
    assert client.get("/api/people").json() == []


def test_unknown_pages_are_404(client: TestClient) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert "Not found" in response.text
    assert client.get("/imports/jobs/nope").status_code == 404
    for path in ("/people/abc", "/people/99999999999999999999", "/leads/0"):  # not an id
        page = client.get(path)
        assert (page.status_code, "Not found" in page.text, "integer" in page.text) == (
            404, True, False
        ), path  # fmt: skip
    assert client.get("/api/people/abc").status_code == 422  # the API says what was wrong


def test_event_form_needs_a_known_kind(client: TestClient, token: str) -> None:
    response = client.post("/events", data={"csrf_token": token, "name": "X", "kind": "rave"})
    assert response.status_code == 422


def test_add_event_service_used_by_the_page(web_ctx: Context, client: TestClient) -> None:
    add_event(web_ctx, "Meetup", DAY)
    assert "Meetup" in client.get("/events").text


def test_coaching_reads_without_terminal_hints() -> None:
    from netweave.web.app import web_text

    assert web_text("wait for Jun's answer: `intros agree` or `intros decline`") == (
        "wait for Jun's answer"
    )
    assert web_text("Ask for advice (`netweave log NAME --ask advice`).") == "Ask for advice."
    assert web_text("plain text stays") == "plain text stays"
    assert web_text("send the opt-in question to Ana, then `netweave intros ask`") == (
        "send the opt-in question to Ana"
    )


def test_error_pages_read_without_terminal_commands() -> None:
    from netweave.web.app import web_error

    assert web_error("no ask #4 (`netweave asks list` lists them)") == "no ask #4"
    assert web_error("Initrode is already a target; change it with `targets set`") == (
        "Initrode is already a target"
    )
    assert web_error("cannot snooze a lead (a task is snoozed with `netweave tasks snooze`).") == (
        "cannot snooze a lead."
    )
    assert web_error("no person matches 'zed'") == "no person matches 'zed'"


def test_the_server_forgets_the_oldest_finished_import_jobs(
    web_ctx: Context, tmp_path: Path
) -> None:
    from netweave.web.uploads import KEPT_FINISHED_JOBS, ImportJob, start_import

    jobs: dict[str, ImportJob] = {
        "running": ImportJob("running", "vcard", "a.vcf", folder=tmp_path)
    }
    for n in range(KEPT_FINISHED_JOBS + 10):
        jobs[f"old{n}"] = ImportJob(f"old{n}", "vcard", "a.vcf", state="done", folder=tmp_path)
    data = (DATA / "vcard" / "broken.vcf").read_bytes()
    job = start_import(web_ctx, jobs, "vcard", "broken.vcf", data, [])
    finished = [key for key, old in jobs.items() if old.state != "running" and key != job.id]
    assert len(finished) == KEPT_FINISHED_JOBS - 1
    assert finished[-1] == f"old{KEPT_FINISHED_JOBS + 9}"
    assert "running" in jobs
    assert job.id in jobs


def test_the_person_page_says_where_the_cadence_comes_from(
    client: TestClient, web_ctx: Context
) -> None:
    from factories import person
    from netweave.services.preferences import set_tag_cadence

    ada = person(web_ctx, "Ada Lovelace", circle="active", tags=["mentor"])
    set_tag_cadence(web_ctx, "mentor", 21)
    page = client.get(f"/people/{ada['id']}").text
    assert "(every 21 days, tag mentor)" in page


def test_the_introductions_page_says_why_it_suggests_no_one(
    client: TestClient, web_ctx: Context
) -> None:
    add(web_ctx, "Ada Lovelace", needs=["a publisher"])
    page = client.get("/intros").text
    assert "No suggestions yet: 1 person has needs, but nobody has an offer recorded" in page


def test_a_refused_form_links_back_to_its_page_of_this_app_only(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(web_ctx, "Grace Hopper")
    form = {"csrf_token": token, "confirm": "no"}
    sent = f"/people/{pid}/forget"
    ours = client.post(sent, data=form, headers={"referer": f"{BASE}/people/{pid}/forget"})
    assert ours.status_code == 422
    back = f'<a class="btn btn-primary" href="{sent}" data-back>Back to the form</a>'
    assert back in ours.text
    for elsewhere in ("http://evil.example/people/new", "", f"{BASE}//evil.example/x"):
        page = client.post(sent, data=form, headers={"referer": elsewhere})
        assert page.status_code == 422
        assert "data-back" not in page.text
        assert 'href="/">Back to today</a>' in page.text


def test_an_introduction_of_two_people_chosen_is_made_and_its_outcome_recorded(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    from netweave.services.intros import list_intros

    add(web_ctx, "Ada Lovelace")
    add(web_ctx, "Mei Chen")
    form = {"csrf_token": token, "a": "Ada Lovelace", "b": "mei", "why": "Both model engines"}
    assert client.post("/intros/new", data=form).status_code == 303
    [intro] = list_intros(web_ctx)
    for step in ("ask", "agree", "ask", "agree", "introduce"):
        client.post(f"/intros/{intro['id']}/{step}", data={"csrf_token": token})
    page = client.get("/intros").text
    assert f'action="/intros/{intro["id"]}/outcome"' in page
    done = {"csrf_token": token, "met": "yes", "helped": "yes", "note": "writing a paper"}
    assert client.post(f"/intros/{intro['id']}/outcome", data=done).status_code == 303
    [after] = list_intros(web_ctx, include_closed=True)
    assert after["state"] == "done"
    assert "writing a paper" in after["outcome"]
    page = client.get("/intros").text
    assert "data-outcome" not in page
    assert "Outcome: " in page
    bad = client.post(f"/intros/{intro['id']}/outcome", data={**done, "met": "maybe"})
    assert bad.status_code == 422  # recorded already: its form is gone, said above the lists
    assert 'role="alert" data-refused="form"' in bad.text
    nobody = client.post("/intros/new", data={**form, "b": " "})
    assert nobody.status_code == 422
    assert "Second person: name the person to introduce." in nobody.text


def test_a_person_is_edited_from_the_web(client: TestClient, web_ctx: Context, token: str) -> None:
    """Circle, own cadence, a strength the user sets, tags, a new employer, needs, offers
    and an address: all from one form; fields left as they were change nothing."""
    pid = add(web_ctx, "Ada Lovelace", company="Initech", tags=["math", "mentor"], circle="wide")
    form = client.get(f"/people/{pid}/edit").text
    assert 'value="Ada Lovelace"' in form
    assert '<option value="wide" selected>' in form
    fields = {
        "csrf_token": token, "name": "Ada Lovelace", "company": "Analytical Engines",
        "title": "", "circle": "close", "cadence": "10", "strength": "70",
        "tags": "math, poetry", "email": "ada@engines.example", "need": "a publisher",
        "offer": "advice on algorithms", "interest": "personal:poetry",
        "note": "Met at the Royal Society",
    }  # fmt: skip
    saved = client.post(f"/people/{pid}/edit", data=fields)
    assert saved.status_code == 303
    assert saved.headers["location"].startswith(f"/people/{pid}?said=")
    now = show_person(web_ctx, "ada")
    assert (now["circle"], now["cadence_days"], now["cadence_source"]) == ("close", 10, "own")
    assert (now["strength"], now["strength_pinned"]) == (70, True)
    assert (now["tags"], now["company"], now["emails"]) == (
        ["math", "poetry"], "Analytical Engines", ["ada@engines.example"]
    )  # fmt: skip
    assert (now["needs"], now["offers"]) == (["a publisher"], ["advice on algorithms"])
    assert [p["organization"] for p in now["positions"]] == ["Analytical Engines", "Initech"]
    assert now["notes"] == "Met at the Royal Society"
    # emptied: back to the circle's cadence and the computed strength; out of every circle
    cleared = {**fields, "cadence": "", "strength": "", "circle": "", "email": "", "need": "",
               "offer": "", "interest": "", "note": ""}  # fmt: skip
    client.post(f"/people/{pid}/edit", data=cleared)
    now = show_person(web_ctx, "ada")
    assert (now["circle"], now["cadence_source"], now["strength_pinned"]) == (None, None, False)
    assert (now["needs"], now["notes"]) == (["a publisher"], "Met at the Royal Society")
    with_place = {**cleared, "location": "London, UK", "pronouns": "she/her", "headline": "Poet"}
    client.post(f"/people/{pid}/edit", data=with_place)
    assert show_person(web_ctx, "ada")["location"] == "London, UK"
    client.post(f"/people/{pid}/edit", data={**with_place, "location": "", "pronouns": " "})
    now = show_person(web_ctx, "ada")
    assert (now["location"], now["pronouns"], now["headline"]) == (None, None, "Poet")
    # the employer emptied (or "none", as on the command line): no current job, the last
    # one kept as history, and no organization named "none"
    client.post(f"/people/{pid}/edit", data={**with_place, "company": "None"})
    now = show_person(web_ctx, "ada")
    assert now["company"] is None
    assert "none" not in {o["name"].lower() for o in client.get("/api/orgs").json()}
    client.post(f"/people/{pid}/edit", data={**with_place, "company": ""})
    assert show_person(web_ctx, "ada")["company"] is None
    assert {(p["organization"], p["current"]) for p in now["positions"]} == {
        ("Analytical Engines", False),
        ("Initech", False),
    }
    bad = client.post(f"/people/{pid}/edit", data={**fields, "strength": "150"})
    said = "Strength you set: a whole number from 0 to 100"
    assert (bad.status_code, said in bad.text) == (422, True)
    assert client.get("/people/99999/edit").status_code == 404
    assert f'href="/people/{pid}/edit"' in client.get(f"/people/{pid}").text


def test_who_introduced_someone_is_set_on_the_web(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Jordan Avery", is_me=True)
    priya = add(web_ctx, "Priya Raman", company="Brightlane")
    add(web_ctx, "Sam Cole")
    assert 'name="introduced_by"' in client.get("/people/new").text
    form = {"csrf_token": token, "name": "Victor Hale", "company": "Meridian Pay",
            "introduced_by": f"#{priya}"}  # fmt: skip
    made = client.post("/people", data=form)
    assert made.status_code == 303
    pid = int(made.headers["location"].split("?")[0].rsplit("/", 1)[1])
    assert show_person(web_ctx, "Victor")["met"]["introduced_by"] == "Priya Raman"
    assert "introduced by Priya Raman" in client.get(f"/people/{pid}").text
    page = client.get(f"/people/{pid}/edit").text
    assert 'name="introduced_by" maxlength="300" value="Priya Raman"' in page
    fields = {"csrf_token": token, "name": "Victor Hale", "company": "Meridian Pay",
              "introduced_by": "Priya Raman"}  # fmt: skip
    client.post(f"/people/{pid}/edit", data=fields)  # as it was: nothing changes
    assert show_person(web_ctx, "Victor")["met"]["introduced_by"] == "Priya Raman"
    client.post(f"/people/{pid}/edit", data={**fields, "introduced_by": "Sam Cole"})
    assert show_person(web_ctx, "Victor")["met"]["introduced_by"] == "Sam Cole"
    client.post(f"/people/{pid}/edit", data={**fields, "introduced_by": ""})
    assert show_person(web_ctx, "Victor")["met"]["introduced_by"] is None
    # themselves, or you: one clear line in the form's words, nothing changed
    for who, said in (
        ("Victor Hale", "Introduced by: Victor Hale cannot have introduced themselves"),
        ("Jordan", "Introduced by: Jordan Avery is you: name who introduced you to them"),
    ):
        refused = client.post(f"/people/{pid}/edit", data={**fields, "introduced_by": who})
        assert (refused.status_code, said in html.unescape(refused.text)) == (422, True)
    assert show_person(web_ctx, "Victor")["met"]["introduced_by"] is None
    # the user's own record has no such field, and its form leaves it alone
    assert 'name="introduced_by"' not in client.get("/people/1/edit").text


def test_the_edit_form_clears_a_title_birthday_or_profile_emptied_and_keeps_a_title_shown(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(web_ctx, "Ada Lovelace", company="Initech", title="Research engineer")
    fields = {"csrf_token": token, "name": "Ada Lovelace", "company": "Initech",
              "title": "Research engineer", "birthday": "1990-01-02",
              "linkedin": "https://www.linkedin.com/in/ada-l"}  # fmt: skip
    client.post(f"/people/{pid}/edit", data=fields)
    now = show_person(web_ctx, "ada")
    assert (now["birthday"], now["linkedin"]) == ("1990-01-02", "https://www.linkedin.com/in/ada-l")
    # a new employer, the title left as the form shows it: the new job has that title
    client.post(f"/people/{pid}/edit", data={**fields, "company": "Babbage Labs"})
    now = show_person(web_ctx, "ada")
    assert (now["company"], now["title"]) == ("Babbage Labs", "Research engineer")
    emptied = {**fields, "company": "Babbage Labs", "title": "", "birthday": "", "linkedin": ""}
    client.post(f"/people/{pid}/edit", data=emptied)
    now = show_person(web_ctx, "ada")
    assert (now["company"], now["title"], now["birthday"], now["linkedin"]) == (
        "Babbage Labs", None, None, None
    )  # fmt: skip
    client.post(f"/people/{pid}/edit", data={**emptied, "title": "CTO"})
    client.post(f"/people/{pid}/edit", data={**emptied, "title": "None"})  # as on the CLI
    assert show_person(web_ctx, "ada")["title"] is None


def test_a_warm_paths_score_is_a_whole_number(client: TestClient, web_ctx: Context) -> None:
    import re

    from factories import talk

    add(web_ctx, "Ada Lovelace", company="Initech")
    talk(web_ctx, "ada", kind="coffee")
    org_id = client.get("/api/orgs").json()[0]["id"]
    page = client.get(f"/orgs/{org_id}").text
    scores = re.findall(r'title="how warm the path is \(0–100\)">([^<]*)<', page)
    assert scores
    assert all(s.isdigit() for s in scores), scores


def test_an_upload_is_removed_when_the_server_stops_during_its_import(tmp_path: Path) -> None:
    """The import page says the file is read and deleted: also when the server is stopped
    (Ctrl-C) while the import still runs in its thread."""
    import subprocess
    import sys

    script = """
import sys
from pathlib import Path
from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.imports import ImportOptions
from netweave.web.uploads import start_import
ctx = open_context(Settings(database_url=sqlite_url(Path(sys.argv[1]))), Clock())
header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
rows = "".join(f"P{n},Q{n},https://www.linkedin.com/in/p-{n},,Acme,Eng,01 Jan 2020\\n"
               for n in range(40000))
job = start_import(ctx, {}, "linkedin", "Connections.csv", (header + rows).encode(),
                   ImportOptions())
print(job.folder, job.state, flush=True)
"""
    run = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "stopped.db")],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    folder, state = run.stdout.split()
    assert state == "running"  # the process ends with the import under way
    assert not Path(folder).exists()


def test_your_own_page_has_no_log_form_strength_or_reciprocity(
    client: TestClient, web_ctx: Context
) -> None:
    me = add(web_ctx, "Me Myself", is_me=True)
    page = client.get(f"/people/{me}").text
    assert "data-you" in page
    assert "data-your-page" in page
    # it says where what is matched is kept up to date (no needs or offers are listed yet)
    assert "keep them up to date here" not in page
    assert f'up to date with <a href="/people/{me}/edit">Edit</a>' in page
    for absent in ('id="log"', "Strength over time", 'id="reciprocity"', "strength-big"):
        assert absent not in page
    other = add(web_ctx, "Ada Lovelace")
    assert 'id="log"' in client.get(f"/people/{other}").text


def test_an_undo_message_names_only_people_who_are_here(
    client: TestClient, web_ctx: Context, tmp_path: Path
) -> None:
    from netweave.services.import_undo import undo_batch
    from netweave.services.imports import ImportOptions, run_import

    crafted = "/imports?undone=9&kept=2&names=Your+account+is+locked,+call+555"
    assert "was undone" not in client.get(crafted).text  # no import 9 was undone
    card = tmp_path / "a.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Card\nEND:VCARD\n")
    batch = int(run_import(web_ctx, "vcard", [card], ImportOptions())["batch"])
    undo_batch(web_ctx, batch)
    bob = add(web_ctx, "Bob Berg")
    page = client.get(f"/imports?undone={batch}&kept={bob},%C2%B2,99999999999999999999&more=3")
    assert page.status_code == 200
    assert (
        f"Import {batch} was undone. 4 people you had added to since stayed: Bob Berg and 3 more."
        in page.text
    )
    assert "locked" not in client.get(f"/imports?undone={batch}&names=locked").text


def test_all_of_a_persons_conversations_are_a_link_away(
    client: TestClient, web_ctx: Context
) -> None:
    import datetime as dt

    from netweave.services.interactions import LogRequest, log_interaction

    pid = add(web_ctx, "Ada Lovelace")
    today = web_ctx.clock.today()
    for n in range(22):
        note = f"talk {n}"
        day = today - dt.timedelta(days=n)
        log_interaction(web_ctx, LogRequest(names=["Ada Lovelace"], on=day, note=note))
    page = client.get(f"/people/{pid}").text
    assert "talk 19" in page
    assert "talk 21" not in page
    assert f'href="/people/{pid}/timeline"' in page
    everything = client.get(f"/people/{pid}/timeline").text
    assert "talk 21" in everything
    assert "22 logged" in everything
    bob = add(web_ctx, "Bob Berg")
    for n in range(20):  # exactly what the page shows: no link to more
        log_interaction(web_ctx, LogRequest(names=["Bob Berg"], on=today - dt.timedelta(days=n)))
    assert "data-all-conversations" not in client.get(f"/people/{bob}").text


def test_people_and_today_count_what_they_show(
    any_client: tuple[TestClient, Context],
) -> None:
    """The people list counts the user's own record apart, as the map counts the others;
    Today's heading says how many people its things are for when one has several."""
    client, web_ctx = any_client
    add(web_ctx, "Me Myself", is_me=True)
    add(web_ctx, "Ada Lovelace")
    add(web_ctx, "Alan Turing")
    assert "2 people and you." in client.get("/people").text
    assert client.get("/api/graph").json()["total"] == 2
    assert "You." in client.get("/people?q=myself").text
    assert "1 person." in client.get("/people?q=lovelace").text
    assert client.get("/people/_rows?q=myself").headers["X-People-Found"] == "You."
    add_task(web_ctx, "Send Ada the paper", person="Ada Lovelace")
    add_task(web_ctx, "Ask Ada about the talk", person="Ada Lovelace")
    assert "2 things to do for 1 person</p>" in client.get("/").text


def test_a_task_posted_for_your_own_record_says_why_on_your_page(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    me = add(web_ctx, "Maya Lindqvist", is_me=True)  # (a page left open before "This is me")
    refused = client.post(f"/people/{me}/tasks", data={"csrf_token": token, "title": "ok"})
    assert refused.status_code == 422
    page = html.unescape(refused.text)
    assert "Maya Lindqvist is you: a task of your own names no one. Nothing was saved." in page
    assert 'href="/tasks"' in page


def test_the_person_page_keeps_the_day_they_met_whole(client: TestClient, web_ctx: Context) -> None:
    pid = add(web_ctx, "Mei Chen", met_at="PyData Lisbon", met_on=dt.date(2022, 8, 5))
    page = client.get(f"/people/{pid}").text
    assert (
        '<span class="nowrap">2022-08-05</span>' in page.split("<dt>met</dt>")[1].split("</dd>")[0]
    )
