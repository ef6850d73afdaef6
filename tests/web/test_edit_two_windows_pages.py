"""Two windows editing one record: a save changes only what was changed in its own form;
the same field changed in both is refused, saying both values, nothing saved."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.conversations import show_conversation
from netweave.services.events import add_event, show_event
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.leads import add_lead, show_lead
from netweave.services.orgs import add_organization, show_organization
from netweave.services.people import PersonChanges, edit_person, show_person
from web.conftest import BASE
from web.form_values import form_values
from web.web_helpers import DAY, add


@pytest.fixture
def other(app: FastAPI) -> Iterator[TestClient]:
    """A second browser: its own session, on the same app."""
    with TestClient(app, base_url=BASE, follow_redirects=False) as second:
        yield second


def _opened(client: TestClient, page: str, action: str) -> dict[str, str]:
    return form_values(client.get(page).text, action)


def test_a_person_saved_from_two_windows_keeps_both_changes(
    client: TestClient, other: TestClient, web_ctx: Context
) -> None:
    pid = add(web_ctx, "Tao Zhao", company="Juniper Labs", title="Technical Recruiter")
    edit, action = f"/people/{pid}/edit", f"/people/{pid}/edit"
    tab_a, tab_b = _opened(client, edit, action), _opened(other, edit, action)
    assert client.post(action, data={**tab_a, "title": "Title set in tab A"}).status_code == 303
    assert other.post(action, data={**tab_b, "note": "Met at the fair"}).status_code == 303
    now = show_person(web_ctx, f"#{pid}")
    assert now["title"] == "Title set in tab A"
    assert "Met at the fair" in (now["notes"] or "")


def test_a_command_line_change_made_while_the_form_is_open_stays(
    client: TestClient, web_ctx: Context
) -> None:
    pid = add(web_ctx, "Tao Zhao", company="Juniper Labs", headline="Recruiting")
    form = _opened(client, f"/people/{pid}/edit", f"/people/{pid}/edit")
    edit_person(web_ctx, f"#{pid}", PersonChanges(headline="Talent partner", location="Oslo"))
    sent = client.post(f"/people/{pid}/edit", data={**form, "pronouns": "he/him"})
    assert sent.status_code == 303
    now = show_person(web_ctx, f"#{pid}")
    assert (now["headline"], now["location"], now["pronouns"]) == (
        "Talent partner", "Oslo", "he/him"
    )  # fmt: skip


def test_one_field_changed_in_both_windows_is_refused_saying_both(
    client: TestClient, other: TestClient, web_ctx: Context
) -> None:
    pid = add(web_ctx, "Tao Zhao", company="Juniper Labs", title="Technical Recruiter")
    action = f"/people/{pid}/edit"
    tab_a, tab_b = _opened(client, action, action), _opened(other, action, action)
    client.post(action, data={**tab_a, "title": "Head of Talent"})
    refused = other.post(action, data={**tab_b, "title": "Recruiter", "location": "Oslo"})
    assert refused.status_code == 422
    page = html.unescape(refused.text)
    assert "Tao Zhao was changed in another window since you opened this form" in page
    assert "Title is now “Head of Talent” there, “Recruiter” here" in page
    assert "Nothing was saved." in page
    now = show_person(web_ctx, f"#{pid}")
    assert (now["title"], now["location"]) == ("Head of Talent", None)
    # the form shown again holds B's values and now knows A's: saved again, B's are kept
    again = form_values(refused.text, action)
    assert (again["title"], again["location"]) == ("Recruiter", "Oslo")
    assert other.post(action, data=again).status_code == 303
    now = show_person(web_ctx, f"#{pid}")
    assert (now["title"], now["location"]) == ("Recruiter", "Oslo")


def _event(ctx: Context) -> tuple[str, str, Callable[[], dict[str, Any]]]:
    made = add_event(ctx, "Data Summit", DAY - dt.timedelta(days=3), place="Oslo")
    eid = made["event"]["id"] if "event" in made else made["id"]
    return f"/events/{eid}", f"/events/{eid}/edit", lambda: show_event(ctx, f"#{eid}")


def _org(ctx: Context) -> tuple[str, str, Callable[[], dict[str, Any]]]:
    oid = add_organization(ctx, "Juniper Labs", industry="Software")["id"]
    return f"/orgs/{oid}", f"/orgs/{oid}/edit", lambda: dict(show_organization(ctx, f"#{oid}"))


def _lead(ctx: Context) -> tuple[str, str, Callable[[], dict[str, Any]]]:
    lid = add_lead(ctx, "Juniper Labs", "Data Engineer", source="posting")["id"]
    return f"/leads/{lid}", f"/leads/{lid}/edit", lambda: dict(show_lead(ctx, f"#{lid}"))


def _conversation(ctx: Context) -> tuple[str, str, Callable[[], dict[str, Any]]]:
    add(ctx, "Tao Zhao")
    logged = log_interaction(ctx, LogRequest(names=["Tao Zhao"], on=DAY, kind="call"))
    cid = logged["interaction"]["id"]
    return f"/conversations/{cid}", f"/conversations/{cid}", lambda: show_conversation(ctx, cid)


#: Each edit form: how to make its record, a field tab A changes, one tab B changes (form
#: name, value, the key of the record's view), and tab B's clashing value of tab A's field.
FORMS = {
    "event": (_event, ("place", "Bergen", "place"), ("kind", "meetup", "kind")),
    "org": (_org, ("industry", "Energy", "industry"), ("location", "Oslo", "location")),
    "lead": (_lead, ("notes", "Ask Ada first", "notes"), ("role", "Data Lead", "role")),
    "conversation": (_conversation, ("note", "About the offer", "summary"),
                     ("direction", "in", "direction")),
}  # fmt: skip


@pytest.mark.parametrize("form", FORMS)
def test_each_edit_form_keeps_a_change_made_in_another_window(
    client: TestClient, other: TestClient, web_ctx: Context, form: str
) -> None:
    make, (field_a, value_a, key_a), (field_b, value_b, key_b) = FORMS[form]
    page, action, view = make(web_ctx)
    tab_a, tab_b = _opened(client, page, action), _opened(other, page, action)
    assert client.post(action, data={**tab_a, field_a: value_a}).status_code in (200, 303)
    assert other.post(action, data={**tab_b, field_b: value_b}).status_code in (200, 303)
    now = view()
    assert (now[key_a], now[key_b]) == (value_a, value_b)
    # the same field changed in both: refused, saying both, nothing saved
    tab_a, tab_b = _opened(client, page, action), _opened(other, page, action)
    client.post(action, data={**tab_a, field_a: value_a + " (A)"})
    refused = other.post(action, data={**tab_b, field_a: value_a + " (B)", field_b: value_b})
    assert refused.status_code == 422
    said = html.unescape(refused.text)
    assert "was changed in another window since you opened this form" in said
    assert f"is now “{value_a} (A)” there, “{value_a} (B)” here" in said
    assert view()[key_a] == value_a + " (A)"
