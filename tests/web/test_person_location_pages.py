"""The person page's header line of chips: the location without a separator before nothing."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from netweave.services.context import Context
from web.web_helpers import add


def _chips(client: TestClient, pid: int) -> str:
    found = re.search(r'<p class="chips">(.*?)</p>', client.get(f"/people/{pid}").text, re.S)
    assert found
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_a_location_alone_has_no_dot_before_it(client: TestClient, web_ctx: Context) -> None:
    pid = add(web_ctx, "Ada Lovelace", location="London, UK")
    assert _chips(client, pid) == "London, UK"


def test_a_location_after_a_circle_is_set_apart_by_a_dot(
    client: TestClient, web_ctx: Context
) -> None:
    pid = add(web_ctx, "Ada Lovelace", location="London, UK", circle="close")
    assert _chips(client, pid) == "close · London, UK"
