"""The log form of a person's page answers with a redirect to a page that says what was done:
reloading it sends nothing again. An ask the woven check holds back is recorded by none of
those reloads, and its confirmation records it exactly once, however often it is sent."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.context import Context, open_context
from netweave.services.conversations import delete_conversation
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.people import show_person
from netweave.web.app import create_app
from web.conftest import BASE, csrf_of
from web.web_helpers import DAY, add, unkeyed


@pytest.fixture
def served(db_url: str) -> Iterator[Context]:
    """The web app's context on each database, "today" pinned."""
    context = open_context(Settings(database_url=db_url), Clock(as_of=DAY))
    yield context
    context.close()


@pytest.fixture
def app(served: Context) -> FastAPI:
    return create_app(served)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=BASE, follow_redirects=False) as test_client:
        yield test_client


def _talks(ctx: Context, pid: int) -> int:
    return len(show_person(ctx, f"#{pid}")["interactions"])


def _forms(page: str) -> list[dict[str, list[str]]]:
    """The fields of each form of the held ask's choices (posted to the log)."""
    found = []
    for form in re.findall(r'<form method="post" action="/people/\d+/log" class="inline">'
                           r"(.*?)</form>", page, re.S):  # fmt: skip
        fields: dict[str, list[str]] = {}
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form):
            fields.setdefault(name, []).append(html.unescape(value))
        found.append(fields)
    return found


def test_a_held_ask_is_recorded_by_no_reload_and_once_however_often_it_is_confirmed(
    client: TestClient, app: FastAPI, served: Context
) -> None:
    pid = add(served, "New Nina", met_on=DAY - dt.timedelta(days=3))
    token = csrf_of(client)
    form = {"csrf_token": token, "kind": "coffee", "ask": "referral", "note": "coffee <chat>"}
    sent = client.post(f"/people/{pid}/log", data=form)
    assert sent.status_code == 303
    held = sent.headers["location"]
    assert re.fullmatch(rf"/people/{pid}\?held=[\w-]{{22}}#log", held)
    assert "chat" not in held  # what was typed is not in the address
    first, reloaded = client.get(held), client.get(held)
    assert first.status_code == reloaded.status_code == 200
    assert unkeyed(first.text) == unkeyed(reloaded.text)
    assert "Not recorded: the woven check says wait" in first.text
    assert "coffee &lt;chat&gt;</textarea>" in first.text  # the form below as it was typed
    assert _talks(served, pid) == 0
    # the page is the sender's alone: another session is told that nothing was recorded
    with TestClient(app, base_url=BASE, follow_redirects=False) as other:
        theirs = other.get(held).text
    assert "data-coaching" not in theirs
    assert "so nothing was recorded" in theirs
    advice, anyway = _forms(first.text)
    key = held.split("held=")[1].removesuffix("#log")
    assert advice["once"] == anyway["once"] == [key]
    assert (advice["ask"], anyway["ask"], anyway["confirmed"]) == (["advice"], ["referral"], ["1"])
    confirmed = client.post(f"/people/{pid}/log", data=anyway)
    assert confirmed.status_code == 303
    coached = confirmed.headers["location"]
    assert re.fullmatch(rf"/people/{pid}\?logged=[\w-]{{22}}&coached=[\w-]+#timeline", coached)
    landed = rf"/people/{pid}\?logged=[\w-]{{22}}#timeline"
    assert _talks(served, pid) == 1
    # what ``log --yes`` prints after the ask: the check's facts and what to do now, once
    page = client.get(coached).text
    box = re.search(r'<div class="woven woven-warn" role="status" data-coached><ul>(.*?)</ul>',
                    page)  # fmt: skip
    assert box
    lines = [html.unescape(line) for line in re.findall(r"<li>(.*?)</li>", box[1])]
    twin = add(served, "Twin Nina", met_on=DAY - dt.timedelta(days=3))  # the CLI's words
    cli = log_interaction(served, LogRequest(names=[f"#{twin}"], kind="coffee", asked=["referral"],
                                             note="coffee <chat>", confirmed=True))  # fmt: skip
    assert lines == [line.replace("Twin Nina", "New Nina") for line in cli["coaching"]]
    assert lines[0].startswith("New Nina: not woven yet for a referral ask")
    assert len(lines) > 1  # the steps to take now
    assert "data-coached" not in client.get(coached).text  # said once
    # sent again (the back button and the button again, or the other choice): nothing more
    for again in (anyway, advice, anyway):
        resent = client.post(f"/people/{pid}/log", data=again)
        assert resent.status_code == 303
        assert re.fullmatch(landed, resent.headers["location"])
    assert _talks(served, pid) == 1
    # the held page now leads to what was logged, not to its choices again
    back = client.get(held)
    assert back.status_code == 303
    assert re.fullmatch(landed, back.headers["location"])
    page = client.get(back.headers["location"]).text
    said = re.search(r'<p class="flash" role="status" data-logged>(.*?)</p>', page)
    assert said
    day = f'<span class="nowrap">{DAY}</span>'
    assert said[1] == f"Logged the coffee of {day} (you asked for a referral)."
    assert "<title>Logged · New Nina · netweave</title>" in page


def test_a_logged_conversation_is_said_on_the_page_the_form_leads_to(
    client: TestClient, served: Context
) -> None:
    pid = add(served, "Grace Hopper")
    other = add(served, "Alan Turing")
    token = csrf_of(client)
    sent = client.post(f"/people/{pid}/log", data={"csrf_token": token, "kind": "call",
                                                    "gave": "advice"})  # fmt: skip
    logged = sent.headers["location"]
    assert re.fullmatch(rf"/people/{pid}\?logged=[\w-]{{22}}#timeline", logged)
    key = logged.split("logged=")[1].removesuffix("#timeline")
    # another person's page does not claim it (nor take it)
    assert "data-logged" not in client.get(f"/people/{other}?logged={key}").text
    page = client.get(logged).text
    assert f'Logged the call of <span class="nowrap">{DAY}</span> (you gave advice).' in page
    # a reload says nothing more (a one-time notice), and records nothing
    assert unkeyed(client.get(logged).text) == unkeyed(client.get(f"/people/{pid}").text)
    assert _talks(served, pid) == 1
    # a conversation deleted since it was logged is not said
    sent = client.post(f"/people/{pid}/log", data={"csrf_token": token, "kind": "email"})
    delete_conversation(served, show_person(served, f"#{pid}")["interactions"][0]["id"])
    gone = client.get(sent.headers["location"])
    assert (gone.status_code, "data-logged" in gone.text) == (200, False)
    assert client.get(f"/people/{pid}?held=nonsense").status_code == 200


def test_a_key_sent_again_records_nothing_more(served: Context) -> None:
    pid = add(served, "Grace Hopper")
    ask = LogRequest(names=["Grace Hopper"], kind="coffee", asked=["advice"], once="k" * 22)
    first = log_interaction(served, ask)
    again = log_interaction(served, ask)
    assert (first["repeated"], again["repeated"]) == (False, True)
    assert again["interaction"]["id"] == first["interaction"]["id"]
    assert _talks(served, pid) == 1
    assert show_person(served, "Grace Hopper")["reciprocity"]["asked"] == 1
    other = log_interaction(served, LogRequest(names=["Grace Hopper"], once="m" * 22))
    assert other["repeated"] is False
    assert _talks(served, pid) == 2


def test_a_key_sent_twice_at_once_records_one_conversation(served: Context, db_url: str) -> None:
    """The same choice sent twice at once (a double click): while one request's conversation
    is being written, the other finds it once it is committed, and records nothing."""
    import threading
    import time

    from netweave.services.interactions import ONCE_MARK
    from netweave.store.models import Interaction

    pid = add(served, "Grace Hopper")
    ask = LogRequest(names=["Grace Hopper"], kind="coffee", once="k" * 22)
    other = open_context(Settings(database_url=db_url), Clock(as_of=DAY))
    results: list[dict[str, object]] = []
    try:
        with other.db.transaction() as session:  # the first request, not committed yet
            first = Interaction(occurred_at=dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC),
                                kind="coffee", direction="both", source="manual",
                                external_id=ONCE_MARK + "k" * 22)  # fmt: skip
            session.add(first)
            session.flush()
            second = threading.Thread(target=lambda: results.append(log_interaction(served, ask)))
            second.start()
            time.sleep(1.5)  # the second waits: for the write lock, or on the key's index
        second.join(timeout=60)
    finally:
        other.close()
    assert [r["repeated"] for r in results] == [True]
    assert _talks(served, pid) == 0  # the first's conversation (with no one in it) alone


def _fields(page: str, marker: str) -> dict[str, str]:
    """The hidden fields of the (first) log form marked ``marker`` on a page."""
    form = page.split(marker, 1)[1].split("</form>", 1)[0]
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


@pytest.mark.parametrize(
    ("page", "marker", "said"),
    [
        ("/people/{pid}", 'class="log-form"', r"/people/{pid}\?logged=[\w-]{{22}}#timeline"),
        ("/", 'class="log-mini"', r"/\?logged=[\w-]{{22}}"),
    ],
    ids=["person", "today"],
)
def test_a_log_form_sent_twice_records_one_conversation(
    client: TestClient, served: Context, page: str, marker: str, said: str
) -> None:
    """Every log form is shown with a key of its own: sent twice (a double click, a resend),
    the second lands on what the first logged, and records nothing more."""
    pid = add(served, "Grace Hopper", circle="inner", met_on=DAY - dt.timedelta(days=400))
    shown = client.get(page.format(pid=pid)).text
    fields = _fields(shown, marker)
    assert re.fullmatch(r"[\w-]{22}", fields["once"])
    assert _fields(client.get(page.format(pid=pid)).text, marker)["once"] != fields["once"]
    form = {**fields, "kind": "coffee", "direction": "both", "note": "shop talk"}
    first = client.post(f"/people/{pid}/log", data=form)
    second = client.post(f"/people/{pid}/log", data=form)
    assert first.status_code == second.status_code == 303
    assert re.fullmatch(said.format(pid=pid), first.headers["location"])
    assert re.fullmatch(said.format(pid=pid), second.headers["location"])  # what was logged
    assert _talks(served, pid) == 1
    # a form shown again is another conversation
    again = {**_fields(client.get(f"/people/{pid}").text, 'class="log-form"'), "kind": "call"}
    assert client.post(f"/people/{pid}/log", data=again).status_code == 303
    assert _talks(served, pid) == 2


def test_the_page_after_a_log_says_it_made_the_second_contact_of_a_waiting_outreach(
    client: TestClient, served: Context
) -> None:
    """The line ``log`` prints (``second_contact``) is said on the page the form leads to."""
    add(served, "Mina Li", company="Hooli")
    sofia = add(served, "Sofia Rossi", company="Hooli")
    log_interaction(served, LogRequest(names=["Mina Li"], kind="message", direction="out",
                                       asked=["advice"]))  # fmt: skip
    sent = client.post(f"/people/{sofia}/log", data={"csrf_token": csrf_of(client),
                                                      "kind": "coffee"})  # fmt: skip
    page = client.get(sent.headers["location"]).text
    said = re.findall(r'<p class="flash" role="status" data-second-contact>(.*?)</p>', page)
    assert [html.unescape(line) for line in said] == [
        f"Sofia Rossi is at Hooli, where your outreach to Mina Li of {DAY} has no reply yet: "
        "this conversation counts as its second contact, so the agenda will not ask you to "
        "reach out to a second person there; if Mina Li does not answer, follow up on "
        "2026-06-24."
    ]
    # a conversation that makes none says none
    note = {"csrf_token": csrf_of(client), "kind": "note", "direction": "in"}
    plain = client.post(f"/people/{sofia}/log", data=note)
    assert "data-second-contact" not in client.get(plain.headers["location"]).text


def test_today_says_a_conversation_logged_from_it_made_the_second_contact_of_an_outreach(
    client: TestClient, served: Context
) -> None:
    """Logged from Today's form, the conversation that makes the second contact of a
    waiting 3B7 outreach is said so on Today, as on the person's page."""
    add(served, "Mina Li", company="Hooli")
    sofia = add(served, "Sofia Rossi", company="Hooli")
    log_interaction(served, LogRequest(names=["Mina Li"], kind="message", direction="out",
                                       asked=["advice"]))  # fmt: skip
    form = {"csrf_token": csrf_of(client), "kind": "coffee", "next": "/"}
    sent = client.post(f"/people/{sofia}/log", data=form)
    assert sent.headers["location"].startswith("/?logged=")
    page = client.get(sent.headers["location"]).text
    assert "data-logged" in page
    said = re.findall(r'<p class="flash" role="status" data-second-contact>(.*?)</p>', page)
    assert [html.unescape(line) for line in said] == [
        f"Sofia Rossi is at Hooli, where your outreach to Mina Li of {DAY} has no reply yet: "
        "this conversation counts as its second contact, so the agenda will not ask you to "
        "reach out to a second person there; if Mina Li does not answer, follow up on "
        "2026-06-24."
    ]
    note = {"csrf_token": csrf_of(client), "kind": "note", "direction": "in", "next": "/"}
    plain = client.get(client.post(f"/people/{sofia}/log", data=note).headers["location"]).text
    assert "data-logged" in plain
    assert "data-second-contact" not in plain


def test_the_page_after_a_log_says_a_lead_step_naming_them_is_still_open(
    client: TestClient, served: Context
) -> None:
    """The line ``log`` prints (``lead_steps``) is said on the page the form leads to, as of
    now: once the step is moved on, the page says nothing of it."""
    from netweave.services.leads import add_lead, set_next_step

    ben = add(served, "Benjamin Johnson", company="Gridline")
    step, people = "coffee with Benjamin", [("Benjamin Johnson", "referrer")]
    lead = add_lead(served, "Gridline", "Senior PM", next_step=step, due=DAY, people=people)["id"]
    sent = client.post(f"/people/{ben}/log", data={"csrf_token": csrf_of(client),
                                                    "kind": "coffee"})  # fmt: skip
    page = client.get(sent.headers["location"]).text
    assert page.count('role="status"') == 1  # what was logged; the step, a note beside it
    assert "data-second-contact" not in page
    note = re.findall(r"<p class=\"flash\" data-lead-step>(.*?)</p>", page)
    assert [re.sub(r"<[^>]+>", "", html.unescape(n)) for n in note] == [
        f"Lead #{lead}'s next step names Benjamin Johnson and is still open: "
        f"“coffee with Benjamin” (due {DAY}). Move it on with a new next step or a move, on "
        "the lead's page."
    ]
    assert f'<a href="/leads/{lead}">Lead #{lead}</a>' in note[0]
    set_next_step(served, str(lead), "Apply online", DAY)
    assert "still open" not in client.get(sent.headers["location"]).text
