"""Helpers shared by the web tests (plain functions, importable from the test modules)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.people import PersonChanges, add_person

#: The pinned "today" of the web tests.
DAY = dt.date(2026, 6, 15)


def add(ctx: Context, name: str, **fields: Any) -> int:
    """Add a person through the service; their id."""
    view = add_person(ctx, PersonChanges(name=name, **fields))
    pid: int = view["id"]
    return pid


def login_client(client: TestClient, password: str, expect: int | None = 303) -> int:
    """Post the login form with the page's CSRF token; the status (checked when ``expect``)."""
    page = client.get("/login").text
    found = re.search(r'csrf-token" content="([^"]+)"', page)
    assert found
    response = client.post(
        "/login",
        data={"password": password, "csrf_token": found[1]},
        follow_redirects=False,
    )
    if expect is not None:
        assert response.status_code == expect, response.text
    return response.status_code
