"""The event page's Edit form: the event corrected, its open follow-ups moved with its day."""

from __future__ import annotations

import datetime as dt
import html

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.events import add_event, meet, show_event
from netweave.services.tasks import list_tasks
from web.test_refused_form_pages import refused_field, value_of


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
    assert (
        '2 open follow-ups moved with it, due <span class="nowrap">2026-06-10</span> now.' in said
    )
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


def test_a_refused_edit_is_said_at_its_field_and_changes_nothing(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add_event(web_ctx, "PyCon", dt.date(2026, 6, 10))
    add_event(web_ctx, "PyData", dt.date(2026, 6, 10))
    meet(web_ctx, "pycon", ["Ana Ruiz"])
    before = show_event(web_ctx, "#1"), list_tasks(web_ctx)
    long = "x" * 301
    for fields, field, words in (
        ({"name": "pydata", "on": "2026-06-10"}, "name",
         "Name: event 'PyData' on 2026-06-10 already exists (#2)"),
        ({"name": "PyCon", "on": "2026-07-01"}, "on",
         "Date: PyCon cannot move to 2026-07-01, after today (2026-06-15): 1 person was met "
         "there"),
        ({"name": " ", "on": "2026-06-10"}, "name", "Name: an event needs a name"),
        ({"name": long}, "name", "Name: at most 300 characters (this one has 301)"),
        ({"name": "PyCon", "on": "10/06/2026"}, "on",
         "Date: expected a date like 2026-03-14, not '10/06/2026'"),
        ({"name": "PyCon", "on": "2026-06-10" * 3}, "on", "Date: at most 20 characters"),
        ({"name": "PyCon", "kind": "rave"}, "kind", "Kind: unknown event kind 'rave'"),
        ({"name": "PyCon", "place": long}, "place", "Place: at most 300 characters"),
    ):  # fmt: skip
        sent = {"csrf_token": token, "kind": "other", "place": "Berlin <Mitte>", **fields}
        refused = client.post("/events/1/edit", data=sent)
        assert refused.status_code == 422, (fields, refused.status_code)
        page = refused.text
        name, said = refused_field(page)
        assert (name, said[: len(words)]) == (field, words)
        assert said.endswith("Nothing was saved.")
        assert "<h1>PyCon</h1>" in page  # the event's own page, as it still is
        assert "data-event-edit open>" in page  # the form shown open, as it was sent
        assert value_of(page, "name") == fields["name"]
        assert value_of(page, "place") == sent["place"]
        assert value_of(page, "on") == fields.get("on", "")
        assert "<title>Not saved: " in page
        assert (show_event(web_ctx, "#1"), list_tasks(web_ctx)) == before
    assert client.post("/events/9/edit", data={"csrf_token": token, "name": "X"}).status_code == 404


def test_capturing_someone_met_again_says_the_earlier_follow_up_it_did(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add_event(web_ctx, "Event A", dt.date(2026, 6, 8))
    meet(web_ctx, "Event A", ["Kim Known"])
    add_event(web_ctx, "Event B", dt.date(2026, 6, 12))
    form = {"csrf_token": token, "event": "2", "names": "Kim Known"}
    sent = client.post("/events/meet", data=form, follow_redirects=False)
    assert sent.status_code == 303
    said = html.unescape(client.get(sent.headers["location"]).text)
    assert "Meeting Kim Known again is logged as a conversation." in said
    assert (
        " Done with it: Follow up after Event A: a short note recalling your conversation"
        " — Kim Known." in said
    )
    assert [t["title"][:24] for t in list_tasks(web_ctx)] == ["Follow up after Event B:"]


def test_a_name_only_close_to_someones_is_refused_then_taken_as_new_when_ticked(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add_event(web_ctx, "PyCon", dt.date(2026, 6, 10))
    meet(web_ctx, "pycon", ["Dana Smith"])
    before = show_event(web_ctx, "#1"), list_tasks(web_ctx)
    form = {"csrf_token": token, "event": "1", "names": "Zed New\nDana Smit"}
    refused = client.post("/events/meet", data=form)
    assert refused.status_code == 422
    page = refused.text
    assert refused_field(page) == (
        "names",
        "People you met: no one in your network is named 'Dana Smit' (nearly: Dana Smith #1): "
        "to mean someone known, name them as written here or by #id; for someone new, tick "
        "“Add names that only look like someone's as new people”. Nothing was saved.",
    )
    assert ">Zed New\nDana Smit</textarea>" in page  # as it was sent, to be corrected
    assert '<input type="checkbox" name="as_new" value="1">' in page  # offered, not ticked
    assert (show_event(web_ctx, "#1"), list_tasks(web_ctx)) == before  # nothing half-done
    sent = client.post("/events/meet", data=form | {"as_new": "1"}, follow_redirects=False)
    assert sent.status_code == 303
    people = [(p["name"], p["id"]) for p in show_event(web_ctx, "#1")["people"]]
    assert people == [("Dana Smit", 3), ("Dana Smith", 1), ("Zed New", 2)]
    assert 'name="as_new"' not in client.get("/events").text  # offered only when refused
