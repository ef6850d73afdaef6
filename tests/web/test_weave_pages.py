"""Route tests of the woven-net pages: introductions and the network map."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netweave.services.context import Context
from web.web_helpers import add


def test_intros_propose_and_steps(client: TestClient, web_ctx: Context, token: str) -> None:
    a = add(web_ctx, "Ada Lovelace", needs=["a python mentor"])
    b = add(web_ctx, "Guido Rossum", offers=["python mentoring"])
    assert "Introductions" in client.get("/intros").text
    proposed = client.post(
        "/intros", data={"csrf_token": token, "a": str(a), "b": str(b), "why": "python"}
    )
    assert proposed.status_code == 303
    intro = client.get("/api/intros").json()[0]
    assert intro["state"] == "proposed"
    client.post(f"/intros/{intro['id']}/ask", data={"csrf_token": token})
    assert client.get("/api/intros").json()[0]["state"] == "asked_a"
    assert "They agreed" in client.get("/intros").text
    assert client.post(f"/intros/{intro['id']}/fly", data={"csrf_token": token}).status_code == 404


def test_map_page_and_graph(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Me Myself", is_me=True)
    add(web_ctx, "Ada Lovelace", circle="close")
    assert "/static/map.js" in client.get("/map").text
    graph = client.get("/api/graph").json()
    assert {n["name"] for n in graph["nodes"]} >= {"Me Myself", "Ada Lovelace"}
