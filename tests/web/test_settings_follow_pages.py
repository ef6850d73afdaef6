"""A running web app follows the settings changed by another process (``config set``) on its
next request, on both databases, without a restart."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.context import Context, open_context
from netweave.services.preferences import reset_preference
from netweave.web.app import create_app
from web.conftest import BASE
from web.web_helpers import DAY, add


@pytest.fixture
def served(db_url: str) -> Iterator[Context]:
    """The web app's context on each database, "today" pinned."""
    context = open_context(Settings(database_url=db_url), Clock(as_of=DAY))
    yield context
    context.close()


def _offered(client: TestClient) -> str:
    """What the Today page offers to put the people with no circle in."""
    page = client.get("/").text
    start = page.index('<select name="circle"')
    return page[start : page.index("</select>", start)]


def test_a_setting_changed_by_another_process_shows_on_the_next_request(
    served: Context, db_url: str
) -> None:
    add(served, "Grace Hopper")  # in no circle: Today offers one, with its cadence
    with TestClient(create_app(served), base_url=BASE, follow_redirects=False) as client:
        assert "wide (every 180 days)" in _offered(client)
        # the command line, in a process of its own, changes the wide circle's cadence
        subprocess.run(
            [sys.executable, "-m", "netweave", "--db", db_url, "config", "set",
             "circles.wide", "365"],
            check=True, capture_output=True,
        )  # fmt: skip
        assert "wide (every 365 days)" in _offered(client)
        assert served.settings.circles["wide"] == 365
        # another session puts it back: the default is in force again, not the 365 kept
        other = open_context(Settings(database_url=db_url), Clock(as_of=DAY))
        try:
            reset_preference(other, "circles.wide")
        finally:
            other.close()
        assert "wide (every 180 days)" in _offered(client)
        client.get("/")
        assert served.settings.circles["wide"] == 180
