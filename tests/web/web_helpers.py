"""Helpers shared by the web tests (plain functions, importable from the test modules)."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.people import PersonChanges, add_person

#: The pinned "today" of the web tests.
DAY = dt.date(2026, 6, 15)


def unkeyed(page: str) -> str:
    """A page without its log forms' keys (new ones each time the page is shown)."""
    return re.sub(r'(<input type="hidden" name="once" value=")[\w-]{22}"', r'\1"', page)


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


def imported(
    client: TestClient,
    token: str,
    kind: str,
    name: str,
    data: bytes | str,
    fields: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Upload a file to the API (with the form's other ``fields``), wait for its import,
    and return the finished job."""
    sent = client.post("/api/imports", data={"kind": kind, **(fields or {})},
                       files={"file": (name, data, "text/csv")},
                       headers={"x-csrf-token": token})  # fmt: skip
    assert sent.status_code == 202, sent.text
    for _ in range(600):
        job: dict[str, Any] = client.get(f"/api/imports/jobs/{sent.json()['id']}").json()
        if job["state"] != "running":
            return job
        time.sleep(0.05)
    pytest.fail("the import did not end")
