"""Stage times of the job-search report: open stays count, closed stages never do."""

from __future__ import annotations

import datetime as dt

from netweave.logic.funnel import LeadFacts, stage_times

D = dt.date


def test_open_stays_count_to_today_and_closed_stages_never() -> None:
    reopened = LeadFacts(
        source="referral",
        hidden=True,
        stage="networking",
        history=(
            ("lead", D(2026, 1, 1)),
            ("rejected", D(2026, 1, 11)),
            ("networking", D(2026, 2, 1)),
        ),
    )
    closed = LeadFacts(
        source="posting",
        hidden=False,
        stage="withdrawn",
        history=(("lead", D(2026, 1, 1)), ("withdrawn", D(2026, 1, 4))),
    )
    times = {t["stage"]: t for t in stage_times([reopened, closed], D(2026, 2, 11))}
    assert set(times) == {"lead", "networking"}
    assert (times["lead"]["stays"], times["lead"]["total_days"]) == (2, 13)
    assert times["networking"]["total_days"] == 10
