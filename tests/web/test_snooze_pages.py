"""Route tests of the Today page's Snooze: for how long, or until a day, as ``netweave
snooze --days N / --until DATE``; a day that is not after today, or beyond the command
line's limits, is refused in plain words at its field, the form open again as it was sent,
and nothing changes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from netweave.services.context import Context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.leads import add_lead, show_lead
from netweave.services.tasks import add_task, list_tasks
from netweave.store.models import AgendaSnooze
from web.conftest import BASE
from web.test_refused_form_pages import refused_field
from web.web_helpers import DAY, add


def _three(ctx: Context) -> dict[str, str]:
    """A task, a lead's step and a check-in on today's list: the action of each one's
    snooze form."""
    pid = add(ctx, "Alan Turing", circle="close")
    log_interaction(ctx, LogRequest(names=["Alan Turing"], on=DAY - dt.timedelta(days=60)))
    task = add_task(ctx, "Renew the domain")["id"]
    lead = add_lead(ctx, "Globex", "Analyst", next_step="Apply online", due=DAY)["id"]
    return {
        "task": f"/tasks/{task}/snooze",
        "lead": f"/leads/{lead}/step-snooze",
        "check_in": f"/people/{pid}/snooze",
    }


def _state(ctx: Context) -> dict[str, Any]:
    """What a snooze changes: the tasks' days, the lead's step, the suggestions hidden."""
    with ctx.db.reading() as session:
        hidden = session.execute(select(AgendaSnooze.person_id, AgendaSnooze.kind,
                                        AgendaSnooze.until)).all()  # fmt: skip
    lead = show_lead(ctx, "Globex")
    return {
        "tasks": [(t["id"], t["snoozed_until"]) for t in list_tasks(ctx)],
        "lead": (lead["next_step"], lead["next_due"]),
        "hidden": sorted(hidden),
    }


def test_each_snooze_offers_how_long_or_until_a_day(client: TestClient, web_ctx: Context) -> None:
    actions = _three(web_ctx)
    page = client.get("/").text
    for action in actions.values():
        form = page.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
        chosen = re.findall(r'<option value="(\d+)"( selected)?>([^<]+)</option>', form)
        assert chosen == [
            ("1", "", "1 day"),
            ("3", "", "3 days"),
            ("7", " selected", "1 week"),
            ("14", "", "2 weeks"),
            ("30", "", "1 month"),
        ]
        assert '<input type="date" name="until" min="2026-06-16">' in form
        assert "<script" not in form  # a plain form


def test_a_snooze_lasts_as_long_as_chosen_or_until_the_day_given(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    actions = _three(web_ctx)
    later = DAY + dt.timedelta(days=40)
    for what, form in (
        ("check_in", {"days": "3", "kind": "check_in", "until": ""}),
        ("task", {"days": "7", "until": later.isoformat()}),  # the day given wins
        ("lead", {"days": "30", "until": " "}),
    ):
        sent = client.post(actions[what], data={"csrf_token": token, **form})
        assert sent.status_code == 303, sent.text
    state = _state(web_ctx)
    assert [day for _, day in state["tasks"]] == [later.isoformat()]
    assert state["lead"] == ("Apply online", (DAY + dt.timedelta(days=30)).isoformat())
    assert [(kind, until) for _, kind, until in state["hidden"]] == [
        ("check_in", DAY + dt.timedelta(days=3))
    ]


#: Why a snooze until today or before is refused.
AFTER_TODAY = "snooze until a day after today (2026-06-15)"


@pytest.mark.parametrize(
    ("form", "said"),
    [
        (
            {"until": "2026-06-01"},
            "Until: snooze until a day after today (2026-06-15), not 2026-06-01",
        ),
        (
            {"until": "2026-06-15"},
            "Until: snooze until a day after today (2026-06-15), not 2026-06-15",
        ),
        ({"until": "3000-01-01"}, "Until must be from 1900-01-01 to 2999-12-31, not 3000-01-01"),
        ({"until": "2026-02-30"}, "Until: 2026-02-30 is not a real date"),
        ({"until": "next week"}, "Until must be a date like 2026-03-14, not 'next week'"),
        ({"days": "3651"}, "For: days must be from 1 to 3650, not 3651"),
        ({"days": "0"}, "For: days must be from 1 to 3650, not 0"),
        ({"days": "abc"}, "For: a whole number, not 'abc'"),
        # plain ASCII digits only, although Python's int() reads these
        ({"days": "1_0"}, "For: a whole number, not '1_0'"),
        ({"days": "+5"}, "For: a whole number, not '+5'"),
        ({"days": "\uff11\uff12"}, "For: a whole number, not '\uff11\uff12'"),
    ],
)
def test_a_snooze_refused_says_why_and_changes_nothing(
    client: TestClient, web_ctx: Context, token: str, form: dict[str, str], said: str
) -> None:
    """Today again with the snooze form open as it was sent, the message at its field,
    named as the form shows it ("For" a length of days, "Until" a day)."""
    actions = _three(web_ctx)
    before = _state(web_ctx)
    for what, action in actions.items():
        kind = {"kind": what} if what == "check_in" else {}
        sent = {"csrf_token": token, "days": "7", **kind, **form}
        refused = client.post(action, data=sent, headers={"referer": f"{BASE}/"})
        assert refused.status_code == 422, (what, refused.text)
        field = "days" if "days" in form else "until"
        assert refused_field(refused.text) == (field, f"{said}. Nothing was saved.")
        assert refused.text.count('<details class="snooze-inline" open>') == 1
        if field == "until":
            assert f'value="{form["until"]}" aria-invalid="true"' in refused.text
    assert _state(web_ctx) == before


def test_a_step_done_in_another_tab_has_nothing_to_snooze(db_url: str) -> None:
    """A lead's step snoozed from a Today opened before it was marked done: Today again,
    why above the list (no step to give: the snooze form has no such field)."""
    from netweave.clock import Clock
    from netweave.config import Settings
    from netweave.services.context import open_context
    from netweave.services.leads import step_done
    from netweave.web.app import create_app
    from web.conftest import csrf_of

    ctx = open_context(Settings(database_url=db_url), Clock(as_of=DAY))
    try:
        with TestClient(create_app(ctx), base_url=BASE, follow_redirects=False) as client:
            token = csrf_of(client)
            lead = add_lead(ctx, "Globex", "Analyst", next_step="Apply online", due=DAY)["id"]
            step_done(ctx, f"#{lead}")
            sent = {"csrf_token": token, "days": "7"}
            refused = client.post(f"/leads/{lead}/step-snooze", data=sent)
            assert refused.status_code == 422
            found = re.search(r'<p [^>]*role="alert" data-refused="form"[^>]*>(.*?)</p>',
                              refused.text)  # fmt: skip
            assert found
            assert found[1] == (
                f"Lead #{lead} has no next step any more (done or cleared since): nothing to "
                "snooze. Nothing was saved."
            )
            assert 'aria-invalid="true"' not in refused.text
            shown = show_lead(ctx, f"#{lead}")
            assert (shown["next_step"], shown["next_due"]) == (None, None)
    finally:
        ctx.close()
