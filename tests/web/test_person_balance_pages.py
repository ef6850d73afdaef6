"""The person page's reciprocity card: a balance of nothing is "0", neither up nor down."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient

from factories import talk
from netweave.services.context import Context
from web.web_helpers import add


def _balance(client: TestClient, pid: int) -> str:
    found = re.search(
        r'<span class="(num[^"]*)">([^<]*)</span><span class="label">balance</span>',
        client.get(f"/people/{pid}").text,
    )
    assert found
    return f"{found.group(1)} {found.group(2)}"


def test_a_zero_balance_reads_0_and_others_their_sign(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Me Myself", is_me=True)
    bo = add(web_ctx, "Bo Chen")
    assert _balance(client, bo) == "num 0"
    talk(web_ctx, "Bo Chen", on=dt.date(2026, 6, 1), kind="coffee", gave=["advice"])
    assert _balance(client, bo) == "num pos +1"
    talk(
        web_ctx,
        "Bo Chen",
        on=dt.date(2026, 6, 2),
        kind="coffee",
        received=["advice", "introduction"],
    )
    assert _balance(client, bo) == "num neg -1"
