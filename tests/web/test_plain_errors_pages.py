"""Route tests of a refused form's page: what was wrong in the form's words (not pydantic's),
and no word of what was typed after a form of buttons only."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.people import show_person
from netweave.web.app import said_plainly
from web.conftest import BASE
from web.web_helpers import DAY, add


def _said(page: str) -> str:
    found = re.search(r'<p class="error-text">(.*?)</p>', page, re.S)
    assert found, page
    return html.unescape(found[1])


def test_a_refused_field_is_said_in_the_forms_words(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada Lovelace")
    long = client.post(
        f"/people/{ada}/remove", data={"csrf_token": token, "what": "need", "value": "x" * 10_001}
    )
    assert long.status_code == 422
    assert _said(long.text) == "Value: at most 10,000 characters (this one has 10,001)."
    missing = client.post("/intros/dismiss", data={"csrf_token": token, "b": "1"})
    assert _said(missing.text).startswith("Choose the first person")
    flag = client.get("/people?overdue=maybe")
    assert _said(flag.text) == "Overdue: yes or no."
    number = client.post("/intros/dismiss", data={"csrf_token": token, "a": "x", "b": "1"})
    assert _said(number.text) == "First person: a whole number."
    for page in (long.text, missing.text, flag.text, number.text):
        assert "should" not in page
        assert "Field required" not in page


def test_plain_sentences_for_the_usual_error_types() -> None:
    def one(kind: str, loc: tuple[str, ...], **ctx: object) -> str:
        return said_plainly([{"type": kind, "loc": loc, "msg": "raw", "ctx": ctx}])

    assert one("missing", ("body", "note")) == "Note: fill it in."
    assert one("missing", ("body", "stage")) == "Choose a stage."
    assert one("less_than_equal", ("body", "days"), le=365) == "Days: at most 365."
    assert one("date_from_datetime_parsing", ("body", "met_on")) == (
        "Met on: a date like 2026-03-14."
    )
    assert one("some_new_type", ("body", "url")) == "Posting: not a value this form takes."
    assert one("value_error", ("met_on",), error=ValueError("not after today")) == (
        "Met on: not after today."
    )
    many = [{"type": "missing", "loc": ("body", f"f{i}"), "msg": ""} for i in range(5)]
    assert said_plainly(many).endswith("(and 2 more).")


def test_the_api_keeps_its_json_errors(client: TestClient, token: str) -> None:
    answer = client.post("/api/people", json={"name": "x" * 301}, headers={"X-CSRF-Token": token})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["msg"].startswith("String should have at most 300")


def test_a_name_the_form_allows_is_taken_whole(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    form = client.get("/people/new").text
    assert 'name="name" required maxlength="300"' in form
    assert f'name="met_on" max="{DAY.isoformat()}"' in form
    name = "A" * 300
    added = client.post("/people", data={"csrf_token": token, "name": name})
    assert added.status_code == 303, _said(added.text)
    assert show_person(web_ctx, name)["name"] == name


def test_an_empty_employer_is_asked_for_plainly(client: TestClient, token: str) -> None:
    from web.test_refused_form_pages import refused_field

    page = client.post("/targets", data={"csrf_token": token, "org": " "})
    assert page.status_code == 422
    assert refused_field(page.text) == (
        "org",
        "Employer: give the organization's name. Nothing was saved.",
    )


def test_a_form_of_buttons_refused_does_not_speak_of_what_was_typed(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    batch = _merged(web_ctx)
    referer = {"referer": f"{BASE}/people/duplicates"}
    assert client.post(f"/merges/{batch}/undo", data={"csrf_token": token}).status_code == 303
    twice = client.post(f"/merges/{batch}/undo", data={"csrf_token": token}, headers=referer)
    assert twice.status_code in (409, 422)
    assert "what you typed" not in twice.text
    assert "data-nothing-typed" in twice.text
    assert 'href="/people/duplicates">Back to the page</a>' in twice.text
    pid = add(web_ctx, "Grace Hopper")
    typed = client.post(
        f"/people/{pid}/forget", data={"csrf_token": token, "confirm": "no"}, headers=referer
    )
    assert "your browser's Back button returns to the form as you filled it in" in (
        html.unescape(typed.text)
    )


def _merged(ctx: Context) -> int:
    """The batch of a merge of two records of Ada (a form of buttons undoes it)."""
    from netweave.services.merge import merge

    add(ctx, "Ada Lovelace", emails=["ada@engines.example"])
    add(ctx, "Ada K. Lovelace", emails=["ada@home.example"])
    batch: int = merge(ctx, "Ada Lovelace", "Ada K. Lovelace")["batch"]
    return batch


def _title(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page)
    assert found
    return html.unescape(found[1])


def test_an_error_page_is_titled_with_what_went_wrong(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    missing = client.get("/people/99999")
    assert missing.status_code == 404
    assert _title(missing.text) == "Not found: no person with id 99999 · netweave"
    pid = add(web_ctx, "Grace Hopper")
    referer = {"referer": f"{BASE}/people/{pid}/forget"}
    form = {"csrf_token": token, "confirm": "no"}
    refused = client.post(f"/people/{pid}/forget", data=form, headers=referer)
    assert refused.status_code == 422
    assert _title(refused.text) == f"Not saved: {_said(refused.text)} · netweave"
    # a form of buttons sent twice: nothing was typed, the page says what went wrong
    batch = _merged(web_ctx)
    client.post(f"/merges/{batch}/undo", data={"csrf_token": token})
    twice = client.post(f"/merges/{batch}/undo", data={"csrf_token": token}, headers=referer)
    assert _title(twice.text) == f"Something is not right: {_said(twice.text)} · netweave"
    for page in (missing, refused, twice):
        assert not re.search(r"<title>\d", page.text)
