"""The agenda's 3B7 steps on unanswered outreach: a second contact, then one follow-up."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Collection, Iterable
from itertools import groupby
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import bindparam, func, select

from netweave.clock import day_of, start_of
from netweave.logic.employer import is_employer
from netweave.logic.followup import (
    FOLLOW_UP_AFTER,
    FOLLOW_UP_OFFERED_DAYS,
    add_business_days,
    business_days_between,
    days_with_a_step,
    next_step,
)
from netweave.logic.turns import FIRST_MONDAY
from netweave.logic.wording import INTRO_MARK, count, weekday
from netweave.services.agenda_item import Item, item
from netweave.services.relationships import OUTREACH_ASKS
from netweave.store.models import (
    Exchange,
    Interaction,
    InteractionParticipant,
    Organization,
    Person,
    PersonStats,
    Position,
)
from netweave.store.stats import is_two_way

if TYPE_CHECKING:
    from netweave.store.engine import Reader

OUTREACH_WINDOW_DAYS = 45
#: At most this many 3B7 steps a day, to keep the agenda short: the follow-ups first, then
#: the second contacts, each the oldest outreach first and taking turns (``_in_turn``).
FOLLOW_UPS_PER_DAY = 5
#: How many outreaches' later contacts are read at once while looking through the window.
_CONTACTS_CHUNK = 25
#: Outreach asks (advice, information) sent since :since: to whom, and when, with the
#: person's name and current employers (a row for each; a window's outreach is a few hundred
#: rows at most, and each lookup is one by an index: cheaper than a statement of their own).
_OUTREACH_SINCE = (
    select(
        Exchange.person_id,
        Interaction.occurred_at,
        Interaction.id,
        Person.display_name,
        Position.id,
        Position.organization_id,
        Organization.name,
        Interaction.kind,
    )
    .join(Interaction, Interaction.id == Exchange.interaction_id)
    .join(Person, Person.id == Exchange.person_id)
    .outerjoin(Position, (Position.person_id == Exchange.person_id) & Position.current.is_(True))
    .outerjoin(Organization, Organization.id == Position.organization_id)
    .where(
        Exchange.occurred_on >= bindparam("since"),  # the window first: what the index serves
        Exchange.direction == "asked",
        Exchange.kind.in_(OUTREACH_ASKS),
        Interaction.direction == "out",
    )
)
#: The same of those with a current position at :org (all written to there within the
#: window, when the window's own read starts later).
_OUTREACH_AT = _OUTREACH_SINCE.where(
    Exchange.person_id.in_(
        select(Position.person_id).where(
            Position.organization_id == bindparam("org"), Position.current.is_(True)
        )
    )
)


class FollowUps(NamedTuple):
    """The day's 3B7 steps, and what the daily cap holds back."""

    items: list[Item]
    #: How many steps are held back today: follow-ups, and outreach whose second contact
    #: waits for its turn (not looked into yet).
    held: int
    #: Whether ``held`` counts second contacts not looked into: each may turn out to be made
    #: already or to have nobody to name, so ``held`` is as many steps at most.
    at_most: bool
    #: How many of ``held`` are on their last day (a follow-up on its last offered day, a
    #: second contact the day before its outreach's follow-up): they do not come back.
    last_day: int = 0


def followup_items(
    session: Reader, today: dt.date, hidden: Collection[int] = frozenset()
) -> list[Item]:
    """The day's 3B7 steps (``followup_steps`` without what it holds back)."""
    return followup_steps(session, today, hidden).items


def followup_steps(
    session: Reader, today: dt.date, hidden: Collection[int] = frozenset()
) -> FollowUps:
    """3B7: unanswered outreach — a second contact at 3 business days, a follow-up at 7
    (none about those ``hidden``: the next ones take their places) — at most
    ``FOLLOW_UPS_PER_DAY`` a day, taking turns (``_in_turn``), with the count held back.

    The second-contact step is done once the user has written to another person at the same
    employer after the outreach; the person it names never has an unanswered outreach of
    their own at that employer (two people written to are not sent to each other).
    """
    # only outreach sent on the days that have a step today is looked at (the oldest, past
    # their follow-up's days, is passed over unread): the window's older outreach is read
    # only at the employers a second contact is looked for at. An exchange is dated by the
    # day of its conversation where the user is; a day earlier is read as well, for one
    # dated by another time zone's day.
    first, last = days_with_a_step(today)
    since = today - dt.timedelta(days=OUTREACH_WINDOW_DAYS)
    outreach = _Outreach(session, since, first - dt.timedelta(days=1))
    follow_ups, seconds = _waiting(outreach, first, last, today, hidden)
    # those whose second contact the outreach read already shows made have no step: not
    # counted (the others are looked into at their turn)
    seconds = [pid for pid in seconds if not outreach.made_by_read(pid)]
    turn = business_days_between(FIRST_MONDAY, today)
    steps: list[tuple[int, tuple[str, str, int] | None]]
    in_turn = _in_turn(outreach, follow_ups, FOLLOW_UPS_PER_DAY, turn)
    steps = [(pid, None) for pid in in_turn[:FOLLOW_UPS_PER_DAY]]
    places = FOLLOW_UPS_PER_DAY - len(steps)
    looked = 0
    seconds_in_turn = _in_turn(outreach, seconds, places, turn)
    for pid in seconds_in_turn:
        if len(steps) >= FOLLOW_UPS_PER_DAY:
            break
        looked += 1
        other = outreach.second_contact(pid, hidden)  # the item is about them
        if other is not None:
            steps.append((pid, other))
    steps.sort(key=lambda step: outreach.sent[step[0]])
    items = _followup_steps(outreach, today, steps)
    held = in_turn[FOLLOW_UPS_PER_DAY:] + seconds_in_turn[looked:]
    on_last = sum(_on_last_day(outreach, pid, today) for pid in held)
    return FollowUps(items, len(held), looked < len(seconds), on_last)


def _on_last_day(outreach: _Outreach, pid: int, today: dt.date) -> bool:
    """Whether the outreach's step due ``today`` is on its last day: a follow-up on the last
    day it is offered, or a second contact the business day before the follow-up."""
    waited = business_days_between(day_of(outreach.sent[pid][0]), today)
    return waited in (FOLLOW_UP_AFTER - 1, FOLLOW_UP_AFTER + FOLLOW_UP_OFFERED_DAYS - 1)


def _waiting(
    outreach: _Outreach, first: dt.date, last: dt.date, today: dt.date, hidden: Collection[int]
) -> tuple[list[int], list[int]]:
    """The unanswered outreach sent from ``first`` to ``last`` whose step is due ``today``
    (the oldest first): those due for their follow-up (but those ``hidden``), and those
    whose first contact has an employer where a second contact may be due."""
    begin = bisect_left(outreach.order, start_of(first), key=lambda p: outreach.sent[p][0])
    end = bisect_left(
        outreach.order, start_of(last + dt.timedelta(days=1)), key=lambda p: outreach.sent[p][0]
    )
    outreach.read_contacts(outreach.order[begin:end])  # what followed each, in one statement
    follow_ups: list[int] = []
    seconds: list[int] = []
    for pid in outreach.order[begin:end]:
        sent_at = outreach.sent[pid][0]
        if outreach.answered(pid):
            continue
        followed_up = any(kind != "note" and d == "out" for kind, d in outreach.later(pid))
        step = next_step(day_of(sent_at), followed_up=followed_up, today=today)
        if step == "follow_up" and pid not in hidden:
            follow_ups.append(pid)
        elif step == "second_contact" and outreach.employers(pid):
            seconds.append(pid)
    return follow_ups, seconds


def _in_turn(outreach: _Outreach, ids: list[int], places: int, turn: int) -> list[int]:
    """``ids`` (the oldest outreach first) in the order their steps take the ``places``
    on the business day numbered ``turn``: the oldest sending day first, and the outreach
    of one day that does not all fit in the places left take turns — a ring that starts as
    many places further on each business day, so one held back comes up on the next."""
    out: list[int] = []
    for _, same_day in groupby(ids, key=lambda pid: day_of(outreach.sent[pid][0])):
        group = list(same_day)
        left = places - len(out)
        if 0 < left < len(group):
            start = turn * left % len(group)
            group = group[start:] + group[:start]
        out += group
    return out


def steps_held(held: int, at_most: bool, last_day: int = 0) -> str:
    """What ``today`` and the Today page say of ``held`` 3B7 steps held back by the day's
    cap (one wording for both; ``at_most``: some are second contacts not looked into, so
    both counts are upper bounds; ``last_day``: how many of them are on their last day)."""
    bound = ("perhaps " if held == 1 else "up to ") if at_most else ""
    steps = bound + count(held, "more 3B7 step")
    said = f"… and {steps} on unanswered outreach, {FOLLOW_UPS_PER_DAY} a day"
    if not last_day:
        return f"{said}: they take turns on the next business days"
    if last_day >= held:
        return f"{said}, on their last day: they are not offered again"
    return (
        f"{said}: {last_day} of them on their last day, not offered again; the others take "
        "turns on the next business days"
    )


def second_contacts_made(
    session: Reader, person_ids: Collection[int], today: dt.date, hidden: Collection[int]
) -> list[tuple[int, str, int]]:
    """The unanswered outreach still before its follow-up (business days 0-6 on ``today``)
    whose second contact a contact with these people makes, by the rule the agenda's step
    follows (``_Outreach.made_by``): (the first contact, their employer's name, the one of
    these people who makes it), those ``hidden`` as the agenda passes them."""
    outreach = _Outreach(session, today - dt.timedelta(days=OUTREACH_WINDOW_DAYS))
    out = []
    for pid in outreach.order:
        jobs = outreach.employers(pid)
        sent = day_of(outreach.sent[pid][0])
        if pid in person_ids or not jobs or sent > today:
            continue
        if business_days_between(sent, today) >= FOLLOW_UP_AFTER or outreach.answered(pid):
            continue  # past the second contact's days, or answered: no step to say about
        made = outreach.made_by(pid, hidden) & set(person_ids)
        if made:
            out.append((pid, jobs[0][1], min(made)))
    return out


def _followup_steps(
    outreach: _Outreach, today: dt.date, steps: list[tuple[int, tuple[str, str, int] | None]]
) -> list[Item]:
    """The agenda items of the 3B7 steps found (the person written to, and the second
    person to contact — name, organization, id — or ``None`` for the follow-up)."""
    out: list[Item] = []
    for pid, other in steps:
        name, sent = outreach.names[pid], day_of(outreach.sent[pid][0])
        waited = business_days_between(sent, today)
        if other is None:
            reason = (
                f"no reply to your outreach of {weekday(sent)} after {waited} business days: "
                "send one short follow-up"
            )
            due = add_business_days(sent, 7)
            out.append(item("3b7", name, reason, due, 80, person_id=pid))
        else:
            reason = (
                f"no reply from {name} after {waited} business days: reach out to {other[0]}, "
                f"a second person at {other[1]}"
            )
            due = add_business_days(sent, 3)
            out.append(item("3b7", other[0], reason, due, 75, person_id=other[2]))
    return out


_CONTACTS_SINCE = (
    select(
        InteractionParticipant.person_id,
        Interaction.occurred_at,
        Interaction.id,
        Interaction.kind,
        Interaction.direction,
    )
    .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
    .where(
        InteractionParticipant.person_id.in_(bindparam("ids", expanding=True)),
        InteractionParticipant.occurred_at > bindparam("since"),
    )
)
#: How many of a person's logged interactions are messages netweave logged for the steps of
#: an introduction (``intro_note``): no conversations of the user's own with them.
_INTRO_MESSAGES = (
    select(func.count())
    .select_from(InteractionParticipant)
    .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
    .where(
        InteractionParticipant.person_id == Person.id,
        Interaction.summary.like(f"%{INTRO_MARK}%)"),
    )
    .correlate(Person)
    .scalar_subquery()
)
_talks = (func.coalesce(PersonStats.interactions, 0) - _INTRO_MESSAGES).label("talks")
#: The :limit people at :org the user has talked with most (not counting the messages an
#: introduction's steps logged).
_BEST = (
    select(Person.display_name, Person.id, _talks)
    .join(Position, Position.person_id == Person.id)
    .outerjoin(PersonStats, PersonStats.person_id == Person.id)
    .where(
        Position.organization_id == bindparam("org"),
        Position.current.is_(True),
        Person.is_me.is_(False),
    )
    .order_by(_talks.desc(), Person.id)
    .limit(bindparam("limit"))
    .subquery()
)
#: Those people, best known first, each with their contacts since :since (a row for each,
#: or one without a contact): who to name and whether the user wrote to them, in one go.
_BEST_KNOWN_AT = (
    select(
        _BEST.c.display_name,
        _BEST.c.id,
        InteractionParticipant.occurred_at,
        Interaction.id,
        Interaction.kind,
        Interaction.direction,
    )
    .select_from(_BEST)
    .outerjoin(
        InteractionParticipant,
        (InteractionParticipant.person_id == _BEST.c.id)
        & (InteractionParticipant.occurred_at > bindparam("since")),
    )
    .outerjoin(Interaction, Interaction.id == InteractionParticipant.interaction_id)
    .order_by(_BEST.c.talks.desc(), _BEST.c.id)
)
_Contact = tuple[dt.datetime, int, str, str]


class _Outreach:
    """The latest outreach to each person within the window, oldest first, and what followed.

    The outreach is read with each person's name and current employers. What followed is
    read as it is needed: each person's later contacts a chunk of people at a time (most
    outreach is answered, and the agenda wants only a few steps), and each organization's
    best-known people once, with their contacts. An employer's other people are never
    scanned: a large one has thousands.
    """

    def __init__(self, session: Reader, since: dt.date, read_from: dt.date | None = None) -> None:
        """The outreach since ``since``; only that sent from ``read_from`` on (when given)
        is read at once, and the rest at an employer once its people are asked about."""
        self.session = session
        self.since = since
        self.since_at = start_of(since)
        #: Each person's latest outreach: (moment, interaction id).
        self.sent: dict[int, tuple[dt.datetime, int]] = {}
        self.names: dict[int, str] = {}
        self._jobs: dict[int, dict[int, tuple[int, str]]] = {}  # position: (organization, name)
        self._contacts: dict[int, list[_Contact]] = {}
        self._best: dict[int, list[tuple[str, int]]] = {}
        #: The outreach each person was sent that is no note: (moment, interaction id).
        self._written: dict[int, set[tuple[dt.datetime, int]]] = {}
        #: The employers whose outreach of the whole window is read (all, when ``None``).
        self._read_at: set[int] | None = None if read_from is None else set()
        self._read(session.execute(_OUTREACH_SINCE, {"since": read_from or since}))

    def _read(self, rows: Iterable[Any]) -> None:
        """Add outreach rows (``_OUTREACH_SINCE``'s) to what is known."""
        jobs = self._jobs
        for pid, at, iid, name, position, org, org_name, kind in rows:
            at = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at))
            if pid not in self.sent or (at, iid) > self.sent[pid]:
                self.sent[pid] = (at, iid)
            if kind != "note":  # a message the user sent: it makes a second contact
                self._written.setdefault(pid, set()).add((at, iid))
            self.names[pid] = name
            if position is not None and is_employer(org_name):  # nobody else is "at Freelance"
                jobs.setdefault(pid, {})[position] = (org, org_name)
        self.order = sorted(self.sent, key=lambda p: (self.sent[p], p))
        self._written_at: dict[int, list[int]] | None = None
        self._index = {pid: n for n, pid in enumerate(self.order)}
        #: The current employers of each person written to (the first position first).
        self._employers = {pid: [held[n] for n in sorted(held)] for pid, held in jobs.items()}

    def later(self, pid: int) -> list[tuple[str, str]]:
        """(kind, direction) of each contact with the person after their outreach, or at its
        moment and logged after it (a day's entries share noon)."""
        if pid not in self._contacts:
            start = self._index[pid]
            self._load(self.order[start : start + _CONTACTS_CHUNK])
        return self._after(pid, self.sent[pid])

    def read_contacts(self, person_ids: list[int]) -> None:
        """Read the later contacts of these people written to, all at once."""
        self._load(person_ids)

    def answered(self, pid: int) -> bool:
        """Whether the person has replied to their outreach."""
        return any(is_two_way(kind, direction) for kind, direction in self.later(pid))

    def employers(self, pid: int) -> list[tuple[int, str]]:
        """(organization id, name) of the current employers of a person written to."""
        return self._employers.get(pid, [])

    def second_contact(
        self, pid: int, hidden: Collection[int] = frozenset()
    ) -> tuple[str, str, int] | None:
        """Who to write to at the person's employer while they have not replied (the one the
        user knows best), with the organization; ``None`` when the user has written to
        someone else there since the outreach, or nobody else is there to write to.

        Those ``hidden`` (the step about them snoozed) are passed over for the next best
        known.
        """
        around = self._around(pid, hidden)
        if around is None or self.made_by(pid, hidden):
            return None  # the second contact is made: only the follow-up is left
        org, org_name, asked = around
        passed = {p for p in asked if not self.answered(p)} | {pid} | set(hidden)
        other = next((row for row in self._best[org] if row[1] not in passed), None)
        return (other[0], org_name, other[1]) if other else None

    def made_by(self, pid: int, hidden: Collection[int] = frozenset()) -> set[int]:
        """Those at the person's employer whose contact since the outreach makes its second
        contact: any the user starts or has both ways, not a note.

        The people looked at are those at the employer written to for advice or information
        within the window and the few best known there: the ones the step would name.
        """
        around = self._around(pid, hidden)
        if around is None:
            return set()
        org, _, asked = around
        others = {*asked, *(person_id for _, person_id in self._best[org])} - {pid}
        self._load(list(others))
        mark = self.sent[pid]
        return {
            p
            for p in others
            if any(kind != "note" and d in ("out", "both") for kind, d in self._after(p, mark))
        }

    def made_by_read(self, pid: int) -> bool:
        """Whether someone at the person's employer written to in the outreach read so far
        made its second contact (by that outreach, or a contact read since): a part of
        ``made_by``'s answer found without a statement, so what it rules out has no step."""
        jobs = self.employers(pid)
        if not jobs:
            return False
        if self._written_at is None:  # those written to at each employer, once
            self._written_at = {}
            for person_id in self.order:
                for org, _ in self.employers(person_id):
                    self._written_at.setdefault(org, []).append(person_id)
        mark = self.sent[pid]
        for other in self._written_at[jobs[0][0]]:
            if other == pid:
                continue
            if any(sent > mark for sent in self._written.get(other, ())):
                return True
            if other in self._contacts and any(
                kind != "note" and d in ("out", "both") for kind, d in self._after(other, mark)
            ):
                return True
        return False

    def _around(self, pid: int, hidden: Collection[int]) -> tuple[int, str, list[int]] | None:
        """The person's first current employer (id, name) and those written to there, with
        its best known read (``None`` without an employer)."""
        jobs = self.employers(pid)
        if not jobs:
            return None
        org, org_name = jobs[0]
        if self._read_at is not None and org not in self._read_at:
            self._read_at.add(org)  # the window's outreach to its people
            self._read(self.session.execute(_OUTREACH_AT, {"since": self.since, "org": org}))
        asked = [p for p in self.order if org in dict(self.employers(p))]
        if org not in self._best:
            limit = len(asked) + len(hidden) + 2  # enough to pass over the waiting, hidden
            self._read_best(org, limit)
        return org, org_name, asked

    def _read_best(self, org: int, limit: int) -> None:
        """The best known at an organization, with their contacts within the window."""
        params = {"org": org, "limit": limit, "since": self.since_at}
        best: dict[int, str] = {}
        found: dict[int, list[_Contact]] = {}
        for name, person_id, at, iid, kind, direction in self.session.execute(
            _BEST_KNOWN_AT, params
        ):
            best.setdefault(person_id, name)
            if iid is not None:
                found.setdefault(person_id, []).append((at, iid, kind, direction))
        self._best[org] = [(name, person_id) for person_id, name in best.items()]
        for person_id in best:
            self._contacts.setdefault(person_id, found.get(person_id, []))

    def _load(self, person_ids: list[int]) -> None:
        """Read the contacts of these people within the window (those not read yet)."""
        missing = [p for p in person_ids if p not in self._contacts]
        found = _contacts_since(self.session, missing, self.since_at)
        self._contacts.update((p, found.get(p, [])) for p in missing)

    def _after(self, pid: int, mark: tuple[dt.datetime, int]) -> list[tuple[str, str]]:
        return [(k, d) for at, iid, k, d in self._contacts[pid] if (at, iid) > mark]


def _contacts_since(
    session: Reader, person_ids: list[int], since: dt.datetime
) -> dict[int, list[_Contact]]:
    """(when, interaction id, kind, direction) of each person's interactions since a moment,
    in one query each chunk of people."""
    out: dict[int, list[_Contact]] = {}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        rows = session.execute(_CONTACTS_SINCE, {"ids": chunk, "since": since})
        for pid, at, iid, kind, direction in rows:
            out.setdefault(pid, []).append((at, iid, kind, direction))
    return out
