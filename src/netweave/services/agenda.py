"""The daily agenda: one short list of what to do today, each item with its reason."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, bindparam, case, func, literal, or_, select

from netweave.clock import day_of, start_of
from netweave.logic import wording
from netweave.logic.funnel import CLOSED
from netweave.logic.lead_steps import referrer_words, step_person
from netweave.logic.sorting import name_sort_key
from netweave.logic.strength import strength
from netweave.logic.turns import Contender, day_turn
from netweave.services import routines
from netweave.services.agenda_item import Item, item
from netweave.services.agenda_namesakes import namesakes
from netweave.services.agenda_snooze import snoozed
from netweave.services.circles import without_circle
from netweave.services.context import Context
from netweave.services.intro_agenda import intro_items
from netweave.services.lead_accepted import their_own_leads
from netweave.services.lead_people import lead_people, moved_away
from netweave.services.memo import remembered
from netweave.store.models import (
    Interaction,
    InteractionParticipant,
    Lead,
    Organization,
    Person,
    PersonStats,
    Position,
    Target,
    Task,
)
from netweave.store.stats import (
    STRENGTH_COLUMNS,
    STRENGTH_VALUES,
    Strengths,
    contact_day,
    facts_of,
)
from netweave.store.stats_before import aggregates_before

if TYPE_CHECKING:
    from netweave.store.engine import Reader

BIRTHDAY_WINDOW_DAYS = 7
BIRTHDAYS_PER_WEEK = 10
#: At most this many check-ins a day, so the agenda stays short.
CHECK_INS_PER_DAY = 8
#: Only the most overdue are ranked by gain (a bound that keeps ``today`` fast at scale).
CHECK_IN_CANDIDATES = 120
#: People due for a check-in besides those listed are counted up to this many.
OVERDUE_COUNTED = 200
#: How many days late a check-in of someone never talked with counts for, at most.
NEVER_TALKED_LATE = 30
TASK_KINDS = {"follow_up", "update", "thank_you", "3b7", "campaign", "congratulate", "check_in"}
#: At most this many congratulations a day (a fresh LinkedIn export may show thousands of
#: new roles at once): they take turns, from the strongest ties down (``_congratulations``).
CONGRATULATIONS_PER_DAY = 3
#: What ``today`` and the Today page say of the congratulations held back.
CHEERS_HELD = (
    f"held back for the days to come: {CONGRATULATIONS_PER_DAY} a day, in turn, "
    "from the strongest ties down"
)


def cheers_held(held: int) -> str:
    """What ``today`` and the Today page say of ``held`` congratulations held back (one
    wording for both; counted up to ``OVERDUE_COUNTED``, so many more are "or more")."""
    cheers = wording.count(held, "more congratulation")
    if held >= OVERDUE_COUNTED - CONGRATULATIONS_PER_DAY:  # counted so far
        cheers = f"{held:,} or more congratulations"
    return f"… and {cheers} on a new role, {CHEERS_HELD}"


def snoozed_due(snoozed: int) -> str:
    """What ``today`` and the Today page say on a day with nothing listed, when the
    ``snoozed`` people due for a check-in are all snoozed (counted up to ``OVERDUE_COUNTED``)."""
    if snoozed >= OVERDUE_COUNTED:
        return f"{OVERDUE_COUNTED:,} or more people due for a check-in are snoozed"
    who = wording.count(snoozed, "person", "people")
    return f"{who} due for a check-in {'is' if snoozed == 1 else 'are'} snoozed"


#: A congratulation is news this many days after the job change was seen; later it is left
#: off the agenda (the task stays, in ``tasks list``).
CONGRATULATE_WITHIN = 60


def agenda(ctx: Context, limit: int = 30) -> dict[str, Any]:
    """``today``: what to do now, most valuable first (``{as_of, items[]}``).

    Remembered until anything is committed (or the hour turns), for the web app's Today
    page; a command-line run computes it once anyway.
    """
    return remembered(ctx, ("agenda", limit), lambda: compute_agenda(ctx, limit))


def compute_agenda(ctx: Context, limit: int = 30) -> dict[str, Any]:
    """The agenda, computed from the database (what ``agenda`` remembers)."""
    today = ctx.clock.today()
    now = ctx.clock.now()
    with ctx.db.rows() as session:
        hidden = snoozed(session, today)  # suggestions the user snoozed
        of = partial(_snoozed_of, hidden)
        steps, named = _lead_steps(session, today)
        items = _tasks(session, today) + steps
        cheers, due = _congratulations(session, today, now)
        items += cheers
        followups = routines.followup_steps(session, today, of("3b7"))
        items += followups.items
        greetings, greetings_more, campaign = routines.campaign_items(
            session, today, hidden=of("campaign")
        )
        items += greetings
        items += _birthdays(session, today, of("birthday"))
        items += routines.give_items(session, today, of("give"))
        items += _shown(intro_items(session, today), hidden)
        # Each item so far about a person (a task, a 3B7 step, a greeting, a give-back, an
        # introduction's step, a lead's step that names them) means contacting them, and
        # any contact resets the cadence: no check-in is suggested beside it.
        skip = {i["person_id"] for i in items if i["person_id"] is not None and i["kind"] != "lead"}
        skip |= named
        on_list = set(skip)  # shown under another kind (or waiting past the limit)
        skip |= of("check_in")
        items += _check_ins(session, today, now, skip)
        items += routines.refresh_items(session, today, now, skip)
        items.sort(key=lambda i: (-i["priority"], i["due"] or "", name_sort_key(i["person"] or "")))
        listed = {i["person_id"] for i in items[:limit] if i["person_id"] is not None}
        # due and not shown: those snoozed too (the list of everyone due shows them, snoozed)
        later = _overdue_besides(session, today, on_list | listed)
        held = due - len(cheers)
        shared = namesakes(session, items[:limit])
        # nothing to do: because the network is still empty, or because it is in good shape
        empty = not items and session.scalar(_SOMEONE) is None
        unsorted = 0 if empty else without_circle(session, OVERDUE_COUNTED)
    return {
        "as_of": today.isoformat(),
        "items": items[:limit],
        "empty_network": empty,
        # what the short list leaves out: items past the limit, and people due for a
        # check-in who are not on it at all (those snoozed among them; with nothing listed,
        # only those snoozed: anyone else due would be on it)
        "more": _more(len(items) - limit, later, held, greetings_more, campaign, followups),
        "snoozed_only": not items and later > 0,
        # people (the user aside) with no circle and no cadence of their own: never due for a
        # check-in (``OVERDUE_COUNTED`` means that many or more)
        "without_circle": unsorted,
        # those listed whose name someone else has too ([{person_id, org}]): named by number
        "namesakes": shared,
    }


def _snoozed_of(hidden: set[tuple[int, str]], kind: str) -> set[int]:
    """Those snoozed of a kind: the next ones take their place."""
    return {pid for pid, snoozed_kind in hidden if snoozed_kind == kind}


def _more(
    past_limit: int,
    later: int,
    held: int,
    greetings_more: int,
    campaign: dict[str, Any] | None,
    followups: routines.FollowUps,
) -> dict[str, Any]:
    """What the short list leaves out, by kind (the counts past it)."""
    return {
        "items": max(past_limit, 0),
        "check_ins": later,
        "congratulations": max(held, 0),
        # open greetings of the campaigns running, past the few a day shows
        "greetings": greetings_more,
        # the campaign they belong to when only one runs ({id, name}), else None
        "greetings_campaign": campaign if greetings_more else None,
        # 3B7 steps held back by the daily five (``steps_at_most``: "up to" that many), and
        # how many of them are on their last day (they do not come back)
        "steps": followups.held,
        "steps_at_most": followups.at_most,
        "steps_last_day": followups.last_day,
    }


def _overdue_besides(session: Reader, today: dt.date, besides: Collection[int]) -> int:
    """How many people but the user and ``besides`` are due for a check-in by ``today``,
    counted up to ``OVERDUE_COUNTED`` (a range of the next-due index that long: on a large
    network most people may be due, and counting them all would cost the agenda tenfold)."""
    params = {"today": today, "counted": OVERDUE_COUNTED}
    if besides:
        params["besides"] = sorted(besides)
        return int(session.execute(_OVERDUE_BESIDES, params).scalar_one())
    return int(session.execute(_OVERDUE, params).scalar_one())


def _shown(items: list[Item], hidden: set[tuple[int, str]]) -> list[Item]:
    """The suggestions not snoozed today."""
    return [i for i in items if (i["person_id"], i["kind"]) not in hidden]


_task = Task.__table__.c
#: Open tasks due by :today and not snoozed past it.
_TASKS_DUE = (
    select(
        _task.id,
        _task.title,
        _task.due,
        _task.kind,
        _task.person_id,
        Person.display_name,
        _task.lead_id,
        Organization.id,
        Organization.name,
    )
    .outerjoin_from(Task.__table__, Person.__table__, Person.id == _task.person_id)
    .outerjoin(Lead, Lead.id == _task.lead_id)
    .outerjoin(Organization, Organization.id == Lead.organization_id)
    .where(
        _task.done_at.is_(None),
        _task.due <= bindparam("today"),
        or_(_task.snoozed_until.is_(None), _task.snoozed_until <= bindparam("today")),
        _task.kind != "congratulate",  # read apart: ranked and capped (``_congratulations``)
    )
    .order_by(_task.due, _task.id)
)


def _tasks(session: Reader, today: dt.date) -> list[Item]:
    """The open tasks due; one of a lead carries its organization, and when it is about no
    one, the lead's person its title names ("No reply yet from Jessica: …")."""
    rows = session.execute(_TASKS_DUE, {"today": today}).all()
    leads = lead_people(session, {r[6] for r in rows if r[6] is not None and r[4] is None})
    updates = [(r[0], r[4], r[6]) for r in rows if r[3] == "update" and r[4] and r[6]]
    told_from = their_own_leads(session, updates, CLOSED)  # their own lead, not the accepted
    out = []
    for task_id, title, due_value, kind, person_id, name, lead_id, org_id, org in rows:
        lead_id, org_id, org = told_from.get(task_id, (lead_id, org_id, org))
        due = _date(due_value)
        late = (today - due).days
        reason = title + (f" (due {wording.elapsed(late)} ago)" if late > 0 else "")
        named = None
        if lead_id in leads:
            person, said = step_person(title, leads[lead_id].people)
            named = (person.person_id, person.name) if person and said else None
        out.append(
            item(
                kind if kind in TASK_KINDS else "task",
                name,
                reason,
                due,
                90 + min(late, 30),
                person_id=person_id,
                task_id=task_id,
                lead_id=lead_id,
                org=(org_id, org) if org_id is not None else None,
                named=named,
            )
        )
    return out


_stats = PersonStats.__table__.c
_person = Person.__table__.c
#: Anyone in the network but the user (read only on a day with nothing to do).
_SOMEONE = select(_person.id).where(_person.is_me.is_(False)).limit(1)
#: Congratulations of the people talked with most recently first (pinned ties first of
#: all), with the aggregates their strength comes from: the strongest ties are among the
#: first ones (the first ``OVERDUE_COUNTED`` take turns: three a day for the 60 days of
#: news reach 180).
_CONGRATULATIONS = (
    select(
        _task.id,
        _task.title,
        _task.due,
        _task.done_at,
        _task.snoozed_until,
        _person.id,
        _person.display_name,
        _person.strength_override,
        *STRENGTH_VALUES,
    )
    .join_from(Task.__table__, Person.__table__, _person.id == _task.person_id)
    .outerjoin(PersonStats.__table__, _stats.person_id == _person.id)
    .where(_task.kind == "congratulate", _task.due <= bindparam("today"))
    .order_by(
        _person.strength_override.is_(None),
        _person.strength_override.desc(),
        _stats.last_at.is_(None),
        _stats.last_at.desc(),
        _task.due.desc(),
        _task.id,
    )
)
#: Open congratulations planned from :since to :today, snoozed or not.
_CONGRATULATIONS_DUE = _CONGRATULATIONS.where(
    _task.done_at.is_(None), _task.due >= bindparam("since")
)
#: Those that took turns with them from the day :start_at begins and are gone since: done
#: from then on, or open and no news any more (planned before :since); planned from :before.
_CONGRATULATIONS_GONE = _CONGRATULATIONS.where(
    _task.due >= bindparam("before"),
    or_(
        _task.done_at >= bindparam("start_at"),
        and_(_task.done_at.is_(None), _task.due < bindparam("since")),
    ),
)


def _congratulations(session: Reader, today: dt.date, now: dt.datetime) -> tuple[list[Item], int]:
    """The day's few congratulations on a new role, and how many are due (shown or held
    back, counted up to ``OVERDUE_COUNTED``): a fresh export may show thousands of job
    changes at once, and the agenda stays short. They take turns (``day_turn``), replayed
    from the day the oldest still due was planned and ranked once, by tie strength as of
    that day (from what was logged before it): the strongest ties' first, the next ones
    down each day after, those shown and left undone going to the back of the line. One
    done keeps its place on the day it is done and leaves the line after; one snoozed
    joins it when the snooze ends. One planned more than ``CONGRATULATE_WITHIN`` days ago
    is no news any more: left off."""
    news = dt.timedelta(days=CONGRATULATE_WITHIN)
    params: dict[str, Any] = {"today": today, "since": today - news}
    rows = list(session.execute(_CONGRATULATIONS_DUE.limit(OVERDUE_COUNTED), params))
    due = sum(1 for row in rows if row[4] is None or _date(row[4]) <= today)  # not snoozed
    if not rows:
        return [], 0
    start = min(_date(row[2]) for row in rows)  # the oldest still due
    ranked_at = start_of(start)
    params |= {"start_at": ranked_at, "before": start - news}
    rows += session.execute(_CONGRATULATIONS_GONE.limit(OVERDUE_COUNTED), params)
    then = _aggregates_then(session, rows, ranked_at)
    scored = []
    for task_id, title, due_value, done_at, snoozed_until, pid, name, pinned, *aggregates in rows:
        planned = _date(due_value)
        arrives = max(planned, start)  # those planned before the oldest due join it then
        if snoozed_until is not None:  # back on the line the day the snooze ends
            arrives = max(arrives, _date(snoozed_until))
        last = planned + news  # the last day it is on the line
        if done_at is not None:  # its turn, on the day it was done, is not given to another
            last = min(last, day_of(done_at))
        cheer = (title, planned, pid, name, task_id, pinned, aggregates, done_at is None)
        key = (-_tie(pinned, then.get(pid, aggregates), ranked_at), -planned.toordinal(), task_id)
        scored.append((key, Contender(cheer, arrives, last + dt.timedelta(days=1))))
    scored.sort(key=lambda s: s[0])
    out = []
    turn = day_turn([contender for _, contender in scored], CONGRATULATIONS_PER_DAY, today)
    for title, planned, pid, name, task_id, pinned, aggregates, is_open in turn:
        if not is_open:  # done today
            continue
        late = (today - planned).days
        reason = title + (f" (new role seen on {_day_said(planned, today)})" if late > 0 else "")
        # 70 to 80: after the user's own tasks and lead steps
        priority = 70 + _tie(pinned, aggregates, now) / 10
        out.append(item("congratulate", name, reason, planned, priority, person_id=pid,
                        task_id=task_id))  # fmt: skip
    return out, due


def _aggregates_then(
    session: Reader, rows: Sequence[Any], moment: dt.datetime
) -> dict[int, tuple[Any, ...]]:
    """The strength aggregates, as they stood at ``moment``, of those of ``rows`` talked
    with since (a congratulation done by a message logged today must not move the replay's
    ranking, nor anyone else's turn on the days before)."""
    since = {
        row[5]: tuple(row[8:])
        for row in rows
        if row[7] is None and (last := contact_day(row[13])) is not None and last >= day_of(moment)
    }
    return aggregates_before(session, since, moment) if since else {}


def _day_said(day: dt.date, today: dt.date) -> str:
    """A day as people say it: ``10 November`` (with the year when it is not this one's)."""
    return f"{day.day} {day:%B}" + (f" {day.year}" if day.year != today.year else "")


def _tie(pinned: int | None, aggregates: Sequence[Any], moment: dt.datetime) -> int:
    """A person's tie strength at ``moment``: pinned, else from their aggregates (none:
    never written, nothing to measure)."""
    if pinned is not None:
        return pinned
    return strength(facts_of(aggregates), moment) if aggregates[0] is not None else 0


#: Next steps of leads due by :today (one indexed range query on ``lead.next_due``).
_LEAD_STEPS_DUE = (
    select(
        Lead.id,
        Lead.role,
        Lead.stage,
        Lead.next_step,
        Lead.next_due,
        Organization.name,
        Organization.id,
    )
    .join(Organization, Organization.id == Lead.organization_id)
    .where(
        Lead.next_due <= bindparam("today"),
        Lead.next_step.is_not(None),
        Lead.stage.not_in(sorted(CLOSED)),
    )
    .order_by(Lead.next_due, Lead.id)
)


def _lead_steps(session: Reader, today: dt.date) -> tuple[list[Item], set[int]]:
    """Next steps of leads that are due, each filed under the person it is about (the
    linked person it names, else the referrer, else the first person linked), and the
    people the steps name: a step that only goes through someone does not stand for
    contacting them."""
    due_steps = list(session.execute(_LEAD_STEPS_DUE, {"today": today}))
    facts = lead_people(session, [row[0] for row in due_steps])
    # someone linked who has left the lead's employer since: said, their part may need another
    elsewhere = moved_away(session, [(p.person_id, row[6]) for row in due_steps
                                     for p in facts[row[0]].people])  # fmt: skip
    out, named = [], set()
    for lead_id, role, stage, step, due, org, org_id in due_steps:
        lead = facts[lead_id]
        person, about = step_person(step, lead.people)
        late = (today - due).days
        when = f" (due {wording.elapsed(late)} ago)" if late > 0 else ""
        stage_text = stage.replace("_", " ")
        reason = f"lead #{lead_id}, {role} at {org} ({stage_text}): {step}{when}"
        if person is not None:
            if person.role == "referrer":
                by = referrer_words(lead.state_of(person.person_id), person.name)
            else:
                by = f"{person.role.replace('_', ' ')}: {person.name}"
            if person.person_id in elsewhere:
                by += f" (now at {elsewhere[person.person_id]})"
            reason += f"; {by}"
            if about:
                named.add(person.person_id)
        priority = 88 + min(late, 30)
        pid, name = (person.person_id, person.name) if person else (None, None)
        out.append(item("lead", name, reason, due, priority, person_id=pid, lead_id=lead_id,
                        org=(org_id, org)))  # fmt: skip
    return out, named


_position = Position.__table__.c
#: 1 when the candidate works at a target employer, else NULL: a few index lookups per
#: candidate (a scalar subquery, which PostgreSQL runs per row; an EXISTS it may run for
#: every position at every target instead).
_AT_TARGET = (
    select(literal(1))
    .select_from(Position.__table__)
    .join(Target.__table__, Target.__table__.c.organization_id == _position.organization_id)
    .where(_position.person_id == _person.id, _position.current.is_(True))
    .limit(1)
    .scalar_subquery()
    .label("at_target")
)
#: Where the day of the last contact is among the aggregates a candidate row ends with.
_LAST_AT = STRENGTH_COLUMNS.index("last_at")
#: The most overdue check-ins by :today (the first added first among those due the same
#: day), with the aggregates their strength comes from and whether they work at a target
#: employer.
_CHECK_IN_CANDIDATES = (
    select(
        _person.id,
        _person.display_name,
        _person.strength_override,
        _stats.next_due,
        _AT_TARGET,
        *STRENGTH_VALUES,
    )
    .join_from(PersonStats.__table__, Person.__table__, _person.id == _stats.person_id)
    .where(_stats.next_due <= bindparam("today"), _person.is_me.is_(False))
    # the person's id breaks ties: those due on the day at the cut are the same on every
    # backend (the index alone leaves their order to how each stores the rows)
    .order_by(_stats.next_due, _stats.person_id)
    .limit(bindparam("limit"))
)


def _check_ins(session: Reader, today: dt.date, now: dt.datetime, skip: set[int]) -> list[Item]:
    """Overdue check-ins, ranked by gain: strength, job-search relevance, lateness.

    One query reads the most overdue candidates with their aggregates, from which each one's
    strength is computed, and whether each works at a target employer. People in ``skip``
    (snoozed, or contacted for another item) are left out before the day's few are chosen,
    so the next candidates take their places.
    """
    scored = []
    limit = CHECK_IN_CANDIDATES + len(skip)  # as many candidates left when those go
    strengths = Strengths(now)
    for pid, name, pinned, next_due, at_target, *aggregates in session.execute(
        _CHECK_IN_CANDIDATES, {"today": today, "limit": limit}
    ):
        if pid in skip:
            continue
        due = _date(next_due)
        late = (today - due).days
        tie = pinned if pinned is not None else strengths.of(aggregates)
        # never talked with: due since they were met (a connection of 2019), which says
        # little of how late a check-in is, so it weighs at most a month
        lateness = min(late, 120 if aggregates[_LAST_AT] is not None else NEVER_TALKED_LATE)
        gain = 0.45 * tie + (25 if at_target is not None else 0) + lateness / 4
        scored.append((gain, pid, name, at_target, aggregates[_LAST_AT], due, late, tie))
    # an equal gain goes to the most overdue (the person's id breaks the ties left)
    scored.sort(key=lambda s: (-s[0], s[5], s[1]))
    out = []
    for gain, pid, name, at_target, last_at, due, late, tie in scored[:CHECK_INS_PER_DAY]:
        last = _date(last_at) if last_at is not None else None
        extra = "; works at one of your target employers" if at_target is not None else ""
        if last is None:  # due since you met: how late says little (a connection of 2019)
            reason = f"check in: no conversation yet (strength {tie}){extra}"
        else:
            when = "due today" if late <= 0 else f"{wording.elapsed(late)} past your cadence"
            ago = wording.elapsed((today - last).days)
            reason = f"check in: last contact {ago} ago, {when} (strength {tie})"
            reason += extra
        out.append(item("check_in", name, reason, due, 40 + gain / 4, person_id=pid))
    return out


def _counted(due: Select[Any]) -> Select[tuple[int]]:
    return select(func.count()).select_from(due.limit(bindparam("counted")).subquery())


#: The user's own record, by the partial index of ``is_me`` (written as the index is).
_ME = select(_person.id).where(_person.is_me == True)  # noqa: E712
#: Who but the user is due by :today: the aggregates alone, without a lookup of each
#: person's record to tell whether they are the user.
_DUE = select(_stats.person_id).where(
    _stats.next_due <= bindparam("today"), _stats.person_id.not_in(_ME)
)
#: How many people but the user are due for a check-in by :today (up to :counted), and how
#: many but those of :besides.
_OVERDUE = _counted(_DUE)
_OVERDUE_BESIDES = _counted(
    _DUE.where(_stats.person_id.not_in(bindparam("besides", expanding=True)))
)


def _date(value: Any) -> dt.date:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return day_of(value)
    assert isinstance(value, dt.date)
    return value


#: People kept in touch with (a cadence) whose birthday (``MM-DD``) is one of :days, the
#: soonest first: days from :first on come before those after the new year.
_BIRTHDAYS = (
    select(Person.id, Person.display_name, PersonStats.birthday_md, PersonStats.last_at)
    .join_from(PersonStats, Person, Person.id == PersonStats.person_id)
    .where(
        PersonStats.birthday_md.in_(bindparam("days", expanding=True)),
        PersonStats.next_due.is_not(None),
        Person.is_me.is_(False),
    )
    .order_by(
        case((PersonStats.birthday_md >= bindparam("first"), 0), else_=1),
        PersonStats.birthday_md,
        Person.id,
    )
    .limit(bindparam("limit"))
)
#: Which of :ids the user wrote to or talked with (not a note, not a message from them)
#: from :start to :end: each one a short range of their contacts' index.
_REACHED = (
    select(InteractionParticipant.person_id)
    .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
    .where(
        InteractionParticipant.person_id.in_(bindparam("ids", expanding=True)),
        InteractionParticipant.occurred_at >= bindparam("start"),
        InteractionParticipant.occurred_at < bindparam("end"),
        Interaction.kind != "note",
        Interaction.direction.in_(("out", "both")),
    )
)


def _birthdays(session: Reader, today: dt.date, hidden: Collection[int]) -> list[Item]:
    """Birthdays in the coming week (stored as ``YYYY-MM-DD`` or ``--MM-DD``), the soonest
    first, at most ``BIRTHDAYS_PER_WEEK``, but those ``hidden`` (the next ones instead).

    The first day's birthdays are read alone (one short range of the birthday index), and
    the rest of the week only when they are not enough: on a large network the first day
    is, and the whole week's birthdays are neither read nor sorted. A birthday today is
    left out once the user has greeted them today.
    """
    days = [today + dt.timedelta(days=n) for n in range(BIRTHDAY_WINDOW_DAYS + 1)]
    wanted = {f"{d:%m-%d}": d for d in days}
    if dt.date(today.year, 3, 1) in days and not calendar.isleap(today.year):
        wanted["02-29"] = dt.date(today.year, 3, 1)  # celebrated on 1 March in common years
    # soonest first, by the day each is celebrated: across the new year, and 29 February
    # (celebrated on 1 March in a common year) with 1 March even when that is today
    order = sorted(wanted, key=lambda month_day: (wanted[month_day], month_day))
    first = [month_day for month_day in order if wanted[month_day] == today]
    limit = BIRTHDAYS_PER_WEEK + len(hidden)
    todays = session.execute(_BIRTHDAYS, {"days": first, "first": first[0], "limit": limit})
    rows = [r for r in _not_greeted(session, todays.all(), today) if r.id not in hidden]
    if len(rows) < BIRTHDAYS_PER_WEEK:
        rest = order[len(first) :]
        more = session.execute(_BIRTHDAYS, {"days": rest, "first": rest[0], "limit": limit})
        rows += [r for r in more if r.id not in hidden][: BIRTHDAYS_PER_WEEK - len(rows)]
    rows = rows[:BIRTHDAYS_PER_WEEK]
    out = []
    for pid, name, month_day, _ in rows:
        day = wanted[month_day]
        when = "today" if day == today else f"on {wording.weekday(day)}"
        out.append(item("birthday", name, f"birthday {when}", day, 60, person_id=pid))
    return out


def _not_greeted(session: Reader, rows: Sequence[Any], today: dt.date) -> list[Any]:
    """Today's birthdays without those the user has already greeted today: written to or
    talked with on the day (the aggregates' last contact says who may have been, and only
    they are looked up)."""
    maybe = [r.id for r in rows if r.last_at is not None and _date(r.last_at) >= today]
    if not maybe:
        return list(rows)
    end = start_of(today + dt.timedelta(days=1))
    params = {"ids": maybe, "start": start_of(today), "end": end}
    greeted = set(session.scalars(_REACHED, params))
    return [r for r in rows if r.id not in greeted]
