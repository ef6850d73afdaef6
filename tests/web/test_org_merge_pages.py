"""Merging organizations on the web: from an organization's page into another, with an
undo; in the test client and in a real browser."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import Context, open_context
from netweave.services.leads import add_lead
from netweave.services.orgs import add_organization
from netweave.services.people import PersonChanges, add_person
from netweave.services.targets import add_target
from web.browser import CHROMIUM, running_server, shot
from web.web_helpers import DAY, add


def _org_id(client: TestClient, name: str) -> int:
    return next(o["id"] for o in client.get("/api/orgs").json() if o["name"] == name)


def _batch(page: str) -> str:
    """The number of the merge whose undo a page offers."""
    found = re.search(r'action="/orgs/merges/(\d+)/undo"', page)
    assert found
    return found[1]


def test_an_org_page_merges_it_into_another_and_undoes_it(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace", company="Facebook")
    add(web_ctx, "Grace Hopper", company="Meta")
    add_target(web_ctx, "Facebook", motivation=3)
    facebook, meta = _org_id(client, "Facebook"), _org_id(client, "Meta")
    page = client.get(f"/orgs/{facebook}").text
    assert f'action="/orgs/{facebook}/merge"' in page
    assert '<option value="Meta">' in page
    merged = client.post(f"/orgs/{facebook}/merge", data={"csrf_token": token, "into": "meta"})
    assert merged.status_code == 303
    assert re.fullmatch(rf"/orgs/{meta}\?merged=[\w-]{{22}}", merged.headers["location"])
    page = client.get(merged.headers["location"]).text
    assert "data-merged" in page
    assert "data-merged" not in client.get(merged.headers["location"]).text  # said once
    assert "Also known as Facebook" in page
    assert "Ada Lovelace" in page
    assert [o["name"] for o in client.get("/api/orgs").json()] == ["Meta"]
    batch = _batch(page)
    undone = client.post(f"/orgs/merges/{batch}/undo", data={"csrf_token": token})
    assert re.fullmatch(rf"/orgs/{facebook}\?undone=[\w-]{{22}}", undone.headers["location"])
    page = client.get(undone.headers["location"]).text
    assert "data-undone" in page
    assert "data-undone" not in client.get(undone.headers["location"]).text
    assert "Ada Lovelace" in page
    assert sorted(o["name"] for o in client.get("/api/orgs").json()) == ["Facebook", "Meta"]
    again = client.post(f"/orgs/merges/{batch}/undo", data={"csrf_token": token})
    assert again.status_code == 409


def test_the_message_names_both_and_says_what_moved(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace", company="Acme Inc.")
    add(web_ctx, "Grace Hopper", company="Acme Inc.")
    add(web_ctx, "Mei Chen", company="Globex")
    add_target(web_ctx, "Acme Inc.", motivation=2)
    add_lead(web_ctx, "Acme Inc.", "Data engineer")
    other = _org_id(client, "Acme Inc.")
    merged = client.post(f"/orgs/{other}/merge", data={"csrf_token": token, "into": "Globex"})
    page = client.get(merged.headers["location"]).text
    flash, batch = _merged_flash(page), _batch(page)
    assert flash == (
        "Merged Acme Inc. into Globex: 2 people's roles, its target and 1 lead moved here. "
        "Imports that name Acme Inc. land here now. Undo this merge "
        f"You can also undo it later on Imports (number {batch})."
    )
    # nothing but the name: the message says no more than that, and ends once
    add(web_ctx, "Lin Wu", company="Initech Inc.")
    add_organization(web_ctx, "Initrode")
    empty, kept = _org_id(client, "Initrode"), _org_id(client, "Initech Inc.")
    merged = client.post(f"/orgs/{empty}/merge", data={"csrf_token": token, "into": f"#{kept}"})
    assert _merged_flash(client.get(merged.headers["location"]).text).startswith(
        "Merged Initrode into Initech Inc. Imports that name Initrode land here now."
    )


def test_the_imports_page_names_the_organizations_merged(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace", company="Facebook")
    add(web_ctx, "Grace Hopper", company="Meta")
    facebook, meta = _org_id(client, "Facebook"), _org_id(client, "Meta")
    client.post(f"/orgs/{facebook}/merge", data={"csrf_token": token, "into": "Meta"})
    page = client.get("/imports").text
    assert f'<td class="batch-file">Facebook (#{facebook}) into Meta (#{meta})</td>' in page
    assert "merge organization #" not in page
    [listed] = client.get("/api/imports").json()
    assert listed["merge"]["merged"] == {"id": facebook, "name": "Facebook"}


def _merged_flash(page: str) -> str:
    found = re.search(r"<div[^>]*data-merged>(.*?)</div>", page, re.S)
    assert found, page
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found[1])).split()).replace(" .", ".")


def test_merging_into_itself_or_nothing_is_refused(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace", company="Facebook")
    facebook = _org_id(client, "Facebook")
    itself = client.post(f"/orgs/{facebook}/merge", data={"csrf_token": token, "into": "facebook"})
    assert itself.status_code == 422
    assert "into itself" in itself.text
    unknown = client.post(f"/orgs/{facebook}/merge", data={"csrf_token": token, "into": "Nowhere"})
    assert unknown.status_code == 422  # the form is refused: no page is missing
    forged = client.post(f"/orgs/{facebook}/merge", data={"into": "Meta"})
    assert forged.status_code == 403
    assert [o["name"] for o in client.get("/api/orgs").json()] == ["Facebook"]


def test_a_refused_merge_is_said_on_the_page_with_the_form_as_sent(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace", company="Facebook")
    facebook = _org_id(client, "Facebook")
    for into, status, said in (
        ("facebook", 422, "Not merged: cannot merge Facebook (#1) into itself."),
        ("Nowhere <b>", 422, "Not merged: no organization matches &#39;Nowhere &lt;b&gt;&#39;"),
        ("  ", 422, "Not merged: name the organization to merge this one into"),
        ("M" * 301, 422, "Not merged: name the organization in at most 300 characters (this "
                         "name has 301)."),
    ):  # fmt: skip
        sent = {"csrf_token": token, "into": into}
        refused = client.post(f"/orgs/{facebook}/merge", data=sent)
        assert refused.status_code == status, refused.text
        page = refused.text
        assert "<h1>Facebook</h1>" in page  # this organization's page, not an error page
        assert "Ada Lovelace" in page
        assert said in page  # escaped
        assert '<details class="card merge-details" id="merge" open>' in page
        assert f'value="{html.escape(into)}" aria-invalid="true"' in page
        assert "data-merge-refused" in page
    # a page that was never an organization's: the error page, as before
    gone = client.post("/orgs/4242/merge", data={"csrf_token": token, "into": "Facebook"})
    assert gone.status_code == 404
    assert "no organization with id 4242" in gone.text
    assert [o["name"] for o in client.get("/api/orgs").json()] == ["Facebook"]
    assert "data-merge-error" not in client.get(f"/orgs/{facebook}").text


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("orgmerge") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_person(ctx, PersonChanges(name="Sam Sample", is_me=True))
        for name, company in (("Ada Lovelace", "Facebook"), ("Grace Hopper", "Meta"),
                              ("Mei Chen", "Meta Platforms, Inc.")):  # fmt: skip
            add_person(ctx, PersonChanges(name=name, company=company, title="Engineer"))
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
def test_merge_from_the_page_in_a_browser(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/orgs")
    page.click("table a:has-text('Facebook')")
    page.wait_for_url(re.compile(r"/orgs/\d+$"))
    page.locator("details.merge-details summary").click()
    page.fill("input[name=into]", "facebook")  # itself: refused, said where it was typed
    page.click("button:has-text('Merge Facebook into it')")
    expect(page.locator("[data-merge-error]")).to_contain_text("into itself")
    expect(page.locator("input[name=into]")).to_have_value("facebook")
    expect(page.locator("input[name=into]")).to_be_focused()
    shot(page, "org-merge-refused")
    page.fill("input[name=into]", "Meta")
    shot(page, "org-merge-form")
    page.click("button:has-text('Merge Facebook into it')")
    page.wait_for_url(re.compile(r"/orgs/\d+\?merged=[\w-]+$"))
    expect(page.locator("[data-merged]")).to_contain_text("Merged Facebook")
    expect(page.locator("[data-aliases]")).to_contain_text("Also known as Facebook")
    expect(page.locator("h1")).to_have_text("Meta")
    shot(page, "org-merged")
    page.click("button:has-text('Undo this merge')")
    page.wait_for_url(re.compile(r"/orgs/\d+\?undone=[\w-]+$"))
    expect(page.locator("h1")).to_have_text("Facebook")
    expect(page.locator("[data-undone]")).to_contain_text("both are as they were")
    shot(page, "org-merge-undone")
    page.goto(server + "/imports")
    expect(page.locator("td.batch-file").first).to_contain_text("Facebook (#")
    expect(page.locator("td.batch-file").first).to_contain_text(") into Meta (#")
    shot(page, "imports-org-merge")
    context.close()
