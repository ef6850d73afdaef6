"""The setting of the story: organizations, communities, tags and events."""

from __future__ import annotations

from netweave.demo import data
from netweave.demo.state import CITIES, Community, Event, Net, Org, Weighted, to_ascii
from netweave.logic.normalize import normalize_org

_SECTORS = Weighted([(s, s.weight) for s in data.SECTORS])


def add_reference_data(net: Net, people: int) -> None:
    """Organizations (about one per eight people), communities, tags and events."""
    _add_orgs(net, max(len(data.ANCHORS) + 6, people // 8))
    for name, kind, role in data.COMMUNITIES:
        cid = net.out.add("community", name=name, normalized_name=normalize_org(name), kind=kind)
        net.communities.append(Community(cid, name, kind, role))
    labels = [label for _, label in data.TITLE_TAGS] + list(data.OTHER_TAGS)
    for label in dict.fromkeys(labels):
        net.tags[label] = net.out.add("tag", label=label)
    _add_events(net)
    net.out.flush()


def _add_orgs(net: Net, count: int) -> None:
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
        domain = f"{to_ascii(name)}.example"
        org_id = net.out.add(
            "organization",
            name=name,
            normalized_name=normalize_org(name),
            domain=domain,
            industry=sector.industry,
            location=CITIES.pick(rng),
            notes="Where I work" if index == 0 else None,
        )
        net.orgs.append(Org(org_id, name, sector, domain))
    # The user's two employers hire people only through the "colleague" story.
    net.hiring = Weighted([(org, 1 / (i + 8)) for i, org in enumerate(net.orgs[2:])])


def _add_events(net: Net) -> None:
    rng = net.rng
    patterns = rng.sample(data.EVENTS, rng.randint(15, min(25, len(data.EVENTS))))
    offsets = sorted((rng.randint(3, 720) for _ in patterns), reverse=True)
    for (pattern, kind, place), ago in zip(patterns, offsets, strict=True):
        day = net.ago(ago)
        name = pattern.format(year=day.year, month=day.strftime("%B"))
        notes = "Great hallway track; follow up with speakers." if rng.random() < 0.3 else None
        event_id = net.out.add("event", name=name, date=day, place=place, kind=kind, notes=notes)
        net.events.append(Event(event_id, name, day))
