"""3B7 steps read the window's older outreach only at the employers they look at."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from netweave.demo import build_demo
from netweave.logic.followup import days_with_a_step
from netweave.services import followup_steps as routines
from netweave.services.context import Context


class _WholeWindow(routines._Outreach):
    """The outreach of the whole window read at once (how the steps were found before)."""

    def __init__(self, session: Any, since: dt.date, read_from: dt.date | None = None) -> None:
        super().__init__(session, since)


def test_the_steps_of_a_demo_network_are_those_of_the_whole_window_read(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_demo(ctx, people=2000)
    today = ctx.clock.today()
    days = [today - dt.timedelta(days=n) for n in range(60)]
    with ctx.db.rows() as session:
        found = [routines.followup_items(session, day, set()) for day in days]
        monkeypatch.setattr(routines, "_Outreach", _WholeWindow)
        assert found == [routines.followup_items(session, day, set()) for day in days]
    reasons = [step["reason"] for steps in found for step in steps]
    assert any("reach out to" in reason for reason in reasons)  # second contacts among them
    assert any("send one short follow-up" in reason for reason in reasons)


def test_only_the_outreach_of_the_days_with_a_step_is_read_at_once(ctx: Context) -> None:
    """The window is six weeks long; the steps of a day are about outreach of its last two
    (a day more is read, for an exchange dated in another time zone)."""
    read: list[dict[str, Any]] = []

    class Spy:
        def __init__(self, session: Any) -> None:
            self.session = session

        def execute(self, statement: Any, params: dict[str, Any]) -> Any:
            if statement is routines._OUTREACH_SINCE:
                read.append(params)
            return self.session.execute(statement, params)

    today = ctx.clock.today()
    with ctx.db.rows() as session:
        routines.followup_items(Spy(session), today, set())  # type: ignore[arg-type]
    first, _ = days_with_a_step(today)
    assert read == [{"since": first - dt.timedelta(days=1)}]
    assert (today - first).days < routines.OUTREACH_WINDOW_DAYS / 3
