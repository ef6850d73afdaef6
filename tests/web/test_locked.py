"""A database another command is writing to (a long CLI import holding SQLite's write lock):
the web app says so in one sentence, 503 with Retry-After, never a bare 500 or SQL text.

The lock is held by a second connection's ``BEGIN IMMEDIATE``; the busy timeout is
lowered, so a writer gives up at once instead of after a few seconds (but one test keeps the
web app's own wait, which is the point of it).
"""

from __future__ import annotations

import html
import shutil
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.context import Context, open_context
from netweave.store import engine
from netweave.store.ledger import Ledger
from netweave.web import app as web_app
from netweave.web import uploads
from netweave.web.app import create_app
from netweave.web.uploads import ImportJob, stop_imports
from web.conftest import csrf_of
from web.web_helpers import DAY, add, imported

LOCKED = "another command is writing to the database: try again once it is done"
CONNECTIONS = (
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b"Ada,Quill,https://www.linkedin.com/in/ada-quill,,Acme,Engineer,08 Feb 2024\n"
)


@pytest.fixture
def web_ctx(sqlite_db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    """The app's context, its writers waiting 0.1 s (not 30, nor the web app's few seconds)
    for the write lock."""
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(web_app, "BUSY_WAIT_MS", 100)
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


def test_a_web_write_waits_seconds_for_the_lock_and_a_command_waits_longer(
    sqlite_db_url: str,
) -> None:
    """The web app's own wait, unpatched: a form sent while another process holds the write
    lock is answered "busy" within seconds, not after the 30 s a command waits."""
    cli = open_context(Settings(database_url=sqlite_db_url), Clock(as_of=DAY))
    served = open_context(Settings(database_url=sqlite_db_url), Clock(as_of=DAY))
    other = sqlite3.connect(served.db.sqlite_file or "", isolation_level=None)
    try:
        app = create_app(served)
        with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as client:
            token = csrf_of(client)
            other.execute("BEGIN IMMEDIATE")
            form = {"csrf_token": token, "name": "PyData", "on": "2026-06-01", "kind": "meetup"}
            started = time.monotonic()
            page = client.post("/events", data=form)
            waited = time.monotonic() - started
            _busy(page)
            assert LOCKED in html.unescape(page.text)
            assert waited < 20, waited  # loosely: well under the command line's 30 s
            other.execute("ROLLBACK")
            assert client.post("/events", data=form).status_code == 303
        for ctx, wait in ((served, web_app.BUSY_WAIT_MS), (cli, engine.SQLITE_BUSY_TIMEOUT_MS)):
            with ctx.db.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == wait
        assert web_app.BUSY_WAIT_MS <= 5_000 < engine.SQLITE_BUSY_TIMEOUT_MS == 30_000
    finally:
        other.close()
        served.close()
        cli.close()


def test_an_upload_that_meets_the_lock_says_so_in_one_sentence(
    client: TestClient, token: str, held: sqlite3.Connection
) -> None:
    job = imported(client, token, "linkedin", "Connections.csv", CONNECTIONS)
    said = ("Nothing from Connections.csv was imported: another command is writing to the "
            "database; import the file again once it is done.")  # fmt: skip
    assert (job["state"], job["error"]) == ("failed", said)
    page = html.unescape(client.get(f"/imports/jobs/{job['id']}").text)
    assert said in page
    assert "SQL" not in page
    assert "sqlalche" not in page


def test_an_unexpected_failure_of_an_import_shows_no_sql(
    client: TestClient, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise OperationalError("INSERT INTO person", {}, Exception("disk I/O error"))

    monkeypatch.setattr(uploads, "run_import", broken)
    job = imported(client, token, "linkedin", "Connections.csv", CONNECTIONS)
    said = ("Nothing from Connections.csv was imported: an unexpected error stopped it "
            "(the server's log says more).")  # fmt: skip
    assert job["error"] == said
    page = html.unescape(client.get(f"/imports/jobs/{job['id']}").text)
    assert said in page
    assert "INSERT" not in page
    assert "OperationalError" not in page


def test_a_stopping_server_says_which_imports_under_way_were_saved(web_ctx: Context) -> None:
    """An import still running when the server stops is saved no more: it can finish its
    work, but not commit it (``netweave serve`` stopped during an upload: tests/cli)."""
    running = ImportJob("a", "linkedin", "Connections.csv")
    saved = ImportJob("b", "vcard", "cards.vcf", ledger=Ledger(saved=[
        "the import of cards.vcf (import batch 3)", "the change"]))  # fmt: skip
    done = ImportJob("c", "vcard", "old.vcf", state="done")
    jobs = {"a": running, "b": saved, "c": done}
    said = stop_imports(web_ctx, jobs)
    for job in jobs.values():
        shutil.rmtree(job.folder)
    assert said == [
        "The import of Connections.csv was under way and is not saved: upload the file again.",
        "The import of cards.vcf (import batch 3) was saved.",
    ]
    with pytest.raises(engine.DatabaseError, match="the server stopped"):
        add(web_ctx, "Nina")
