"""Route tests of the Imports page's Undo: offered only where the undo would go ahead, and
in its place, why not, in the words of the refusal."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.merge import merge
from netweave.web.routes import imports as imports_route

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
    assert refused.status_code == 409
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
    assert f"Import {first} was undone." in back
    assert "undone" in _rows(back)[first]
