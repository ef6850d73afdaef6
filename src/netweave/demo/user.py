"""The user at the centre of the network: their record, career, communities and profile."""

from __future__ import annotations

from netweave.demo import data
from netweave.demo.state import Net
from netweave.logic.normalize import email_domain_key


def add_me(net: Net) -> None:
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


def _add_my_details(net: Net, me: int) -> None:
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
            domain_key=email_domain_key(normalized) if kind == "email" else None,
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
