"""Route tests of the woven-net pages: introductions and the network map."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from netweave.services import intros
from netweave.services.context import Context
from netweave.services.network_map import MAP_MOST, MAP_PEOPLE
from web.web_helpers import DAY, add


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
    message = client.get("/intros").text.split("<details data-message>", 1)[1]
    message = message.split("</details>", 1)[0]  # whom to, and the words to send
    assert "Message to send to Ada Lovelace</summary>" in message
    assert '"notes small">Hi Ada, I&#39;d like to introduce you to Guido Rossum.' in message
    client.post(f"/intros/{intro['id']}/ask", data={"csrf_token": token})
    assert client.get("/api/intros").json()[0]["state"] == "asked_a"
    assert ">Ada agreed<" in client.get("/intros").text
    assert client.post(f"/intros/{intro['id']}/fly", data={"csrf_token": token}).status_code == 404
    client.post(f"/intros/{intro['id']}/decline", data={"csrf_token": token})
    page = client.get("/intros").text
    under_way, finished = page.split("data-finished", 1)
    assert f'data-intro="{intro["id"]}"' not in under_way
    assert "declined by Ada Lovelace" in finished


def test_the_page_and_the_api_suggest_what_the_cli_suggests(
    client: TestClient, web_ctx: Context
) -> None:
    from netweave.services.intro_suggestions import suggest_intros

    add(web_ctx, "Ana Ruiz", needs=["A technical cofounder who knows machine learning"])
    add(web_ctx, "Bo Chen", offers=["AI researcher, open to joining an early-stage company"])
    add(web_ctx, "Di Eve", interests=["social:chess", "social:jazz"])
    add(web_ctx, "Ed Fox", interests=["social:chess", "social:jazz"])
    expected = suggest_intros(web_ctx, limit=12)  # as `netweave intros suggest` (auto)
    pairs = {(s["a"], s["b"]) for s in expected}
    # the first by meaning, Bo (whose help is asked) first
    assert pairs == {("Bo Chen", "Ana Ruiz"), ("Di Eve", "Ed Fox")}
    assert client.get("/api/intros/suggestions").json() == expected
    page = client.get("/intros").text
    shown = re.findall(r'<a href="/people/\d+">([^<]+)</a> ↔ <a href="/people/\d+">([^<]+)', page)
    assert shown == [(s["a"], s["b"]) for s in expected]
    assert "Matched by meaning" in page.split("data-method", 1)[1]


def test_the_page_says_when_it_matches_by_words_only(
    client: TestClient, web_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netweave.services.embeddings import METHOD_ENV

    monkeypatch.setenv(METHOD_ENV, "lexical")  # as without the model
    add(web_ctx, "Ada Lovelace", needs=["a mentor for python packaging"])
    add(web_ctx, "Guido Rossum", offers=["mentoring on python packaging"])
    said = client.get("/intros").text.split("data-method", 1)[1].split("</p>", 1)[0]
    assert "Matched by words only" in said
    assert "pip install 'netweave[semantic]'" in said


def test_a_suggestion_proposed_says_why_without_the_matching_evidence(
    client: TestClient, web_ctx: Context, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netweave.services.embeddings import METHOD_ENV

    monkeypatch.setenv(METHOD_ENV, "lexical")  # the shared words are lexical evidence
    add(web_ctx, "Ada Lovelace", needs=["a mentor for python packaging"])
    add(web_ctx, "Guido Rossum", offers=["mentoring on python packaging"])
    page = client.get("/intros").text
    assert "shared words:" in page  # shown to the user
    why = page.split('name="why" value="', 1)[1].split('"', 1)[0]
    assert "shared words" not in why
    assert why.startswith("Ada is looking for")  # by first name
    assert "“" not in why  # no quoted catalogue entries


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


def test_the_map_shows_a_bounded_number_of_people_and_says_of_how_many(
    client: TestClient, web_ctx: Context
) -> None:
    from netweave.services.interactions import LogRequest, log_interaction
    from netweave.services.targets import add_target

    add(web_ctx, "Me Myself", is_me=True)
    for n in range(8):
        add(web_ctx, f"Quiet {n}")
    add(web_ctx, "Strong Sam")
    add(web_ctx, "Warm Wendy")
    add(web_ctx, "Tara Target", company="Initech")  # no contact yet, at a target
    add_target(web_ctx, "Initech")
    for _ in range(3):
        log_interaction(web_ctx, LogRequest(names=["Strong Sam"], kind="coffee", on=DAY))
    log_interaction(web_ctx, LogRequest(names=["Warm Wendy"], kind="call", on=DAY))
    graph = client.get("/api/graph", params={"limit": 3}).json()
    assert graph["total"] == 11
    assert graph["shown"] == 3
    assert len(graph["nodes"]) == 4  # and you
    names = [n["name"] for n in graph["nodes"]]
    assert names[:4] == ["Me Myself", "Tara Target", "Strong Sam", "Warm Wendy"]
    shown = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in shown and e["target"] in shown for e in graph["edges"])
    assert client.get("/api/graph", params={"limit": MAP_MOST + 1}).status_code == 422
    # narrowed: the people of one organization only
    at = client.get("/api/graph", params={"org": "initech"}).json()
    assert [n["name"] for n in at["nodes"] if not n["is_me"]] == ["Tara Target"]
    assert at["total"] == 1


def test_the_map_computes_the_strength_of_a_bounded_number_of_people(
    client: TestClient, web_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Of those in touch, only the pinned and the most recently talked with have their
    strength computed: not everyone in touch on every map."""
    from netweave.services import network_map
    from netweave.services.interactions import LogRequest, log_interaction

    add(web_ctx, "Me Myself", is_me=True)
    for name, day in (("Old Olga", DAY.replace(month=1)), ("Recent Rita", DAY)):
        add(web_ctx, name)
        log_interaction(web_ctx, LogRequest(names=[name], kind="call", on=day))
    monkeypatch.setattr(network_map, "STRENGTH_CANDIDATES", 1)
    graph = client.get("/api/graph").json()
    strong = {n["name"] for n in graph["nodes"] if n["strength"] > 0 and not n["is_me"]}
    assert strong == {"Recent Rita"}


def test_a_big_network_map_stays_within_its_bound(client: TestClient, web_ctx: Context) -> None:
    from netweave.demo.build import build_demo

    build_demo(web_ctx, people=MAP_PEOPLE + 60)
    graph = client.get("/api/graph").json()
    assert graph["total"] > MAP_PEOPLE + 50
    assert graph["shown"] == MAP_PEOPLE
    assert len(graph["nodes"]) == MAP_PEOPLE + 1  # and you
    strengths = [n["strength"] for n in graph["nodes"] if not n["is_me"]]
    assert max(strengths) > 0


def test_the_map_page_passes_its_filters_to_the_map(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Ada Lovelace", circle="close", tags=["mentor"])
    page = client.get("/map", params={"circle": "close", "color": "organization"}).text
    assert 'data-query="circle=close"' in page
    assert 'href="/map?color=circle&amp;circle=close"' in page
    assert "data-map-count" in page
    refused = client.get("/api/graph", params={"tag": "nosuch"})
    assert refused.status_code == 404
    assert refused.json() == {"error": "no tag 'nosuch'"}


def test_refusals_on_the_web_name_its_fields_not_command_options(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    from netweave.services.orgs import add_organization

    a = add(web_ctx, "Ada Lovelace")
    b = add(web_ctx, "Guido Rossum")
    no_why = client.post("/intros", data={"csrf_token": token, "a": str(a), "b": str(b)})
    assert (no_why.status_code, "Say why they should meet. Nothing" in no_why.text) == (422, True)
    n = intros.propose(web_ctx, "#1", "#2", why="python")["id"]
    for step in (intros.ask, intros.agree, intros.ask, intros.agree, intros.introduce):
        step(web_ctx, n)
    empty = client.post(f"/intros/{n}/outcome", data={"csrf_token": token})
    assert "whether they met, whether it helped, or a note" in empty.text
    first = add_organization(web_ctx, "Initech")["id"]
    second = add_organization(web_ctx, "Initrode")["id"]
    taken = client.post(f"/orgs/{second}/edit", data={"csrf_token": token, "name": "Initech"})
    assert f"already exists (#{first}); to make them one, merge this one into it" in taken.text
    for said in (no_why.text, empty.text, taken.text):
        message = said.split('class="error-text">', 1)[-1].split('data-refused="name">')[-1]
        message = message.split('data-refused="form">')[-1]
        assert "--" not in message.split("</p>", 1)[0]


def test_a_side_who_said_yes_is_told_when_it_stopped(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace")
    add(web_ctx, "Guido Rossum")
    n = intros.propose(web_ctx, "Ada Lovelace", "Guido Rossum", "python")["id"]
    for step in (intros.ask, intros.agree, intros.ask):
        step(web_ctx, n)
    intros.decline(web_ctx, n, by="b")
    under_way = client.get("/intros").text.split("Under way", 1)[1].split("data-finished")[0]
    assert f'data-intro="{n}"' in under_way  # Ada waits to hear: a step is left
    assert "Message to send to Ada Lovelace" in under_way
    assert "it won&#39;t go ahead this time" in under_way
    assert f'action="/intros/{n}/tell"' in under_way
    told = '>Told Ada<span class="sr-only"> (introducing Ada Lovelace to Guido Rossum)'
    assert told + "</span></button>" in under_way
    assert client.post(f"/intros/{n}/tell", data={"csrf_token": token}).status_code == 303
    page = client.get("/intros").text
    assert f'data-intro="{n}"' in page.split("data-finished", 1)[1]
    refused = client.post(f"/api/intros/{n}/tell", json={}, headers={"X-CSRF-Token": token})
    assert refused.status_code == 409
    assert "already" in refused.json()["error"]


def test_the_page_and_the_api_are_kept_until_anything_changes(
    client: TestClient, web_ctx: Context
) -> None:
    from netweave.services.intro_suggestions import suggest_intros

    add(web_ctx, "Ana Ruiz", needs=["A technical cofounder who knows machine learning"])
    add(web_ctx, "Bo Chen", offers=["AI researcher, open to joining an early-stage company"])
    suggest_intros(web_ctx)  # the texts' vectors cached, as after any earlier matching
    first, api = client.get("/intros").text, client.get("/api/intros/suggestions").json()
    hits = web_ctx.memo.hits
    assert client.get("/intros").text == first
    assert client.get("/api/intros/suggestions").json() == api
    assert web_ctx.memo.hits == hits + 2  # neither matched everyone again
    add(web_ctx, "Di Eve", interests=["social:chess", "social:jazz"])
    add(web_ctx, "Ed Fox", interests=["social:chess", "social:jazz"])
    assert "Di Eve" in client.get("/intros").text  # a change shows at once
    assert {s["a"] for s in client.get("/api/intros/suggestions").json()} == {"Bo Chen", "Di Eve"}


def test_the_intros_page_says_once_that_the_note_of_a_step_was_lost(client: TestClient) -> None:
    """A step's address from a server since started again: the note of what it did is said
    lost, once, as every page says it (a reload says nothing)."""
    lost = "/intros?done=LokzR_9PZoPCe9gnZr2G4Q"  # a key this server never gave
    page = client.get(lost).text
    assert page.count("data-notice-lost") == 1
    assert "the server was started again since" in page
    assert "data-notice-lost" not in client.get(lost).text
    assert "data-notice-lost" not in client.get("/intros").text


def test_a_suggestions_propose_asks_first_the_one_whose_help_is_asked(
    client: TestClient, web_ctx: Context, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netweave.services.embeddings import METHOD_ENV

    monkeypatch.setenv(METHOD_ENV, "lexical")
    seeker = add(web_ctx, "Dev Patel", needs=["a mentor for python packaging"])
    helper = add(web_ctx, "Wen Li", offers=["mentoring on python packaging"])
    assert seeker < helper  # the lower id is the one who needs help
    page = client.get("/intros").text
    form = page.split('action="/intros" class="inline">', 1)[1].split("</form>", 1)[0]
    assert f'name="a" value="{helper}"' in form
    assert f'name="b" value="{seeker}"' in form
    assert "Propose asks Wen Li first, whose help is asked." in page
    why = form.split('name="why" value="', 1)[1].split('"', 1)[0]
    client.post("/intros", data={"csrf_token": token, "a": helper, "b": seeker, "why": why})
    assert client.get("/api/intros").json()[0]["a"] == "Wen Li"


def test_proposing_again_a_pair_one_of_whom_said_no_asks_first(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    a = add(web_ctx, "Al Bee")
    b = add(web_ctx, "Cy Dee")
    n = intros.propose(web_ctx, "Al Bee", "Cy Dee", why="boats")["id"]
    for step in (intros.ask, intros.agree, intros.ask):
        step(web_ctx, n)
    intros.decline(web_ctx, n)  # Cy said no
    form = {"csrf_token": token, "a": str(a), "b": str(b), "why": "boats again"}
    asked = client.post("/intros", data=form)
    assert asked.status_code == 200
    assert "data-confirm-page" in asked.text
    assert f"Cy Dee declined introduction #{n} on {DAY}." in asked.text
    assert "add --yes" not in asked.text
    assert [i["state"] for i in client.get("/api/intros").json()] == ["declined"]
    by_name = client.post(
        "/intros/new", data=form | {"a": "Al Bee", "b": "Cy Dee"}, follow_redirects=False
    )
    assert "data-confirm-page" in by_name.text
    assert client.post("/intros", data=form | {"confirm": "yes"}).status_code == 303
    assert sorted(i["state"] for i in client.get("/api/intros").json()) == ["declined", "proposed"]
