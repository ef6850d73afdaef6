"""Route tests of the People and Organizations lists on a network too large to scroll:
searching, telling namesakes apart, the total and the pages."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netweave.services.context import Context
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
