"""Taking things away from the web: a person forgotten after a confirmation, an email
address or a phone number removed on the edit form."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.people import show_person
from netweave.services.tasks import add_task
from web.web_helpers import add


def test_forget_asks_first_then_removes_the_person_and_says_so(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada <Lovelace>", emails=["ada@example.org"])
    grace = add(web_ctx, "Grace Hopper")
    log_interaction(web_ctx, LogRequest(names=[f"#{ada}"], note="Engines, alone"))
    log_interaction(web_ctx, LogRequest(names=[f"#{ada}", "Grace Hopper"], note="All three"))
    add_task(web_ctx, "Send the paper", person=f"#{ada}")
    page = client.get(f"/people/{ada}").text
    assert f'href="/people/{ada}/forget"' in page
    ask = client.get(f"/people/{ada}/forget")
    assert ask.status_code == 200
    assert "Forget Ada &lt;Lovelace&gt;?" in ask.text
    assert "cannot be undone" in ask.text
    assert re.search(
        rf'action="/people/{ada}/forget"[^>]*>\s*<input type="hidden" name="csrf_token"', ask.text
    )
    assert 'name="confirm" value="yes"' in ask.text
    # not confirmed (a form posted without the page's button), or without the token: kept
    unconfirmed = client.post(f"/people/{ada}/forget", data={"csrf_token": token})
    assert (unconfirmed.status_code, "cannot be undone" in unconfirmed.text) == (422, True)
    no_token = client.post(f"/people/{ada}/forget", data={"confirm": "yes"})
    assert no_token.status_code == 403
    assert show_person(web_ctx, f"#{ada}")["name"] == "Ada <Lovelace>"
    gone = client.post(f"/people/{ada}/forget", data={"csrf_token": token, "confirm": "yes"})
    assert gone.status_code == 303
    assert gone.headers["location"] == "/people?forgotten=Ada+%3CLovelace%3E"
    listed = client.get(gone.headers["location"]).text
    assert "Forgot Ada &lt;Lovelace&gt;" in listed
    assert client.get(f"/people/{ada}").status_code == 404
    assert client.get(f"/people/{ada}/forget").status_code == 404
    # the conversation with Grace stays, without Ada; the one only Ada was in is gone
    assert [i["summary"] for i in show_person(web_ctx, f"#{grace}")["interactions"]] == [
        "All three"
    ]
    again = client.post(f"/people/{ada}/forget", data={"csrf_token": token, "confirm": "yes"})
    assert again.status_code == 404


def test_your_own_record_is_not_forgotten(client: TestClient, web_ctx: Context, token: str) -> None:
    me = add(web_ctx, "Me Myself", is_me=True)
    assert f'href="/people/{me}/forget"' not in client.get(f"/people/{me}").text
    asked = client.get(f"/people/{me}/forget")
    assert (asked.status_code, "your own record stays" in asked.text) == (422, True)
    assert "netweave people edit" not in asked.text  # the terminal's command is left out
    refused = client.post(f"/people/{me}/forget", data={"csrf_token": token, "confirm": "yes"})
    assert (refused.status_code, "your own record stays" in refused.text) == (422, True)
    assert show_person(web_ctx, f"#{me}")["is_me"]


def test_the_edit_form_removes_an_email_or_a_phone_ticked(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(
        web_ctx,
        "Ada Lovelace",
        emails=["ada@example.org", "ada@engines.example"],
        phones=["+44 20 7946 0000"],
    )
    form = client.get(f"/people/{pid}/edit").text
    for value in ("ada@example.org", "ada@engines.example"):
        assert f'name="remove_email" value="{value}"' in form
    assert 'name="remove_phone" value="+44 20 7946 0000"' in form
    fields = {"csrf_token": token, "name": "Ada Lovelace"}
    saved = client.post(
        f"/people/{pid}/edit",
        data={**fields, "remove_email": "ada@example.org", "remove_phone": "+44 20 7946 0000"},
    )
    assert saved.status_code == 303
    assert saved.headers["location"].startswith(f"/people/{pid}?said=")
    now = show_person(web_ctx, f"#{pid}")
    assert (now["emails"], now["phones"]) == (["ada@engines.example"], [])
    # removed and another added in one save
    client.post(
        f"/people/{pid}/edit",
        data={**fields, "remove_email": "ada@engines.example", "email": "ada@new.example"},
    )
    assert show_person(web_ctx, f"#{pid}")["emails"] == ["ada@new.example"]
    # one they do not have (the page was stale): refused, nothing changed
    stale = client.post(
        f"/people/{pid}/edit", data={**fields, "remove_email": "ada@example.org", "title": "CTO"}
    )
    said = html.unescape(stale.text)
    assert (stale.status_code, "Ada Lovelace has no email 'ada@example.org'" in said) == (422, True)
    assert show_person(web_ctx, f"#{pid}")["title"] is None
    form = client.get(f"/people/{pid}/edit").text
    assert 'name="remove_phone"' not in form


def test_the_forget_page_names_the_introductions_it_removes(
    client: TestClient, web_ctx: Context
) -> None:
    from netweave.services import intros

    add(web_ctx, "Bo Chen")
    uma = add(web_ctx, "Uma Rao")
    n = intros.propose(web_ctx, "Bo Chen", "Uma Rao", why="firmware")["id"]
    for step in (intros.ask, intros.agree):
        step(web_ctx, n)
    said = client.get(f"/people/{uma}/forget").text.split("data-forget-intros>", 1)[1]
    assert said.startswith(
        f"It removes introduction #{n} with Bo Chen, who said yes and waits to hear: a task "
        "will remind you to tell them.</p>"
    )
