"""The other people: circle, name, career, schooling and how the user met each of them."""

from __future__ import annotations

import datetime as dt
import random

from netweave.config import DEFAULT_CIRCLES
from netweave.demo import data, names
from netweave.demo.history import add_history
from netweave.demo.knows import add_knows
from netweave.demo.profile import add_contact_points, add_profile
from netweave.demo.roles import SINGLE_TITLES
from netweave.demo.state import (
    CITIES,
    HISTORY_DAYS,
    Circle,
    Job,
    Net,
    Org,
    Person,
    Weighted,
    delta,
    to_ascii,
)
from netweave.logic.cadence import cadence_days

#: People generated between two flushes (bounds memory).
PEOPLE_PER_FLUSH = 2_000

_CULTURES = Weighted([(c, c.weight) for c in names.CULTURES])
_MODES = {c: Weighted(list(zip(data.MODES, w, strict=True))) for c, w in data.MODE_WEIGHTS.items()}


def _circles(rng: random.Random, people: int) -> list[Circle]:
    """Exactly ``people`` circle labels in Dunbar-like proportions, shuffled."""
    labels: list[Circle] = []
    for circle, share in data.CIRCLE_SHARE:
        labels += [circle] * max(1, round(people * share))
    labels = labels[:people] + ["wide"] * (people - len(labels))
    rng.shuffle(labels)
    return labels


def add_people(net: Net, people: int) -> None:
    """``people`` people with everything about them, flushed every ``PEOPLE_PER_FLUSH``."""
    for index, circle in enumerate(_circles(net.rng, people)):
        _add_person(net, circle)
        if (index + 1) % PEOPLE_PER_FLUSH == 0:
            net.out.flush()


def _add_person(net: Net, circle: Circle) -> None:
    p = _identity(net, circle)
    _career(net, p)
    _education(net, p)
    _first_meeting(net, p)
    _person_row(net, p)
    add_contact_points(net, p)
    add_profile(net, p)
    add_history(net, p)
    add_knows(net, p)
    assert p.met_on is not None
    net.given[p.id], net.names[p.id], net.met[p.id] = p.given, p.display, p.met_on
    net.by_circle.setdefault(circle, []).append(p.id)
    if circle == "dormant":
        net.dormant.add(p.id)
    for group in (p.org, p.school):
        if group is not None:
            group.members.append(p.id)
    if p.event is not None:
        p.event.attendees.append(p.id)


def _identity(net: Net, circle: Circle) -> Person:
    """A name from one of many cultures (sometimes in its native script) and a city."""
    rng = net.rng
    culture = _CULTURES.pick(rng)
    female = rng.random() < 0.5
    given, _, given_native = rng.choice(culture.female if female else culture.male).partition("|")
    family, _, family_native = rng.choice(culture.family).partition("|")
    if "/" in family:
        male_form, _, female_form = family.partition("/")
        family = female_form if female else male_form
    ascii_name = (to_ascii(given) or "x", to_ascii(family) or "x")
    display = f"{given} {family}"
    if given_native and rng.random() < 0.15:
        given, family = given_native, family_native
        display = f"{family}{given}" if culture.family_first else f"{given} {family}"
    city = rng.choice(culture.cities) if rng.random() < 0.35 else CITIES.pick(rng)
    pid = net.out.next_id["person"]
    mode = _MODES[circle].pick(rng)
    if mode == "intro" and pid <= net.me + 1:
        mode = "friend"  # nobody yet to introduce them
    pronouns = "she/her" if female else "he/him"
    return Person(pid, circle, mode, given, family, display, ascii_name, city, pronouns)


def _career(net: Net, p: Person) -> None:
    """A current position (for most) and up to two earlier ones; colleagues overlap the user."""
    rng = net.rng
    jobs = _colleague_job(net, p) if p.mode == "colleague" else []
    if not jobs or jobs[0][2] is not None:
        last_end = jobs[0][2] if jobs else None
        if last_end is None:
            start = net.ago(rng.randint(30, 2500))
        else:
            start = min(last_end + delta(rng.randint(0, 90)), net.today)
        end = None if rng.random() < 0.9 else min(start + delta(rng.randint(200, 900)), net.today)
        jobs.insert(0, (_hire(net), start, end))
    for _ in range(rng.choice((0, 1, 1, 2))):
        end = jobs[-1][1] - delta(rng.randint(0, 120))
        jobs.append((_hire(net), end - delta(rng.randint(300, 1800)), end))
    for org, start, end in jobs:
        title = _title(net, org, rng.choice(org.sector.titles))
        net.out.add(
            "position",
            person_id=p.id,
            organization_id=org.id,
            title=title,
            start_date=start,
            end_date=end,
            current=end is None,
        )
        if p.headline == "Open to new roles":
            p.headline = (
                f"{title} at {org.name}" if end is None else f"{p.headline} · ex-{org.name}"
            )
        if end is None and p.org is None:
            p.org, p.title = org, title


def _title(net: Net, org: Org, drawn: str) -> str:
    """The title drawn, unless it is one a single person holds (a founder and CEO) and
    someone at the organization holds it already: then another of its sector's."""
    if drawn not in SINGLE_TITLES:
        return drawn
    if (org.id, drawn) not in net.single_titles:
        net.single_titles.add((org.id, drawn))
        return drawn
    return net.side.choice([t for t in org.sector.titles if t not in SINGLE_TITLES])


def _colleague_job(net: Net, p: Person) -> list[Job]:
    """The position a colleague held at one of the user's employers, overlapping the user."""
    rng = net.rng
    choice = rng.choice((1, 2)) if p.circle == "dormant" else rng.choice((0, 0, 0, 1, 1, 2))
    index, _, mine_start, mine_end = data.USER_CAREER[choice]
    p.met_on = net.ago(mine_start - rng.randint(0, mine_start - (mine_end or 0) - 60))
    p.workplace = net.orgs[index].name
    start = max(p.met_on - delta(rng.randint(0, 700)), net.ago(mine_start + 900))
    still = index == 0 and p.circle != "dormant" and rng.random() < 0.5
    end = None if still else min(p.met_on + delta(rng.randint(120, 1200)), net.ago(20))
    return [(net.orgs[index], start, end)]


def _hire(net: Net) -> Org:
    assert net.hiring is not None
    return net.hiring.pick(net.rng)


def _education(net: Net, p: Person) -> None:
    """A school for most people (the user's own for classmates), a few alumni groups and clubs."""
    rng, year, out = net.rng, net.today.year, net.out
    schools, start = net.communities[:7], 0
    if p.mode == "classmate":
        start = year - 18 + rng.choice((-1, 0, 0, 1))
        p.school, p.met_on = schools[0], dt.date(max(start, year - 18), 9, rng.randint(1, 28))
    elif rng.random() < 0.55:
        start = year - rng.randint(5, 30)
        p.school = schools[0] if rng.random() < 0.2 else rng.choice(schools)
    if p.school is not None:
        degree = p.school.role if rng.random() < 0.4 else rng.choice(data.DEGREES)
        end = start + (2 if degree.startswith("M") else 4)
        out.add(
            "affiliation",
            person_id=p.id,
            community_id=p.school.id,
            role=degree,
            start_year=start,
            end_year=end,
        )
    for community in net.communities[7:]:
        share = 0.3 if community.kind == "alumni" and p.school is schools[0] else 0.03
        if rng.random() < share:
            role = rng.choice(data.CLUB_ROLES) if community.kind == "club" else "Member"
            out.add(
                "affiliation",
                person_id=p.id,
                community_id=community.id,
                role=role,
                start_year=year - rng.randint(0, 8),
                end_year=None,
            )


def _first_meeting(net: Net, p: Person) -> None:
    """When the user met this person (work and school have set ``met_on`` already)."""
    rng = net.rng
    if p.mode == "event":
        p.event = rng.choice(net.events)
        p.met_on = p.event.date
    elif p.mode == "intro":
        p.introducer = rng.randint(net.me + 1, p.id - 1)
    if p.met_on is None:
        recent = rng.random() < data.RECENT_SHARE[p.circle] * (0.5 if p.mode == "friend" else 1)
        p.met_on = net.ago(rng.randint(0, HISTORY_DAYS) if recent else rng.randint(901, 5500))
    if p.introducer is not None and p.met_on <= net.met[p.introducer]:
        # An introduction comes after the user met the introducer.
        p.met_on = min(net.met[p.introducer] + delta(rng.randint(7, 400)), net.today)


def _met_how(net: Net, p: Person) -> str:
    rng = net.rng
    if p.workplace is not None:
        return f"Worked together at {p.workplace}"
    if p.mode == "classmate" and p.school is not None:
        return f"Classmates at {p.school.name}"
    if p.event is not None:
        return f"Met at {p.event.name}"
    if p.introducer is not None:
        return f"Introduced by {net.names[p.introducer]}"
    pattern = rng.choice(data.MET_TEXT["online" if p.mode == "online" else "friend"])
    club = rng.choice(net.communities[10:]).name
    return pattern.format(topic=rng.choice(data.TOPICS), city=p.town, club=club)


def _person_row(net: Net, p: Person) -> None:
    rng = net.rng
    pronouns = None
    if rng.random() < 0.22:
        pronouns = "they/them" if rng.random() < 0.05 else p.pronouns
    birthday = None
    if rng.random() < 0.3:
        born = dt.date(net.today.year - rng.randint(24, 66), 1, 1) + delta(rng.randrange(365))
        birthday = born.isoformat() if rng.random() < 0.6 else born.strftime("--%m-%d")
    notes = rng.choice(data.NOTES) if rng.random() < 0.15 else None
    cadence = None
    if p.circle != "dormant" and rng.random() < 0.03:
        cadence = rng.choice((7, 21, 45, 60, 120))  # the user's own rhythm with a few people
    p.cadence = cadence_days(p.circle, cadence, DEFAULT_CIRCLES)
    pid = net.out.add(
        "person",
        display_name=p.display,
        given_name=p.given,
        family_name=p.family,
        pronouns=pronouns,
        headline=p.headline,
        location=p.city,
        birthday=birthday,
        notes=notes,
        met_how=_met_how(net, p),
        met_event_id=p.event.id if p.event else None,
        met_on=p.met_on,
        introduced_by_id=p.introducer,
        circle=p.circle,
        cadence_days=cadence,
    )
    assert pid == p.id
