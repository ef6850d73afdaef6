"""The person page's badge: the letters of the given and family names."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from netweave.services.context import Context
from web.web_helpers import add


def _badge(client: TestClient, pid: int) -> str:
    found = re.search(
        r'<div class="avatar" aria-hidden="true">([^<]*)</div>', client.get(f"/people/{pid}").text
    )
    assert found
    return found.group(1)


def test_the_badge_has_the_family_name_s_letter_after_its_particle(
    client: TestClient, web_ctx: Context
) -> None:
    assert _badge(client, add(web_ctx, "Guido van Rossum")) == "GR"
    assert _badge(client, add(web_ctx, "Zed Q. Tester")) == "ZT"
    assert _badge(client, add(web_ctx, "李小龍")) == "李"  # written family name first
