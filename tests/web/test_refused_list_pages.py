"""The forms of the Targets, Events, Campaigns, Introductions and Imports pages refused come
back as they were sent (422), the message at the field at fault, nothing saved.

A form of buttons alone (a target taken off the list twice, a step taken twice) says why
above the page's lists instead (``role=alert``).
"""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from netweave.services.campaigns import list_campaigns
from netweave.services.context import Context
from web.conftest import csrf_of
from web.test_refused_form_pages import refused_field, value_of
from web.web_helpers import add


def alert(page: str) -> str:
    """The words of the one message said above a page's lists (no field marked)."""
    assert 'aria-invalid="true"' not in page
    said = re.findall(r'<p class="flash flash-error[^"]*"[^>]*role="alert"[^>]*>(.*?)</p>', page)
    assert len(said) == 1, said
    return html.unescape(re.sub(r"<[^>]+>", "", said[0]))


def test_a_target_refused_is_said_at_its_field(client: TestClient, token: str) -> None:
    form = {"csrf_token": token, "org": "Acme Robotics", "motivation": "9", "posting": "1"}
    high = client.post("/targets", data=form)
    assert high.status_code == 422
    assert refused_field(high.text) == (
        "motivation",
        "Motivation goes from 0 to 3, not 9. Nothing was saved.",
    )
    assert value_of(high.text, "org") == "Acme Robotics"
    word = client.post("/targets", data={**form, "motivation": "lots"})
    assert refused_field(word.text) == (
        "motivation",
        "Motivation: a whole number, not 'lots'. Nothing was saved.",
    )
    long = client.post("/targets", data={**form, "motivation": "2", "org": "x" * 301})
    assert refused_field(long.text) == (
        "org",
        "Employer: at most 300 characters (this one has 301). Nothing was saved.",
    )
    status = client.post("/targets", data={**form, "motivation": "2", "org": "Self-employed"})
    assert refused_field(status.text)[0] == "org"
    assert client.get("/api/targets").json() == []
    assert client.post("/targets", data={**form, "motivation": "2"}).status_code == 303
    again = client.post("/targets", data={**form, "motivation": "3"})
    assert refused_field(again.text) == (
        "org",
        "Employer: Acme Robotics is already a target. Nothing was saved.",
    )
    [target] = client.get("/api/targets").json()
    assert target["motivation"] == 2


def test_a_target_changed_out_of_range_is_said_in_its_own_row(
    client: TestClient, token: str
) -> None:
    form = {"csrf_token": token, "org": "Acme", "motivation": "2", "posting": "1"}
    assert client.post("/targets", data=form).status_code == 303
    [target] = client.get("/api/targets").json()
    org = target["org_id"]
    refused = client.post(f"/targets/{org}/set", data={**form, "posting": "7"})
    assert refused.status_code == 422
    assert refused_field(refused.text) == (
        "posting",
        "Posting goes from 1 to 3, not 7. Nothing was saved.",
    )
    assert f'id="set-{org}-posting-error"' in refused.text
    assert '<details class="target-change" open>' in refused.text
    assert client.get("/api/targets").json()[0]["posting"] == 1
    assert client.post(f"/targets/{org}/remove", data=form).status_code == 303
    gone = client.post(f"/targets/{org}/remove", data=form)
    assert gone.status_code == 422
    assert alert(gone.text) == "Acme is not on your target list. Nothing was saved."


def test_an_event_refused_keeps_what_was_typed(client: TestClient, token: str) -> None:
    form = {"csrf_token": token, "name": "PyCon", "on": "31/05/2026", "place": "Bilbao",
            "kind": "conference"}  # fmt: skip
    day = client.post("/events", data=form)
    assert day.status_code == 422
    assert refused_field(day.text) == (
        "on",
        "Date: expected a date like 2026-03-14, not '31/05/2026'. Nothing was saved.",
    )
    assert (value_of(day.text, "name"), value_of(day.text, "place")) == ("PyCon", "Bilbao")
    assert '<option value="conference" selected>' in day.text
    blank = client.post("/events", data={**form, "name": " ", "on": "2026-05-31"})
    assert refused_field(blank.text) == ("name", "Name: an event needs a name. Nothing was saved.")
    assert client.post("/events", data={**form, "on": "2026-05-31"}).status_code == 303
    twice = client.post("/events", data={**form, "on": "2026-05-31", "place": "Prague"})
    assert refused_field(twice.text)[0] == "name"
    assert "already exists" in refused_field(twice.text)[1]
    assert [e["place"] for e in client.get("/api/events").json()] == ["Bilbao"]


def test_people_met_refused_are_said_at_the_names(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace")
    add(web_ctx, "Ada Lovelace")
    sent = {"csrf_token": token, "name": "PyCon", "on": "2026-05-31"}
    assert client.post("/events", data=sent).status_code == 303
    later = {**sent, "name": "Summit", "on": "2026-09-01"}
    assert client.post("/events", data=later).status_code == 303
    pycon, summit = sorted(e["id"] for e in client.get("/api/events").json())
    form = {"csrf_token": token, "event": str(pycon), "names": "Grace Hopper\nAda Lovelace",
            "note": "talked about compilers"}  # fmt: skip
    refused = client.post("/events/meet", data=form)
    assert refused.status_code == 422
    field, said = refused_field(refused.text)
    assert field == "names"
    assert said.startswith("People you met: name 'Ada Lovelace' is ambiguous")
    assert ">Grace Hopper\nAda Lovelace</textarea>" in refused.text
    assert value_of(refused.text, "note") == "talked about compilers"
    future = client.post("/events/meet", data={**form, "event": str(summit)})
    assert refused_field(future.text)[0] == "event"
    assert f'<option value="{summit}" selected>' in future.text
    nobody = client.post("/events/meet", data={**form, "names": "\n \n"})
    assert refused_field(nobody.text)[0] == "names"
    assert [p["name"] for p in client.get("/api/people").json()] == ["Ada Lovelace"] * 2


def test_a_campaign_refused_keeps_its_audience(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace", tags=["poet"])
    form = {"csrf_token": token, "name": "Holidays", "tags": "poets"}
    tag = client.post("/campaigns", data={**form, "circle": ["inner"]})
    assert tag.status_code == 422
    assert refused_field(tag.text) == (
        "tags",
        "Tags: no one carries the tag 'poets'. Nothing was saved.",
    )
    assert value_of(tag.text, "name") == "Holidays"
    assert '<input type="checkbox" name="circle" value="inner" checked>' in tag.text
    nothing = client.post("/campaigns", data={**form, "tags": ""})
    assert refused_field(nothing.text)[0] == "circle"
    assert list_campaigns(web_ctx) == []


def test_a_greeting_of_an_unknown_kind_is_said_at_its_item(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada Lovelace", tags=["poet"])
    made = client.post("/campaigns", data={"csrf_token": token, "name": "Holidays",
                                           "tags": "poet"})  # fmt: skip
    campaign = made.headers["location"].split("?")[0]  # without what the page says once
    sent = {"csrf_token": token, "person": str(ada), "kind": "pigeon"}
    refused = client.post(f"{campaign}/done", data=sent)
    assert refused.status_code == 422
    field, said = refused_field(refused.text)
    assert field == "kind"
    assert said.startswith("How you greeted them: unknown interaction kind 'pigeon'")
    assert f'id="done-{ada}-kind-error"' in refused.text
    assert "chip-done" not in refused.text
    stranger = client.post(f"{campaign}/done", data={**sent, "person": "999", "kind": "call"})
    assert alert(stranger.text) == "No person with id 999. Nothing was saved."


def test_an_introduction_refused_is_said_at_the_side_at_fault(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace")
    add(web_ctx, "Grace Hopper")
    add(web_ctx, "Alan Turing")
    add(web_ctx, "Alan Turing")
    form = {"csrf_token": token, "a": "Ada Lovelace", "b": "Nobody Zzzz", "why": "compilers"}
    nobody = client.post("/intros/new", data=form)
    assert nobody.status_code == 422
    assert refused_field(nobody.text) == (
        "b",
        "Second person: no person matches 'Nobody Zzzz'. Nothing was saved.",
    )
    assert [value_of(nobody.text, n) for n in ("a", "b", "why")] == [
        "Ada Lovelace",
        "Nobody Zzzz",
        "compilers",
    ]
    several = client.post("/intros/new", data={**form, "a": "Alan Turing", "b": "Grace Hopper"})
    assert refused_field(several.text)[1].startswith("First person: name 'Alan Turing' is ambig")
    same = client.post("/intros/new", data={**form, "b": "Ada Lovelace"})
    assert refused_field(same.text)[1].startswith("Second person: an introduction needs two")
    why = client.post("/intros/new", data={**form, "b": "Grace Hopper", "why": " "})
    assert refused_field(why.text)[0] == "why"
    assert client.get("/api/intros").json() == []
    made = client.post("/intros/new", data={**form, "b": "Grace Hopper"})
    assert made.status_code == 303
    [intro] = client.get("/api/intros").json()
    early = client.post(f"/intros/{intro['id']}/agree", data={"csrf_token": token})
    assert early.status_code == 422
    assert alert(early.text).startswith(f"Introduction #{intro['id']} is at step 'proposed'")


def test_an_upload_refused_is_said_at_the_file_or_the_address(
    client: TestClient, token: str
) -> None:
    form = {"csrf_token": token, "kind": "vcard", "create_people": "true"}
    wrong = client.post("/imports", data=form, files={"file": ("ada.csv", b"a,b\n", "text/csv")})
    assert wrong.status_code == 422
    assert refused_field(wrong.text) == (
        "file",
        "File: ada.csv: vcard imports take .vcf, .vcard files. Nothing was saved.",
    )
    assert '<option value="vcard" selected>' in wrong.text
    assert 'name="create_people" value="true" checked' in wrong.text
    empty = client.post("/imports", data=form, files={"file": ("ada.vcf", b"", "text/vcard")})
    assert refused_field(empty.text)[1] == "File: ada.vcf: the file is empty. Nothing was saved."
    garbage = client.post("/imports", data=form,
                          files={"file": ("ada.vcf", b"\x00\xff junk", "text/vcard")})  # fmt: skip
    assert refused_field(garbage.text)[0] == "file"
    mail = {"csrf_token": token, "kind": "mbox", "me": "not an address"}
    me = client.post("/imports", data=mail,
                     files={"file": ("box.mbox", b"From a\n\nhi\n", "text/plain")})  # fmt: skip
    assert refused_field(me.text) == (
        "me",
        "Your address: not an email address: 'not an address'. Nothing was saved.",
    )
    assert value_of(me.text, "me") == "not an address"
    assert 'aria-describedby="upload-me-error me-hint"' in me.text
    assert "No imports yet." in me.text


def test_these_forms_refused_change_nothing_on_either_backend(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    token = csrf_of(client)
    add(ctx, "Ada Lovelace", tags=["poet"])
    add(ctx, "Ada Lovelace")
    sent = {"csrf_token": token, "name": "PyCon", "on": "2026-05-31"}
    assert client.post("/events", data=sent).status_code == 303
    [event] = client.get("/api/events").json()
    # the new people come before the name of two: none of them is kept
    met = {"csrf_token": token, "event": str(event["id"]), "names": "Grace\nMei\nAda Lovelace"}
    assert client.post("/events/meet", data=met).status_code == 422
    campaign = {"csrf_token": token, "name": "Holidays", "tags": "poet, nobody-has-it"}
    assert client.post("/campaigns", data=campaign).status_code == 422
    intro = {"csrf_token": token, "a": "Ada Lovelace", "b": "Mei", "why": "x"}
    assert client.post("/intros/new", data=intro).status_code == 422
    target = {"csrf_token": token, "org": "Globex", "motivation": "2", "posting": "4"}
    assert client.post("/targets", data=target).status_code == 422
    assert [p["name"] for p in client.get("/api/people").json()] == ["Ada Lovelace"] * 2
    assert list_campaigns(ctx) == []
    assert client.get("/api/intros").json() == []
    assert client.get("/api/targets").json() == []
    assert client.get("/api/orgs").json() == []


def test_an_outcome_sent_from_a_stale_tab_is_refused_not_mixed(
    any_client: tuple[TestClient, Context],
) -> None:
    """Two tabs show an introduction's outcome form; the second one sent, after the first
    recorded an outcome, is refused with that outcome (never mixed with it)."""
    from netweave.services import intros

    client, ctx = any_client
    token = csrf_of(client)
    add(ctx, "Abigail Carter")
    add(ctx, "Fang Yang")
    n = intros.propose(ctx, "Abigail Carter", "Fang Yang", "qa test")["id"]
    for step in (intros.ask, intros.agree, intros.ask, intros.agree, intros.introduce):
        step(ctx, n)
    first = {"csrf_token": token, "met": "yes", "helped": "yes", "note": "tab 1 note"}
    assert client.post(f"/intros/{n}/outcome", data=first).status_code == 303
    stale = {"csrf_token": token, "met": "no", "helped": "", "note": ""}
    refused = client.post(f"/intros/{n}/outcome", data=stale)
    assert refused.status_code == 422
    assert alert(refused.text) == (
        f"The outcome of introduction #{n} was recorded since: they met; it helped — tab 1 "
        "note. Nothing was saved."
    )
    shown = intros.show(ctx, n)
    assert shown["outcome"] == "they met; it helped — tab 1 note"
    assert [s["state"] for s in shown["history"]].count("done") == 1
    # the command line still corrects an outcome, keeping what the correction leaves out
    fixed = intros.record_outcome(ctx, n, met=False, helped=None, note=None)
    assert fixed["outcome"] == "they did not meet; it helped — tab 1 note"


def test_a_name_met_too_long_is_said_in_the_form_s_words(
    any_client: tuple[TestClient, Context],
) -> None:
    client, _ctx = any_client
    token = csrf_of(client)
    sent = {"csrf_token": token, "name": "PyCon", "on": "2026-05-31"}
    assert client.post("/events", data=sent).status_code == 303
    [event] = client.get("/api/events").json()
    form = {"csrf_token": token, "event": str(event["id"]), "names": "Grace Hopper\n" + "Z" * 301}
    refused = client.post("/events/meet", data=form)
    assert refused.status_code == 422
    assert refused_field(refused.text) == (
        "names",
        "People you met: a name takes at most 300 characters (this one has 301). "
        "Nothing was saved.",
    )
    assert client.get("/api/people").json() == []
