"""Route tests of the Imports page's Undo: offered only where the undo would go ahead, and
in its place, why not, in the words of the refusal."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from factories import person
from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.context import Context, open_context
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.merge import merge
from netweave.services.merge_review import keep_apart
from netweave.services.people import show_person
from netweave.web.app import create_app
from netweave.web.routes import imports as imports_route
from web.conftest import BASE, csrf_of
from web.web_helpers import DAY

VCARD = Path(__file__).resolve().parents[1] / "data" / "vcard"


def _rows(page: str) -> dict[int, str]:
    """Each past import's row of the page, by its number."""
    body = page.split('<table class="batches">', 1)[1].split("</table>", 1)[0]
    row = r'<tr><td><span class="sr-only">Import </span>(\d+)</td>(.*?)</tr>'
    return {int(number): cells for number, cells in re.findall(row, body, re.S)}


def _imported(ctx: Context, name: str) -> int:
    return int(run_import(ctx, "vcard", [VCARD / name], ImportOptions())["batch"])


def test_undo_is_offered_only_where_it_would_go_ahead(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    built_on = _imported(web_ctx, "google_contacts.vcf")  # Amara Okafor, Tomás Ferreira
    undone = _imported(web_ctx, "v4.vcf")
    undoable = _imported(web_ctx, "apple_contacts.vcf")
    undo_batch(web_ctx, undone)
    merged = merge(web_ctx, "Amara Okafor", "Tomás Ferreira")["batch"]  # builds on the first
    rows = _rows(client.get("/imports").text)
    for number in (undoable, merged):
        assert f'action="/imports/{number}/undo"' in rows[number]
        assert "data-cannot-undo" not in rows[number]
    assert "/undo" not in rows[undone]
    assert "Import batch 2 was already undone." in rows[undone]
    assert "/undo" not in rows[built_on]
    said = html.unescape(rows[built_on])
    assert (
        f"Import batch {built_on} cannot be undone while later batches build on the people it "
        f"brought in ({merged}): undo that first, newest first."
    ) in said
    # the same words as the refusal of the undo itself
    refused = client.post(f"/imports/{built_on}/undo", data={"csrf_token": token})
    assert refused.status_code == 422
    assert "cannot be undone while later batches build on the people it brought in" in (
        html.unescape(refused.text)
    )
    # once the merge is undone, so can the import it built on be
    undo = {"csrf_token": token, "confirm": "yes"}
    assert client.post(f"/imports/{merged}/undo", data=undo).status_code == 303
    rows = _rows(client.get("/imports").text)
    assert f'action="/imports/{built_on}/undo"' in rows[built_on]
    assert "/undo" not in rows[merged]


def test_the_import_list_says_why_a_batch_cannot_be_undone(
    client: TestClient, web_ctx: Context
) -> None:
    first = _imported(web_ctx, "google_contacts.vcf")
    merged = merge(web_ctx, "Amara Okafor", "Tomás Ferreira")["batch"]
    listed = {b["batch"]: b["cannot_undo"] for b in client.get("/api/imports").json()}
    assert listed[merged] is None
    assert listed[first].startswith(f"import batch {first} cannot be undone")


def test_the_page_lists_the_newest_imports_and_every_one_on_asking(
    client: TestClient, web_ctx: Context, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each import listed is checked against those after it: the page lists the newest
    (``LISTED``), and all of them on asking; an undo goes back to the list it came from."""
    monkeypatch.setattr(imports_route, "LISTED", 2)
    first, second, third = (
        _imported(web_ctx, name) for name in ("google_contacts.vcf", "v4.vcf", "apple_contacts.vcf")
    )
    page = client.get("/imports").text
    assert sorted(_rows(page)) == [second, third]
    assert 'href="/imports?all=true">Show every import</a>' in page
    every = client.get("/imports?all=true").text
    assert sorted(_rows(every)) == [first, second, third]
    assert "Show every import" not in every
    assert f'action="/imports/{first}/undo?all=true"' in _rows(every)[first]
    undone = client.post(
        f"/imports/{first}/undo?all=true",
        data={"csrf_token": token, "confirm": "yes"},
        follow_redirects=False,
    )
    assert undone.status_code == 303
    assert undone.headers["location"].endswith("&all=true")
    back = client.get(undone.headers["location"]).text
    assert f"Import {first} was undone: 3 people it brought in removed." in back
    assert "undone" in _rows(back)[first]


def _refused_above_the_list(page: str) -> str:
    """The words said above the list of imports (the page's one refusal)."""
    found = re.findall(r'<p [^>]*role="alert" data-refused="form"[^>]*>(.*?)</p>', page, re.S)
    assert len(found) == 1, found
    before = page.split(found[0], 1)[0]
    assert "<h2>Past imports</h2>" in before  # in the list's card, above it
    assert "<table" not in before.split("<h2>Past imports</h2>", 1)[1]
    return html.unescape(found[0])


def test_an_undo_sent_twice_or_no_longer_possible_is_said_above_the_list(db_url: str) -> None:
    """An Undo sent again from another tab, or from a page shown before a merge built on the
    import: the Imports page again (422), why above the list, nothing undone."""
    ctx = open_context(Settings(database_url=db_url), Clock(as_of=DAY))
    try:
        with TestClient(create_app(ctx), base_url=BASE, follow_redirects=False) as client:
            token = csrf_of(client)
            built_on = _imported(ctx, "google_contacts.vcf")
            twice = _imported(ctx, "v4.vcf")
            undo = {"csrf_token": token, "confirm": "yes"}
            assert client.post(f"/imports/{twice}/undo", data=undo).status_code == 303
            again = client.post(f"/imports/{twice}/undo?all=true", data=undo)
            assert again.status_code == 422
            assert _refused_above_the_list(again.text) == (
                f"Import batch {twice} was already undone. Nothing was saved."
            )
            assert "Not undone: import batch" in again.text  # the page's title
            assert 'name="me" placeholder="you@example.org" autocomplete="email" inputmode' in (
                again.text
            )  # the upload form as ever, nothing marked in it
            assert "aria-invalid" not in again.text
            assert "choose it again" not in again.text
            merged = merge(ctx, "Amara Okafor", "Tomás Ferreira")["batch"]
            late = client.post(f"/imports/{built_on}/undo", data=undo)
            assert late.status_code == 422
            assert _refused_above_the_list(late.text).startswith(
                f"Import batch {built_on} cannot be undone while later batches build on the "
                f"people it brought in ({merged})"
            )
            states = {b["batch"]: b["state"] for b in client.get("/api/imports").json()}
            assert states[built_on] != "undone"
    finally:
        ctx.close()


def test_an_undo_says_the_people_it_removes_and_the_pairs_kept_apart_that_go_with_them(
    client: TestClient, web_ctx: Context, token: str, tmp_path: Path
) -> None:
    """The page that asks says how many people the undo removes and which pairs kept apart
    go with them; the page it lands on says so once, the names kept out of its address."""
    typed = int(person(web_ctx, "Ada Lovelace", emails=["ada@work.example"])["id"])
    cards = tmp_path / "ada.vcf"
    cards.write_text("".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:{email}\r\nEND:VCARD\r\n"
        for email in ("ada@example.com", "ada@home.example")
    ), encoding="utf-8")  # fmt: skip
    batch = int(run_import(web_ctx, "vcard", [cards], ImportOptions())["batch"])
    other = int(show_person(web_ctx, "ada@example.com")["id"])
    keep_apart(web_ctx, f"#{typed}", f"#{other}")
    asked = html.unescape(client.post(f"/imports/{batch}/undo", data={"csrf_token": token}).text)
    assert "It removes 2 people it brought in." in asked
    pair = f"Ada Lovelace (#{typed}) and Ada Lovelace (#{other})"
    assert f"The pair you kept apart goes with them: {pair}." in asked
    undone = client.post(f"/imports/{batch}/undo", data={"csrf_token": token, "confirm": "yes"})
    assert undone.status_code == 303
    address = undone.headers["location"]
    assert "Ada" not in address
    page = html.unescape(client.get(address).text)
    assert (
        f"Import {batch} was undone: 2 people it brought in removed. "
        f"The pair you kept apart went with them: {pair}."
    ) in page
    again = html.unescape(client.get(address).text)  # said once
    assert f"Import {batch} was undone: 2 people it brought in removed." in again
    assert "kept apart" not in again
