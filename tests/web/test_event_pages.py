"""The event page's Edit form: the event corrected, its open follow-ups moved with its day."""

from __future__ import annotations

import datetime as dt
import html

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.events import add_event, meet, show_event
from netweave.services.tasks import list_tasks


def test_the_edit_form_shows_the_event_as_it_is(client: TestClient, web_ctx: Context) -> None:
    add_event(web_ctx, "PyCon", dt.date(2026, 6, 10), place="Berlin", kind="conference")
    meet(web_ctx, "pycon", ["Ana Ruiz"])
    page = client.get("/events/1").text
    assert '<form method="post" action="/events/1/edit"' in page
    assert 'name="name" required maxlength="300" value="PyCon"' in page
    assert 'name="on" value="2026-06-10" max="2026-06-15"' in page  # people were met: held
    assert '<option value="conference" selected>' in page
    assert 'name="place" maxlength="300" value="Berlin"' in page
    opened = client.get("/events/1/edit")
    assert (opened.status_code, opened.headers["location"]) == (303, "/events/1")


def test_saving_moves_the_open_follow_ups_with_the_day(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add_event(web_ctx, "PyCon", dt.date(2026, 6, 10), place="Berlin")
    meet(web_ctx, "pycon", ["Ana Ruiz", "Bo Chen"])
    form = {"csrf_token": token, "name": "PyCon DE", "on": "2026-06-08", "kind": "conference"}
    saved = client.post("/events/1/edit", data=form | {"place": ""})
    assert saved.status_code == 200
    said = html.unescape(saved.text)
    assert "Saved: name, date, place, kind changed." in said
    assert "2 open follow-ups moved with it, due 2026-06-10 now." in said
    assert "<h1>PyCon DE</h1>" in saved.text
    event = show_event(web_ctx, "#1")
    assert (event["name"], event["date"], event["place"], event["kind"]) == (
        "PyCon DE", "2026-06-08", None, "conference"
    )  # fmt: skip
    assert {(t["due"], t["title"][:25]) for t in list_tasks(web_ctx)} == {
        ("2026-06-10", "Follow up after PyCon DE:")
    }
    again = client.post("/events/1/edit", data=form | {"place": "none"})
    assert "Nothing changed: the event already said so." in html.unescape(again.text)


def test_a_refused_edit_says_why_and_changes_nothing(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add_event(web_ctx, "PyCon", dt.date(2026, 6, 10))
    add_event(web_ctx, "PyData", dt.date(2026, 6, 10))
    meet(web_ctx, "pycon", ["Ana Ruiz"])
    before = show_event(web_ctx, "#1"), list_tasks(web_ctx)
    for fields, words in (
        ({"name": "pydata", "on": "2026-06-10"}, "event 'PyData' on 2026-06-10 already exists"),
        ({"name": "PyCon", "on": "2026-07-01"}, "cannot move to 2026-07-01, after today"),
        ({"name": " ", "on": "2026-06-10"}, "an event needs a name"),
        ({"name": "PyCon", "kind": "rave"}, "unknown event kind"),
    ):
        refused = client.post("/events/1/edit", data={"csrf_token": token, **fields})
        assert refused.status_code in (409, 422), refused.status_code
        assert words in html.unescape(refused.text)
        assert (show_event(web_ctx, "#1"), list_tasks(web_ctx)) == before
