"""The 3B7 follow-up routine (Dalton, The 2-Hour Job Search) and responder classes.

After an outreach gets no reply: at 3 business days, contact a second person at the same
organization; at 7 business days, one follow-up to the first, suggested for a few business
days and then dropped (an outreach left unanswered that long is a curmudgeon's, and a
suggestion nobody acts on should not nag for weeks). A contact who replies
within 3 business days is a booster, one who replies later an obligate, one who never
replies a curmudgeon.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SECOND_CONTACT_AFTER = 3
FOLLOW_UP_AFTER = 7
#: The follow-up is suggested on this many business days from ``FOLLOW_UP_AFTER`` on (7, 8
#: and 9), then dropped: a step left undone does not come back every day.
FOLLOW_UP_OFFERED_DAYS = 3


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Weekdays after ``start`` up to and including ``end`` (0 when ``end`` ≤ ``start``)."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (start + dt.timedelta(days=offset)).weekday() < 5:
            count += 1
    return count


def add_business_days(start: dt.date, n: int) -> dt.date:
    """The date ``n`` weekdays after ``start``."""
    day = start
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def responder_class(sent: dt.date, replied: dt.date | None, today: dt.date) -> str | None:
    """booster, obligate or curmudgeon; ``None`` while it is too early to tell."""
    if replied is not None:
        late = business_days_between(sent, replied) > SECOND_CONTACT_AFTER
        return "obligate" if late else "booster"
    if business_days_between(sent, today) > FOLLOW_UP_AFTER:
        return "curmudgeon"
    return None


def days_with_a_step(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day an outreach may have been sent on to have a step
    ``today`` (a second contact, or a follow-up still in its days)."""
    last = today
    while business_days_between(last, today) < SECOND_CONTACT_AFTER:
        last -= dt.timedelta(days=1)
    first, limit = last, FOLLOW_UP_AFTER + FOLLOW_UP_OFFERED_DAYS
    while business_days_between(first - dt.timedelta(days=1), today) < limit:
        first -= dt.timedelta(days=1)
    return first, last


def next_step(sent: dt.date, followed_up: bool, today: dt.date) -> str | None:
    """The 3B7 step due for an unanswered outreach: ``second_contact`` or ``follow_up``
    (``None`` too early, once it is done, or once the follow-up's few days are past)."""
    waited = business_days_between(sent, today)
    if FOLLOW_UP_AFTER <= waited < FOLLOW_UP_AFTER + FOLLOW_UP_OFFERED_DAYS:
        return None if followed_up else "follow_up"
    if waited >= SECOND_CONTACT_AFTER and waited < FOLLOW_UP_AFTER:
        return "second_contact"
    return None


@dataclass(frozen=True)
class Waiting:
    """An outreach (an ask for advice or information sent) with no reply yet, still inside
    its 3B7 routine: its one follow-up is ahead, due, or sent."""

    kind: str
    sent: dt.date
    #: The day of the first message the user sent after it (the follow-up), if any.
    followed_up: dt.date | None = None
    #: The ask's number (``asks declined ID`` settles it), when known.
    ask_id: int | None = None

    @property
    def follow_up_due(self) -> dt.date:
        return add_business_days(self.sent, FOLLOW_UP_AFTER)


def in_routine(sent: dt.date, today: dt.date) -> bool:
    """Whether an unanswered outreach sent on ``sent`` is still in its 3B7 routine ``today``
    (up to the last day its follow-up is offered)."""
    return business_days_between(sent, today) < FOLLOW_UP_AFTER + FOLLOW_UP_OFFERED_DAYS


def still_open(name: str, waiting: Waiting, today: dt.date) -> str:
    """Instead of asking someone again: their ask is open, and when the one follow-up is."""
    asked = f"You asked {name} for {waiting.kind} on {waiting.sent}"
    if waiting.followed_up is not None:
        return (
            f"{asked} and followed up on {waiting.followed_up}; no reply yet: that ask is "
            "still open. Give them time rather than asking again." + _settle(waiting, today)
        )
    due = waiting.follow_up_due
    if today < due:
        return (
            f"{asked} and have no reply yet: that ask is still open. Wait for the answer "
            f"rather than asking again; if none comes, send your one follow-up on {due}."
        )
    return (
        f"{asked} and have no reply yet: that ask is still open. Send your one follow-up "
        f"{_when(today, due)} rather than asking again."
    )


def still_open_after(
    name: str, waiting: Waiting, today: dt.date, asked: str, *, reached: bool
) -> str:
    """Once a job or referral ask (``asked``: "a referral") is recorded anyway of someone
    whose ask is open: what to do now. Sent to them (``reached``), it is the one follow-up
    the agenda counts, unless one was sent already; a note of it leaves the follow-up ahead."""
    opened = f"You asked {name} for {waiting.kind} on {waiting.sent}"
    if waiting.followed_up is not None:
        opened += f" and followed up on {waiting.followed_up}; no reply yet"
    elif reached:
        opened += f" and have no reply yet; this ask for {asked} counts as your one follow-up"
    else:
        opened += " and have no reply yet"
    if waiting.followed_up is not None or reached:
        return f"{opened}. Now give them time to answer both, with no new ask."
    due = waiting.follow_up_due
    if today < due:
        return (
            f"{opened}. Now wait for their answer to both, with no new ask; if none comes, "
            f"send your one follow-up on {due}."
        )
    return f"{opened}. Send your one follow-up {_when(today, due)}, with no new ask."


def _settle(waiting: Waiting, today: dt.date) -> str:
    """Past the routine's days, how to end an ask no answer is coming to (so that a new
    ask is an ask again); nothing while the routine runs or with no number to name."""
    if waiting.ask_id is None or in_routine(waiting.sent, today):
        return ""
    return (
        f" If no answer is coming, mark it declined (`netweave asks declined "
        f"{waiting.ask_id}`) to ask anew."
    )


def _when(today: dt.date, due: dt.date) -> str:
    """When the one follow-up, due by ``today``, is to be sent: today, or now it is late."""
    return "today" if today == due else f"now (it was due on {due})"


def asked_again(name: str, waiting: Waiting) -> str:
    """What a second ask for advice or information, sent while the first is unanswered, is:
    the follow-up to the first (recorded without an ask of its own)."""
    earlier = f"{name} has not answered your ask for {waiting.kind} of {waiting.sent} yet"
    if waiting.followed_up is not None:
        earlier += f" (you followed up on {waiting.followed_up})"
    return (
        f"{earlier}: this message is recorded as a follow-up to that ask, not as a second ask "
        "(their answer settles the one ask, and no other follow-up is suggested). A follow-up "
        "needs no new ask: log it without one."
    )
