"""A real server started again: what it held for the forms sent before is gone, and the
pages say so (a one-time notice, once; a held log form, with what to do)."""

from __future__ import annotations

import re
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.orgs import add_organization
from netweave.services.people import PersonChanges, add_person
from web.browser import empty_network, running_server
from web.web_helpers import DAY


class _Stay(urllib.request.HTTPRedirectHandler):
    """A redirect is answered, not followed: its address is what is looked at."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _browser() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _Stay)


def _get(browser: urllib.request.OpenerDirector, url: str) -> str:
    with browser.open(url, timeout=30) as response:
        text: str = response.read().decode()
        return text


def _post(browser: urllib.request.OpenerDirector, url: str, form: dict[str, str]) -> str:
    """Where the form lands (the address of its redirect)."""
    data = urllib.parse.urlencode(form).encode()
    with pytest.raises(urllib.error.HTTPError) as answer:  # a redirect not followed
        browser.open(url, data=data, timeout=30)
    with answer.value:
        assert answer.value.code == 303, answer.value.read()[:500]
        return str(answer.value.headers["location"])


def test_what_a_server_held_is_said_lost_once_it_is_started_again(tmp_path: Path) -> None:
    db = tmp_path / "netweave.db"
    empty_network(db, DAY)
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_organization(ctx, "Kelp Forest Labs")
        ada = add_person(ctx, PersonChanges(name="Ada Lovelace"))["id"]
    finally:
        ctx.close()
    browser = _browser()
    with running_server(db, DAY) as url:
        found = re.search(r'<meta name="csrf-token" content="([^"]+)">', _get(browser, url + "/"))
        assert found
        token = found.group(1)
        form = {"csrf_token": token, "name": "Ada Lovelace", "company": "kelp forest"}
        landed = _post(browser, url + "/people", form)
        assert re.search(r"\?namesakes=[\w-]{22}&new_org=[\w-]{22}&said=[\w-]{22}$", landed)
        ask = {"csrf_token": token, "kind": "coffee", "ask": "referral", "note": "a chat"}
        held = _post(browser, f"{url}/people/{ada}/log", ask)
        assert re.search(r"\?held=[\w-]{22}#log$", held)
    with running_server(db, DAY) as url:  # started again: the same file, a new server
        page = _get(browser, url + landed)
        assert "data-notice-lost" in page
        assert "the server was started again since" in page
        assert "data-namesakes" not in page
        assert "data-said" not in page
        again = _get(browser, url + landed)  # said once: reloaded, nothing more
        assert "data-notice-lost" not in again
        assert "data-held-gone" in _get(browser, url + held.removesuffix("#log"))
