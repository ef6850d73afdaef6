"""Add person and New lead sent twice with their key (a double click, a reload): one added."""

from __future__ import annotations

import re
import threading

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.directory import PeopleFilter, page_of_people
from netweave.services.leads import list_leads
from netweave.web.held import new_key
from netweave.web.once import SentOnce


def _key(page: str) -> str:
    found = re.search(r'name="once" value="([\w-]{22})"', page)
    assert found, page[:300]
    return found[1]


def _people_named(ctx: Context, name: str) -> int:
    return page_of_people(ctx, PeopleFilter(text=name), 0)[1]


def test_the_add_person_form_sent_twice_adds_one_person(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    once = _key(client.get("/people/new").text)
    form = {"csrf_token": token, "name": "Double Submit", "once": once}
    first = client.post("/people", data=form)
    second = client.post("/people", data=form)
    assert first.status_code == second.status_code == 303
    page = first.headers["location"].partition("?")[0]
    assert second.headers["location"] == page
    assert _people_named(web_ctx, "Double Submit") == 1
    # refused, the key is let go: the form corrected and sent again with it is saved
    again = _key(client.get("/people/new").text)
    refused = client.post("/people", data={**form, "once": again, "name": " "})
    assert refused.status_code == 422
    saved = client.post("/people", data={**form, "once": again, "name": "Second Person"})
    assert saved.status_code == 303
    assert _people_named(web_ctx, "Second Person") == 1
    # a form without a key (a script) adds each time, as before
    client.post("/people", data={**form, "once": ""})
    assert _people_named(web_ctx, "Double Submit") == 2


def test_the_new_lead_form_sent_twice_opens_one_lead(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    once = _key(client.get("/leads").text)
    form = {"csrf_token": token, "org": "Dbl Org", "role": "PM", "once": once}
    first = client.post("/leads", data=form)
    second = client.post("/leads", data=form)
    assert first.status_code == second.status_code == 303
    assert second.headers["location"] == first.headers["location"].partition("?")[0]
    assert len(list_leads(web_ctx)) == 1


def test_a_second_request_while_the_first_saves_waits_and_lands_where_it_did() -> None:
    sent, key = SentOnce(), new_key()
    landed: list[str | None] = []

    def second() -> None:
        with sent.sending("session", key) as again:
            landed.append(again.landed)

    with sent.sending("session", key) as first:
        assert first.landed is None
        other = threading.Thread(target=second)
        other.start()
        first.saved("/people/7")
    other.join()
    assert landed == ["/people/7"]
    with sent.sending("another session", key) as theirs:
        assert theirs.landed is None  # a key is its session's alone
