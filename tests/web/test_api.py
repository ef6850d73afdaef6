"""The JSON API: every page's data and action, described at /openapi.json."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.tasks import add_task
from web.web_helpers import DAY, add

PERSON_KEYS = {
    "id", "name", "emails", "phones", "company", "title", "linkedin", "tags", "circle",
    "interests", "needs", "offers", "first_met", "last_interaction", "strength",
    "strength_factors",
}  # fmt: skip


def test_post_people_creates_and_returns_the_person(client: TestClient, token: str) -> None:
    response = client.post(
        "/api/people",
        json={"name": "Ada Lovelace", "emails": ["ada@example.org"], "company": "Engines"},
        headers={"x-csrf-token": token},
    )
    assert response.status_code == 201
    person = response.json()
    assert set(person) >= PERSON_KEYS
    assert person["name"] == "Ada Lovelace"
    assert person["company"] == "Engines"
    assert client.get(f"/api/people/{person['id']}").json()["emails"] == ["ada@example.org"]


def test_post_people_needs_a_name(client: TestClient, token: str) -> None:
    headers = {"x-csrf-token": token}
    assert client.post("/api/people", json={}, headers=headers).status_code == 422
    blank = client.post("/api/people", json={"name": "   "}, headers=headers)
    assert blank.status_code == 422
    assert "needs a name" in blank.json()["error"]


def test_a_duplicate_email_is_a_conflict(client: TestClient, token: str) -> None:
    headers = {"x-csrf-token": token}
    body = {"name": "A", "emails": ["same@example.org"]}
    assert client.post("/api/people", json=body, headers=headers).status_code == 201
    again = client.post("/api/people", json={**body, "name": "B"}, headers=headers)
    assert again.status_code == 409


def test_log_woven_and_strength(client: TestClient, web_ctx: Context, token: str) -> None:
    pid = add(web_ctx, "Nina", met_on=DAY - dt.timedelta(days=2))
    woven = client.get(f"/api/people/{pid}/woven").json()
    assert woven["woven"] is False
    assert woven["facts"]
    body = {"people": [pid], "kind": "coffee", "asked": ["referral"]}
    headers = {"x-csrf-token": token}
    blocked = client.post("/api/log", json=body, headers=headers).json()
    assert blocked["recorded"] is False
    assert blocked["coaching"]
    done = client.post("/api/log", json={**body, "confirmed": True}, headers=headers).json()
    assert done["recorded"] is True
    history = client.get(f"/api/people/{pid}/strength").json()
    assert history["points"][-1]["strength"] > 0
    assert history["points"][0]["date"] < history["points"][-1]["date"]


def test_today_tasks_and_tags(client: TestClient, web_ctx: Context, token: str) -> None:
    a = add(web_ctx, "Ada")
    task = add_task(web_ctx, "Write to Ada", person="Ada")
    headers = {"x-csrf-token": token}
    items = client.get("/api/today").json()["items"]
    assert any(i["task_id"] == task["id"] for i in items)
    assert client.post(f"/api/tasks/{task['id']}/done", headers=headers).json()["done"]
    assert client.post("/api/tasks/999/done", headers=headers).status_code == 404
    tagged = client.post("/api/people/tag", json={"ids": [a], "tag": "vip"}, headers=headers)
    assert tagged.json() == {"tag": "vip", "tagged": 1, "already": 0}
    assert client.get("/api/tags").json() == [{"label": "vip", "people": 1, "cadence_days": None}]
    assert [p["name"] for p in client.get("/api/people", params={"tag": "vip"}).json()] == ["Ada"]


def test_snoozing_a_suggestion(client: TestClient, web_ctx: Context, token: str) -> None:
    pid = add(web_ctx, "Alan Turing", circle="close", met_on=DAY - dt.timedelta(days=90))
    headers = {"x-csrf-token": token}
    assert [i["kind"] for i in client.get("/api/today").json()["items"]] == ["check_in"]
    done = client.post(f"/api/people/{pid}/snooze", json={"kind": "check_in"}, headers=headers)
    assert done.status_code == 200
    assert done.json()["until"] == (DAY + dt.timedelta(days=7)).isoformat()
    assert client.get("/api/today").json()["items"] == []
    wrong = client.post(f"/api/people/{pid}/snooze", json={"kind": "task"}, headers=headers)
    assert wrong.status_code == 422
    assert client.post(f"/api/people/{pid}/snooze", json={"kind": "give"}).status_code == 403


def test_a_snooze_takes_as_many_days_as_the_forms_and_the_command_line(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """1 to 3650 days, as ``snooze --days``, ``tasks snooze --days`` and the web forms."""
    pid = add(web_ctx, "Alan Turing", circle="close", met_on=DAY - dt.timedelta(days=90))
    task = add_task(web_ctx, "Write to Alan", person="Alan")
    headers = {"x-csrf-token": token}
    for address, body in ((f"/api/people/{pid}/snooze", {"kind": "check_in"}),
                          (f"/api/tasks/{task['id']}/snooze", {})):  # fmt: skip
        longest = client.post(address, json=body | {"days": 3650}, headers=headers)
        assert longest.status_code == 200, longest.text
        said = longest.json()
        until = said.get("until", said.get("snoozed_until"))
        assert until == (DAY + dt.timedelta(days=3650)).isoformat()
        assert client.post(address, json=body | {"days": 3651}, headers=headers).status_code == 422


def test_events_api(client: TestClient, token: str) -> None:
    headers = {"x-csrf-token": token}
    event = client.post("/api/events", json={"name": "Meetup"}, headers=headers).json()
    assert event["date"] == DAY.isoformat()
    met = client.post(f"/api/events/{event['id']}/meet", json={"names": ["Lin"]}, headers=headers)
    assert met.json()["people"][0]["new"] is True
    # a name only close to someone's is refused, and taken as someone new under "new"
    address, near = f"/api/events/{event['id']}/meet", {"names": ["Lynn"]}
    refused = client.post(address, json={"names": ["Lin Li"]}, headers=headers)
    assert (refused.status_code, refused.json()["error"][:37]) == (
        422, "no one in your network is named 'Lin ",
    )  # fmt: skip
    new = client.post(address, json={"new": ["Lin Li"]}, headers=headers).json()
    assert [(p["name"], p["new"]) for p in new["people"]] == [("Lin Li", True)]
    other = client.post(address, json=near, headers=headers).json()  # like no one's: new
    assert other["people"][0]["new"] is True


def test_leads_and_targets_api_refuse_a_near_employer_unless_new_org(
    client: TestClient, token: str
) -> None:
    headers = {"x-csrf-token": token}
    assert client.post("/api/targets", json={"org": "Globex"}, headers=headers).status_code == 201
    lead = {"org": "Globx", "role": "Analyst"}
    refused = client.post("/api/leads", json=lead, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["error"].startswith("no organization is named 'Globx' (nearly: Globex #")
    made = client.post("/api/leads", json=lead | {"new_org": True}, headers=headers)
    assert (made.status_code, made.json()["org"]) == (201, "Globx")
    known = client.post("/api/targets", json={"org": "GLOBX, Inc."}, headers=headers)
    assert known.json()["org"] == "Globx"


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/people",
        "/api/people/{person_id}",
        "/api/log",
        "/api/today",
        "/api/imports",
    ):
        assert path in paths
    assert "post" in paths["/api/people"]
    assert not any(not p.startswith("/api/") for p in paths)  # pages are not in the API


def test_api_dates_keep_to_the_range_every_typed_date_has(client: TestClient, token: str) -> None:
    headers = {"x-csrf-token": token}
    old = {"name": "Old fair", "on": "0026-05-01"}
    assert client.post("/api/events", json=old, headers=headers).status_code == 422
    fine = client.post("/api/events", json={"name": "Fair", "on": "2026-05-01"}, headers=headers)
    assert fine.status_code == 201


@pytest.mark.parametrize("on", ["0", "1785542400", 1785542400, "20260801", "2026-08-01T00:00"])
def test_an_api_date_is_written_as_one(client: TestClient, token: str, on: object) -> None:
    """A number is no day (pydantic would read 0 as 1 January 1970): ``YYYY-MM-DD`` only,
    as the error says."""
    headers = {"x-csrf-token": token}
    refused = client.post("/api/events", json={"name": "Fair", "on": on}, headers=headers)
    assert refused.status_code == 422
    assert "expected a date like 2026-03-14" in str(refused.json()["detail"])
    assert client.get("/api/events").json() in ([], {"events": []})


def test_api_birthdays_keep_to_the_years_every_typed_date_has(
    client: TestClient, token: str
) -> None:
    headers = {"x-csrf-token": token}
    typo = {"name": "Ada", "birthday": "0026-03-01"}
    old = client.post("/api/people", json=typo, headers=headers)
    assert old.status_code == 422
    assert "a year from 1900 to 2999" in old.json()["error"]
    fine = client.post("/api/people", json={"name": "Ada", "birthday": "--03-01"}, headers=headers)
    assert fine.status_code == 201


def test_a_field_the_api_does_not_know_is_refused(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(web_ctx, "Alan Turing")
    headers = {"x-csrf-token": token}
    typo = client.post("/api/log", json={"people": [pid], "ask": "referral"}, headers=headers)
    assert typo.status_code == 422
    assert typo.json()["detail"][0]["loc"] == ["body", "ask"]
    assert client.get("/api/conversations").json() == []  # nothing recorded


def test_a_form_error_names_its_field(client: TestClient, web_ctx: Context, token: str) -> None:
    pid = add(web_ctx, "Alan Turing", circle="close")
    form = {"csrf_token": token, "a": "-5", "b": str(pid)}
    page = client.post("/intros/dismiss", data=form)
    assert page.status_code == 422
    assert "First person: at least 1." in page.text  # the form's words, not pydantic's


@pytest.mark.parametrize("field", ["emails", "phones"])
def test_an_api_address_or_number_is_as_long_as_the_forms_take(
    client: TestClient, token: str, field: str
) -> None:
    """The web's forms take an email or a phone as long as its column holds (500
    characters): the JSON API the same, refusing a longer one with a 422 naming the field;
    nothing is added."""
    headers = {"x-csrf-token": token}
    long = "1" * 501 if field == "phones" else "a" * 490 + "@example.org"
    refused = client.post("/api/people", json={"name": "Ada", field: [long]}, headers=headers)
    assert refused.status_code == 422
    [error] = refused.json()["detail"]
    assert error == {"loc": ["body", field, 0], "msg": "String should have at most 500 characters"}
    assert client.get("/api/people").json() == []


def test_every_api_error_carries_one_line_of_error(client: TestClient, token: str) -> None:
    """One shape for a client to read: ``error`` in one line whatever refused the request;
    a request failing its fields' checks keeps FastAPI's ``detail`` list beside it."""
    headers = {"x-csrf-token": token}
    typed = client.post("/api/people", json={"name": 123}, headers=headers)
    assert typed.status_code == 422
    assert typed.json() == {
        "error": "Name: text.",
        "detail": [{"loc": ["body", "name"], "msg": "Input should be a valid string"}],
    }
    circle = client.post("/api/people", json={"name": "Ada", "circle": "bogus"}, headers=headers)
    assert circle.status_code == 422
    assert set(circle.json()) == {"error"}
    assert circle.json()["error"].startswith("unknown circle 'bogus'")
    limit = client.get("/api/people?limit=abc")
    assert (limit.status_code, limit.json()["error"]) == (422, "Limit: a whole number.")
    not_an_id = client.get("/api/people/abc")
    assert (not_an_id.status_code, not_an_id.json()["error"]) == (422, "Person id: a whole number.")
    assert not_an_id.json()["detail"][0]["loc"] == ["path", "person_id"]
    assert client.get("/api/people").json() == []


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/api/people/9999", "no person with id 9999"),
        ("/api/leads/9999", "no lead with id 9999"),
        ("/api/events/9999", "no such address: /api/events/9999"),
        ("/api/nothing", "no such address: /api/nothing"),
    ],
)
def test_an_unknown_id_under_the_api_is_a_json_404(
    client: TestClient, path: str, said: str
) -> None:
    answer = client.get(path)
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["error"] == said
    assert "\n" not in said


def test_patch_a_person_changes_drops_and_adds_as_people_edit(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(web_ctx, "Ada Lovelace", company="Engines", tags=["math"])
    headers = {"x-csrf-token": token}
    body = {"title": "Analyst", "location": "London", "tags": ["poet"], "remove_tags": ["math"],
            "strength": 70, "birthday": "--12-10"}  # fmt: skip
    changed = client.patch(f"/api/people/{pid}", json=body, headers=headers)
    assert changed.status_code == 200, changed.text
    person = changed.json()
    assert (person["title"], person["location"], person["tags"]) == ("Analyst", "London", ["poet"])
    assert (person["strength"], person["birthday"]) == (70, "--12-10")
    body = {"company": None, "location": None, "birthday": None, "strength": None}
    dropped = client.patch(f"/api/people/{pid}", json=body, headers=headers).json()
    assert (dropped["company"], dropped["location"], dropped["birthday"]) == (None, None, None)
    assert dropped["strength"] != 70
    assert [p["organization"] for p in dropped["positions"]] == ["Engines"]  # history
    refused = client.patch(f"/api/people/{pid}", json={"name": None}, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["error"] == "name: null drops a value, and this one cannot be dropped"
    assert client.patch(f"/api/people/{pid}", json={}, headers=headers).status_code == 422
    assert client.patch(f"/api/people/{pid}", json={"title": "X"}).status_code == 403


def test_delete_a_person_forgets_them_once_confirmed(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(web_ctx, "Ada Lovelace")
    headers = {"x-csrf-token": token}
    unconfirmed = client.delete(f"/api/people/{pid}", headers=headers)
    assert unconfirmed.status_code == 422
    assert "?confirm=true" in unconfirmed.json()["error"]
    assert client.get(f"/api/people/{pid}").status_code == 200
    assert client.delete(f"/api/people/{pid}?confirm=true").status_code == 403
    gone = client.delete(f"/api/people/{pid}?confirm=true", headers=headers)
    assert gone.json() == {"id": pid, "forgotten": "Ada Lovelace"}
    assert client.get(f"/api/people/{pid}").status_code == 404


def test_an_introductions_outcome_through_the_api(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    a, b = add(web_ctx, "Ada Lovelace"), add(web_ctx, "Guido Rossum")
    headers = {"x-csrf-token": token}
    intro = client.post("/api/intros", json={"a": a, "b": b, "why": "python"}, headers=headers)
    number = intro.json()["id"]
    early = client.post(f"/api/intros/{number}/outcome", json={"met": True}, headers=headers)
    assert early.status_code == 409
    for step in ("ask", "agree", "ask", "agree", "introduce"):
        body = {} if step == "ask" else {"note": None}
        answer = client.post(f"/api/intros/{number}/{step}", json=body, headers=headers)
        assert answer.status_code == 200, (step, answer.text)
    done = client.post(
        f"/api/intros/{number}/outcome", json={"met": True, "note": "coffee"}, headers=headers
    )
    assert done.status_code == 200, done.text
    (listed,) = client.get("/api/intros").json()
    assert listed["state"] == "done"
    assert client.post(f"/api/intros/{number}/outcome", json={"met": True}).status_code == 403
