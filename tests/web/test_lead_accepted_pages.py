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
    assert moved.headers["location"] == f"/leads/{won['id']}?thanks=2&still=1"
    said = html.unescape(client.get(moved.headers["location"]).text)
    assert (
        "Congratulations on the offer. 2 people who helped are on Today: tell them how it "
        "ended, and thank them. 1 other lead is still open: withdraw it on the board, and tell "
        "the people there."
    ) in " ".join(said.replace("<a href=\"/\">", "").replace('<a href="/leads">', "")
                  .replace("</a>", "").split())  # fmt: skip
    today = client.get("/").text
    assert "Tell Mei Chen you accepted the Staff Engineer offer at Initrode" in today
    # the flash is about an offer accepted: not shown on a lead that is not (reopened)
    move_lead(web_ctx, f"#{won['id']}", "offer")
    assert "data-accepted" not in client.get(f"/leads/{won['id']}?thanks=2").text
