"""A refused form comes back as it was sent, its message beside the field it concerns.

The new person, edit person, log a conversation and lead forms answer a refusal with their own
page again (422, never 404): what was typed is in the fields, the field at fault carries
``aria-invalid``, is described by the message (``role=alert``, naming the field) and has the
focus.
"""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.leads import add_lead, show_lead
from netweave.services.people import show_person
from web.conftest import csrf_of
from web.web_helpers import DAY, add


def refused_field(page: str) -> tuple[str, str]:
    """The name of the one field marked invalid, and the message that describes it (which
    must be a ``role=alert`` with that id, and the field the one focused)."""
    fields = re.findall(r"<(?:input|select|textarea)\b[^>]*aria-invalid=\"true\"[^>]*>", page)
    assert len(fields) == 1, fields
    [field] = fields
    name = re.search(r'name="([^"]+)"', field)
    described = re.search(r'aria-describedby="([^" ]+)', field)
    assert name, field
    assert described, field
    assert " autofocus" in field
    assert page.count(" autofocus") == 1  # the focus is on the field at fault alone
    said = re.search(rf'<p [^>]*id="{described[1]}"[^>]*>(.*?)</p>', page, re.S)
    assert said, described[1]
    assert 'role="alert"' in said[0]
    return name[1], html.unescape(re.sub(r"<[^>]+>", "", said[1]))  # its words alone


def value_of(page: str, name: str) -> str:
    """The value a text field of the page shows."""
    found = re.search(rf'<input [^>]*name="{name}"[^>]*value="([^"]*)"', page)
    assert found, name
    return html.unescape(found[1])


def test_an_unknown_introducer_is_a_refusal_of_the_new_person_form(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Grace Hopper")
    form = {"csrf_token": token, "name": "Ada Lovelace", "email": "ada@example.org",
            "introduced_by": "Nobody Zzzz", "note": "met at <the> Society"}  # fmt: skip
    refused = client.post("/people", data=form)
    assert refused.status_code == 422  # a form refused, not a page missing
    page = refused.text
    assert "<h1>Add a person</h1>" in page
    assert "Not found" not in page
    assert refused_field(page) == (
        "introduced_by",
        "Introduced by: no person matches 'Nobody Zzzz'. Nothing was saved.",
    )
    assert (value_of(page, "name"), value_of(page, "email")) == ("Ada Lovelace", "ada@example.org")
    assert value_of(page, "introduced_by") == "Nobody Zzzz"
    assert ">met at &lt;the&gt; Society</textarea>" in page
    assert "<title>Not added: Introduced by: no person matches" in page
    assert [p["name"] for p in client.get("/api/people").json()] == ["Grace Hopper"]


def test_a_name_or_a_date_refused_is_said_at_its_field(client: TestClient, token: str) -> None:
    blank = client.post("/people", data={"csrf_token": token, "name": "   ", "phone": "+44 1"})
    assert blank.status_code == 422
    assert refused_field(blank.text) == ("name", "Name: a person needs a name. Nothing was saved.")
    assert value_of(blank.text, "phone") == "+44 1"
    day = client.post("/people", data={"csrf_token": token, "name": "Ada", "met_on": "2026-13-45"})
    assert refused_field(day.text) == (
        "met_on",
        "Met on: expected a date like 2026-03-14, not '2026-13-45'. Nothing was saved.",
    )
    assert value_of(day.text, "name") == "Ada"
    assert client.get("/api/people").json() == []


def test_an_impossible_birthday_keeps_the_rest_of_the_edit_as_typed(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada Lovelace", location="London")
    before = show_person(web_ctx, f"#{ada}")
    form = {"csrf_token": token, "name": "Ada King", "location": "Paris", "birthday": "1990-02-30",
            "tags": "poet, maths"}  # fmt: skip
    refused = client.post(f"/people/{ada}/edit", data=form)
    assert refused.status_code == 422
    page = refused.text
    assert refused_field(page) == (
        "birthday",
        "Birthday '1990-02-30' is not a real date. Nothing was saved.",
    )
    assert [value_of(page, n) for n in ("name", "location", "birthday", "tags")] == [
        "Ada King",
        "Paris",
        "1990-02-30",
        "poet, maths",
    ]
    assert show_person(web_ctx, f"#{ada}") == before
    strength = client.post(f"/people/{ada}/edit", data={**form, "birthday": "", "strength": "500"})
    assert refused_field(strength.text)[0] == "strength"
    assert "Strength you set: a whole number from 0 to 100" in html.unescape(strength.text)
    for typed in ("\uff15\uff10", "+50", "5_0"):  # plain ASCII digits only, as typed
        odd = client.post(f"/people/{ada}/edit", data={**form, "birthday": "", "strength": typed})
        assert refused_field(odd.text)[0] == "strength", typed
        assert f"a whole number from 0 to 100, not '{typed}'" in html.unescape(odd.text)
    assert show_person(web_ctx, f"#{ada}") == before


def test_a_conversation_refused_keeps_its_note_and_names_the_day(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada Lovelace")
    form = {"csrf_token": token, "kind": "call", "direction": "out", "on": "2026-13-45",
            "note": "about the engine", "gave": "advice"}  # fmt: skip
    refused = client.post(f"/people/{ada}/log", data=form)
    assert refused.status_code == 422
    page = refused.text
    assert refused_field(page) == (
        "on",
        "On: expected a date like 2026-03-14, not '2026-13-45'. Nothing was saved.",
    )
    assert ">about the engine</textarea>" in page
    assert '<option value="call" selected>' in page
    assert '<option value="advice" selected>advice</option>' in page
    assert show_person(web_ctx, f"#{ada}")["interactions"] == []
    later = client.post(f"/people/{ada}/log", data={**form, "on": "2026-12-30"})
    assert refused_field(later.text)[1].startswith("On: cannot log a conversation on 2026-12-30")


def test_a_lead_step_refused_is_said_at_its_own_form(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    lead = add_lead(web_ctx, "Acme", "Engineer", next_step="write to Ada", due=DAY)["id"]
    refused = client.post(
        f"/leads/{lead}/next", data={"csrf_token": token, "step": "call Ada", "due": "31/12/2026"}
    )
    assert refused.status_code == 422
    page = refused.text
    assert refused_field(page) == (
        "due",
        "Due: expected a date like 2026-03-14, not '31/12/2026'. Nothing was saved.",
    )
    assert 'id="next-due-error"' in page  # the step's Due, not the Move form's
    assert 'aria-describedby="next-due-error step-hint"' in page  # its hint still read
    assert 'value="call Ada"' in page
    assert show_lead(web_ctx, f"#{lead}")["next_step"] == "write to Ada"
    nobody = client.post(f"/leads/{lead}/people", data={"csrf_token": token, "person": "Nobody"})
    assert nobody.status_code == 422
    assert refused_field(nobody.text) == (
        "person",
        "Person: no person matches 'Nobody'. Nothing was saved.",
    )


def test_a_refused_form_changes_nothing_on_either_backend(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    token = csrf_of(client)
    ada = add(ctx, "Ada Lovelace", company="Initech")
    before = show_person(ctx, f"#{ada}")
    # every change of the form comes before the one refused: none of them is kept
    form = {"csrf_token": token, "name": "Ada King", "company": "Globex", "tags": "poet",
            "email": "ada@example.org", "introduced_by": "Nobody Zzzz"}  # fmt: skip
    refused = client.post(f"/people/{ada}/edit", data=form)
    assert refused.status_code == 422
    assert refused_field(refused.text)[0] == "introduced_by"
    assert show_person(ctx, f"#{ada}") == before
    added = client.post("/people", data={**form, "name": "Mei Chen"})
    assert added.status_code == 422
    assert [p["name"] for p in client.get("/api/people").json()] == ["Ada Lovelace"]


def test_a_refusal_is_said_with_the_label_of_the_field_it_names() -> None:
    from netweave.errors import InvalidInput, NotFound
    from netweave.web.forms import PERSON_FIELDS
    from netweave.web.refusal import refusal_of

    def said(error: Exception) -> tuple[str | None, str]:
        assert isinstance(error, InvalidInput | NotFound)
        refused = refusal_of(error, "f", {}, PERSON_FIELDS)
        return refused.field, refused.message

    assert said(InvalidInput("strength: a whole number from 0 to 100, not '5000'")) == (
        "strength",
        "Strength you set: a whole number from 0 to 100, not '5000'",
    )
    assert said(InvalidInput("not an organization name: ',.'")) == (
        "company",
        "Organization: not an organization name: ',.'",
    )
    assert said(NotFound("--introduced-by: no one", web="Introduced by: no one")) == (
        "introduced_by",
        "Introduced by: no one",
    )
    # a refusal of no one field is said above the form, as it is
    assert said(InvalidInput("nothing to change")) == (None, "nothing to change")


def test_a_correction_an_organization_and_a_new_lead_come_back_as_typed(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    from factories import talk
    from netweave.services.orgs import add_organization

    ada = add(web_ctx, "Ada Lovelace")
    cid = talk(web_ctx, "ada", note="tpyo")["interaction"]["id"]
    sent = {"csrf_token": token, "kind": "call", "on": "2026-12-31", "note": "typo fixed",
            "person": str(ada)}  # fmt: skip
    later = client.post(f"/conversations/{cid}", data=sent)
    assert later.status_code == 422
    assert refused_field(later.text)[1].startswith("On: cannot move a conversation to 2026-12-31")
    assert ">typo fixed</textarea>" in later.text
    assert '<option value="call" selected>' in later.text
    org = add_organization(web_ctx, "Globex")["id"]
    domain = client.post(
        f"/orgs/{org}/edit", data={"csrf_token": token, "name": "Globex", "domain": "globex corp"}
    )
    assert domain.status_code == 422
    assert refused_field(domain.text)[1].startswith("Domain: not a domain: 'globex corp'")
    assert '<details class="card edit-details" open>' in domain.text
    lead = {"csrf_token": token, "org": "Initech", "role": "Analyst", "due": "31/12/2026"}
    board = client.post("/leads", data=lead)
    assert board.status_code == 422
    assert refused_field(board.text)[0] == "due"
    assert '<details class="add-lead" open>' in board.text
    assert (value_of(board.text, "org"), value_of(board.text, "role")) == ("Initech", "Analyst")
    assert client.get("/api/leads").json() == []


#: The text fields of the edit person form and the most characters each takes (a field
#: written to a column, the column's length).
EDIT_PERSON_LIMITS = {
    "name": ("Name", 300),
    "company": ("Organization", 300),
    "title": ("Title", 300),
    "headline": ("Headline", 500),
    "location": ("Location", 200),
    "pronouns": ("Pronouns", 40),
    "birthday": ("Birthday", 20),
    "cadence": ("Keep in touch every … days", 6),
    "strength": ("Strength you set", 3),
    "tags": ("Tags", 10000),
    "email": ("Email", 500),
    "phone": ("Phone", 500),
    "linkedin": ("LinkedIn", 500),
    "introduced_by": ("Introduced by", 300),
    "interest": ("Interest", 200),
    "need": ("Need", 10000),
    "offer": ("Offer", 10000),
    "note": ("Note", 10000),
}


def test_every_field_of_the_edit_person_form_too_long_is_said_at_it(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada Lovelace", company="Initech")
    before = show_person(web_ctx, f"#{ada}")
    for name, (label, limit) in EDIT_PERSON_LIMITS.items():
        typed = "7" * (limit + 1)
        form = {"csrf_token": token, "name": "Ada King", "location": "Paris", name: typed}
        refused = client.post(f"/people/{ada}/edit", data=form)
        assert refused.status_code == 422, name
        assert "<h1>Edit Ada Lovelace</h1>" in refused.text
        assert refused_field(refused.text) == (
            name,
            f"{label}: at most {limit:,} characters (this one has {limit + 1:,}). "
            "Nothing was saved.",
        )
        if name == "note":
            assert f">{typed}</textarea>" in refused.text
        else:
            assert value_of(refused.text, name) == typed
        if name != "location":
            assert value_of(refused.text, "location") == "Paris"
    assert show_person(web_ctx, f"#{ada}") == before
    # the circle is a choice, checked as long as the others
    circle = client.post(f"/people/{ada}/edit", data={"csrf_token": token, "circle": "c" * 33})
    assert refused_field(circle.text)[0] == "circle"


def _maxlengths(page: str) -> dict[str, str | None]:
    """Each field of the person form on a page, and the most characters it lets be typed."""
    form = page.split('<form method="post" action="/people', 1)[1].split("</form>", 1)[0]
    fields = re.findall(r"<(?:input|textarea|select)\b[^>]*>", form)
    found = {}
    for field in fields:
        name = re.search(r'name="([^"]+)"', field)
        if name and 'type="hidden"' not in field:
            most = re.search(r'maxlength="(\d+)"', field)
            found[name[1]] = most[1] if most else None
    return found


def test_the_add_and_edit_person_forms_take_the_same_lengths(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """Every field the two forms share is as long in both (a 406-character email was added
    where it could not be edited in): typed longer, both refuse it at the field, alike."""
    ada = add(web_ctx, "Ada Lovelace")
    adding, editing = (
        _maxlengths(client.get("/people/new").text),
        _maxlengths(client.get(f"/people/{ada}/edit").text),
    )
    shared = sorted(set(adding) & set(editing))
    assert shared == ["circle", "company", "email", "introduced_by", "name", "note", "phone",
                      "tags", "title"]  # fmt: skip
    assert {f: adding[f] for f in shared} == {f: editing[f] for f in shared}
    for name in [*shared, "met_at", "met_on"]:
        label, limit = EDIT_PERSON_LIMITS.get(name) or {"circle": ("Circle", 32),
            "met_at": ("Met at", 300), "met_on": ("Met on", 20)}[name]  # fmt: skip
        typed = ("a" * 496 + "@example.org")[-limit - 1 :] if name == "email" else "7" * (limit + 1)
        if name not in ("circle", "met_on"):  # (a choice, and a date picker)
            assert adding[name] == str(limit), name  # the page lets no more be typed
        said = f"{label}: at most {limit:,} characters (this one has {limit + 1:,}). "
        for path in ("/people", f"/people/{ada}/edit"):
            if name in ("met_at", "met_on") and path != "/people":
                continue
            form = {"csrf_token": token, "name": "Ada King", name: typed}
            refused = client.post(path, data=form)
            assert refused.status_code == 422, (path, name)
            assert refused_field(refused.text) == (name, said + "Nothing was saved."), path
    long = "a" * 489 + "@example.org"  # 501 characters
    added = client.post("/people", data={"csrf_token": token, "name": "Mei", "email": long})
    assert added.status_code == 422
    assert [p["name"] for p in client.get("/api/people").json()] == ["Ada Lovelace"]


def test_an_interest_refused_is_said_at_its_field(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada Lovelace")
    form = {"csrf_token": token, "name": "Ada Lovelace", "interest": "engines", "need": "a loom"}
    refused = client.post(f"/people/{ada}/edit", data=form)
    assert refused.status_code == 422
    field, message = refused_field(refused.text)
    assert field == "interest"
    assert message.startswith("Interest must be CATEGORY:LABEL")
    assert message.endswith("not 'engines'. Nothing was saved.")
    assert (value_of(refused.text, "interest"), value_of(refused.text, "need")) == (
        "engines",
        "a loom",
    )
    assert show_person(web_ctx, f"#{ada}")["needs"] == []


def test_an_organization_name_refused_is_said_at_its_field(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    from netweave.services.orgs import add_organization

    org = add_organization(web_ctx, "Globex")["id"]
    for name, said in (
        ("   ", "Name: give the organization's name."),
        ("G" * 301, "Name: at most 300 characters (this one has 301)."),
    ):
        form = {"csrf_token": token, "name": name, "industry": "chemicals"}
        refused = client.post(f"/orgs/{org}/edit", data=form)
        assert refused.status_code == 422
        assert refused_field(refused.text) == ("name", f"{said} Nothing was saved.")
        assert value_of(refused.text, "name") == name
        assert value_of(refused.text, "industry") == "chemicals"
        assert '<details class="card edit-details" open>' in refused.text
    notes = client.post(f"/orgs/{org}/edit", data={"csrf_token": token, "name": "Globex",
                                                   "notes": "n" * 10001})  # fmt: skip
    assert refused_field(notes.text)[0] == "notes"
    assert client.get(f"/api/orgs/{org}").json()["name"] == "Globex"


def test_an_organization_field_longer_than_its_column_is_said_at_it(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """Domain, industry and location take their columns' lengths: the page lets no more be
    typed, one longer is refused at its field in the form's words, and one as long is
    saved."""
    from netweave.services.orgs import add_organization

    org = add_organization(web_ctx, "Globex")["id"]
    page = client.get(f"/orgs/{org}").text
    for name, label, limit in (
        ("domain", "Domain", 255),
        ("industry", "Industry", 200),
        ("location", "Location", 200),
    ):
        assert re.search(rf'name="{name}" maxlength="{limit}"', page), name
        typed = "y" * (limit + 1)
        form = {"csrf_token": token, "name": "Globex", name: typed}
        refused = client.post(f"/orgs/{org}/edit", data=form)
        assert refused.status_code == 422, name
        assert refused_field(refused.text) == (
            name,
            f"{label}: at most {limit} characters (this one has {limit + 1}). Nothing was saved.",
        )
        assert value_of(refused.text, name) == typed
    whole = {"csrf_token": token, "name": "Globex", "industry": "i" * 200, "location": "l" * 200}
    assert client.post(f"/orgs/{org}/edit", data=whole).status_code == 303
    assert client.get(f"/api/orgs/{org}").json()["location"] == "l" * 200


def test_the_edit_person_page_lets_no_more_be_typed_than_each_column_holds(
    client: TestClient, web_ctx: Context
) -> None:
    ada = add(web_ctx, "Ada Lovelace")
    lengths = _maxlengths(client.get(f"/people/{ada}/edit").text)
    assert (lengths["location"], lengths["pronouns"], lengths["headline"]) == ("200", "40", "500")
    assert (lengths["email"], lengths["interest"]) == ("500", "200")


def test_a_lead_employer_refused_is_said_at_its_field(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    for org, said in (
        ("   ", "Employer: give the organization's name."),
        ("E" * 301, "Employer: at most 300 characters (this one has 301)."),
    ):
        board = client.post("/leads", data={"csrf_token": token, "org": org, "role": "Analyst"})
        assert board.status_code == 422
        assert refused_field(board.text) == ("org", f"{said} Nothing was saved.")
        assert (value_of(board.text, "org"), value_of(board.text, "role")) == (org, "Analyst")
        assert '<details class="add-lead" open>' in board.text
    step = client.post("/leads", data={"csrf_token": token, "org": "Initech", "role": "Analyst",
                                       "step": "s" * 1001})  # fmt: skip
    assert refused_field(step.text)[0] == "step"
    assert client.get("/api/leads").json() == []
    lead = add_lead(web_ctx, "Acme", "Engineer")["id"]
    edited = client.post(f"/leads/{lead}/edit", data={"csrf_token": token, "role": "Engineer",
                                                      "org": "A" * 301})  # fmt: skip
    assert edited.status_code == 422
    assert refused_field(edited.text) == (
        "org",
        "Employer: at most 300 characters (this one has 301). Nothing was saved.",
    )
    assert show_lead(web_ctx, f"#{lead}")["org"] == "Acme"


def test_a_lead_edited_with_an_employer_of_spaces_is_refused_at_it(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    token = csrf_of(client)
    lead = add_lead(ctx, "Kelp Forrest Labs", "Engineer")["id"]
    for org in ("   ", ""):
        form = {"csrf_token": token, "role": "Lead engineer", "org": org, "source": "other"}
        edited = client.post(f"/leads/{lead}/edit", data=form)
        assert edited.status_code == 422
        assert refused_field(edited.text) == (
            "org",
            "Employer: give the organization's name. Nothing was saved.",
        )
        kept = (value_of(edited.text, "org"), value_of(edited.text, "role"))
        assert kept == (org, "Lead engineer")
        assert '<details class="card edit-details" open>' in edited.text
        shown = show_lead(ctx, f"#{lead}")
        assert (shown["org"], shown["role"]) == ("Kelp Forrest Labs", "Engineer")
