"""Route tests of the People and Organizations lists on a network too large to scroll:
searching, telling namesakes apart, the total and the pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.web.routes import people as people_routes
from web.web_helpers import add


def test_an_organization_is_found_by_its_name_with_a_legal_form(
    client: TestClient, web_ctx: Context
) -> None:
    add(web_ctx, "Ada Lovelace", company="Google")
    add(web_ctx, "Bob Berg", company="Googleplex Tours")
    add(web_ctx, "Cy Chen", company="Initech")
    page = client.get("/orgs", params={"q": "google llc"}).text
    assert ">Google</a>" in page
    assert "Initech" not in page
    # the organization of that very name comes first, then the others that hold the word
    assert page.index(">Google</a>") < page.index(">Googleplex Tours</a>")
    assert ">Initech</a>" not in client.get("/orgs", params={"q": "GOOGLE, Inc."}).text


def test_an_organization_search_without_a_match_says_so(
    client: TestClient, web_ctx: Context
) -> None:
    add(web_ctx, "Ada Lovelace", company="Google")
    page = client.get("/orgs", params={"q": "Umbrella Corp"}).text
    assert "No organization matches “Umbrella Corp”" in page
    assert "No organizations yet" not in page


def test_the_people_list_counts_everyone_and_pages_through_them(
    client: TestClient, web_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_routes, "PAGE_ROWS", 5)
    for n in range(12):
        add(web_ctx, f"Person {n:02}")
    first = client.get("/people").text
    assert "Showing 1–5 of 12 people" in first
    assert 'href="/people?page=2" rel="next"' in first
    last = client.get("/people", params={"page": 3}).text
    assert "Showing 11–12 of 12 people" in last
    assert "Person 11" in last
    assert "Person 04" not in last
    assert 'rel="next"' not in last
    assert 'href="/people?page=2" rel="prev"' in last
    assert "No one on this page" in client.get("/people", params={"page": 9}).text
    assert client.get("/people", params={"page": 0}).status_code in (404, 422)


def test_a_search_is_counted_and_paged_with_its_words_kept(
    client: TestClient, web_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_routes, "PAGE_ROWS", 5)
    for n in range(7):
        add(web_ctx, "John Smith", company=f"Firm {n}")
    add(web_ctx, "Jane Doe")
    page = client.get("/people", params={"q": "john smith"}).text
    assert "Showing 1–5 of 7 people" in page
    assert 'href="/people?q=john+smith&amp;page=2" rel="next"' in page
    second = client.get("/people", params={"q": "john smith", "page": 2}).text
    assert "Showing 6–7 of 7 people" in second
    seen = _firms(page) + _firms(second)
    assert sorted(seen) == [f"Firm {n}" for n in range(7)]  # each once, none left out
    # narrowed by another filter as well: counted among the matches
    narrowed = client.get("/people", params={"q": "john", "org": "Firm 3"}).text
    assert _firms(narrowed) == ["Firm 3"]


def _firms(page: str) -> list[str]:
    return re.findall(r'<span class="muted">(Firm \d)</span>', page)


def test_namesakes_are_told_apart_on_a_phone_too(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "John Smith", company="Google", title="CEO")
    add(web_ctx, "John Smith", emails=["john.smith@meta.example"], location="Lisbon")
    add(web_ctx, "John Smith", headline="Founder", met_on=dt.date(2024, 5, 2))
    rows = client.get("/people", params={"q": "john smith"}).text
    # the lines under the name are the ones a narrow screen shows
    work = re.findall(r'<span class="sub show-sm" data-work>([^<]*)</span>', rows)
    apart = re.findall(r'<span class="sub show-sm" data-apart>([^<]*)</span>', rows)
    assert sorted(work) == ["CEO · Google", "Founder"]
    assert "john.smith@meta.example · Lisbon" in apart
    assert 'met <span class="nowrap">2024-05-02</span>' in re.findall(
        r'<span class="sub show-sm" data-apart>(.*?)</span>\n', rows
    )  # a date is kept on one line


def test_an_org_filter_several_organizations_match_names_them(
    client: TestClient, web_ctx: Context
) -> None:
    add(web_ctx, "Ana Ruiz", company="Kelp Power")
    add(web_ctx, "Bo Chen", company="Kelp Forest Labs")
    page = client.get("/people", params={"org": "Kelp"})
    # ambiguous, as an organization named anywhere else: the list, with why it is empty
    assert page.status_code == 422
    assert 'id="people-rows"' in page.text
    assert 'value="Kelp"' in page.text
    assert "data-filter-error>organization &#39;Kelp&#39; is ambiguous" in page.text
    assert "Kelp Power (#1)" in page.text
    assert "Kelp Forest Labs (#2)" in page.text
    assert "Bo Chen" not in page.text
    one = client.get("/people", params={"org": "kelp fo"}).text
    assert "Bo Chen" in one
    assert "Ana Ruiz" not in one


def test_the_tag_filter_offers_only_tags_someone_carries(
    client: TestClient, web_ctx: Context
) -> None:
    from netweave.services.people import PersonChanges, edit_person

    add(web_ctx, "Ada Lovelace", tags=["chess", "gone"])
    edit_person(web_ctx, "Ada Lovelace", PersonChanges(remove_tags=["gone"]))
    options = re.findall(r'<select name="tag">(.*?)</select>', client.get("/people").text)
    assert options
    assert re.findall(r'<option value="([^"]*)"', options[0]) == ["", "chess"]
    chosen = client.get("/people", params={"tag": "gone"}).text  # the one chosen stays
    assert '<option value="gone" selected>gone (0)</option>' in chosen
