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
    client.post(f"/intros/{intro['id']}/decline", data={"csrf_token": token})
    page = client.get("/intros").text
    under_way, finished = page.split("data-finished", 1)
    assert f'data-intro="{intro["id"]}"' not in under_way
    assert "declined by Ada Lovelace" in finished


def test_a_suggestion_proposed_says_why_without_the_matching_evidence(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace", needs=["a mentor for python packaging"])
    add(web_ctx, "Guido Rossum", offers=["mentoring on python packaging"])
    page = client.get("/intros").text
    assert "shared words:" in page  # shown to the user
    why = page.split('name="why" value="', 1)[1].split('"', 1)[0]
    assert "shared words" not in why
    assert "needs" in why


def test_map_page_and_graph(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Me Myself", is_me=True)
    add(web_ctx, "Ada Lovelace", circle="close")
    assert "/static/map.js" in client.get("/map").text
    graph = client.get("/api/graph").json()
    assert {n["name"] for n in graph["nodes"]} >= {"Me Myself", "Ada Lovelace"}


def test_a_person_page_says_whom_they_know_and_their_introductions(
    client: TestClient, web_ctx: Context
) -> None:
    from netweave.services import intros, knows

    ada = add(web_ctx, "Ada Lovelace")
    add(web_ctx, "Bob Berg")
    add(web_ctx, "Cy Chen")
    knows.add_knows(web_ctx, "Ada Lovelace", "Bob Berg", context="rowing club")
    intros.propose(web_ctx, "Ada Lovelace", "Cy Chen", "both build robots")
    page = client.get(f"/people/{ada}").text
    ties = page.split("data-ties", 1)[1].split("</ul>", 1)[0]
    assert ">Bob Berg</a>" in ties
    assert "rowing club" in ties
    met = page.split("data-intros", 1)[1].split("</ul>", 1)[0]
    assert ">Cy Chen</a>" in met
    assert "proposed" in met


def test_a_suggestion_for_yourself_is_to_reach_out_not_to_propose(
    client: TestClient, web_ctx: Context
) -> None:
    add(web_ctx, "Me Myself", is_me=True, needs=["a mentor for python packaging"])
    guido = add(web_ctx, "Guido Rossum", offers=["mentoring on python packaging"])
    page = client.get("/intros").text
    assert (
        f'<a class="btn btn-small btn-primary" href="/people/{guido}">Reach out yourself</a>'
        in page
    )
    assert 'name="why"' not in page.split("data-why-none")[0].split("Under way")[0]
