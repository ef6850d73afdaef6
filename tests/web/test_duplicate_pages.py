"""The Duplicates page and its JSON API: review pairs, merge one, undo it, keep a pair apart."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from netweave.errors import InvalidInput
from netweave.services.context import Context
from netweave.services.duplicates import duplicates
from netweave.services.import_undo import list_batches
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.merge import merge
from netweave.services.people import show_person
from netweave.store.models import ImportBatch, Person
from netweave.web.routes import duplicates as duplicates_routes
from web.web_helpers import DAY, add


def _pair(ctx: Context) -> tuple[int, int]:
    """Two records of Ada: the first with a conversation (more history), the second without."""
    ada = add(ctx, "Ada Lovelace", emails=["ada@engines.example"], company="Analytical Engines",
              title="Analyst")  # fmt: skip
    other = add(ctx, "Ada K. Lovelace", emails=["ada@home.example"], phones=["+44 20 7946 0000"])
    log_interaction(
        ctx, LogRequest(names=[f"#{ada}"], on=DAY - dt.timedelta(days=10), kind="coffee")
    )
    return ada, other


def _counts(ctx: Context) -> tuple[int, int]:
    """People and batches: a refused merge changes neither."""
    with ctx.db.reading() as session:
        people = session.scalar(select(func.count()).select_from(Person))
        batches = session.scalar(select(func.count()).select_from(ImportBatch))
    return int(people or 0), int(batches or 0)


def test_the_page_shows_both_records_side_by_side(client: TestClient, web_ctx: Context) -> None:
    ada, other = _pair(web_ctx)
    add(web_ctx, "Grace Hopper")
    html = client.get("/people/duplicates").text
    assert f'data-pair="{ada}-{other}"' in html
    for shown in ("Ada Lovelace", "Ada K. Lovelace", "ada@engines.example", "ada@home.example",
                  "+44 20 7946 0000", "Analyst at Analytical Engines", "% alike"):  # fmt: skip
        assert shown in html
    assert "Grace Hopper" not in html
    # the record with more history is the one kept unless the user picks the other
    assert re.search(rf'name="keep" value="{ada}" checked', html)
    assert not re.search(rf'name="keep" value="{other}" checked', html)
    # a screen reader hears which record each choice keeps
    assert f'Keep this record<span class="sr-only">: Ada K. Lovelace (#{other})</span>' in html
    assert 'href="/people/duplicates"' in client.get("/people").text


def test_no_duplicates_says_so(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Grace Hopper")
    assert "No likely duplicates." in client.get("/people/duplicates").text


def test_merge_shows_the_kept_person_with_the_undo(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada, other = _pair(web_ctx)
    form = {"csrf_token": token, "a": str(ada), "b": str(other), "keep": str(other)}
    response = client.post("/people/merge", data=form)
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(rf"/people/{other}\?merged=[\w-]{{22}}", location)  # a notice's key
    batch = list_batches(web_ctx)[0]["batch"]
    kept = show_person(web_ctx, f"#{other}")
    assert sorted(kept["emails"]) == ["ada@engines.example", "ada@home.example"]
    assert len(kept["interactions"]) == 1
    gone = client.get(f"/people/{ada}")  # a link kept from before: who they are now
    assert gone.status_code == 404
    assert f"no person with id {ada}: merged into Ada K. Lovelace (#{other})" in gone.text
    html = client.get(location).text
    assert "Merged <strong>Ada Lovelace</strong>" in html
    assert f'action="/merges/{batch}/undo"' in html
    # the flash is for that page view only: the plain person page does not carry it, nor
    # the same address again (a reload, a bookmark)
    assert "Undo this merge" not in client.get(f"/people/{other}").text
    assert "Undo this merge" not in client.get(location).text
    assert "Ada K. Lovelace" not in client.get("/people/duplicates").text


def test_undo_from_the_web_brings_both_records_back(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada, other = _pair(web_ctx)
    form = {"csrf_token": token, "a": str(ada), "b": str(other), "keep": str(ada)}
    assert client.post("/people/merge", data=form).status_code == 303
    batch = list_batches(web_ctx)[0]["batch"]
    response = client.post(f"/merges/{batch}/undo", data={"csrf_token": token})
    assert response.status_code == 303
    assert re.fullmatch(r"/people/duplicates\?undone=[\w-]{22}", response.headers["location"])
    assert show_person(web_ctx, f"#{other}")["emails"] == ["ada@home.example"]
    assert show_person(web_ctx, f"#{ada}")["emails"] == ["ada@engines.example"]
    assert list_batches(web_ctx)[0]["state"] == "undone"  # the undo of `netweave import undo`
    html = client.get(response.headers["location"]).text
    assert (
        f'Merge undone: <a href="/people/{ada}">Ada Lovelace</a> (#{ada}) and '
        f'<a href="/people/{other}">Ada K. Lovelace</a> (#{other}) are two records again.'
    ) in html
    assert f'data-pair="{ada}-{other}"' in html
    again = client.post(f"/merges/{batch}/undo", data={"csrf_token": token})
    assert again.status_code == 409
    assert "already undone" in again.text


def test_bad_merges_say_why_and_change_nothing(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada, other = _pair(web_ctx)
    me = add(web_ctx, "Ada Lovelace (me)", is_me=True)
    before = _counts(web_ctx)
    cases = [
        ({"a": ada, "b": 9999, "keep": ada}, 404, "no person with id 9999"),
        ({"a": ada, "b": ada, "keep": ada}, 422, "cannot merge a person with themselves"),
        ({"a": ada, "b": other, "keep": me}, 422, "keep one of the two people"),
        ({"a": ada, "b": me, "keep": ada}, 422, "is your own record"),
        ({"a": ada, "b": "x", "keep": ada}, 422, "Second person: a whole number."),
        ({"a": ada, "keep": ada}, 422, "Choose the second person."),
    ]
    for fields, status, message in cases:
        response = client.post("/people/merge", data={"csrf_token": token, **fields})
        assert response.status_code == status, (fields, response.text)
        assert message in response.text, (fields, response.text)
    forged = client.post("/people/merge", data={"a": ada, "b": other, "keep": ada})
    assert forged.status_code == 403
    assert client.post("/merges/4242/undo", data={"csrf_token": token}).status_code == 404
    assert _counts(web_ctx) == before
    assert show_person(web_ctx, f"#{other}")["emails"] == ["ada@home.example"]


def test_an_import_batch_is_not_undone_as_a_merge(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    with web_ctx.db.transaction() as session:
        batch = ImportBatch(kind="vcard", source_name="x.vcf", started_at=web_ctx.clock.now(),
                            state="done", counts={})  # fmt: skip
        session.add(batch)
        session.flush()
        number = batch.id
    response = client.post(f"/merges/{number}/undo", data={"csrf_token": token})
    assert response.status_code == 404
    assert list_batches(web_ctx)[0]["state"] == "done"


def test_a_pair_kept_apart_is_not_proposed_again(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada, other = _pair(web_ctx)
    response = client.post("/people/keep-apart", data={"csrf_token": token, "a": other, "b": ada})
    assert response.status_code == 303
    html = client.get(response.headers["location"]).text
    assert "Kept apart" in html
    assert f'data-pair="{ada}-{other}"' not in html
    assert duplicates(web_ctx) == []  # nor by `netweave people duplicates`
    same = client.post("/people/keep-apart", data={"csrf_token": token, "a": ada, "b": ada})
    assert same.status_code == 422


def test_the_api_lists_merges_and_undoes(client: TestClient, web_ctx: Context, token: str) -> None:
    ada, other = _pair(web_ctx)
    headers = {"x-csrf-token": token}
    pairs = client.get("/api/people/duplicates").json()
    assert len(pairs) == 1
    pair = pairs[0]
    assert set(pair) == {"a", "b", "score", "reason", "keep"}
    assert pair["keep"] == ada
    assert pair["a"]["conversations"] == 1
    assert set(pair["a"]) >= {"id", "name", "emails", "phones", "company", "title", "first_met"}
    bad = client.post("/api/people/merge", json={"keep": ada, "other": other, "into": 1},
                      headers=headers)  # fmt: skip
    assert bad.status_code == 422
    themself = client.post("/api/people/merge", json={"keep": ada, "other": ada}, headers=headers)
    assert themself.status_code == 422
    assert themself.json() == {"error": "cannot merge a person with themselves"}
    merged = client.post("/api/people/merge", json={"keep": ada, "other": other}, headers=headers)
    assert merged.status_code == 200
    result = merged.json()
    assert (result["kept"], result["merged"], result["name"]) == (ada, other, "Ada Lovelace")
    assert client.get("/api/people/duplicates").json() == []
    undone = client.post(f"/api/merges/{result['batch']}/undo", headers=headers)
    assert undone.status_code == 200
    assert undone.json()["merged"] == {"id": other, "name": "Ada K. Lovelace"}
    assert len(client.get("/api/people/duplicates").json()) == 1
    apart = client.post("/api/people/keep-apart", json={"a": ada, "b": other}, headers=headers)
    assert apart.json()["kept_apart"] is True
    assert client.get("/api/people/duplicates").json() == []


def test_a_refused_merge_is_said_on_the_duplicates_page_with_the_choice_kept(
    client: TestClient, web_ctx: Context, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada, other = _pair(web_ctx)
    third = add(web_ctx, "Ada Lovelace", emails=["ada@work.example"])
    form = {"csrf_token": token, "a": str(ada), "b": str(other), "keep": str(other)}

    def refuse(*_args: Any, **_kwargs: Any) -> None:  # a refusal of the service's own
        raise InvalidInput("person notes is longer than 10000 characters")

    with monkeypatch.context() as patched:
        patched.setattr(duplicates_routes, "merge", refuse)
        refused = client.post("/people/merge", data=form)
    assert refused.status_code == 422
    page = refused.text
    assert "<h1>Duplicates</h1>" in page  # the page it was sent from, not an error page
    item = re.search(rf'<li class="card dup" data-pair="{ada}-{other}" id="refused">.*?</li>',
                     page, re.S)  # fmt: skip
    assert item, page
    assert "Not merged: person notes is longer than 10000 characters." in item[0]
    assert re.search(rf'name="keep" value="{other}" checked', item[0])  # the choice as sent
    assert not re.search(rf'name="keep" value="{ada}" checked', item[0])
    # a pair gone from the list meanwhile (one of them merged on the command line): said
    # above the pairs
    merge(web_ctx, f"#{ada}", f"#{third}")
    stale = client.post("/people/merge", data={**form, "b": str(third), "keep": str(ada)})
    assert stale.status_code == 404
    said = f"Not merged: no person with id {third}: merged into Ada Lovelace (#{ada})."
    assert said in html.unescape(stale.text)
    assert "<h1>Duplicates</h1>" in stale.text
    assert 'id="refused"' not in stale.text
    assert _counts(web_ctx)[0] == 2


def test_phone_numbers_read_as_on_the_person_page(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    ada = add(ctx, "Ada Lovelace", phones=["+12025550143"])
    other = add(ctx, "Ada K. Lovelace", phones=["202.555.0199", "+44 20 7946 0000"])
    page = client.get("/people/duplicates").text
    pair = page.split(f'data-pair="{ada}-{other}"', 1)[1]
    sides = re.findall(r"<dt>phone</dt><dd>(.*?)</dd>", pair)[:2]
    shown = [re.findall(r'<span class="dup-value">([^<]*)</span>', side) for side in sides]
    assert shown == [["(202) 555-0143"], ["(202) 555-0199", "+44 20 7946 0000"]]
    assert shown == [show_person(ctx, f"#{pid}")["phones_shown"] for pid in (ada, other)]
    assert "+12025550143" not in page
    [listed] = client.get("/api/people/duplicates").json()
    assert (listed["a"]["phones"], listed["a"]["phones_shown"]) == (
        ["+12025550143"], ["(202) 555-0143"]
    )  # fmt: skip
