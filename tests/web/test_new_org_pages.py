"""A web form that makes an organization from the employer typed says so as the command line
does ("init is a new organization; did you mean Initrode (#3)?") on the page it lands on: a
person added or edited (only when the name is close to one already here), a lead opened or
given another employer (always). For a lead or a target, a name only close to one already
here is refused first, and the box that says it is a new organization offered."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.context import Context, open_context
from netweave.services.leads import add_lead
from netweave.services.orgs import add_organization
from netweave.services.people import PersonChanges, edit_person
from netweave.web.app import create_app
from web.conftest import BASE, csrf_of
from web.test_refused_form_pages import refused_field
from web.web_helpers import DAY, add


@pytest.fixture
def site(db_url: str) -> Iterator[tuple[TestClient, Context, str]]:
    """A client of the app on each backend, its service context and its CSRF token."""
    context = open_context(Settings(database_url=db_url), Clock(as_of=DAY))
    with TestClient(create_app(context), base_url=BASE, follow_redirects=False) as client:
        yield client, context, csrf_of(client)
    context.close()


def said(client: TestClient, address: str, links: list[str] | None = None) -> str | None:
    """The words the page at ``address`` says of a new organization (``None``: nothing),
    where their links go put in ``links``."""
    page = client.get(address)
    assert page.status_code == 200
    found = re.search(r'<p class="flash[^"]*" role="status" data-new-org>(.*?)</p>', page.text)
    if found and links is not None:
        links += re.findall(r'href="([^"]+)"', found[1])
    return html.unescape(re.sub(r"<[^>]+>", "", found[1])) if found else None


def test_a_person_added_or_edited_with_an_employer_close_to_another_hears_of_it(
    site: tuple[TestClient, Context, str],
) -> None:
    client, ctx, token = site
    initrode = add_organization(ctx, "Initrode")["id"]
    added = client.post("/people", data={"csrf_token": token, "name": "Ada", "company": "init"})
    assert added.status_code == 303
    init = client.get("/api/orgs", params={"q": "init"}).json()
    [new] = [o["id"] for o in init if o["name"] == "init"]
    links: list[str] = []
    assert said(client, added.headers["location"], links) == (
        f"init is a new organization; did you mean Initrode (#{initrode})? If so, merge init "
        "into it: “Merge into another organization”, on the page of init."
    )
    assert links == [
        f"/orgs/{new}",
        f"/orgs/{initrode}",
        f"/orgs/{new}#merge",
    ]
    # a new employer like none here, or one here already: nothing to say, as on the CLI
    plain = client.post("/people", data={"csrf_token": token, "name": "Bo", "company": "Globex"})
    assert "new_org" not in plain.headers["location"]
    assert said(client, plain.headers["location"]) is None
    known = client.post("/people", data={"csrf_token": token, "name": "Cy", "company": "initrode"})
    assert "new_org" not in known.headers["location"]
    grace = add(ctx, "Grace Hopper", company="Initrode")
    edited = client.post(f"/people/{grace}/edit", data={"csrf_token": token, "name": "Grace Hopper",
                                                        "company": "Initrode Labs"})  # fmt: skip
    landed = rf"/people/{grace}\?new_org=[\w-]{{22}}&said=[\w-]{{22}}"
    assert re.fullmatch(landed, edited.headers["location"])
    assert said(client, edited.headers["location"]) == (
        f"Initrode Labs is a new organization; did you mean Initrode (#{initrode}) or init "
        f"(#{new})? If you meant one of them, merge Initrode Labs into it: “Merge into another "
        "organization”, on the page of Initrode Labs."
    )
    again = client.post(f"/people/{grace}/edit", data={"csrf_token": token, "name": "Grace Hopper",
                                                       "company": "Globex"})  # fmt: skip
    assert re.fullmatch(rf"/people/{grace}\?said=[\w-]{{22}}", again.headers["location"])
    # the address alone says nothing: a flag, or the key of a notice taken already
    assert said(client, f"/people/{grace}?new_org=1") is None
    assert said(client, f"/people/{add(ctx, 'Bo Chen')}?new_org=1") is None
    assert said(client, edited.headers["location"]) is None


def test_a_person_added_under_a_name_here_already_hears_of_both(
    site: tuple[TestClient, Context, str],
) -> None:
    client, ctx, token = site
    add_organization(ctx, "Kelp Forest Labs")
    add(ctx, "Ada Lovelace")
    form = {"csrf_token": token, "name": "Ada Lovelace", "company": "kelp forest"}
    landed = client.post("/people", data=form).headers["location"]
    assert re.search(r"\?namesakes=[\w-]{22}&new_org=[\w-]{22}&said=[\w-]{22}$", landed)
    page = client.get(landed).text
    assert "data-namesakes" in page
    found = re.search(r"data-new-org>(.*?)</p>", page)
    assert found
    assert html.unescape(re.sub(r"<[^>]+>", "", found[1])).startswith(
        "kelp forest is a new organization; did you mean Kelp Forest Labs (#"
    )
    again = client.get(landed).text  # both said once
    assert "data-namesakes" not in again
    assert "data-new-org" not in again


def test_a_lead_whose_employer_is_new_says_so(site: tuple[TestClient, Context, str]) -> None:
    client, ctx, token = site
    kelp = add_organization(ctx, "Kelp Forest Labs")["id"]
    form = {"csrf_token": token, "org": "Kelp", "role": "Diver"}
    refused = client.post("/leads", data=form)  # only close to Kelp Forest Labs: asked first
    assert refused.status_code == 422
    assert refused_field(refused.text) == (
        "org",
        f"Employer: no organization is named 'Kelp' (nearly: Kelp Forest Labs #{kelp}): to "
        "mean it, give its name as written or its #id; for a new organization of that name, "
        "tick “A new organization, even if its name looks like another's”. Nothing was saved.",
    )
    assert '<input type="checkbox" name="new_org" value="1">' in refused.text
    assert client.get("/api/leads").json() == []
    opened = client.post("/leads", data=form | {"new_org": "1"})
    assert opened.status_code == 303
    assert re.search(r"\?new_org=[\w-]{22}$", opened.headers["location"])
    assert said(client, opened.headers["location"]) == (
        f"Kelp is a new organization; did you mean Kelp Forest Labs (#{kelp})? If so, merge Kelp "
        "into it: “Merge into another organization”, on the page of Kelp."
    )
    # like none here: said all the same, as the command line says it of a lead
    other = client.post("/leads", data={"csrf_token": token, "org": "Umbrella", "role": "Chemist"})
    assert said(client, other.headers["location"]) == "Umbrella is a new organization."
    known = client.post("/leads", data={"csrf_token": token, "org": "Umbrella", "role": "Driver"})
    assert "new_org" not in known.headers["location"]
    assert said(client, known.headers["location"]) is None
    lead = add_lead(ctx, "Umbrella", "Analyst")["id"]
    form = {"csrf_token": token, "role": "Analyst", "org": "Kelp Forest", "source": "other"}
    kept = client.post(f"/leads/{lead}/edit", data=form)
    assert kept.status_code == 422
    assert refused_field(kept.text)[1].startswith("Employer: no organization is named 'Kelp Fo")
    assert '<input type="checkbox" name="new_org" value="1">' in kept.text
    form["new_org"] = "1"
    moved = client.post(f"/leads/{lead}/edit", data=form)
    assert re.fullmatch(rf"/leads/{lead}\?new_org=[\w-]{{22}}", moved.headers["location"])
    assert said(client, moved.headers["location"]) == (
        f"Kelp Forest is a new organization; did you mean Kelp Forest Labs (#{kelp})? If so, "
        "merge Kelp Forest into it: “Merge into another organization”, on the page of Kelp Forest."
    )
    same = client.post(f"/leads/{lead}/edit", data={**form, "role": "Senior analyst"})
    assert same.headers["location"] == f"/leads/{lead}"


def test_the_notice_is_said_once_of_what_the_form_made(
    site: tuple[TestClient, Context, str],
) -> None:
    """Reloaded, gone back to or bookmarked, the page the form landed on says nothing more:
    an organization here for long is never called new because a look-alike came since."""
    client, ctx, token = site
    add_organization(ctx, "Verdant Grid")
    abigail = add(ctx, "Abigail Bennett", company="Verdant Grid")
    grace = add(ctx, "Grace Hopper")
    form = {"csrf_token": token, "name": "Grace Hopper", "company": "Verdant Gridd"}
    landed = client.post(f"/people/{grace}/edit", data=form).headers["location"]
    assert (said(client, landed) or "").startswith("Verdant Gridd is a new organization")
    assert said(client, landed) is None  # reloaded
    # the old flag on the page of someone at the long-standing organization says nothing
    assert said(client, f"/people/{abigail}?new_org=1") is None
    # a key is for its page and its session, and only while the employer is the one made
    form = {"csrf_token": token, "name": "Grace Hopper", "company": "Verdant Gri"}
    landed = client.post(f"/people/{grace}/edit", data=form).headers["location"]
    key = landed.partition("?")[2]
    assert said(client, f"/people/{abigail}?{key}") is None
    with TestClient(client.app, base_url=BASE) as other:
        assert said(other, landed) is None
    edit_person(ctx, f"#{grace}", PersonChanges(company="Verdant Grid"))
    assert said(client, landed) is None
    lead = add_lead(ctx, "Verdant Grid", "Analyst")["id"]
    form = {"csrf_token": token, "role": "Analyst", "org": "Verdant Gridworks", "source": "other",
            "new_org": "1"}  # fmt: skip
    moved = client.post(f"/leads/{lead}/edit", data=form).headers["location"]
    assert (said(client, moved) or "").startswith("Verdant Gridworks is a new organization")
    assert said(client, moved) is None
    assert said(client, f"/leads/{lead}?new_org=1") is None


def test_a_target_only_close_to_an_organization_is_refused_until_said_new(
    site: tuple[TestClient, Context, str],
) -> None:
    client, ctx, token = site
    add(ctx, "Ann Berg", company="Globex")
    add_organization(ctx, "Acme Inc.")
    known = client.post("/targets", data={"csrf_token": token, "org": "Globex GmbH"})
    assert known.status_code == 303  # the legal form aside: Globex, already here
    form = {"csrf_token": token, "org": "Acmee", "motivation": "2", "posting": "1"}
    refused = client.post("/targets", data=form)
    assert refused.status_code == 422
    field, message = refused_field(refused.text)
    assert field == "org"
    assert message.startswith("Employer: no organization is named 'Acmee' (nearly: Acme Inc. #")
    assert '<input type="checkbox" name="new_org" value="1">' in refused.text
    assert [t["org"] for t in client.get("/api/targets").json()] == ["Globex"]
    made = client.post("/targets", data=form | {"new_org": "1"})
    assert made.status_code == 303
    assert sorted(t["org"] for t in client.get("/api/targets").json()) == ["Acmee", "Globex"]
    assert 'name="new_org"' not in client.get("/targets").text  # offered only when refused
