"""The Introductions page, on each backend: it lists the introductions under way before
the suggestions, and each step's button names whom it is about."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from netweave.services import intros
from netweave.services.context import Context
from web.web_helpers import add

Client = tuple[TestClient, Context]


def test_the_introductions_under_way_come_before_the_suggestions(any_client: Client) -> None:
    client, ctx = any_client
    add(ctx, "Di Eve", interests=["social:chess", "social:jazz"])
    add(ctx, "Ed Fox", interests=["social:chess", "social:jazz"])
    page = client.get("/intros").text
    assert "Ed Fox" in page.split(">Suggested</h2>", 1)[1]
    assert page.index("<h2>Under way</h2>") < page.index(">Suggested</h2>")


def _buttons(page: str, n: int) -> list[str]:
    """The visible words of introduction ``n``'s step buttons."""
    item = page.split(f'data-intro="{n}"', 1)[1].split("</li>", 1)[0]
    return re.findall(r'<button [^>]*>([^<]*)<span class="sr-only"> \(introducing', item)


def test_each_step_button_names_whom_it_is_about(any_client: Client) -> None:
    client, ctx = any_client
    add(ctx, "Quang Đặng")
    add(ctx, "Zed Q. Tester")
    n = intros.propose(ctx, "Quang", "Zed", "Both build grid software")["id"]
    seen = []
    for step in (intros.ask, intros.agree, intros.ask, intros.agree, intros.introduce):
        seen.append(_buttons(client.get("/intros").text, n))
        step(ctx, n)
    assert seen == [
        ["Asked Quang", "Declined by you"],
        ["Quang agreed", "Quang declined"],
        ["Asked Zed", "Declined by you"],
        ["Zed agreed", "Zed declined"],
        ["Introduced Quang and Zed", "Declined by you"],
    ]
    # two sides of the same given name are told apart by their full names
    add(ctx, "Ana Ruiz")
    add(ctx, "Ana Lima")
    n = intros.propose(ctx, "Ana Ruiz", "Ana Lima", "Both sail")["id"]
    assert _buttons(client.get("/intros").text, n) == ["Asked Ana Ruiz", "Declined by you"]
