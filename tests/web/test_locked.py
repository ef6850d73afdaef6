"""A database another command is writing to (a long CLI import holding SQLite's write lock):
the web app says so in one sentence, 503 with Retry-After, never a bare 500 or SQL text.

The lock is held by a second connection's ``BEGIN IMMEDIATE``; the busy timeout is
lowered, so a writer gives up at once instead of after 30 seconds.
"""

from __future__ import annotations

import html
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.context import Context, open_context
from netweave.store import engine
from web.web_helpers import DAY

LOCKED = "another command is writing to the database: try again once it is done"


@pytest.fixture
def web_ctx(sqlite_db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    """The app's context, its writers waiting 0.1 s (not 30) for the write lock."""
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 100)
    context = open_context(Settings(database_url=sqlite_db_url), Clock(as_of=DAY))
    yield context
    context.close()


@pytest.fixture
def held(web_ctx: Context) -> Iterator[sqlite3.Connection]:
    """Another process's write transaction, open while the test runs."""
    other = sqlite3.connect(web_ctx.db.sqlite_file or "", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.close()


def _busy(response: Any) -> None:
    assert response.status_code == 503
    assert response.headers["retry-after"] == "10"


def test_api_writes_say_the_database_is_busy(
    client: TestClient, token: str, held: sqlite3.Connection
) -> None:
    headers = {"x-csrf-token": token}
    person = client.post("/api/people", json={"name": "Ada Lovelace"}, headers=headers)
    _busy(person)
    assert person.json() == {"error": LOCKED}
    held.execute("ROLLBACK")  # the other command is done: the same request goes through
    assert client.post("/api/people", json={"name": "Ada"}, headers=headers).status_code == 201
    pid = client.get("/api/people").json()[0]["id"]
    held.execute("BEGIN IMMEDIATE")
    logged = client.post("/api/log", json={"people": [pid], "kind": "coffee"}, headers=headers)
    _busy(logged)
    assert logged.json() == {"error": LOCKED}


def test_a_form_sent_meanwhile_gets_a_page_back_to_it(
    client: TestClient, token: str, held: sqlite3.Connection
) -> None:
    form = {"csrf_token": token, "name": "PyData", "on": "2026-06-01", "kind": "conference"}
    page = client.post("/events", data=form, headers={"referer": "http://127.0.0.1/events"})
    _busy(page)
    text = html.unescape(page.text)
    assert LOCKED in text
    assert 'href="/events"' in text  # back to the form, what was typed kept
    assert "Internal Server Error" not in text
