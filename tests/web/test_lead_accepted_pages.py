"""Route tests: an offer accepted on the board or the lead's page says who is on Today."""

from __future__ import annotations

import html

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.leads import add_lead, move_lead, set_next_step
from netweave.services.tasks import complete
from netweave.store.models import Task
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


def _follow_up(ctx: Context, lead: int, title: str) -> None:
    """A follow-up planned for ``lead`` (it carries the lead)."""
    with ctx.db.transaction() as session:
        session.add(Task(due=ctx.clock.today(), kind="follow_up", title=title, lead_id=lead,
                         created_at=ctx.clock.now()))  # fmt: skip


def test_a_lead_withdrawn_says_its_open_tasks_are_off_today(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Mei Chen")
    lead = add_lead(web_ctx, "Globex", "Analyst", people=[("Mei Chen", "referrer")])["id"]
    other = add_lead(web_ctx, "Hooli", "Lead")["id"]
    set_next_step(web_ctx, f"#{lead}", "coffee with Mei", web_ctx.clock.today())
    _follow_up(web_ctx, lead, "Follow up with Mei Chen about the Analyst role")
    _follow_up(web_ctx, other, "Follow up about the Lead role at Hooli")
    assert "Follow up with Mei Chen about the Analyst role" in client.get("/").text
    moved = client.post(f"/leads/{lead}/move", data={"csrf_token": token, "stage": "withdrawn"})
    said = html.unescape(client.get(moved.headers["location"]).text)
    assert (
        f"Moved the lead #{lead} Analyst at Globex to withdrawn. Its next step was cleared. "
        "Its open tasks are off Today: Follow up with Mei Chen about the Analyst role."
    ) in said
    board = client.post(
        f"/leads/{other}/move", data={"csrf_token": token, "stage": "rejected", "back": "board"}
    )
    said = html.unescape(client.get(board.headers["location"]).text)
    assert "Its open tasks are off Today: Follow up about the Lead role at Hooli." in said
    assert "Follow up" not in client.get("/").text


def test_an_offer_accepted_again_on_the_web_congratulates_and_counts(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Mei Chen")
    add(web_ctx, "Omar Haddad")
    people = [("Mei Chen", "referrer"), ("Omar Haddad", "advocate")]
    won = add_lead(web_ctx, "Initrode", "Staff Engineer", people=people)["id"]
    move_lead(web_ctx, f"#{won}", "offer")
    first = move_lead(web_ctx, f"#{won}", "accepted")
    complete(web_ctx, first["thanks"][1]["id"])  # Omar was told
    move_lead(web_ctx, f"#{won}", "offer")
    moved = client.post(
        f"/leads/{won}/move", data={"csrf_token": token, "stage": "accepted", "confirm": "yes"}
    )
    said = " ".join(html.unescape(client.get(moved.headers["location"]).text).split())
    assert (
        'Congratulations on the offer. 1 person who helped is on <a href="/">Today</a>: tell '
        "them how it ended, and thank them. 1 person heard it already, when the offer was "
        "first accepted."
    ) in said
