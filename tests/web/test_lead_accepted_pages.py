"""Route tests: an offer accepted on the board or the lead's page says who is on Today."""

from __future__ import annotations

import html

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.leads import add_lead, move_lead
from web.web_helpers import add


def test_accepting_an_offer_on_the_board_says_who_hears_the_news(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Mei Chen")
    add(web_ctx, "Lena Fischer")
    won = add_lead(web_ctx, "Initrode", "Staff Engineer", people=[("Mei Chen", "referrer")])
    add_lead(web_ctx, "Globex", "Analyst", people=[("Lena Fischer", "advocate")])
    move_lead(web_ctx, f"#{won['id']}", "offer")
    moved = client.post(
        f"/leads/{won['id']}/move",
        data={
            "csrf_token": token,
            "stage": "accepted",
            "back": "board",
            "focus": "accept",
            "confirm": "yes",
        },
    )
    assert moved.headers["location"].startswith(f"/leads/{won['id']}?moved=")
    said = html.unescape(client.get(moved.headers["location"]).text)
    assert (
        "Congratulations on the offer. 2 people who helped are on Today: tell them how it "
        "ended, and thank them. 1 other lead is still open: withdraw it on the board, and tell "
        "the people there."
    ) in " ".join(said.replace("<a href=\"/\">", "").replace('<a href="/leads">', "")
                  .replace("</a>", "").split())  # fmt: skip
    # said once: the same address again (a reload, a bookmark) says nothing, and an
    # address made up says nothing either
    assert "data-accepted" not in client.get(moved.headers["location"]).text
    assert "data-accepted" not in client.get(f"/leads/{won['id']}?thanks=12&still=7").text
    today = client.get("/").text
    assert "Tell Mei Chen you accepted the Staff Engineer offer at Initrode" in today


def test_an_acceptance_taken_back_takes_its_news_off_today(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Mei Chen")
    won = add_lead(web_ctx, "Initrode", "Staff Engineer", people=[("Mei Chen", "referrer")])
    move_lead(web_ctx, f"#{won['id']}", "offer")
    move_lead(web_ctx, f"#{won['id']}", "accepted")
    assert "Tell Mei Chen you accepted" in client.get("/").text
    back = client.post(f"/leads/{won['id']}/move", data={"csrf_token": token, "stage": "offer"})
    said = client.get(back.headers["location"]).text
    assert "The acceptance no longer stands" in said
    assert "Mei Chen" in said
    assert "data-accepted" not in said
    assert "Tell Mei Chen you accepted" not in client.get("/").text
    assert "data-untold" not in client.get(back.headers["location"]).text
