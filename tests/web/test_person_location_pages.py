"""The person page's header line of chips: the location an item of its own, with no separator."""

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


def test_a_location_after_a_circle_and_tags_is_an_item_of_its_own_without_a_dot(
    client: TestClient, web_ctx: Context
) -> None:
    """Set apart by the row's gap: a "·" before it would start a line where the row wraps."""
    pid = add(web_ctx, "Ada Lovelace", location="London, UK", circle="close", tags=["math"])
    assert _chips(client, pid) == "close math London, UK"
    assert (
        '<span class="muted place" data-location>London, UK</span>'
        in client.get(f"/people/{pid}").text
    )
