"""The form that edits a person: a field not sent changes nothing; an emptied name is refused."""

from __future__ import annotations

import html

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.people import show_person
from web.web_helpers import add


def test_a_form_sent_without_its_fields_changes_nothing(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """A stale page, or a script sending a few fields: what was not sent is kept."""
    profile = {"company": "Verdant Grid", "title": "Lead", "circle": "wide", "tags": ["climate"],
               "headline": "Carbon", "location": "Oslo", "birthday": "1972-12-11",
               "linkedin": "https://www.linkedin.com/in/chloe-c", "cadence_days": 30,
               "strength": 60}  # fmt: skip
    pid = add(web_ctx, "Chloe Campbell", **profile)
    was = show_person(web_ctx, f"#{pid}")
    bare = client.post(f"/people/{pid}/edit", data={"csrf_token": token})
    assert bare.status_code == 303
    assert show_person(web_ctx, f"#{pid}") == was
    # one field sent: that one changes, and only that one
    client.post(f"/people/{pid}/edit", data={"csrf_token": token, "location": "Bergen"})
    now = show_person(web_ctx, f"#{pid}")
    assert now["location"] == "Bergen"
    assert {k: v for k, v in now.items() if k not in ("location", "updated_at")} == {
        k: v for k, v in was.items() if k not in ("location", "updated_at")
    }
    # sent empty, a field still clears as before
    client.post(f"/people/{pid}/edit", data={"csrf_token": token, "headline": ""})
    assert show_person(web_ctx, f"#{pid}")["headline"] is None


def test_an_emptied_name_is_refused_as_on_the_new_person_form(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(web_ctx, "Chloe Campbell", company="Verdant Grid")
    for name in ("", "   "):
        sent = {"csrf_token": token, "name": name, "company": "Verdant Grid"}
        refused = client.post(f"/people/{pid}/edit", data=sent)
        assert refused.status_code == 422
        assert "Name: a person needs a name" in html.unescape(refused.text)
    assert show_person(web_ctx, f"#{pid}")["name"] == "Chloe Campbell"


def test_a_person_renamed_as_someone_here_already_is_said_with_them(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    other = add(web_ctx, "Aditya Reddy")
    pid = add(web_ctx, "Adi Levi")
    saved = client.post(f"/people/{pid}/edit", data={"csrf_token": token, "name": "Aditya Reddy"})
    assert saved.status_code == 303
    assert "namesakes=" in saved.headers["location"]
    page = html.unescape(client.get(saved.headers["location"]).text)
    assert "Someone named Aditya Reddy was here already" in page
    assert f'href="/people/{other}"' in page
