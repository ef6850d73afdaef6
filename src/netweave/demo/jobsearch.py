"""The job search: target employers, leads and their stages, tasks, and introductions."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import func, select

from netweave.demo import data
from netweave.demo.history import add_interaction, moment
from netweave.demo.state import Net, Org, delta, to_ascii
from netweave.logic.followup import FOLLOW_UP_AFTER, SECOND_CONTACT_AFTER, business_days_between
from netweave.store.models import InteractionParticipant


@dataclass(slots=True)
class _Lead:
    id: int
    role: str
    org: Org
    people: list[int]
    active: bool


def add_job_search(net: Net) -> None:
    """Targets, leads at the best-ranked of them, the tasks they call for, introductions."""
    targets = _add_targets(net)
    leads = [_add_lead(net, org) for org in targets[: net.rng.randint(4, 6)]]
    _add_tasks(net, _lead_tasks(net, leads))
    _add_unanswered_asks(net, leads, targets)
    _add_introductions(net)
    _add_closed_leads(net, targets[len(leads) :])
    _add_bridges(net, targets[:3])


def _add_targets(net: Net) -> list[Org]:
    """8–12 employers on the LAMP list (climate anchors first), returned best-ranked first."""
    rng = net.rng
    extra = [org for org in net.orgs[len(data.ANCHORS) :] if org.sector.key == "climate"]
    chosen = (net.orgs[2:12] + extra[:10])[: rng.randint(8, 12)]
    ranked: list[tuple[int, int, int, Org]] = []
    for index, org in enumerate(chosen):
        motivation, posting = rng.choice((0, 1, 2, 2, 3, 3)), rng.randint(1, 3)
        net.out.add(
            "target",
            organization_id=org.id,
            motivation=motivation,
            posting=posting,
            notes=rng.choice(data.TARGET_NOTES),
        )
        ranked.append((-motivation, -posting, index, org))
    return [org for *_, org in sorted(ranked)]


def _stage_path(rng: random.Random) -> list[str]:
    """The stages a lead went through, ending at its current stage."""
    main = list(data.LEAD_PIPELINE)
    final = rng.choice((*main, "rejected", "withdrawn"))
    if final in main:
        return main[: main.index(final) + 1]
    return [*main[: rng.randint(2, 6)], final]


def _add_lead(net: Net, org: Org) -> _Lead:
    """A lead at a target employer with its stage history and the people involved."""
    rng, out = net.rng, net.out
    path, role = _stage_path(rng), rng.choice(data.LEAD_ROLES)
    source = rng.choice(data.LEAD_SOURCES)
    hidden = source in ("referral", "network") and rng.random() < 0.6
    url = None if hidden else f"https://{org.domain}/careers/{to_ascii(role)[:40]}"
    members = [pid for pid in org.members if pid not in net.dormant]
    people = rng.sample(members, min(3, len(members)))
    active = path[-1] not in ("rejected", "withdrawn")
    step = due = None
    first = "referrer" if "referral_requested" in path else "advocate"
    if active and people:
        # about the person the agenda shows it under: the referrer, else the hiring manager
        through = people[0] if first == "referrer" or len(people) == 1 else people[1]
        step = rng.choice(data.LEAD_STEPS).format(given=net.given[through], org=org.name)
        due = net.today + delta(rng.randint(-2, 7))
    lead_id = out.add(
        "lead",
        organization_id=org.id,
        role=role,
        source=source,
        hidden=hidden,
        posting_url=url,
        stage=path[-1],
        next_step=step,
        next_due=due,
    )
    day = net.ago(rng.randint(30, 120))
    for before, stage in zip([None, *path], path, strict=False):
        out.add(
            "lead_stage_change",
            lead_id=lead_id,
            from_stage=before,
            to_stage=stage,
            changed_on=day,
            note=None,
        )
        day = min(day + delta(rng.randint(3, 14)), net.today)
    third = "interviewer" if "interviewing" in path else "recruiter"
    for pid, lead_role in zip(people, (first, "hiring_manager", third), strict=False):
        out.add("lead_person", lead_id=lead_id, person_id=pid, role=lead_role)
        when = moment(net, net.ago(rng.randint(1, 40)), "video")
        summary = f"Talked with {net.given[pid]} about the {role} opening at {org.name}"
        add_interaction(net, [pid], when, "video", "both", summary)
    return _Lead(lead_id, role, org, people, active)


#: A task as (kind, title, person id, lead id, event id).
_TaskSpec = tuple[str, str, int | None, int | None, int | None]


def _lead_tasks(net: Net, leads: list[_Lead]) -> list[_TaskSpec]:
    """Follow-ups for the active leads (their 3B7 steps come from unanswered asks instead)."""
    tasks: list[_TaskSpec] = []
    for lead in [lead for lead in leads if lead.active][:3]:
        if lead.people:
            pid = lead.people[0]
            title = f"Follow up with {net.names[pid]} about the {lead.role} role"
            tasks.append(("follow_up", title, pid, lead.id, None))
    return tasks


def _add_unanswered_asks(net: Net, leads: list[_Lead], targets: list[Org]) -> None:
    """Asks for advice sent to people at two target employers, not answered yet: the
    agenda's own 3B7 routine makes its steps of them (a follow-up due today to someone at
    an active lead's employer, a second person to write to at another target), and a reply
    logged ends them.

    Each goes to someone not linked to a lead and with no conversation since the day it was
    sent. The second contact's is at an employer where nobody was talked with since (so
    that contact is not made already), and none with a lead followed up on (so the person
    it names has no follow-up task too). It takes no random draw."""
    net.out.flush()  # the conversations so far, to tell who has talked with the user since
    active = [lead for lead in leads if lead.active]
    linked = {pid for lead in leads for pid in lead.people}
    followed = {lead.org.id for lead in active[:3]}
    places = [
        ([lead.org for lead in active], FOLLOW_UP_AFTER),
        ([org for org in targets if org.id not in followed], SECOND_CONTACT_AFTER + 1),
    ]
    taken: set[int] = set()
    for orgs, waited in places:
        sent = _business_days_ago(net.today, waited)
        quiet = waited < FOLLOW_UP_AFTER
        found = _asked_at(net, [o for o in orgs if o.id not in taken], sent, linked, quiet)
        if found is None:
            continue
        org, pid = found
        taken.add(org.id)
        when = dt.datetime.combine(sent, dt.time(9, 40), tzinfo=dt.UTC)
        summary = f"Asked {net.given[pid]} for advice on the work at {org.name}"
        iid = add_interaction(net, [pid], when, "message", "out", summary)
        net.out.add(
            "exchange",
            person_id=pid,
            interaction_id=iid,
            direction="asked",
            kind="advice",
            status="open",
            occurred_on=sent,
            note=None,
            settled_on=None,
        )


def _asked_at(
    net: Net, orgs: list[Org], sent: dt.date, linked: set[int], everyone_quiet: bool
) -> tuple[Org, int] | None:
    """The first of these employers with someone there (not ``linked`` to a lead) not
    talked with since ``sent``, and that person; with ``everyone_quiet``, only one where
    nobody was talked with since."""
    for org in orgs:
        members = [p for p in org.members if p != net.me and p not in net.dormant]
        last = _last_talked(net, members)
        quiet = [p for p in members if last.get(p, sent - delta(1)) < sent]
        if everyone_quiet and len(quiet) < len(members):
            continue
        pid = next((p for p in quiet if p not in linked), None)
        if pid is not None:
            return org, pid
    return None


def _business_days_ago(today: dt.date, waited: int) -> dt.date:
    """The latest weekday ``waited`` business days before ``today``."""
    day = today - delta(1)
    while business_days_between(day, today) < waited or day.weekday() >= 5:
        day -= delta(1)
    return day


def _last_talked(net: Net, people: list[int]) -> dict[int, dt.date]:
    """The day of each of these people's latest conversation, among those written so far."""
    if not people:
        return {}
    part = InteractionParticipant
    rows = net.out.session.execute(
        select(part.person_id, func.max(part.occurred_at))
        .where(part.person_id.in_(people))
        .group_by(part.person_id)
    )
    return {pid: _day(at) for pid, at in rows}


def _day(at: dt.datetime | str) -> dt.date:
    """The day of a moment as the database gives it back (SQLite: sometimes text)."""
    value = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at))
    return value.date()


def _add_tasks(net: Net, tasks: list[_TaskSpec]) -> None:
    """The lead tasks plus check-ins, a thank-you and a chore; the first was done yesterday."""
    rng, today = net.rng, net.today
    close = net.by_circle.get("close", []) + net.by_circle.get("inner", [])
    for pid in rng.sample(close, min(2, len(close))):
        tasks.append(("check_in", f"Check in with {net.names[pid]}", pid, None, None))
    event = net.events[-1]
    if event.attendees:
        pid = event.attendees[-1]
        title = f"Thank {net.names[pid]} for the chat at {event.name}"
        tasks.append(("thank_you", title, pid, None, event.id))
    tasks.append(("custom", "Add five more employers to the LAMP list", None, None, None))
    yesterday = today - delta(1)
    done = dt.datetime.combine(yesterday, dt.time(17, 30), tzinfo=dt.UTC)
    for index, (kind, title, person, lead, event_id) in enumerate(tasks):
        due = yesterday if index == 0 else today + delta(rng.randint(-2, 6))
        net.out.add(
            "task",
            due=due,
            kind=kind,
            title=title,
            person_id=person,
            lead_id=lead,
            event_id=event_id,
            done_at=done if index == 0 else None,
        )


def _add_introductions(net: Net) -> None:
    """One or two introductions the user is brokering between people who could help each other."""
    rng = net.rng
    strong = net.by_circle.get("close", []) + net.by_circle.get("active", [])
    newer = net.by_circle.get(None, []) + net.by_circle.get("wide", [])
    for state in rng.sample(("proposed", "asked_a", "agreed", "introduced"), rng.randint(1, 2)):
        a, b = rng.choice(strong), rng.choice(newer)
        day, steps = net.ago(rng.randint(15, 40)), list[dict[str, object]]()
        for step in data.INTRO_STEPS[: data.INTRO_STEPS.index(state) + 1]:
            steps.append({"state": step, "on": day.isoformat()})
            if step == "asked_a" and state != "asked_a":
                steps.append({"state": "a_agreed", "on": day.isoformat()})
            day += delta(rng.randint(1, 5))
        given_a, given_b = net.given[a], net.given[b]
        why = f"{given_b} wants advice on {rng.choice(data.TOPICS)}; {given_a} knows it well"
        outcome = f"{given_a} and {given_b} met for coffee" if state == "introduced" else None
        if outcome is not None:  # a made introduction: they know each other, outcome noted
            steps.append({"state": "done", "on": min(day, net.today).isoformat(), "met": True})
            _introduced(net, a, b, str(steps[-2]["on"]), why)
        net.out.add(
            "introduction",
            person_a_id=a,
            person_b_id=b,
            why=why,
            state="done" if outcome else state,
            outcome=outcome,
            history={"steps": steps},
        )


#: Earlier leads that ended, as (source, stages): they give the report a real funnel.
_CLOSED = (
    ("posting", ("lead", "applied", "rejected")),
    ("recruiter", ("lead", "researching", "applied", "interviewing", "rejected")),
    ("posting", ("lead", "applied", "withdrawn")),
    ("referral", ("lead", "networking", "referral_requested", "applied", "interviewing", "offer",
                  "withdrawn")),
)  # fmt: skip


def _add_closed_leads(net: Net, orgs: list[Org]) -> None:
    """A few leads from the previous months that were rejected or withdrawn."""
    rng = net.rng
    for org, (source, path) in zip(orgs, _CLOSED, strict=False):
        role = rng.choice(data.LEAD_ROLES)
        url = (
            None if source == "referral" else f"https://{org.domain}/careers/{to_ascii(role)[:40]}"
        )
        lead_id = net.out.add(
            "lead",
            organization_id=org.id,
            role=role,
            source=source,
            hidden=source == "referral",
            posting_url=url,
            stage=path[-1],
            next_step=None,
            next_due=None,
        )
        day = net.ago(rng.randint(150, 200))
        for before, stage in zip([None, *path], path, strict=False):
            note = "declined: the team was moving to another city" if stage == "withdrawn" else None
            net.out.add(
                "lead_stage_change",
                lead_id=lead_id,
                from_stage=before,
                to_stage=stage,
                changed_on=day,
                note=note,
            )
            day += delta(rng.randint(5, 15))


def _add_bridges(net: Net, orgs: list[Org]) -> None:
    """Close friends who know someone at the top targets: second-degree ways in."""
    rng = net.rng
    friends = net.by_circle.get("inner", []) + net.by_circle.get("close", [])
    for org in orgs:
        members = [pid for pid in org.members if pid != net.me]
        if not friends or not members:
            continue
        friend, inside = rng.choice(friends), rng.choice(members)
        pair = (min(friend, inside), max(friend, inside))
        if friend == inside or pair in net.pairs:
            continue
        net.pairs.add(pair)
        context = rng.choice(("climbing partners", "former teammates", "neighbours", "old friends"))
        net.out.add(
            "knows",
            person_a_id=pair[0],
            person_b_id=pair[1],
            context=context,
            since=net.ago(rng.randint(2, 8) * 365),
            confidence=round(rng.uniform(0.8, 1.0), 2),
            status="confirmed",
        )


def _introduced(net: Net, a: int, b: int, on: str, why: str) -> None:
    """The knows edge a made introduction leaves (no random draw: the rest stays the same)."""
    pair = (min(a, b), max(a, b))
    if a == b or pair in net.pairs:
        return
    net.pairs.add(pair)
    net.out.add(
        "knows",
        person_a_id=pair[0],
        person_b_id=pair[1],
        context=f"introduced by you: {why}",
        since=dt.date.fromisoformat(on),
        confidence=1.0,
        status="confirmed",
    )
