"""Where the jobs came from: funnel by source, hidden share, replies, time per stage.

Leads are plain values with their stage history; the figures are counts over them, so
the user sees their own numbers rather than folklore about a "hidden job market".
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from netweave.logic.followup import responder_class

FUNNEL_SOURCES = ("referral", "network", "recruiter", "posting", "other")
INTERVIEW_STAGES = frozenset({"interviewing", "offer", "accepted"})
OFFER_STAGES = frozenset({"offer", "accepted"})
ACCEPTED = frozenset({"accepted"})
CLOSED = frozenset({"accepted", "rejected", "withdrawn"})
RESPONDER_CLASSES = ("booster", "obligate", "curmudgeon")


@dataclass(frozen=True)
class LeadFacts:
    """One lead: its source (how it first arrived), hidden flag, current stage and (stage,
    entered on) history, and whether it was referred (a referral asked for or given,
    whatever the source)."""

    source: str
    hidden: bool
    stage: str
    history: tuple[tuple[str, dt.date], ...]
    referred: bool = False


def _reached(lead: LeadFacts, stages: frozenset[str]) -> bool:
    return lead.stage in stages or any(stage in stages for stage, _ in lead.history)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _counts(mine: Sequence[LeadFacts]) -> dict[str, object]:
    interviews = sum(_reached(lead, INTERVIEW_STAGES) for lead in mine)
    offers = sum(_reached(lead, OFFER_STAGES) for lead in mine)
    return {
        "leads": len(mine),
        "interviews": interviews,
        "offers": offers,
        "accepted": sum(lead.stage in ACCEPTED for lead in mine),
        "interview_rate": _rate(interviews, len(mine)),
        "offer_rate": _rate(offers, len(mine)),
    }


def funnel(leads: Sequence[LeadFacts]) -> list[dict[str, object]]:
    """Per source (how each lead first arrived): leads, how many reached interviews and
    offers, how many are accepted now, and the rates."""
    return [
        {"source": source} | _counts([lead for lead in leads if lead.source == source])
        for source in FUNNEL_SOURCES
    ]


def referred(leads: Sequence[LeadFacts]) -> dict[str, object]:
    """The leads that were referred, whatever their source, counted as a source's are:
    a lead that came through the network and then got a referral is one of them."""
    return _counts([lead for lead in leads if lead.referred])


def hidden(leads: Sequence[LeadFacts]) -> dict[str, object]:
    """How many leads reached the user through people before or without a posting."""
    count = sum(lead.hidden for lead in leads)
    return {"hidden": count, "total": len(leads), "share": _rate(count, len(leads))}


def stage_times(leads: Sequence[LeadFacts], today: dt.date) -> list[dict[str, object]]:
    """Days spent in each open stage: every finished stay, and stays still open counted up
    to today. A closed stage is an end, not a stay, even when a lead was reopened after it."""
    spans: dict[str, list[int]] = {}
    for lead in leads:
        steps = sorted(lead.history, key=lambda s: s[1])
        for (stage, start), nxt in zip(steps, [*steps[1:], None], strict=True):
            if stage in CLOSED:
                continue
            end = today if nxt is None else nxt[1]
            spans.setdefault(stage, []).append(max((end - start).days, 0))
    from netweave.logic.vocab import LEAD_STAGES

    return [
        {
            "stage": stage,
            "stays": len(spans[stage]),
            "total_days": sum(spans[stage]),
            "mean_days": round(statistics.fmean(spans[stage]), 1),
            "median_days": round(float(statistics.median(spans[stage])), 1),
        }
        for stage in LEAD_STAGES
        if stage in spans
    ]


def replies(
    outreach: dict[int, list[tuple[dt.date, dt.date | None]]], today: dt.date
) -> dict[str, object]:
    """Reply rates: per outreach (sent, first reply) and per person by responder class."""
    sent = replied = 0
    classes = dict.fromkeys((*RESPONDER_CLASSES, "pending"), 0)
    for pairs in outreach.values():
        judged = [c for c in (responder_class(s, r, today) for s, r in pairs) if c is not None]
        classes[judged[-1] if judged else "pending"] += 1
        sent += len(pairs)
        replied += sum(r is not None for _, r in pairs)
    people = sum(classes[c] for c in RESPONDER_CLASSES)
    return {
        "outreaches": sent,
        "replied": replied,
        "reply_rate": _rate(replied, sent),
        "people": len(outreach),
        "classes": classes,
        "class_shares": {c: _rate(classes[c], people) for c in RESPONDER_CLASSES},
    }
