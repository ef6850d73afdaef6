"""Deterministic synthetic networks for the demo, tests and benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Generic, TypeVar

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from netweave import demo_data as data
from netweave.errors import Conflict, InvalidInput
from netweave.logic.normalize import fold, normalize_org
from netweave.services.context import Context
from netweave.store import models as m
from netweave.store.search import index_people

#: Rows per INSERT batch, and people generated between two flushes (bounds memory).
CHUNK = 5_000
PEOPLE_PER_FLUSH = 2_000
#: How far back the interaction history goes (about two and a half years).
HISTORY_DAYS = 900
MIN_PEOPLE = 10

Row = dict[str, Any]
Circle = str | None
Job = tuple["_Org", dt.date, dt.date | None]
T = TypeVar("T")


def _table(model: type[m.Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


#: Every table the demo writes, parents before children (the order of the INSERTs).
_ORDER: tuple[Table, ...] = (
    *map(_table, (m.Organization, m.Community, m.Tag, m.Event, m.Person, m.ContactPoint)),
    *map(_table, (m.Position, m.Affiliation, m.Interest, m.Need, m.Offer)),
    m.person_tag,
    m.event_attendee,
    *map(_table, (m.Interaction, m.InteractionParticipant, m.Exchange, m.Knows, m.Target)),
    *map(_table, (m.Lead, m.LeadStageChange, m.LeadPerson, m.Task, m.Introduction)),
)
#: One SQL-side timestamp per statement instead of a Python default processed for every row.
_NOW = func.current_timestamp()


class _Weighted(Generic[T]):
    """A weighted choice in O(log n) per pick that uses only the ``Random`` it is given."""

    def __init__(self, items: Sequence[tuple[T, float]]) -> None:
        self.items = [item for item, _ in items]
        self.cum = list(accumulate(weight for _, weight in items))

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self.cum, rng.random() * self.cum[-1])]


_CULTURES = _Weighted([(c, c.weight) for c in data.CULTURES])
_CITIES = _Weighted(data.CITIES)
_SECTORS = _Weighted([(s, s.weight) for s in data.SECTORS])
_MODES = {c: _Weighted(list(zip(data.MODES, w, strict=True))) for c, w in data.MODE_WEIGHTS.items()}
_KINDS_NEAR = _Weighted(data.KINDS_NEAR)
_KINDS_FAR = _Weighted(data.KINDS_FAR)
_EX_DIRECTIONS = _Weighted(data.EXCHANGE_DIRECTIONS)
_EX_KINDS = _Weighted(data.EXCHANGE_KINDS)
_CATEGORIES = tuple(data.INTERESTS)
_LETTERS = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "ı": "i", "œ": "oe"})
_MY_PHONE = data.USER_CONTACTS[1][2]


def _ascii(value: str) -> str:
    """Lower-case ASCII letters and digits only, for e-mail addresses and profile slugs."""
    return "".join(c for c in fold(value).translate(_LETTERS) if c.isascii() and c.isalnum())


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


class _Writer:
    """Buffers plain-dict rows per table and inserts them in bulk, parents first."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: dict[str, list[Row]] = {t.name: [] for t in _ORDER}
        self.counts: dict[str, int] = {t.name: 0 for t in _ORDER}
        self.templates = {t.name: _template(t) for t in _ORDER}
        # Ids are assigned here, so children can point at parents without a round trip.
        self.next_id = {
            t.name: (session.scalar(select(func.max(t.c.id))) or 0) + 1
            for t in _ORDER
            if "id" in t.c
        }

    def add(self, table: str, **values: Any) -> int:
        """Buffer one row (all rows of a table get the same keys); return its new id or 0."""
        row = dict(self.templates[table])
        if not values.keys() <= row.keys():
            raise KeyError(f"unknown columns for {table}: {sorted(set(values) - set(row))}")
        row.update(values)
        new_id = self.next_id.get(table, 0)
        if new_id:
            row["id"] = new_id
            self.next_id[table] = new_id + 1
        self.rows[table].append(row)
        return new_id

    def flush(self) -> None:
        """Insert everything buffered, ``CHUNK`` rows per statement."""
        for table in _ORDER:
            rows = self.rows[table.name]
            statement = insert(table)
            if "created_at" in table.c:
                statement = statement.values(created_at=_NOW, updated_at=_NOW)
            for start in range(0, len(rows), CHUNK):
                self.session.execute(statement, rows[start : start + CHUNK])
            self.counts[table.name] += len(rows)
            rows.clear()


def _template(table: Table) -> Row:
    """Every insertable column with its scalar default (``None`` where there is none)."""
    row: Row = {}
    for col in table.columns:
        if col.name not in ("id", "created_at", "updated_at"):
            default = col.default
            row[col.name] = getattr(default, "arg", None) if default and default.is_scalar else None
    return row


@dataclass(slots=True)
class _Org:
    id: int
    name: str
    sector: data.Sector
    domain: str
    members: list[int] = field(default_factory=list)  # current employees, in id order


@dataclass(slots=True)
class _Community:
    id: int
    name: str
    kind: str
    role: str
    members: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Event:
    id: int
    name: str
    date: dt.date
    attendees: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Person:
    """What the generator decides about one person before writing their rows."""

    id: int
    circle: Circle
    mode: str  # how the user met them: colleague, classmate, event, intro, online, friend
    given: str
    family: str
    display: str
    ascii_name: tuple[str, str]
    city: str
    pronouns: str
    org: _Org | None = None
    title: str | None = None
    headline: str = "Open to new roles"
    workplace: str | None = None
    school: _Community | None = None
    event: _Event | None = None
    introducer: int | None = None
    met_on: dt.date | None = None

    @property
    def town(self) -> str:
        """The city without its region (``"Oakland"``)."""
        return self.city.split(",")[0]


@dataclass
class _Net:
    """One build: the random source, today, the writer, and what was generated so far."""

    rng: random.Random
    today: dt.date
    out: _Writer
    orgs: list[_Org] = field(default_factory=list)
    hiring: _Weighted[_Org] | None = None
    communities: list[_Community] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    tags: dict[str, int] = field(default_factory=dict)
    me: int = 0
    given: dict[int, str] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    met: dict[int, dt.date] = field(default_factory=dict)
    by_circle: dict[Circle, list[int]] = field(default_factory=dict)
    dormant: set[int] = field(default_factory=set)
    emails: dict[str, int] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)
    pairs: set[tuple[int, int]] = field(default_factory=set)
    phones: int = 0

    def ago(self, days: int) -> dt.date:
        """The date ``days`` before today."""
        return self.today - _days(days)


def build_demo(ctx: Context, *, people: int = 300, seed: int = 7) -> dict[str, int]:
    """Fill an empty database with a realistic synthetic network around the user.

    The same ``seed`` and ``ctx.clock.today()`` always give the same rows, so the demo,
    tests and benchmarks can rely on them. Returns the number of rows written per table.
    """
    if people < MIN_PEOPLE:
        raise InvalidInput(f"a demo network needs at least {MIN_PEOPLE} people, not {people}")
    with ctx.db.transaction() as session:
        held = session.scalar(select(func.count()).select_from(m.Person)) or 0
        if held:
            raise Conflict(
                f"the database already holds {held} people; demo data goes into an empty database"
            )
        net = _Net(rng=random.Random(seed), today=ctx.clock.today(), out=_Writer(session))
        _reference_data(net, people)
        _add_me(net)
        _add_people(net, people)
        _add_job_search(net)
        net.out.flush()
        _reset_sequences(session, net.out.counts)
        index_people(session, range(net.me, net.out.next_id["person"]))
    return {name: count for name, count in net.out.counts.items() if count}


def _reset_sequences(session: Session, counts: dict[str, int]) -> None:
    """Explicit ids bypass PostgreSQL's sequences: move each past the highest id written."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in _ORDER:
        if "id" in table.c and counts[table.name]:
            name = table.name
            sequence = f"pg_get_serial_sequence('{name}', 'id')"
            session.execute(text(f"SELECT setval({sequence}, (SELECT max(id) FROM {name}))"))


# --- reference data: organizations, communities, tags, events --------------------------------


def _reference_data(net: _Net, people: int) -> None:
    _add_orgs(net, max(len(data.ANCHORS) + 6, people // 8))
    for name, kind, role in data.COMMUNITIES:
        cid = net.out.add("community", name=name, normalized_name=normalize_org(name), kind=kind)
        net.communities.append(_Community(cid, name, kind, role))
    labels = [label for _, label in data.TITLE_TAGS] + list(data.OTHER_TAGS)
    for label in dict.fromkeys(labels):
        net.tags[label] = net.out.add("tag", label=label)
    _add_events(net)
    net.out.flush()


def _add_orgs(net: _Net, count: int) -> None:
    """The story's anchor organizations, then generated ones with unique normalized names."""
    rng, seen, tries = net.rng, set[str](), dict[str, int]()
    sectors = {s.key: s for s in data.SECTORS}
    named = [(name, sectors[key]) for name, key in data.ANCHORS]
    while len(named) < count:
        sector = _SECTORS.pick(rng)
        named.append((f"{rng.choice(sector.first)} {rng.choice(sector.second)}", sector))
    for index, (base, sector) in enumerate(named):
        name = base
        while normalize_org(name) in seen:
            tried = tries[base] = tries.get(base, 0) + 1
            qualifier = data.REGIONS[tried - 1] if tried <= len(data.REGIONS) else str(tried)
            name = f"{base} {qualifier}"
        seen.add(normalize_org(name))
        domain = f"{_ascii(name)}.example"
        org_id = net.out.add(
            "organization",
            name=name,
            normalized_name=normalize_org(name),
            domain=domain,
            industry=sector.industry,
            location=_CITIES.pick(rng),
            notes="Where I work" if index == 0 else None,
        )
        net.orgs.append(_Org(org_id, name, sector, domain))
    # The user's two employers hire people only through the "colleague" story.
    net.hiring = _Weighted([(org, 1 / (i + 8)) for i, org in enumerate(net.orgs[2:])])


def _add_events(net: _Net) -> None:
    rng = net.rng
    patterns = rng.sample(data.EVENTS, rng.randint(15, min(25, len(data.EVENTS))))
    offsets = sorted((rng.randint(3, 720) for _ in patterns), reverse=True)
    for (pattern, kind, place), ago in zip(patterns, offsets, strict=True):
        day = net.ago(ago)
        name = pattern.format(year=day.year, month=day.strftime("%B"))
        notes = "Great hallway track; follow up with speakers." if rng.random() < 0.3 else None
        event_id = net.out.add("event", name=name, date=day, place=place, kind=kind, notes=notes)
        net.events.append(_Event(event_id, name, day))


# --- the user --------------------------------------------------------------------------------


def _add_me(net: _Net) -> None:
    """The user's own record, career and communities."""
    out = net.out
    me = net.me = out.add("person", is_me=True, **data.USER)
    for index, title, start, end in data.USER_CAREER:
        finish = None if end is None else net.ago(end)
        org_id = net.orgs[index].id
        out.add(
            "position",
            person_id=me,
            organization_id=org_id,
            title=title,
            start_date=net.ago(start),
            end_date=finish,
            current=end is None,
        )
    for index, start, end in data.USER_COMMUNITIES:
        community, year = net.communities[index], net.today.year
        out.add(
            "affiliation",
            person_id=me,
            community_id=community.id,
            role=community.role,
            start_year=year - start,
            end_year=None if end is None else year - end,
        )
    _add_my_details(net, me)


def _add_my_details(net: _Net, me: int) -> None:
    """The user's contact points, interests, needs and offers, and the events they attended."""
    out = net.out
    for kind, value, normalized, label in data.USER_CONTACTS:
        out.add(
            "contact_point",
            person_id=me,
            kind=kind,
            value=value,
            normalized=normalized,
            label=label,
            is_primary=True,
        )
    net.emails[data.USER_CONTACTS[0][2]] = 1
    net.slugs.add(data.USER_CONTACTS[2][2].rsplit("/", 1)[1])
    for category, label in data.USER_INTERESTS:
        out.add("interest", person_id=me, category=category, label=label)
    for need in data.USER_NEEDS:
        out.add("need", person_id=me, text=need)
    for offer in data.USER_OFFERS:
        out.add("offer", person_id=me, text=offer)
    for event in net.events:
        out.add("event_attendee", event_id=event.id, person_id=me)


# --- the other people ------------------------------------------------------------------------


def _circles(rng: random.Random, people: int) -> list[Circle]:
    """Exactly ``people`` circle labels in Dunbar-like proportions, shuffled."""
    labels: list[Circle] = []
    for circle, share in data.CIRCLE_SHARE:
        labels += [circle] * max(1, round(people * share))
    labels = labels[:people] + ["wide"] * (people - len(labels))
    rng.shuffle(labels)
    return labels


def _add_people(net: _Net, people: int) -> None:
    for index, circle in enumerate(_circles(net.rng, people)):
        _add_person(net, circle)
        if (index + 1) % PEOPLE_PER_FLUSH == 0:
            net.out.flush()


def _add_person(net: _Net, circle: Circle) -> None:
    p = _identity(net, circle)
    _career(net, p)
    _education(net, p)
    _first_meeting(net, p)
    _person_row(net, p)
    _contact_points(net, p)
    _profile(net, p)
    _history(net, p)
    _knows(net, p)
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


def _identity(net: _Net, circle: Circle) -> _Person:
    """A name from one of many cultures (sometimes in its native script) and a city."""
    rng = net.rng
    culture = _CULTURES.pick(rng)
    female = rng.random() < 0.5
    given, _, given_native = rng.choice(culture.female if female else culture.male).partition("|")
    family, _, family_native = rng.choice(culture.family).partition("|")
    if "/" in family:
        male_form, _, female_form = family.partition("/")
        family = female_form if female else male_form
    ascii_name = (_ascii(given) or "x", _ascii(family) or "x")
    display = f"{given} {family}"
    if given_native and rng.random() < 0.15:
        given, family = given_native, family_native
        display = f"{family}{given}" if culture.family_first else f"{given} {family}"
    city = rng.choice(culture.cities) if rng.random() < 0.35 else _CITIES.pick(rng)
    pid = net.out.next_id["person"]
    mode = _MODES[circle].pick(rng)
    if mode == "intro" and pid <= net.me + 1:
        mode = "friend"  # nobody yet to introduce them
    pronouns = "she/her" if female else "he/him"
    return _Person(pid, circle, mode, given, family, display, ascii_name, city, pronouns)


def _career(net: _Net, p: _Person) -> None:
    """A current position (for most) and up to two earlier ones; colleagues overlap the user."""
    rng = net.rng
    jobs = _colleague_job(net, p) if p.mode == "colleague" else []
    if not jobs or jobs[0][2] is not None:
        last_end = jobs[0][2] if jobs else None
        if last_end is None:
            start = net.ago(rng.randint(30, 2500))
        else:
            start = min(last_end + _days(rng.randint(0, 90)), net.today)
        end = None if rng.random() < 0.9 else min(start + _days(rng.randint(200, 900)), net.today)
        jobs.insert(0, (_hire(net), start, end))
    for _ in range(rng.choice((0, 1, 1, 2))):
        end = jobs[-1][1] - _days(rng.randint(0, 120))
        jobs.append((_hire(net), end - _days(rng.randint(300, 1800)), end))
    for org, start, end in jobs:
        title = rng.choice(org.sector.titles)
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


def _colleague_job(net: _Net, p: _Person) -> list[Job]:
    """The position a colleague held at one of the user's employers, overlapping the user."""
    rng = net.rng
    choice = rng.choice((1, 2)) if p.circle == "dormant" else rng.choice((0, 0, 0, 1, 1, 2))
    index, _, mine_start, mine_end = data.USER_CAREER[choice]
    p.met_on = net.ago(mine_start - rng.randint(0, mine_start - (mine_end or 0) - 60))
    p.workplace = net.orgs[index].name
    start = max(p.met_on - _days(rng.randint(0, 700)), net.ago(mine_start + 900))
    still = index == 0 and p.circle != "dormant" and rng.random() < 0.5
    end = None if still else min(p.met_on + _days(rng.randint(120, 1200)), net.ago(20))
    return [(net.orgs[index], start, end)]


def _hire(net: _Net) -> _Org:
    assert net.hiring is not None
    return net.hiring.pick(net.rng)


def _education(net: _Net, p: _Person) -> None:
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


def _first_meeting(net: _Net, p: _Person) -> None:
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
        p.met_on = min(net.met[p.introducer] + _days(rng.randint(7, 400)), net.today)


def _met_how(net: _Net, p: _Person) -> str:
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


def _person_row(net: _Net, p: _Person) -> None:
    rng = net.rng
    pronouns = None
    if rng.random() < 0.22:
        pronouns = "they/them" if rng.random() < 0.05 else p.pronouns
    birthday = None
    if rng.random() < 0.3:
        born = dt.date(net.today.year - rng.randint(24, 66), 1, 1) + _days(rng.randrange(365))
        birthday = born.isoformat() if rng.random() < 0.6 else born.strftime("--%m-%d")
    notes = rng.choice(data.NOTES) if rng.random() < 0.15 else None
    cadence = rng.choice((7, 21, 45, 60, 120)) if rng.random() < 0.03 else None
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


def _contact_points(net: _Net, p: _Person) -> None:
    """Most people have an e-mail address, many a phone number and a LinkedIn profile."""
    rng = net.rng
    if rng.random() < 0.88:
        work = p.org is not None and rng.random() < 0.4
        domain = p.org.domain if work and p.org else rng.choice(data.PERSONAL_DOMAINS)
        _email(net, p, domain, work=work, primary=True)
        if p.org is not None and not work and rng.random() < 0.15:
            _email(net, p, p.org.domain, work=True, primary=False)
    if rng.random() < 0.6:
        _phone(net, p.id)
    if rng.random() < 0.7:
        base = "-".join(p.ascii_name)
        slug = base if rng.random() < 0.3 else f"{base}-{rng.getrandbits(28):07x}"
        while slug in net.slugs:
            slug = f"{base}-{rng.getrandbits(28):07x}"
        net.slugs.add(slug)
        url = f"https://www.linkedin.com/in/{slug}"
        net.out.add(
            "contact_point",
            person_id=p.id,
            kind="linkedin",
            value=url,
            normalized=f"linkedin.com/in/{slug}",
            is_primary=True,
        )


def _email(net: _Net, p: _Person, domain: str, *, work: bool, primary: bool) -> None:
    """An address unique in the network: namesakes get a counter (names hold no digits)."""
    first, last = p.ascii_name
    forms = (f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", f"{first}_{last}")
    local = forms[net.rng.randrange(len(forms))]
    address = f"{local}@{domain}"
    seen = net.emails.get(address, 0)
    net.emails[address] = seen + 1
    if seen:
        address = f"{local}{seen + 1}@{domain}"
    label = "work" if work else "personal"
    net.out.add(
        "contact_point",
        person_id=p.id,
        kind="email",
        value=address,
        normalized=address,
        label=label,
        is_primary=primary,
    )


def _phone(net: _Net, pid: int) -> None:
    """A fictional 555 number; a serial spread over area codes keeps every number distinct."""
    areas, capacity = data.PHONE_AREAS, len(data.PHONE_AREAS) * 10_000
    while True:
        serial, net.phones = net.phones, net.phones + 1
        if serial >= capacity:
            return  # every number is taken
        # A multiplier coprime with the capacity permutes the serials: distinct, yet mixed.
        number = (serial * 104_729 + 4_231) % capacity
        area, line = areas[number % len(areas)], f"{number // len(areas):04d}"
        if f"+1{area}555{line}" != _MY_PHONE:
            break
    shown = net.rng.choice((f"({area}) 555-{line}", f"+1 {area} 555 {line}", f"{area}-555-{line}"))
    net.out.add(
        "contact_point",
        person_id=pid,
        kind="phone",
        value=shown,
        normalized=f"+1{area}555{line}",
        label="mobile",
        is_primary=True,
    )


def _profile(net: _Net, p: _Person) -> None:
    """Interests by category, what the person needs and offers, and tags."""
    rng, out = net.rng, net.out
    seen: list[tuple[str, str]] = []
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 4))):
        category = rng.choice(_CATEGORIES)
        label = rng.choice(data.INTERESTS[category])
        if (category, label) not in seen:
            seen.append((category, label))
            out.add("interest", person_id=p.id, category=category, label=label)
    for texts, share, table in ((data.NEEDS, 0.2, "need"), (data.OFFERS, 0.25, "offer")):
        if rng.random() < share:
            for phrase in rng.sample(texts, 2 if rng.random() < 0.25 else 1):
                out.add(table, person_id=p.id, text=phrase)
    for label in _tags(net, p):
        out.add("person_tag", person_id=p.id, tag_id=net.tags[label])


def _tags(net: _Net, p: _Person) -> list[str]:
    """Tags a user would plausibly have added: some implied by the job, a few at random."""
    rng = net.rng
    found = [tag for word, tag in data.TITLE_TAGS if p.title and word in p.title]
    if p.org is not None and p.org.sector.key in data.SECTOR_TAGS:
        found.append(data.SECTOR_TAGS[p.org.sector.key])
    if p.workplace is not None:
        found.append("former-colleague")
    if p.school is not None and p.school is net.communities[0]:
        found.append("alumni")
    kept = [tag for tag in dict.fromkeys(found) if rng.random() < 0.5]
    if rng.random() < 0.2:
        kept.append(rng.choice(data.OTHER_TAGS))
    return list(dict.fromkeys(kept))


# --- interactions ----------------------------------------------------------------------------


def _history(net: _Net, p: _Person) -> None:
    """Bursty contact over the history; closer circles talk more, dormant ones stopped."""
    rng = net.rng
    assert p.met_on is not None
    window = net.ago(HISTORY_DAYS)
    end = net.ago(rng.randint(400, 650)) if p.circle == "dormant" else net.today
    start = min(max(window, p.met_on), end)
    activity = rng.lognormvariate(-0.125, 0.5)  # mean 1: some people are simply chattier
    count = round(data.BASE_COUNT[p.circle] * activity * (end - start).days / HISTORY_DAYS)
    if p.met_on >= window:
        _first_contact(net, p)
    for when, kind in sorted(_moments(net, p, _burst_days(rng, start, end, count))):
        template, direction = rng.choice(data.SUMMARIES[kind])
        summary = template.format(given=p.given, topic=rng.choice(data.TOPICS), city=p.town)
        iid = _interaction(net, _with(net, p), when, kind, direction, summary)
        if kind != "note" and rng.random() < 0.08:
            _exchange(net, p.id, iid, when.date())
    if p.event is None and rng.random() < 0.04:
        event = rng.choice(net.events)
        if start <= event.date <= end:
            net.out.add("event_attendee", event_id=event.id, person_id=p.id)
            event.attendees.append(p.id)
            when = _moment(net, event.date, "event")
            summary = f"Ran into {p.given} at {event.name}"
            _interaction(net, [p.id], when, "event", "both", summary, event.id)


def _first_contact(net: _Net, p: _Person) -> None:
    """The meeting itself, on ``met_on``: at an event, or a first conversation."""
    assert p.met_on is not None
    if p.event is not None:
        net.out.add("event_attendee", event_id=p.event.id, person_id=p.id)
        when = _moment(net, p.met_on, "event", weekdays=False)
        summary = f"Met {p.given} at {p.event.name}"
        _interaction(net, [p.id], when, "event", "both", summary, p.event.id)
        return
    kind = net.rng.choice(("coffee", "video", "call", "meeting"))
    when = _moment(net, p.met_on, kind, weekdays=False)
    summary = f"First conversation with {p.given}: {net.rng.choice(data.TOPICS)}"
    _interaction(net, [p.id], when, kind, "both", summary)


def _burst_days(rng: random.Random, start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    """``count`` days in [start, end], in bursts of a few contacts close together."""
    span = (end - start).days
    days: list[dt.date] = []
    while len(days) < count:
        size = min(count - len(days), 1 + min(int(rng.expovariate(0.7)), 5))
        offset = rng.randint(0, span)
        for _ in range(size):
            days.append(start + _days(min(offset, span)))
            offset += rng.randint(0, 6)
    return days


def _moments(net: _Net, p: _Person, days: list[dt.date]) -> list[tuple[dt.datetime, str]]:
    """A kind and a time for each day; people far away are seen in person less often."""
    rng = net.rng
    kinds = _KINDS_NEAR if p.circle in ("inner", "close") else _KINDS_FAR
    local = p.city in data.LOCAL_CITIES
    moments = []
    for day in days:
        kind = kinds.pick(rng)
        if not local and kind in ("coffee", "meeting") and rng.random() < 0.8:
            kind = "video"
        moments.append((_moment(net, day, kind), kind))
    return moments


def _moment(net: _Net, day: dt.date, kind: str, *, weekdays: bool = True) -> dt.datetime:
    """A plausible UTC time on ``day``: work contact mostly off weekends, today only mornings."""
    rng = net.rng
    if weekdays and day.weekday() >= 5 and kind not in ("message", "event") and rng.random() < 0.8:
        day -= _days(day.weekday() - 4)
    low, high = data.HOURS[kind]
    hour = rng.randint(low, high)
    if day == net.today:
        hour = min(hour, 9)
    minute = rng.randrange(60) if kind in ("email", "message", "note") else 15 * rng.randrange(4)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)


def _with(net: _Net, p: _Person) -> list[int]:
    """The participants: the person, now and then joined by a colleague of theirs."""
    if p.org is not None and p.org.members and net.rng.random() < 0.04:
        other = net.rng.choice(p.org.members)
        if other not in net.dormant:
            return [p.id, other]
    return [p.id]


def _interaction(
    net: _Net,
    who: list[int],
    when: dt.datetime,
    kind: str,
    direction: str,
    summary: str,
    event_id: int | None = None,
) -> int:
    out = net.out
    iid = out.add(
        "interaction",
        occurred_at=when,
        kind=kind,
        direction=direction,
        summary=summary,
        source="manual",
        event_id=event_id,
    )
    for pid in who:
        out.add("interaction_participant", interaction_id=iid, person_id=pid, occurred_at=when)
    return iid


def _exchange(net: _Net, pid: int, iid: int, day: dt.date) -> None:
    """Something given, received or asked for in an interaction; recent asks are still open."""
    rng = net.rng
    direction, kind = _EX_DIRECTIONS.pick(rng), _EX_KINDS.pick(rng)
    status, roll = "fulfilled", rng.random()
    if direction == "asked" and ((net.today - day).days < 30 or roll < 0.15):
        status = "open"
    elif direction == "asked" and roll < 0.3:
        status = "declined"
    note = rng.choice(data.EXCHANGE_NOTES[kind])
    net.out.add(
        "exchange",
        person_id=pid,
        interaction_id=iid,
        direction=direction,
        kind=kind,
        status=status,
        occurred_on=day,
        note=note,
    )


# --- who knows whom --------------------------------------------------------------------------


def _knows(net: _Net, p: _Person) -> None:
    """Edges to earlier people from the same workplace, school or event, and the introducer."""
    rng = net.rng
    if p.introducer is not None:
        context = f"{net.names[p.introducer]} introduced us"
        _edge(net, p.introducer, p.id, context, confirmed=True, since=p.met_on)
    groups: list[tuple[list[int], str, bool, dt.date | None]] = []
    if p.org is not None:
        groups.append((p.org.members, f"Work together at {p.org.name}", True, None))
    if p.school is not None:
        groups.append((p.school.members, f"Studied at {p.school.name}", True, None))
    if p.event is not None:
        groups.append((p.event.attendees, f"Both at {p.event.name}", False, p.event.date))
    for members, context, sure, since in groups:
        for _ in range(rng.choice((0, 1, 1, 2, 3)) if members else 0):
            confirmed = sure and rng.random() < 0.85
            _edge(net, rng.choice(members), p.id, context, confirmed=confirmed, since=since)


def _edge(
    net: _Net, a: int, b: int, context: str, *, confirmed: bool, since: dt.date | None
) -> None:
    pair = (min(a, b), max(a, b))
    if a == b or pair in net.pairs:
        return
    net.pairs.add(pair)
    low, high = (0.6, 1.0) if confirmed else (0.3, 0.7)
    status = "confirmed" if confirmed else "suggested"
    net.out.add(
        "knows",
        person_a_id=pair[0],
        person_b_id=pair[1],
        context=context,
        since=since,
        confidence=round(net.rng.uniform(low, high), 2),
        status=status,
    )


# --- the job search: targets, leads, tasks, introductions ------------------------------------


@dataclass(slots=True)
class _Lead:
    id: int
    role: str
    org: _Org
    people: list[int]
    active: bool


def _add_job_search(net: _Net) -> None:
    targets = _add_targets(net)
    leads = [_add_lead(net, org) for org in targets[: net.rng.randint(4, 6)]]
    _add_tasks(net, _lead_tasks(net, leads))
    _add_introductions(net)


def _add_targets(net: _Net) -> list[_Org]:
    """8–12 employers on the LAMP list (climate anchors first), returned best-ranked first."""
    rng = net.rng
    extra = [org for org in net.orgs[len(data.ANCHORS) :] if org.sector.key == "climate"]
    chosen = (net.orgs[2:12] + extra[:10])[: rng.randint(8, 12)]
    ranked: list[tuple[int, int, int, _Org]] = []
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


def _add_lead(net: _Net, org: _Org) -> _Lead:
    """A lead at a target employer with its stage history and the people involved."""
    rng, out = net.rng, net.out
    path, role = _stage_path(rng), rng.choice(data.LEAD_ROLES)
    source = rng.choice(data.LEAD_SOURCES)
    hidden = source in ("referral", "network") and rng.random() < 0.6
    url = None if hidden else f"https://{org.domain}/careers/{_ascii(role)[:40]}"
    members = [pid for pid in org.members if pid not in net.dormant]
    people = rng.sample(members, min(3, len(members)))
    active = path[-1] not in ("rejected", "withdrawn")
    step = due = None
    if active and people:
        step = rng.choice(data.LEAD_STEPS).format(given=net.given[people[0]], org=org.name)
        due = net.today + _days(rng.randint(-2, 7))
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
        day = min(day + _days(rng.randint(3, 14)), net.today)
    first = "referrer" if "referral_requested" in path else "advocate"
    third = "interviewer" if "interviewing" in path else "recruiter"
    for pid, lead_role in zip(people, (first, "hiring_manager", third), strict=False):
        out.add("lead_person", lead_id=lead_id, person_id=pid, role=lead_role)
        when = _moment(net, net.ago(rng.randint(1, 40)), "video")
        summary = f"Talked with {net.given[pid]} about the {role} opening at {org.name}"
        _interaction(net, [pid], when, "video", "both", summary)
    return _Lead(lead_id, role, org, people, active)


#: A task as (kind, title, person id, lead id, event id).
_TaskSpec = tuple[str, str, int | None, int | None, int | None]


def _lead_tasks(net: _Net, leads: list[_Lead]) -> list[_TaskSpec]:
    """Follow-ups (and the 3B7 second contact) for the active leads."""
    tasks: list[_TaskSpec] = []
    for lead in [lead for lead in leads if lead.active][:3]:
        if lead.people:
            pid = lead.people[0]
            title = f"Follow up with {net.names[pid]} about the {lead.role} role"
            tasks.append(("follow_up", title, pid, lead.id, None))
        title = f"No reply yet: contact a second person at {lead.org.name}"
        tasks.append(("3b7", title, None, lead.id, None))
    return tasks


def _add_tasks(net: _Net, tasks: list[_TaskSpec]) -> None:
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
    yesterday = today - _days(1)
    done = dt.datetime.combine(yesterday, dt.time(17, 30), tzinfo=dt.UTC)
    for index, (kind, title, person, lead, event_id) in enumerate(tasks):
        due = yesterday if index == 0 else today + _days(rng.randint(-2, 6))
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


def _add_introductions(net: _Net) -> None:
    """One or two introductions the user is brokering between people who could help each other."""
    rng = net.rng
    strong = net.by_circle.get("close", []) + net.by_circle.get("active", [])
    newer = net.by_circle.get(None, []) + net.by_circle.get("wide", [])
    for state in rng.sample(("proposed", "asked_a", "agreed", "introduced"), rng.randint(1, 2)):
        a, b = rng.choice(strong), rng.choice(newer)
        day, history = net.ago(rng.randint(15, 40)), {}
        for step in data.INTRO_STEPS[: data.INTRO_STEPS.index(state) + 1]:
            history[step] = day.isoformat()
            day += _days(rng.randint(1, 5))
        given_a, given_b = net.given[a], net.given[b]
        why = f"{given_b} wants advice on {rng.choice(data.TOPICS)}; {given_a} knows it well"
        outcome = f"{given_a} and {given_b} met for coffee" if state == "introduced" else None
        net.out.add(
            "introduction",
            person_a_id=a,
            person_b_id=b,
            why=why,
            state=state,
            outcome=outcome,
            history=history,
        )
