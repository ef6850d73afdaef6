"""What cannot be taken back is asked first, without the page's script too.

Deleting a conversation, undoing an import and accepting an offer are sent with
``confirm=yes`` once the user said yes (the script's dialog adds it). A form that arrives
without it is answered with a page that says what will happen, a button that sends it again
confirmed, and a way back; nothing changes until then. Afterwards the page says what was done.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from fastapi.testclient import TestClient

from factories import talk
from netweave.services.context import Context
from netweave.services.import_undo import list_batches
from netweave.services.imports import ImportOptions, run_import
from netweave.services.leads import add_lead, move_lead, show_lead
from netweave.services.people import show_person
from web.web_helpers import DAY, add

VCARD = Path(__file__).resolve().parents[1] / "data" / "vcard"


def asked(page: str) -> dict[str, object]:
    """The confirmation page's question, where its form goes, the fields it sends again,
    its yes button and its way back."""
    assert "data-confirm-page" in page, page[:300]
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', page, re.S)
    assert form
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form[2]))
    fields.pop("csrf_token")
    yes = re.search(r'<button [^>]*name="confirm" value="yes">([^<]+)</button>', form[2])
    back = re.search(r'<a class="btn btn-ghost" href="([^"]+)">([^<]+)</a>', form[2])
    h1 = re.search(r"<h1>(.*?)</h1>", page)
    assert yes
    assert back
    assert h1
    return {
        "title": html.unescape(h1[1]),
        "action": html.unescape(form[1]),
        "fields": fields,
        "yes": yes[1],
        "back": (html.unescape(back[1]), back[2]),
    }


def test_deleting_a_conversation_asks_first_then_says_it_was_deleted(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada Lovelace")
    add(web_ctx, "Grace Hopper")
    on = DAY - dt.timedelta(days=3)
    cid = talk(web_ctx, "ada", "grace", on=on, kind="call", gave=["advice"])["interaction"]["id"]
    sent = {"csrf_token": token, "person": str(ada)}
    ask = client.post(f"/conversations/{cid}/delete", data=sent)
    assert ask.status_code == 200
    assert asked(ask.text) == {
        "title": "Delete this conversation and what was given or asked in it?",
        "action": f"/conversations/{cid}/delete",
        "fields": {"person": str(ada)},
        "yes": "Yes, delete it",
        "back": (f"/conversations/{cid}?person={ada}", "Keep it"),
    }
    said = html.unescape(ask.text)
    assert f"The call of {on} with Ada Lovelace, Grace Hopper, and what was given" in said
    assert "<title>Delete this conversation and what was given or asked in it? · netweave" in said
    assert len(show_person(web_ctx, f"#{ada}")["interactions"]) == 1  # nothing yet
    gone = client.post(f"/conversations/{cid}/delete", data={**sent, "confirm": "yes"})
    assert gone.status_code == 303
    assert show_person(web_ctx, f"#{ada}")["interactions"] == []
    page = client.get(gone.headers["location"]).text
    assert (
        f'<p class="flash" role="status" data-deleted>Deleted the call of <span class="nowrap">'
        f"{on}</span> and what was given or asked in it.</p>"
    ) in page
    # a flash message from an address made up says nothing
    assert "data-deleted" not in client.get(f"/people/{ada}?deleted=<b>&on=today").text


def test_undoing_an_import_asks_first(client: TestClient, web_ctx: Context, token: str) -> None:
    batch = int(run_import(web_ctx, "vcard", [VCARD / "v4.vcf"], ImportOptions())["batch"])
    [shown_batch] = list_batches(web_ctx, for_web=True)
    what = f" ({shown_batch['description']})" if shown_batch["description"] else ""
    ask = client.post(f"/imports/{batch}/undo?all=true", data={"csrf_token": token})
    assert ask.status_code == 200
    shown = asked(ask.text)
    assert (shown["title"], shown["action"], shown["fields"], shown["back"]) == (
        f"Undo import {batch}?",
        f"/imports/{batch}/undo?all=true",
        {},
        ("/imports?all=true", "Keep it"),
    )
    assert f"Import {batch}{what}, a vcard import, is undone" in html.unescape(ask.text)
    assert [b["state"] for b in list_batches(web_ctx)] != ["undone"]
    done = client.post(
        f"/imports/{batch}/undo?all=true", data={"csrf_token": token, "confirm": "yes"}
    )
    assert done.status_code == 303
    assert [b["state"] for b in list_batches(web_ctx)] == ["undone"]
    undone = f"Import {batch} was undone: 4 people it brought in removed."
    assert undone in client.get(done.headers["location"]).text
    # one undone already is refused at once: there is nothing to ask
    again = client.post(f"/imports/{batch}/undo", data={"csrf_token": token})
    assert again.status_code in (409, 422)
    assert "data-confirm-page" not in again.text


def test_accepting_an_offer_asks_first_from_the_board_and_from_the_lead(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    lead = add_lead(web_ctx, "Initrode", "Staff Engineer")["id"]
    move_lead(web_ctx, f"#{lead}", "offer")
    board = {"csrf_token": token, "stage": "accepted", "back": "board", "focus": "accept"}
    ask = client.post(f"/leads/{lead}/move", data=board)
    assert ask.status_code == 200
    assert asked(ask.text) == {
        "title": "Accept the offer: Staff Engineer at Initrode?",
        "action": f"/leads/{lead}/move",
        "fields": {"stage": "accepted", "back": "board", "focus": "accept"},
        "yes": "Yes, accept the offer",
        "back": (f"/leads#lead-{lead}-accept", "Not yet"),
    }
    detail = client.post(f"/leads/{lead}/move", data={"csrf_token": token, "stage": "accepted"})
    assert asked(detail.text)["back"] == (f"/leads/{lead}", "Not yet")
    assert show_lead(web_ctx, f"#{lead}")["stage"] == "offer"
    done = client.post(f"/leads/{lead}/move", data={**board, "confirm": "yes"})
    assert done.headers["location"].startswith(f"/leads/{lead}?moved=")
    assert show_lead(web_ctx, f"#{lead}")["stage"] == "accepted"
    assert "Congratulations on the offer." in client.get(done.headers["location"]).text
    # a lead not at offer cannot be accepted: said at once, nothing asked
    other = add_lead(web_ctx, "Globex", "Analyst")["id"]
    refused = client.post(f"/leads/{other}/move", data=board)
    assert refused.status_code == 422
    assert "data-confirm-page" not in refused.text


def test_the_forms_that_ask_in_a_dialog_are_the_ones_the_server_asks_for(
    client: TestClient, web_ctx: Context
) -> None:
    ada = add(web_ctx, "Ada Lovelace")
    cid = talk(web_ctx, "ada")["interaction"]["id"]
    lead = add_lead(web_ctx, "Initrode", "Staff Engineer")["id"]
    move_lead(web_ctx, f"#{lead}", "offer")
    run_import(web_ctx, "vcard", [VCARD / "v4.vcf"], ImportOptions())
    pages = [f"/conversations/{cid}?person={ada}", "/leads", "/imports"]
    actions = []
    for path in pages:
        page = client.get(path).text
        actions += re.findall(r'<form method="post" action="([^"]+)"[^>]*data-confirm=', page)
    assert actions == [f"/conversations/{cid}/delete", f"/leads/{lead}/move", "/imports/1/undo"]
    script = client.get("/static/app.js").text
    assert 'yes.name = "confirm"' in script
    assert 'yes.value = "yes"' in script
