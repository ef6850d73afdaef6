"""Today, Person and Introductions pages kept rendered: each session gets its own token,
changes show."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.tasks import add_task
from netweave.web.pages import CSRF_SLOT, KEY_SLOT
from web.conftest import BASE
from web.web_helpers import add, unkeyed

TOKENS = re.compile(r'name="csrf(?:-token|_token)" (?:content|value)="([^"]+)"')
KEYS = re.compile(r'name="once" value="([\w-]{22})"')


def _tokens(html: str) -> set[str]:
    return set(TOKENS.findall(html))


def test_a_remembered_page_carries_each_sessions_own_token(app: FastAPI, web_ctx: Context) -> None:
    pid = add(web_ctx, "Grace Hopper", circle="close")
    add_task(web_ctx, "Send Grace the paper", person="Grace Hopper")
    with (
        TestClient(app, base_url=BASE, follow_redirects=False) as first,
        TestClient(app, base_url=BASE, follow_redirects=False) as second,
    ):
        for path in ("/", f"/people/{pid}", "/intros"):
            one, again = first.get(path).text, first.get(path).text
            other = second.get(path).text
            # each visit's log forms have keys of their own (a form sent twice logs once)
            keys = KEYS.findall(one)
            assert len(keys) == (0 if path == "/intros" else 1)
            assert set(keys).isdisjoint(KEYS.findall(again) + KEYS.findall(other))
            one, again, other = unkeyed(one), unkeyed(again), unkeyed(other)
            assert one == again
            assert CSRF_SLOT not in one + other
            assert KEY_SLOT not in one + other
            assert len(_tokens(one)) == 1
            assert len(_tokens(other)) == 1
            assert _tokens(one) != _tokens(other)
            assert other.replace(_tokens(other).pop(), _tokens(one).pop()) == one
            # the remembered page's token is the session's: a form posted with it works
            token = _tokens(other).pop()
            posted = second.post(f"/people/{pid}/log", data={"csrf_token": token, "kind": "call"})
            assert posted.status_code == 303
            wrong = second.post(f"/people/{pid}/log", data={"csrf_token": "x", "kind": "call"})
            assert wrong.status_code == 403


def test_a_change_shows_at_once(client: TestClient, web_ctx: Context, token: str) -> None:
    pid = add(web_ctx, "Grace Hopper", circle="close")
    assert "Send Grace the paper" not in client.get("/").text
    assert "Lunch at the Navy Yard" not in client.get(f"/people/{pid}").text
    add_task(web_ctx, "Send Grace the paper", person="Grace Hopper")
    assert "Send Grace the paper" in client.get("/").text
    logged = client.post(
        f"/people/{pid}/log",
        data={"csrf_token": token, "kind": "coffee", "note": "Lunch at the Navy Yard"},
    )
    assert logged.status_code == 303
    assert "Lunch at the Navy Yard" in client.get(f"/people/{pid}").text


def test_a_missing_person_is_not_remembered(client: TestClient, web_ctx: Context) -> None:
    assert client.get("/people/1").status_code == 404
    assert add(web_ctx, "Grace Hopper") == 1
    page = client.get("/people/1")
    assert page.status_code == 200
    assert "Grace Hopper" in page.text
