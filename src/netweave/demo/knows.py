"""Who knows whom: ties between people through a workplace, a school, an event or an intro."""

from __future__ import annotations

import datetime as dt

from netweave.demo.state import Net, Person


def add_knows(net: Net, p: Person) -> None:
    """Edges to earlier people from the same workplace, school or event, and the introducer."""
    rng = net.rng
    if p.introducer is not None:
        context = f"{net.names[p.introducer]} introduced us"
        _edge(net, p.introducer, p.id, context, confirmed=True, since=p.met_on)
    groups: list[tuple[list[int], str, bool, dt.date | None]] = []
    if p.org is not None:
        groups.append((p.org.members, f"work together at {p.org.name}", True, None))
    if p.school is not None:
        groups.append((p.school.members, f"Studied at {p.school.name}", True, None))
    if p.event is not None:
        groups.append((p.event.attendees, f"Both at {p.event.name}", False, p.event.date))
    for members, context, sure, since in groups:
        for _ in range(rng.choice((0, 1, 1, 2, 3)) if members else 0):
            confirmed = sure and rng.random() < 0.85
            _edge(net, rng.choice(members), p.id, context, confirmed=confirmed, since=since)


def _edge(
    net: Net, a: int, b: int, context: str, *, confirmed: bool, since: dt.date | None
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
