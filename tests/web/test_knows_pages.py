"""Who knows whom on a person's page: the people they know, added and removed there, and
whom they probably know, confirmed or dismissed."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from netweave.services import knows
from netweave.services.context import Context
from web.web_helpers import add


def _section(page: str) -> str:
    return page.split('id="knows"', 1)[1].split("</div>", 1)[0]


def test_a_person_page_adds_and_removes_whom_they_know(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada Lovelace")
    bob = add(web_ctx, "Bob Berg")
    add(web_ctx, "Cy Chen")
    section = _section(client.get(f"/people/{ada}").text)
    assert "No one recorded yet." in section
    assert f'<form method="post" action="/people/{ada}/knows"' in section
    added = client.post(
        f"/people/{ada}/knows", data={"csrf_token": token, "other": "bob", "context": "rowing"}
    )
    assert added.status_code == 303
    assert re.fullmatch(rf"/people/{ada}\?said=[\w-]{{22}}#knows", added.headers["location"])
    assert [(e["a"], e["b"], e["context"]) for e in knows.list_knows(web_ctx)] == [
        ("Ada Lovelace", "Bob Berg", "rowing")
    ]
    section = _section(client.get(f"/people/{ada}").text)
    assert (
        f'<a href="/people/{bob}">Bob Berg</a> <span class="muted small">rowing</span>' in section
    )
    assert f'<input type="hidden" name="other" value="{bob}">' in section
    assert ">Ada Lovelace</a>" in _section(client.get(f"/people/{bob}").text)  # both ways
    again = client.post(f"/people/{ada}/knows", data={"csrf_token": token, "other": "Bob Berg"})
    assert again.status_code == 422  # the form refused, as it was sent: nothing saved
    assert 'name="other" required' in again.text
    assert 'value="Bob Berg" aria-invalid="true"' in again.text
    assert "Ada Lovelace and Bob Berg already know each other" in html.unescape(again.text)
    nobody = client.post(f"/people/{ada}/knows", data={"csrf_token": token, "other": " "})
    assert "name the person they know" in nobody.text
    removed = client.post(f"/people/{ada}/knows/remove", data={"csrf_token": token, "other": bob})
    assert removed.status_code == 303
    assert knows.list_knows(web_ctx) == []
    assert "No one recorded yet." in _section(client.get(f"/people/{ada}").text)


def test_the_page_says_how_well_two_people_know_each_other(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada Lovelace")
    bob = add(web_ctx, "Bob Berg")
    form = _section(client.get(f"/people/{ada}").text)
    assert '<option value="well" selected>Well</option>' in form
    sent = {"csrf_token": token, "other": "bob", "context": "met once", "how": "slightly"}
    assert client.post(f"/people/{ada}/knows", data=sent).status_code == 303
    assert [(e["how"], e["confidence"]) for e in knows.list_knows(web_ctx)] == [("slightly", 0.4)]
    section = _section(client.get(f"/people/{bob}").text)
    assert '<span class="muted small">slightly, met once</span>' in section


def test_your_own_page_has_no_ties_to_record(client: TestClient, web_ctx: Context) -> None:
    me = add(web_ctx, "Me Myself", is_me=True)
    assert 'id="knows"' not in client.get(f"/people/{me}").text


def test_whom_they_probably_know_is_confirmed_or_dismissed_there(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada Lovelace", company="Acme")
    bob = add(web_ctx, "Bob Berg", company="Acme")
    cy = add(web_ctx, "Cy Chen", company="Acme")
    add(web_ctx, "Dee Dunn", company="Other")
    section = _section(client.get(f"/people/{ada}").text)
    maybe = section.split("data-might-know", 1)[1]
    assert (
        f'<a href="/people/{bob}">Bob Berg</a> <span class="muted small">both work at Acme' in maybe
    )
    assert f'<a href="/people/{cy}">Cy Chen</a>' in maybe
    assert "Dee Dunn" not in maybe
    confirmed = client.post(
        f"/people/{ada}/knows/confirm", data={"csrf_token": token, "other": bob}
    )
    assert confirmed.status_code == 303
    assert [(e["b"], e["status"]) for e in knows.list_knows(web_ctx, "ada")] == [
        ("Bob Berg", "confirmed")
    ]
    client.post(f"/people/{ada}/knows/dismiss", data={"csrf_token": token, "other": cy})
    section = _section(client.get(f"/people/{ada}").text)
    assert "data-might-know" not in section
    assert f'<a href="/people/{bob}">Bob Berg</a>' in section.split("data-ties", 1)[1]
    # Ada and Cy: dismissed, not suggested again; Bob and Cy still are
    assert [(s["a"], s["b"]) for s in knows.suggestions(web_ctx)] == [("Bob Berg", "Cy Chen")]
