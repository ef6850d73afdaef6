"""The Introductions page after each step, on each backend: it lands on the introduction
moved, at its next step's button (or its heading), says once what the step did, lists the
introductions under way before the suggestions, and each step's button names whom it is
about."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from netweave.services import intros
from netweave.services.context import Context
from web.conftest import csrf_of
from web.web_helpers import add

Client = tuple[TestClient, Context]


STATUS = re.compile(r'<p class="flash" role="status" id="intro-said" data-intro-said>(.*?)</p>')
FINISHED_OPEN = '<details class="propose" data-finished open>'


def _landed(client: TestClient, sent: Any, place: str) -> tuple[str, str]:
    """What the page a step's redirect lands on (it names ``place``: focused there) says,
    checked to be said once; and the page."""
    assert sent.status_code == 303
    where = sent.headers["location"]
    assert re.fullmatch(rf"/intros\?done=[\w-]{{22}}#{place}", where), where
    page = client.get(where).text
    said = STATUS.findall(page)
    assert len(said) == 1, said
    assert re.search(rf'id="{place}"[^>]* aria-describedby="intro-said"', page)  # read when focused
    again = client.get(where).text
    assert "data-intro-said" not in again  # said once: not on a reload
    assert FINISHED_OPEN not in again
    return str(said[0]), page


def test_each_step_lands_on_its_next_step_and_says_what_it_did(any_client: Client) -> None:
    client, ctx = any_client
    ada = add(ctx, "Ada Lovelace")
    guido = add(ctx, "Guido van Rossum")
    token = csrf_of(client, "/intros")
    form = {"csrf_token": token, "a": "Ada Lovelace", "b": "Guido", "why": "Both love python"}
    sent = client.post("/intros/new", data=form)
    [intro] = intros.list_intros(ctx)
    n = intro["id"]
    said, _ = _landed(client, sent, f"intro-{n}-ask")
    assert said == "Proposed introducing Ada Lovelace to Guido van Rossum: nothing is sent yet."
    timeline = '<a href="/people/{}#timeline">{}\'s</a>'
    steps = [
        ("ask", "agree", "Asked Ada Lovelace whether they&#39;d like to meet Guido van Rossum; "
         f"logged a message on {timeline.format(ada, 'Ada')} timeline."),
        ("agree", "ask", "Ada Lovelace agreed to meet Guido van Rossum."),
        ("ask", "agree", "Asked Guido van Rossum whether they&#39;d like to meet Ada Lovelace; "
         f"logged a message on {timeline.format(guido, 'Guido')} timeline."),
        ("agree", "introduce", "Guido van Rossum agreed to meet Ada Lovelace: both said yes."),
        ("introduce", "head", "Introduced Ada Lovelace and Guido van Rossum: they now know each "
         f"other; logged a message on {timeline.format(ada, 'Ada')} and "
         f"{timeline.format(guido, 'Guido')} timelines."),
    ]  # fmt: skip
    for action, lands, words in steps:
        sent = client.post(f"/intros/{n}/{action}", data={"csrf_token": token})
        assert _landed(client, sent, f"intro-{n}-{lands}")[0] == words, action
    outcome = {"csrf_token": token, "met": "yes", "note": "coffee in Leiden"}
    sent = client.post(f"/intros/{n}/outcome", data=outcome)
    said, page = _landed(client, sent, f"intro-{n}-head")
    assert said == (
        "Recorded how the introduction of Ada Lovelace to Guido van Rossum went: "
        "they met — coffee in Leiden."
    )
    assert FINISHED_OPEN in page  # finished now: where the page lands is shown


def test_a_finished_introduction_is_shown_open_where_the_page_lands(any_client: Client) -> None:
    client, ctx = any_client
    add(ctx, "Ada Lovelace")
    add(ctx, "Guido van Rossum")
    n = intros.propose(ctx, "Ada Lovelace", "Guido", "python")["id"]
    intros.ask(ctx, n)
    token = csrf_of(client, "/intros")
    sent = client.post(f"/intros/{n}/decline", data={"csrf_token": token})
    said, page = _landed(client, sent, f"intro-{n}-head")
    assert (
        said == "Ada Lovelace declined to meet Guido van Rossum: nothing goes to Guido van Rossum."
    )
    assert FINISHED_OPEN in page
    n = intros.propose(ctx, "Ada Lovelace", "Guido", "python again", confirmed=True)["id"]
    for step in (intros.ask, intros.agree, intros.ask):
        step(ctx, n)
    sent = client.post(f"/intros/{n}/decline", data={"csrf_token": token})
    said, page = _landed(client, sent, f"intro-{n}-tell")  # Ada said yes: she waits to hear
    assert said == (
        "Guido van Rossum declined to meet Ada Lovelace; Ada Lovelace said yes and waits to "
        "hear it will not happen."
    )
    under_way = page.split("data-finished", 1)[0]
    assert STATUS.search(under_way)  # still under way: said there
    sent = client.post(f"/intros/{n}/tell", data={"csrf_token": token})
    said, page = _landed(client, sent, f"intro-{n}-head")
    assert said.startswith("Let Ada Lovelace know the introduction to Guido van Rossum will not")
    assert STATUS.search(page.split(FINISHED_OPEN, 1)[1])


def test_a_suggestion_set_aside_lands_on_the_suggestions(any_client: Client) -> None:
    client, ctx = any_client
    a = add(ctx, "Di Eve", interests=["social:chess", "social:jazz"])
    b = add(ctx, "Ed Fox", interests=["social:chess", "social:jazz"])
    token = csrf_of(client, "/intros")
    sent = client.post("/intros/dismiss", data={"csrf_token": token, "a": str(a), "b": str(b)})
    said, _ = _landed(client, sent, "suggested")
    assert said == "Di Eve and Ed Fox will not be suggested again."


def test_the_introductions_under_way_come_before_the_suggestions(any_client: Client) -> None:
    client, ctx = any_client
    add(ctx, "Di Eve", interests=["social:chess", "social:jazz"])
    add(ctx, "Ed Fox", interests=["social:chess", "social:jazz"])
    page = client.get("/intros").text
    assert "Ed Fox" in page.split(">Suggested</h2>", 1)[1]
    assert page.index("<h2>Under way</h2>") < page.index(">Suggested</h2>")


def _buttons(page: str, n: int) -> list[str]:
    """The visible words of introduction ``n``'s step buttons."""
    item = page.split(f'data-intro="{n}"', 1)[1].split("</li>", 1)[0]
    return re.findall(r'<button [^>]*>([^<]*)<span class="sr-only"> \(introducing', item)


def test_each_step_button_names_whom_it_is_about(any_client: Client) -> None:
    client, ctx = any_client
    add(ctx, "Quang Đặng")
    add(ctx, "Zed Q. Tester")
    n = intros.propose(ctx, "Quang", "Zed", "Both build grid software")["id"]
    seen = []
    for step in (intros.ask, intros.agree, intros.ask, intros.agree, intros.introduce):
        seen.append(_buttons(client.get("/intros").text, n))
        step(ctx, n)
    assert seen == [
        ["Asked Quang", "Declined by you"],
        ["Quang agreed", "Quang declined"],
        ["Asked Zed", "Declined by you"],
        ["Zed agreed", "Zed declined"],
        ["Introduced Quang and Zed", "Declined by you"],
    ]
    # two sides of the same given name are told apart by their full names
    add(ctx, "Ana Ruiz")
    add(ctx, "Ana Lima")
    n = intros.propose(ctx, "Ana Ruiz", "Ana Lima", "Both sail")["id"]
    assert _buttons(client.get("/intros").text, n) == ["Asked Ana Ruiz", "Declined by you"]


def test_a_name_with_a_particle_is_called_by_the_given_name_alone(any_client: Client) -> None:
    """Guido van Rossum, added by hand, is Guido on the buttons and in the messages drafted
    for him: not "Guido van"."""
    client, ctx = any_client
    add(ctx, "Guido van Rossum")
    add(ctx, "Ada Lovelace")
    n = intros.propose(ctx, "Guido", "Ada Lovelace", "Both love python")["id"]
    page = client.get("/intros").text
    assert _buttons(page, n) == ["Asked Guido", "Declined by you"]
    item = page.split(f'data-intro="{n}"', 1)[1].split("</li>", 1)[0]
    assert '"notes small">Hi Guido, I&#39;d like to introduce you to Ada Lovelace.' in item
    for step in (intros.ask, intros.agree, intros.ask, intros.agree):
        step(ctx, n)
    item = client.get("/intros").text.split(f'data-intro="{n}"', 1)[1].split("</li>", 1)[0]
    assert '"notes small">Guido, meet Ada Lovelace. Ada, meet Guido van Rossum.' in item
