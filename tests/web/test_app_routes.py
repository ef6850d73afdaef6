"""The app's routes are built when the app is made, never while it serves a request."""

from __future__ import annotations

import types
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi._compat import v2
from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.web.app import create_app
from web.conftest import BASE, csrf_of


@contextmanager
def _undone(*args: Any, **kwargs: Any) -> Iterator[None]:
    yield


def test_a_form_sent_first_builds_no_route_while_it_is_served(
    web_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FastAPI silences pydantic's warning about the alias of each form field it builds with
    ``warnings.catch_warnings``, which another thread may undo at any moment (pytest's
    filters, restored around each test): here it is always undone, and warnings are errors.
    The lead form, the first form the server is sent, is served all the same."""
    app = create_app(web_ctx)
    unsafe = types.SimpleNamespace(catch_warnings=_undone, simplefilter=lambda *a, **k: None)
    monkeypatch.setattr(v2, "warnings", unsafe)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with TestClient(app, base_url=BASE, follow_redirects=False) as client:
            token = csrf_of(client, "/leads")
            form = {"csrf_token": token, "org": "Initech", "role": "Analyst", "step": "apply"}
            sent = client.post("/leads", data=form)
            assert sent.status_code == 303
            assert "apply" in client.get(sent.headers["location"]).text
