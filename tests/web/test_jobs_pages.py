"""Route tests of the job-search pages: targets, paths in, the leads board, reports."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.leads import add_lead, show_lead
from netweave.services.targets import add_target
from web.web_helpers import add


def test_targets_page_and_add(client: TestClient, web_ctx: Context, token: str) -> None:
    add(web_ctx, "Ada Lovelace", company="Acme Robotics")
    add_target(web_ctx, "Acme Robotics", motivation=3, posting=2)
    page = client.get("/targets").text
    assert "Acme Robotics" in page
    assert "Ada Lovelace" in page  # an advocate there
    assert "+10 when one of them shares a school or community with you" in page
    advocacy = client.get("/api/targets").json()[0]["advocacy"]
    assert advocacy > 0
    assert f'<span class="chip chip-new" data-advocacy>{advocacy}</span>' in page  # as the CLI
    response = client.post(
        "/targets", data={"csrf_token": token, "org": "Globex", "motivation": "2", "posting": "1"}
    )
    assert response.status_code == 303
    assert [t["org"] for t in client.get("/api/targets").json()].count("Globex") == 1


def test_a_tie_of_0_there_is_an_a_of_1_and_the_page_says_so(
    client: TestClient, web_ctx: Context
) -> None:
    """Vera works at QA Widgets and the user has no tie with her yet: A is 1, which the
    page's definition of A says, as its rule is."""
    add(web_ctx, "Vera Cardholder", company="QA Widgets")
    add_target(web_ctx, "QA Widgets", motivation=1, posting=1)
    [target] = client.get("/api/targets").json()
    assert [a["strength"] for a in target["advocates"]] == [0]
    assert target["advocacy"] == 1
    page = client.get("/targets").text
    assert '<span class="chip chip-new" data-advocacy>1</span>' in page
    meaning = (
        "your strongest tie there, 0–100 (at least 1 when anyone you know works there, "
        "however weak the tie), +10 when one of them shares a school or community with you"
    )
    assert f"A = advocacy ({meaning})" in page
    assert f'title="Advocacy: {meaning}"' in page


def test_the_targets_page_says_a_short_list_as_the_command_line_does(
    client: TestClient, web_ctx: Context
) -> None:
    assert "data-short-list" not in client.get("/targets").text  # empty: the empty row says it
    add_target(web_ctx, "Acme Robotics", motivation=3, posting=2)
    add_target(web_ctx, "Globex", motivation=1, posting=1)
    page = client.get("/targets").text
    assert (
        '<p class="muted small" data-short-list>2 targets; Dalton suggests a list of at least '
        "40, worked five at a time.</p>"
    ) in page


def test_org_page_shows_paths_in(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Ada Lovelace", company="Acme Robotics")
    org_id = client.get("/api/orgs").json()[0]["id"]
    assert "Paths in" in client.get(f"/orgs/{org_id}").text
    assert isinstance(client.get(f"/api/orgs/{org_id}/paths").json(), list)


def test_leads_board_moves_a_lead(client: TestClient, web_ctx: Context, token: str) -> None:
    lead = add_lead(web_ctx, "Acme Robotics", "Data engineer", source="referral")
    board = client.get("/leads").text
    assert "Data engineer" in board
    moved = client.post(
        f"/leads/{lead['id']}/move",
        data={"csrf_token": token, "stage": "researching", "back": "board", "focus": "on"},
    )
    assert moved.status_code == 303
    assert re.fullmatch(
        rf"/leads\?said=[\w-]{{22}}#lead-{lead['id']}-on", moved.headers["location"]
    )
    board = client.get("/leads").text
    assert f'<article class="lead-card" id="lead-{lead["id"]}"' in board
    assert f'name="focus" value="on" data-move="on" id="lead-{lead["id"]}-on"' in board
    odd = client.post(
        f"/leads/{lead['id']}/move",
        data={"csrf_token": token, "stage": "applied", "back": "board", "focus": 'x"y'},
    )
    assert re.fullmatch(rf"/leads\?said=[\w-]{{22}}#lead-{lead['id']}", odd.headers["location"])
    assert show_lead(web_ctx, f"#{lead['id']}")["stage"] == "applied"
    detail = client.get(f"/leads/{lead['id']}").text
    assert "researching" in detail
    assert "Data engineer" in detail
    bad = client.post(f"/leads/{lead['id']}/move", data={"csrf_token": token, "stage": "nowhere"})
    assert bad.status_code == 422


def test_a_move_on_the_page_or_the_api_clears_the_step_unless_one_is_given(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """The lead page, the board and the API move a lead as the command line does."""
    lead = add_lead(web_ctx, "Gridly", "R", next_step="apply online")
    page = client.get(f"/leads/{lead['id']}").text
    assert "A move clears the next step (apply online)" in page
    form = {"csrf_token": token, "stage": "applied"}
    moved = client.post(f"/leads/{lead['id']}/move", data={**form, "step": "", "due": ""})
    assert moved.headers["location"] == f"/leads/{lead['id']}?cleared=1"
    assert show_lead(web_ctx, f"#{lead['id']}")["next_step"] is None
    said = client.get(moved.headers["location"]).text  # the page says the step went
    assert "Moved to applied: the next step it had is cleared." in said
    assert "data-step-cleared" not in client.get(f"/leads/{lead['id']}").text
    form = {"csrf_token": token, "stage": "interviewing", "step": "prepare", "due": "2030-01-02"}
    client.post(f"/leads/{lead['id']}/move", data=form)
    shown = show_lead(web_ctx, f"#{lead['id']}")
    assert (shown["next_step"], shown["next_due"]) == ("prepare", "2030-01-02")
    moved = client.post(
        f"/api/leads/{lead['id']}/move", json={"stage": "offer"}, headers={"x-csrf-token": token}
    ).json()
    assert (moved["next_step"], moved["step_cleared"]) == (None, "prepare")


def test_a_move_that_replaces_the_next_step_says_so(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """A lead with a next step, moved on its page with a new one: the page says the move
    and the new step (not nothing, as when the step was taken to be only cleared)."""
    lead = add_lead(web_ctx, "Stripe", "PM", next_step="coffee with Mei")
    form = {"csrf_token": token, "stage": "networking", "step": "send the deck", "due": ""}
    moved = client.post(f"/leads/{lead['id']}/move", data=form)
    assert moved.status_code == 303
    assert "cleared=1" not in moved.headers["location"]
    said = re.search(r'<p class="flash" role="status" data-said>([^<]*)</p>',
                     client.get(moved.headers["location"]).text)  # fmt: skip
    assert said
    assert said[1] == (
        f"Moved the lead #{lead['id']} PM at Stripe to networking."
        " Its next step is now: send the deck."
    )


def test_a_closed_lead_s_page_says_a_move_takes_it_up_again(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    lead = add_lead(web_ctx, "Gridly", "R", next_step="apply online")
    form = {"csrf_token": token, "stage": "rejected"}
    moved = client.post(f"/leads/{lead['id']}/move", data=form)
    page = client.get(moved.headers["location"]).text
    assert "Moved to rejected: the next step it had is cleared.</p>" in page
    assert "Moving it back to an open stage? Give its next step here." in page
    assert "A move clears the next step" not in page


def test_the_board_says_one_day_here(client: TestClient, web_ctx: Context) -> None:
    import dataclasses
    import datetime as dt

    from netweave.clock import Clock

    yesterday = dataclasses.replace(
        web_ctx, clock=Clock(as_of=web_ctx.clock.today() - dt.timedelta(days=1))
    )
    add_lead(yesterday, "Acme Robotics", "Data engineer", source="referral")
    board = client.get("/leads").text
    assert "referral · 1 day here" in board
    assert "1 days" not in board


def test_new_lead_from_the_board(client: TestClient, token: str) -> None:
    response = client.post(
        "/leads",
        data={"csrf_token": token, "org": "Initech", "role": "Analyst", "source": "posting"},
    )
    assert response.status_code == 303
    assert "Analyst" in client.get(response.headers["location"]).text


def test_reports_page(client: TestClient, web_ctx: Context) -> None:
    add_lead(web_ctx, "Acme Robotics", "Data engineer", source="referral")
    add_lead(web_ctx, "Globex", "Analyst", source="posting", url="https://example.org/job")
    page = client.get("/reports").text
    assert "Funnel by source" in page
    assert 'class="bar bar-leads"' in page
    assert client.get("/api/report").json()["leads"] == 2


def test_the_reports_page_shows_referred_leads_and_the_offer_accepted(
    client: TestClient, web_ctx: Context
) -> None:
    from netweave.services.interactions import LogRequest, log_interaction
    from netweave.services.leads import move_lead

    add(web_ctx, "Dev Patel", company="Ledgerly")
    lead = str(add_lead(web_ctx, "Ledgerly", "Senior PM", source="network",
                        people=[("Dev Patel", "referrer")])["id"])  # fmt: skip
    for stage in ("referral_requested", "applied", "interviewing", "offer", "accepted"):
        move_lead(web_ctx, lead, stage)
    log_interaction(web_ctx, LogRequest(names=["Dev Patel"], received=["referral"]))
    add_lead(web_ctx, "Globex", "Analyst", source="posting", url="https://example.org/job")
    assert client.get("/api/report").json()["referred"]["accepted"] == 1
    page = client.get("/reports").text
    referred = page.split('id="referred"', 1)[1].split("</section>", 1)[0]
    for label, n in [("leads", 1), ("interviews", 1), ("offers", 1), ("accepted", 1)]:
        assert f'<span class="num">{n}</span><span class="label">{label}</span>' in referred
    assert (
        f'<a href="/leads/{lead}">Senior PM at Ledgerly</a> <span class="muted small">on '
        '<span class="nowrap">2026-06-15</span></span> — came through network; referred by '
        "Dev Patel"
    ) in referred


def test_the_reports_page_rounds_shares_as_the_cli_does(
    client: TestClient, web_ctx: Context
) -> None:
    for org in ("A", "B", "C"):
        add_lead(web_ctx, org, "r", source="network")
    for org in ("P1", "P2", "P3", "P4", "P5"):
        add_lead(web_ctx, org, "r", source="posting")
    page = client.get("/reports").text
    tile = page.split('38%</span><span class="label"', 1)[1].split("</span>", 1)[0]
    assert tile.endswith(">hidden leads")  # 3 of 8, as `report` says


def test_only_an_http_posting_url_is_a_link(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    """A posting URL that is not http(s) is refused by the form and the API, and one
    already stored (written before the check, or by hand) shows as text, never a link."""
    from netweave.store.models import Lead

    form = {"csrf_token": token, "org": "Initech", "role": "Analyst", "source": "posting"}
    refused = client.post("/leads", data={**form, "url": "javascript:alert(1)"})
    assert refused.status_code == 422
    assert "Posting URL: give an http:// or https:// address" in refused.text
    headers = {"x-csrf-token": token}
    body = {"org": "Initech", "role": "Analyst", "url": " JavaScript:alert(1)"}
    assert client.post("/api/leads", json=body, headers=headers).status_code == 422
    assert client.get("/api/leads").json() == []
    fine = add_lead(web_ctx, "Globex", "Analyst", url="https://globex.example/jobs/7")
    page = client.get(f"/leads/{fine['id']}").text
    assert (
        '<a href="https://globex.example/jobs/7" rel="noopener noreferrer">the posting</a>' in page
    )
    stored = add_lead(web_ctx, "Initrode", "Engineer")
    with web_ctx.db.transaction() as session:
        lead = session.get(Lead, stored["id"])
        assert lead is not None
        lead.posting_url = "javascript:alert(1)"
    page = client.get(f"/leads/{stored['id']}").text
    assert 'href="javascript' not in page
    assert '<span class="url-text">javascript:alert(1)</span>' in page


def test_the_reports_page_splits_replies_as_the_cli_does(
    client: TestClient, web_ctx: Context
) -> None:
    """Boosters, obligates, curmudgeons and those too early to tell, as `report` prints."""
    import datetime as dt

    from netweave.services.interactions import LogRequest, log_interaction

    def log(name: str, on: dt.date, direction: str, asked: list[str]) -> None:
        request = LogRequest(names=[name], on=on, kind="email", direction=direction, asked=asked)
        log_interaction(web_ctx, request)

    june = dt.date(2026, 6, 1)
    for name, reply in [("Bo Booster", 1), ("Ob Late", 9), ("Cy Silent", None)]:
        add(web_ctx, name)
        log(name, june, "out", ["advice"])
        if reply is not None:
            log(name, june + dt.timedelta(days=reply), "in", [])
    add(web_ctx, "Pat Pending")
    log("Pat Pending", dt.date(2026, 6, 12), "out", ["information"])
    classes = client.get("/api/report").json()["replies"]["classes"]
    assert classes == {"booster": 1, "obligate": 1, "curmudgeon": 1, "pending": 1}
    page = client.get("/reports").text
    for label, n in [("boosters", 1), ("obligates", 1), ("curmudgeons", 1),
                     ("too early to tell", 1)]:  # fmt: skip
        assert f'<span class="num">{n}</span><span class="label">{label}</span>' in page
    assert "2 of 4 asks for advice or information answered (50%), from 4 people asked" in page


def test_a_lead_page_sets_its_step_links_people_and_is_edited(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Mei Chen", company="Acme Robotics")
    lead = add_lead(web_ctx, "Acme Robotics", "Data engineer", source="referral")
    base = f"/leads/{lead['id']}"
    page = client.get(base).text
    assert "No next step" in page
    assert 'action="' + base + '/edit"' in page
    step = client.post(
        f"{base}/next", data={"csrf_token": token, "step": "Coffee with Mei", "due": "2026-12-01"}
    )
    assert step.status_code == 303
    assert re.fullmatch(rf"{base}\?said=[\w-]{{22}}", step.headers["location"])
    shown = show_lead(web_ctx, f"#{lead['id']}")
    assert (shown["next_step"], shown["next_due"]) == ("Coffee with Mei", "2026-12-01")
    bad_day = client.post(f"{base}/next", data={"csrf_token": token, "step": "x", "due": "soon"})
    assert bad_day.status_code == 422
    assert show_lead(web_ctx, f"#{lead['id']}")["next_step"] == "Coffee with Mei"
    linked = client.post(
        f"{base}/people", data={"csrf_token": token, "person": "mei", "role": "referrer"}
    )
    assert linked.status_code == 303
    [mei] = show_lead(web_ctx, f"#{lead['id']}")["people"]
    assert (mei["name"], mei["role"]) == ("Mei Chen", "referrer")
    assert "Take Mei Chen off this lead as referrer" in client.get(base).text
    nobody = client.post(f"{base}/people", data={"csrf_token": token, "person": "Nobody"})
    assert nobody.status_code == 422  # the form is refused: no page is missing
    removed = client.post(
        f"{base}/people/{mei['id']}/remove", data={"csrf_token": token, "role": "referrer"}
    )
    assert removed.status_code == 303
    assert show_lead(web_ctx, f"#{lead['id']}")["people"] == []
    edited = client.post(
        f"{base}/edit",
        data={
            "csrf_token": token,
            "role": "Senior data engineer",
            "org": "Acme Robotics",
            "source": "network",
            "url": "https://acme.example/jobs/1",
            "notes": "team of five",
        },
    )
    assert edited.status_code == 303
    after = show_lead(web_ctx, f"#{lead['id']}")
    assert (after["role"], after["source"], after["hidden"], after["notes"]) == (
        "Senior data engineer",
        "network",
        False,
        "team of five",
    )
    assert after["next_step"] == "Coffee with Mei"
    bad = client.post(f"{base}/edit", data={"csrf_token": token, "role": "x", "url": "ftp://x"})
    assert bad.status_code == 422
    assert show_lead(web_ctx, f"#{lead['id']}")["role"] == "Senior data engineer"
    cleared = client.post(f"{base}/next", data={"csrf_token": token, "step": ""})
    assert cleared.status_code == 303
    assert show_lead(web_ctx, f"#{lead['id']}")["next_step"] is None
    client.post(f"{base}/move", data={"csrf_token": token, "stage": "withdrawn"})
    closed = client.get(base).text
    assert "data-closed" in closed
    assert f'action="{base}/next"' not in closed


def test_an_org_page_renames_it(client: TestClient, web_ctx: Context, token: str) -> None:
    add(web_ctx, "Ada Lovelace", company="Acme Robotics")
    add(web_ctx, "Bob Stone", company="Globex")
    org_id = next(o["id"] for o in client.get("/api/orgs").json() if o["name"] == "Acme Robotics")
    response = client.post(
        f"/orgs/{org_id}/edit",
        data={
            "csrf_token": token,
            "name": "Acme Robotics Ltd",
            "industry": "Robots",
            "notes": "hiring in spring",
        },
    )
    assert (response.status_code, response.headers["location"]) == (303, f"/orgs/{org_id}")
    page = client.get(f"/orgs/{org_id}").text
    assert "<title>Acme Robotics Ltd · netweave</title>" in page
    assert page.count(f'action="/orgs/{org_id}/edit"') == 1
    assert '<h2>Notes</h2><p class="notes">hiring in spring</p>' in page
    assert "Robots" in page
    taken = client.post(f"/orgs/{org_id}/edit", data={"csrf_token": token, "name": "Globex"})
    assert taken.status_code == 422  # the form is refused, said beside the name
    assert "already exists" in taken.text


def test_a_target_is_changed_and_taken_off_the_list(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace", company="Acme Robotics")
    add_target(web_ctx, "Acme Robotics", motivation=1, posting=1)
    org_id = client.get("/api/targets").json()[0]["org_id"]
    assert f'action="/targets/{org_id}/set"' in client.get("/targets").text
    changed = client.post(
        f"/targets/{org_id}/set", data={"csrf_token": token, "motivation": "3", "posting": "2"}
    )
    assert changed.status_code == 303
    [target] = client.get("/api/targets").json()
    assert (target["motivation"], target["posting"]) == (3, 2)
    wrong = client.post(
        f"/targets/{org_id}/set", data={"csrf_token": token, "motivation": "9", "posting": "2"}
    )
    assert wrong.status_code == 422
    assert "Motivation goes from 0 to 3, not 9. Nothing was saved." in wrong.text
    removed = client.post(f"/targets/{org_id}/remove", data={"csrf_token": token})
    assert removed.status_code == 303
    assert client.get("/api/targets").json() == []
    assert "Ada Lovelace" in client.get(f"/orgs/{org_id}").text  # the people stay


def test_a_new_lead_takes_its_first_step_and_an_offer_is_accepted_on_the_board(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    made = client.post(
        "/leads",
        data={
            "csrf_token": token,
            "org": "Globex",
            "role": "Analyst",
            "step": "Ask Hank about the team",
            "due": "2026-12-02",
        },
    )
    lead_id = int(made.headers["location"].split("?")[0].rsplit("/", 1)[1])
    lead = show_lead(web_ctx, f"#{lead_id}")
    assert (lead["next_step"], lead["next_due"]) == ("Ask Hank about the team", "2026-12-02")
    client.post(f"/leads/{lead_id}/move", data={"csrf_token": token, "stage": "offer"})
    board = client.get("/leads").text
    assert "Accept the offer: Analyst at Globex" in board
    client.post(
        f"/leads/{lead_id}/move",
        data={"csrf_token": token, "stage": "accepted", "back": "board", "confirm": "yes"},
    )
    assert show_lead(web_ctx, f"#{lead_id}")["stage"] == "accepted"


def test_employer_fields_offer_the_organizations_already_here(
    client: TestClient, web_ctx: Context
) -> None:
    add(web_ctx, "Ada Lovelace", company="Kelp Forest Labs")
    lead = add_lead(web_ctx, "Globex", "Analyst")
    person = client.get("/api/people").json()[0]["id"]
    pages = ("/targets", "/leads", f"/leads/{lead['id']}", "/people/new", f"/people/{person}/edit")
    for page in pages:
        text = client.get(page).text
        assert 'list="org-names"' in text
        assert '<option value="Kelp Forest Labs">' in text
    add(web_ctx, "Bob Stone", company="Umbrella Labs")  # the names offered follow the data
    assert '<option value="Umbrella Labs">' in client.get("/targets").text


def test_a_lead_added_again_for_the_same_role_says_so(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    first = add_lead(web_ctx, "Initrode", "Data engineer")
    form = {"csrf_token": token, "org": "initrode", "role": "data Engineer"}
    again = client.post("/leads", data=form)
    assert again.headers["location"].endswith(f"?same={first['id']}")
    page = client.get(again.headers["location"]).text
    assert f'same role there is <a href="/leads/{first["id"]}">#{first["id"]}</a>' in page
    other = client.post("/leads", data={**form, "role": "Analyst"})
    assert "?same=" not in other.headers["location"]


def test_the_person_page_shows_the_open_leads_they_are_on(
    client: TestClient, web_ctx: Context
) -> None:
    pid = add(web_ctx, "Omar Haddad", company="Ledgerly")
    lead = add_lead(web_ctx, "Ledgerly", "Senior PM", next_step="Interview with Omar",
                    people=[("Omar Haddad", "hiring_manager")])  # fmt: skip
    page = client.get(f"/people/{pid}").text
    leads = page.split("data-person-leads>", 1)[1].split("</section>", 1)[0]
    assert f'<a href="/leads/{lead["id"]}">Senior PM at Ledgerly</a>' in leads
    assert '<span class="chip">hiring manager</span>' in leads
    assert "Next: Interview with Omar" in leads
    assert "data-person-leads" not in client.get(f"/people/{add(web_ctx, 'Zed')}").text


def test_a_move_from_the_lead_page_keeps_its_note(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    lead = add_lead(web_ctx, "Acme Robotics", "Data engineer", source="referral")
    moved = client.post(
        f"/leads/{lead['id']}/move",
        data={"csrf_token": token, "stage": "researching", "note": "read their last two posts"},
    )
    assert moved.status_code == 303
    history = show_lead(web_ctx, f"#{lead['id']}")["history"]
    assert (history[-1]["to"], history[-1]["note"]) == ("researching", "read their last two posts")
    assert "<p>read their last two posts</p>" in client.get(f"/leads/{lead['id']}").text


def test_the_new_lead_form_says_hidden_or_public_and_links_a_person(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace", company="Acme Robotics")
    form = {"csrf_token": token, "org": "Acme Robotics", "role": "Data engineer",
            "source": "referral", "hidden": "public", "person": "Ada Lovelace",
            "person_role": "referrer"}  # fmt: skip
    response = client.post("/leads", data=form)
    assert response.status_code == 303
    lead = show_lead(web_ctx, response.headers["location"].split("/")[-1].split("?")[0])
    assert lead["hidden"] is False  # a referral with no posting would be hidden by default
    assert [(p["name"], p["role"]) for p in lead["people"]] == [("Ada Lovelace", "referrer")]
    hidden = client.post("/leads", data=form | {"role": "Analyst", "source": "posting",
                                                "hidden": "hidden", "person": ""})  # fmt: skip
    assert show_lead(web_ctx, hidden.headers["location"].split("/")[-1])["hidden"] is True


def test_the_new_lead_form_refuses_an_unknown_person_and_adds_nothing(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    from netweave.services.leads import list_leads

    form = {"csrf_token": token, "org": "Acme Robotics", "role": "Data engineer",
            "person": "Nobody Known", "person_role": "advocate"}  # fmt: skip
    response = client.post("/leads", data=form)
    assert response.status_code == 422
    assert list_leads(web_ctx, include_closed=True) == []
    assert 'value="Nobody Known"' in response.text
    assert "Person: no person matches" in response.text


def test_the_reports_page_shows_what_netweave_report_shows(
    client: TestClient, web_ctx: Context
) -> None:
    """The accepted bar of the funnel, the interview and offer rates by source and the total
    days per stage: the same figures as the command line's report."""
    from netweave.services.leads import move_lead
    from netweave.services.report import job_report

    lead = str(add_lead(web_ctx, "Ledgerly", "Senior PM", source="network")["id"])
    for stage in ("applied", "interviewing", "offer", "accepted"):
        move_lead(web_ctx, lead, stage)
    add_lead(web_ctx, "Globex", "Analyst", source="network")
    add_lead(web_ctx, "Initech", "Analyst", source="posting", url="https://example.org/job")
    report = job_report(web_ctx)
    page = client.get("/reports").text
    assert page.count('class="bar bar-accepted"') == 2 * len(report["funnel"])  # wide, narrow
    assert '<span class="key key-accepted"></span>accepted</span>' in page
    table = page.split('class="funnel-table"', 1)[1].split("</table>", 1)[0]
    assert "<th>Interview rate</th><th>Offer rate</th>" in table
    network = next(r for r in report["funnel"] if r["source"] == "network")
    assert (network["interview_rate"], network["offer_rate"]) == (0.5, 0.5)
    assert ('<td class="num-cell">1</td><td class="num-cell">50%</td>'
            '<td class="num-cell">50%</td></tr>') in table  # fmt: skip
    times = page.split("<h2>Time per stage</h2>", 1)[1].split("</table>", 1)[0]
    assert "<th>Total days</th>" in times
    for s in report["stage_times"]:
        cells = f'<td class="num-cell">{s["mean_days"]}</td><td class="num-cell">{s["total_days"]}'
        assert cells in times
