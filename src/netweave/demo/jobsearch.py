"""The job search: target employers, leads and their stages, tasks, and introductions."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from netweave.demo import data
from netweave.demo.history import add_interaction, moment
from netweave.demo.state import Net, Org, delta, to_ascii


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
    """Follow-ups (and the 3B7 second contact) for the active leads."""
    tasks: list[_TaskSpec] = []
    for lead in [lead for lead in leads if lead.active][:3]:
        if lead.people:
            pid = lead.people[0]
            title = f"Follow up with {net.names[pid]} about the {lead.role} role"
            tasks.append(("follow_up", title, pid, lead.id, None))
            # the one who has not answered is named: a second contact is found for them
            title = (
                f"No reply yet from {net.names[pid]}: contact a second person at {lead.org.name}"
            )
            tasks.append(("3b7", title, None, lead.id, None))
    return tasks


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
