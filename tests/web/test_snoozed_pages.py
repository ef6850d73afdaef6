"""Route tests: what is snoozed shows where the user looks for the person (the list of
everyone due, their page), can be offered again, and Today counts what it leaves out."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from netweave.services.agenda import agenda
from netweave.services.agenda_snooze import snooze_suggestion
from netweave.services.campaigns import new_campaign
from netweave.services.context import Context
from web.web_helpers import DAY, add


def test_a_snoozed_check_in_shows_on_the_list_and_the_page_and_is_offered_again(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    met = DAY - dt.timedelta(days=400)
    for name in ("Cleo Close", "Eve Adams"):
        add(web_ctx, name, circle="close", met_on=met)
    dan = add(web_ctx, "Dan Wu", circle="close", met_on=met)
    until = DAY + dt.timedelta(days=7)
    snooze_suggestion(web_ctx, "Dan Wu", "check_in", until)
    assert agenda(web_ctx)["more"]["check_ins"] == 1  # due, and not on Today: snoozed
    listed = client.get("/people?overdue=true").text
    assert f'check-in snoozed until <span class="nowrap">{until}</span>' in listed
    page = client.get(f"/people/{dan}").text
    assert f'data-snoozed="check_in">check-in until {until}' in page
    woken = client.post(f"/people/{dan}/wake", data={"csrf_token": token, "kind": "check_in"})
    assert woken.status_code == 303
    assert "data-snoozed" not in client.get(woken.headers["location"]).text
    assert "Dan Wu" in [i["person"] for i in agenda(web_ctx)["items"]]
    assert (
        client.post(f"/people/{dan}/wake", data={"csrf_token": token, "kind": "x"}).status_code
        >= 400
    )


def test_today_counts_the_greetings_it_leaves_out(client: TestClient, web_ctx: Context) -> None:
    for n in range(7):
        add(web_ctx, f"Friend {n}", tags=["navy"])
    cid = new_campaign(web_ctx, "Navy", tags=["navy"])["id"]
    page = client.get("/").text
    assert "… and 2 more greetings of a seasonal campaign, a few a day: " in page
    assert f'<a href="/campaigns/{cid}">Navy lists them all</a>' in page  # the one running
    new_campaign(web_ctx, "Holidays", tags=["navy"])  # two running: their list
    page = client.get("/").text
    assert '<a href="/campaigns">the campaigns list them all</a>' in page
