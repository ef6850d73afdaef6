"""Correcting and deleting a conversation from its page and through the JSON API."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from factories import talk
from netweave.services.context import Context
from netweave.services.people import show_person
from web.web_helpers import DAY, add


def _logged(web_ctx: Context) -> tuple[int, int, int]:
    ada = add(web_ctx, "Ada Lovelace")
    grace = add(web_ctx, "Grace Hopper")
    done = talk(web_ctx, "ada", "grace", on=DAY - dt.timedelta(days=3), note="tpyo",
                gave=["advice"])  # fmt: skip
    return ada, grace, int(done["interaction"]["id"])


def test_the_timeline_links_to_a_page_that_corrects(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada, grace, cid = _logged(web_ctx)
    person = client.get(f"/people/{grace}").text
    assert f'href="/conversations/{cid}?person={grace}"' in person
    page = client.get(f"/conversations/{cid}?person={grace}")
    assert page.status_code == 200
    assert "tpyo" in page.text
    assert "Grace Hopper" in page.text
    day = (DAY - dt.timedelta(days=10)).isoformat()
    saved = client.post(
        f"/conversations/{cid}",
        data={
            "csrf_token": token,
            "kind": "video",
            "direction": "out",
            "on": day,
            "note": "typo fixed",
            "person": str(grace),
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/people/{grace}#timeline"
    after = show_person(web_ctx, f"#{ada}")
    assert after["last_interaction"] == day
    assert after["interactions"][0]["kind"] == "video"
    assert after["interactions"][0]["summary"] == "typo fixed"


def test_a_bad_correction_is_refused_and_changes_nothing(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada, _, cid = _logged(web_ctx)
    before = show_person(web_ctx, f"#{ada}")
    future = client.post(
        f"/conversations/{cid}",
        data={"csrf_token": token, "kind": "call", "on": (DAY + dt.timedelta(days=1)).isoformat()},
    )
    assert future.status_code == 422
    assert "after today" in future.text
    no_token = client.post(f"/conversations/{cid}/delete", data={})
    assert no_token.status_code == 403
    assert show_person(web_ctx, f"#{ada}") == before
    assert client.get("/conversations/99999").status_code == 404
    # a note as long as the JSON API refuses: the form refuses it too, at the field
    long = client.post(f"/conversations/{cid}", data={"csrf_token": token, "note": "n" * 10_001})
    assert long.status_code == 422
    assert "Note: at most 10,000 characters (this one has 10,001)" in long.text
    assert show_person(web_ctx, f"#{ada}") == before


def test_deleting_goes_back_to_the_timeline(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada, _, cid = _logged(web_ctx)
    gone = client.post(
        f"/conversations/{cid}/delete",
        data={"csrf_token": token, "person": str(ada), "confirm": "yes"},
        follow_redirects=False,
    )
    said = f"deleted=meeting&on={DAY - dt.timedelta(days=3)}&exchanges=1"
    assert gone.headers["location"] == f"/people/{ada}?{said}#timeline"
    after = show_person(web_ctx, f"#{ada}")
    assert (after["interactions"], after["reciprocity"]["gave"]) == ([], 0)


def test_the_api_lists_corrects_and_deletes(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada, grace, cid = _logged(web_ctx)
    headers = {"x-csrf-token": token}
    listed = client.get(f"/api/conversations?person={ada}").json()
    assert [c["id"] for c in listed] == [cid]
    changed = client.patch(
        f"/api/conversations/{cid}", json={"remove": [grace], "note": ""}, headers=headers
    ).json()
    assert changed["changed"] == [
        "note",
        "removed Grace Hopper (and the 1 exchange logged with them)",
    ]
    assert changed["interaction"]["summary"] is None
    assert client.get(f"/api/conversations?person={grace}").json() == []
    refused = client.patch(f"/api/conversations/{cid}", json={}, headers=headers)
    assert refused.status_code == 422
    assert client.delete(f"/api/conversations/{cid}").status_code == 403  # no token
    deleted = client.delete(f"/api/conversations/{cid}", headers=headers).json()
    assert deleted["exchanges"] == 1
    assert client.get(f"/api/conversations/{cid}").status_code == 404


def test_the_api_refuses_a_day_outside_the_range(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    _, _, cid = _logged(web_ctx)
    headers = {"x-csrf-token": token}
    for day in ("0026-01-01", "not a day"):
        refused = client.patch(f"/api/conversations/{cid}", json={"on": day}, headers=headers)
        assert refused.status_code == 422
    assert (
        client.get(f"/api/conversations/{cid}").json()["date"]
        == (DAY - dt.timedelta(days=3)).isoformat()
    )


def test_a_correction_sent_without_the_note_keeps_it(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """A form from before, or a script, that sends no note: the note stays; sent empty, it
    goes."""
    _, grace, cid = _logged(web_ctx)
    kept = client.post(f"/conversations/{cid}", data={"csrf_token": token, "kind": "call"})
    assert kept.status_code == 303
    now = show_person(web_ctx, f"#{grace}")["interactions"][0]
    assert (now["kind"], now["summary"]) == ("call", "tpyo")
    client.post(f"/conversations/{cid}", data={"csrf_token": token, "note": ""})
    assert not show_person(web_ctx, f"#{grace}")["interactions"][0]["summary"]
