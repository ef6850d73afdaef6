"""The events, introductions, campaigns and "knows" forms take each field as long as the
column it is written to holds (``services/field_lengths.py``): their pages let no more be
typed, and a value longer is refused at its field, the form as it was sent, nothing saved;
on each backend (PostgreSQL refuses a value longer than its column with a database error)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from netweave.services import field_lengths as column
from netweave.services import intros, knows
from netweave.services.campaigns import list_campaigns
from netweave.services.context import Context
from netweave.services.events import add_event, list_events
from web.conftest import csrf_of
from web.test_refused_form_pages import refused_field, value_of
from web.web_helpers import DAY, add

#: The longest text a form takes in one field: a note (a column without a length).
LONG = 10_000


def _maxlength(page: str, action: str, name: str) -> int:
    """The ``maxlength`` of the field ``name`` of the form sent to ``action``."""
    form = page.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    found = re.search(rf'<(?:input|textarea)\b[^>]*name="{name}"[^>]*>', form)
    assert found, name
    most = re.search(r'maxlength="(\d+)"', found[0])
    assert most, found[0]
    return int(most[1])


def _said(limit: int) -> str:
    return f"at most {limit:,} characters (this one has {limit + 1:,}). Nothing was saved."


def test_the_campaign_form_takes_a_name_as_long_as_its_column(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    add(ctx, "Ada Lovelace", circle="close")
    page = client.get("/campaigns").text
    assert column.CAMPAIGN == 200
    assert _maxlength(page, "/campaigns", "name") == column.CAMPAIGN
    token = csrf_of(client, "/campaigns")
    long = "H" * (column.CAMPAIGN + 1)
    refused = client.post("/campaigns", data={"csrf_token": token, "name": long, "circle": "close"})
    assert refused.status_code == 422
    assert refused_field(refused.text) == ("name", f"Name: {_said(column.CAMPAIGN)}")
    assert value_of(refused.text, "name") == long
    assert list_campaigns(ctx) == []
    whole = {"csrf_token": token, "name": long[:-1], "circle": "close"}
    assert client.post("/campaigns", data=whole).status_code == 303
    assert [c["name"] for c in list_campaigns(ctx)] == [long[:-1]]


def test_the_event_forms_take_each_field_as_long_as_its_column(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    event = add_event(ctx, "PyCon", DAY)["id"]
    listed, edit = client.get("/events").text, client.get(f"/events/{event}").text
    for name, limit in (("name", column.EVENT), ("place", column.PLACE)):
        assert _maxlength(listed, "/events", name) == limit
        assert _maxlength(edit, f"/events/{event}/edit", name) == limit
    assert _maxlength(listed, "/events/meet", "names") == LONG
    assert _maxlength(listed, "/events/meet", "note") == LONG
    token = csrf_of(client, "/events")
    for path, form in (("/events", "new-event"), (f"/events/{event}/edit", "edit-event")):
        typed = {"csrf_token": token, "name": "PyCon", "place": "P" * (column.PLACE + 1)}
        refused = client.post(path, data=typed)
        assert refused.status_code == 422, form
        assert refused_field(refused.text) == ("place", f"Place: {_said(column.PLACE)}")
        assert value_of(refused.text, "place") == typed["place"]
    assert [(e["name"], e["place"]) for e in list_events(ctx)] == [("PyCon", None)]


def test_the_introduction_form_takes_a_name_as_long_as_a_person_s(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    long = "Ada " + "L" * (column.PERSON_NAME - 4)  # as long as a name may be
    add(ctx, long)
    add(ctx, "Bob Berg")
    page = client.get("/intros").text
    assert _maxlength(page, "/intros/new", "a") == _maxlength(page, "/intros/new", "b")
    assert _maxlength(page, "/intros/new", "a") == column.PERSON_NAME
    assert _maxlength(page, "/intros/new", "why") == LONG
    token = csrf_of(client, "/intros")
    why = ("Both build grid software. " * 100).strip()  # 2,599 characters: a note
    sent = client.post("/intros/new", data={"csrf_token": token, "a": long, "b": "Bob Berg",
                                            "why": why})  # fmt: skip
    assert sent.status_code == 303, sent.text[:300]
    [made] = intros.list_intros(ctx)
    assert (made["a"], made["b"], made["why"]) == (long, "Bob Berg", why)
    too_long = {"csrf_token": token, "a": long + "x", "b": "Bob Berg", "why": "Grid software"}
    refused = client.post("/intros/new", data=too_long)
    assert refused.status_code == 422
    assert refused_field(refused.text) == ("a", f"First person: {_said(column.PERSON_NAME)}")
    assert value_of(refused.text, "a") == too_long["a"]
    assert len(intros.list_intros(ctx)) == 1


def test_the_knows_form_refuses_a_name_too_long_at_its_field(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    ada = add(ctx, "Ada Lovelace")
    add(ctx, "Bob Berg")
    page = client.get(f"/people/{ada}").text
    assert _maxlength(page, f"/people/{ada}/knows", "other") == column.PERSON_NAME
    assert _maxlength(page, f"/people/{ada}/knows", "context") == LONG
    token = csrf_of(client, f"/people/{ada}")
    typed = {"csrf_token": token, "other": "B" * (column.PERSON_NAME + 1), "context": "rowing"}
    refused = client.post(f"/people/{ada}/knows", data=typed)
    assert refused.status_code == 422
    said = f"Someone they know: {_said(column.PERSON_NAME)}"
    assert refused_field(refused.text) == ("other", said)
    assert (value_of(refused.text, "other"), value_of(refused.text, "context")) == (
        typed["other"],
        "rowing",
    )
    assert "<title>Not saved: " in refused.text
    # no one of that name: said at the field too, the form as it was sent
    nobody = client.post(f"/people/{ada}/knows", data={**typed, "other": "Zed Zzz"})
    assert nobody.status_code == 422
    assert refused_field(nobody.text)[0] == "other"
    assert knows.list_knows(ctx) == []
    context = ("We rowed together for years at the club on the river. " * 10).strip()
    sent = client.post(f"/people/{ada}/knows", data={**typed, "other": "Bob", "context": context})
    assert sent.status_code == 303
    assert [(e["b"], e["context"]) for e in knows.list_knows(ctx)] == [("Bob Berg", context)]
