"""Web fixtures: the app on a real SQLite file, a test client, the CSRF token of a page, and
Chromium for the browser tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.context import Context, open_context
from netweave.web.app import create_app
from web.browser import chromium, watched_page
from web.web_helpers import DAY

BASE = "http://127.0.0.1"


@pytest.fixture
def web_ctx(sqlite_db_url: str) -> Iterator[Context]:
    """A service context on a fresh SQLite file, "today" pinned."""
    context = open_context(Settings(database_url=sqlite_db_url), Clock(as_of=DAY))
    yield context
    context.close()


@pytest.fixture
def app(web_ctx: Context) -> FastAPI:
    """The web app, without a password (loopback)."""
    return create_app(web_ctx)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A test client talking to the app as 127.0.0.1."""
    with TestClient(app, base_url=BASE, follow_redirects=False) as test_client:
        yield test_client


def csrf_of(client: TestClient, path: str = "/") -> str:
    """The CSRF token in a page's meta tag (the client keeps the session cookie)."""
    html = client.get(path).text
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', html)
    assert found, html[:500]
    return found.group(1)


@pytest.fixture
def any_client(db_url: str) -> Iterator[tuple[TestClient, Context]]:
    """A client of the app on each backend, with its service context."""
    context = open_context(Settings(database_url=db_url), Clock(as_of=DAY))
    with TestClient(create_app(context), base_url=BASE, follow_redirects=False) as test_client:
        yield test_client, context
    context.close()


@pytest.fixture
def token(client: TestClient) -> str:
    """This client's CSRF token."""
    return csrf_of(client)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium, headless."""
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page at desktop width; console errors (CSP violations among them) fail the
    test."""
    with watched_page(browser) as tab:
        yield tab
