"""Taking back a "keep apart" on the Duplicates page and in the JSON API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.duplicates import duplicates
from netweave.services.merge_review import keep_apart
from web.web_helpers import add


def _pair(ctx: Context) -> tuple[int, int]:
    ada = add(ctx, "Ada Lovelace", emails=["ada@engines.example"], company="Analytical Engines")
    other = add(ctx, "Ada Lovelace", emails=["ada@home.example"], company="Analytical Engines")
    return ada, other


def test_the_message_after_keeping_apart_offers_the_undo(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada, other = _pair(web_ctx)
    response = client.post("/people/keep-apart", data={"csrf_token": token, "a": other, "b": ada})
    assert response.headers["location"] == f"/people/duplicates?apart={other}-{ada}"
    html = client.get(response.headers["location"]).text
    assert "Kept apart: <strong>Ada Lovelace</strong>" in html
    assert html.count('action="/people/keep-apart/undo"') == 2  # the message's, the list's
    assert f'data-kept="{ada}-{other}"' in html
    assert f'data-pair="{ada}-{other}"' not in html

    undo = client.post("/people/keep-apart/undo", data={"csrf_token": token, "a": ada, "b": other})
    assert undo.status_code == 303
    html = client.get(undo.headers["location"]).text
    assert "No longer kept apart: Ada Lovelace and Ada Lovelace" in html
    assert f'data-pair="{ada}-{other}"' in html  # proposed again
    assert "data-kept=" not in html
    assert "Kept apart</h2>" not in html
    assert len(duplicates(web_ctx)) == 1
    # taken back twice: nothing to take back
    again = client.post("/people/keep-apart/undo", data={"csrf_token": token, "a": ada, "b": other})
    assert again.status_code == 404
    assert "not kept apart" in again.text


def test_a_pair_kept_apart_long_ago_is_listed_with_its_button(
    client: TestClient, web_ctx: Context
) -> None:
    ada, other = _pair(web_ctx)
    keep_apart(web_ctx, f"#{ada}", f"#{other}")
    html = client.get("/people/duplicates").text
    assert "Kept apart</h2>" in html
    assert "Propose again" in html
    assert "data-apart" not in html  # no message: nothing was just kept apart
    # a link to a pair no longer kept apart says nothing
    assert "data-apart" not in client.get("/people/duplicates?apart=1-99").text
    assert client.get("/people/duplicates?apart=oops").status_code == 422


def test_undo_needs_the_csrf_token(client: TestClient, web_ctx: Context) -> None:
    ada, other = _pair(web_ctx)
    keep_apart(web_ctx, f"#{ada}", f"#{other}")
    response = client.post("/people/keep-apart/undo", data={"a": ada, "b": other})
    assert response.status_code == 403
    assert duplicates(web_ctx) == []


def test_the_api_lists_and_takes_back(client: TestClient, web_ctx: Context, token: str) -> None:
    ada, other = _pair(web_ctx)
    headers = {"x-csrf-token": token}
    assert client.get("/api/people/kept-apart").json() == []
    client.post("/api/people/keep-apart", json={"a": ada, "b": other}, headers=headers)
    [pair] = client.get("/api/people/kept-apart").json()
    assert (pair["a"]["id"], pair["b"]["id"], pair["b"]["name"]) == (ada, other, "Ada Lovelace")
    undone = client.post(
        "/api/people/keep-apart/undo", json={"a": other, "b": ada}, headers=headers
    )
    assert undone.status_code == 200
    assert undone.json()["kept_apart"] is False
    assert len(client.get("/api/people/duplicates").json()) == 1
    missing = client.post(
        "/api/people/keep-apart/undo", json={"a": ada, "b": other}, headers=headers
    )
    assert missing.status_code == 404
    assert "not kept apart" in missing.json()["error"]
