"""What the user noted about a person: contact points, interests, needs, offers and tags."""

from __future__ import annotations

from netweave.demo import data
from netweave.demo.roles import pick
from netweave.demo.state import Net, Person
from netweave.logic.normalize import email_domain_key

_CATEGORIES = tuple(data.INTERESTS)
_MY_PHONE = data.USER_CONTACTS[1][2]


def add_contact_points(net: Net, p: Person) -> None:
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


def _email(net: Net, p: Person, domain: str, *, work: bool, primary: bool) -> None:
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
        domain_key=email_domain_key(address),
    )


def _phone(net: Net, pid: int) -> None:
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


def add_profile(net: Net, p: Person) -> None:
    """Interests by category, what the person needs and offers (fitting their job), and
    tags."""
    rng, out = net.rng, net.out
    seen: list[tuple[str, str]] = []
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 4))):
        category = rng.choice(_CATEGORIES)
        label = rng.choice(data.INTERESTS[category])
        if (category, label) not in seen:
            seen.append((category, label))
            out.add("interest", person_id=p.id, category=category, label=label)
    for share, table in ((0.2, "need"), (0.25, "offer")):
        if rng.random() < share:
            count = 2 if rng.random() < 0.25 else 1
            for phrase in pick(net.side, net.texts_used, p.title, table == "need", count):
                out.add(table, person_id=p.id, text=phrase)
                net.profiled.add(p.id)
    for label in _tags(net, p):
        out.add("person_tag", person_id=p.id, tag_id=net.tags[label])


def _tags(net: Net, p: Person) -> list[str]:
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
