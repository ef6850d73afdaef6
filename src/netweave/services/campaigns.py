"""Seasonal check-ins: a checklist of people to greet, each with a prompt drawn from the network.

A campaign's audience is everyone in some circles and/or carrying some tags (never the
user's own record). Each item's prompt recalls the last conversation, the interests the
person shares with the user, and what the user could offer them. Marking an item done
logs the greeting as an interaction, so the person's keep-in-touch cadence resets.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from netweave.clock import day_of, local_stamp
from netweave.errors import Ambiguous, Conflict, InvalidInput, NotFound
from netweave.logic.normalize import clean, fold
from netweave.logic.parse import row_id
from netweave.logic.vocab import DIRECTIONS, INTERACTION_KINDS, choose
from netweave.logic.wording import greeting_note, looking_for
from netweave.services.context import Context
from netweave.services.interactions import has_substance, moment_for, record
from netweave.services.resolve import distinct_people, resolve_person
from netweave.store.models import (
    Campaign,
    CampaignItem,
    Interaction,
    InteractionParticipant,
    Interest,
    Need,
    Person,
    Tag,
    person_tag,
)

if TYPE_CHECKING:
    from netweave.store.engine import Reader

_CHUNK = 500


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def new_campaign(
    ctx: Context, name: str, circles: Sequence[str] = (), tags: Sequence[str] = ()
) -> dict[str, Any]:
    """Create the checklist ``name`` for everyone in ``circles`` or carrying ``tags``."""
    title = clean(name)
    if not title:
        raise InvalidInput("a campaign needs a name")
    wanted_circles = _circles(ctx, circles)
    wanted_tags = sorted({clean(t).lower() for t in tags if clean(t)})
    if not wanted_circles and not wanted_tags:
        raise InvalidInput(
            "choose an audience: at least one --circle or --tag",
            web="choose an audience: tick at least one circle or name a tag",
        )
    with ctx.db.transaction() as session:
        if (known := _named(session, title)) is not None:
            raise Conflict(f"a campaign named {known!r} already exists; choose another name")
        _check_tags(session, wanted_tags)
        people = _audience(session, wanted_circles, wanted_tags)
        if not people:
            raise InvalidInput(f"no one matches {_describe(wanted_circles, wanted_tags)}")
        prompts = build_prompts(session, [pid for pid, _ in people])
        now = ctx.clock.now()  # "today" may be moved (--as-of): the campaign is made then
        campaign = Campaign(
            name=title,
            audience={"circles": wanted_circles, "tags": wanted_tags},
            created_at=now,
            updated_at=now,
        )
        session.add(campaign)
        session.flush()
        for pid, _ in people:
            session.add(CampaignItem(campaign_id=campaign.id, person_id=pid, prompt=prompts[pid]))
        session.flush()
        return _view(session, campaign)


#: How long a seasonal campaign stays on the agenda unless closed sooner: a greeting for the
#: holidays is not sent in March, and the people it names get their check-ins back.
CAMPAIGN_DAYS = 30


def _ends(campaign: Any) -> dt.date:
    """The day a campaign leaves the agenda: the day it was closed, or its window's end."""
    closed = (campaign.audience or {}).get("closed_on")
    if closed:
        return dt.date.fromisoformat(closed)
    return day_of(campaign.created_at) + dt.timedelta(days=CAMPAIGN_DAYS)


#: Every campaign, with when it began and what says when it ends.
_CAMPAIGNS = select(Campaign.id, Campaign.created_at, Campaign.audience)


def running_campaigns(session: Reader, today: dt.date) -> list[int]:
    """The campaigns on the agenda today: begun by today and not ended."""
    rows = session.execute(_CAMPAIGNS).all()
    return [row.id for row in rows if day_of(row.created_at) <= today < _ends(row)]


def close_campaign(ctx: Context, name: str | int) -> dict[str, Any]:
    """End a campaign today: its open greetings leave the agenda (the checklist stays)."""
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        campaign = _get(session, name)
        if today < day_of(campaign.created_at):
            raise InvalidInput(
                f"campaign {campaign.name!r} was made on {day_of(campaign.created_at)}: "
                f"it cannot be closed on {today}, before it began"
            )
        if _ends(campaign) <= today:
            raise Conflict(f"campaign {campaign.name!r} ended on {_ends(campaign)} already")
        campaign.audience = {**campaign.audience, "closed_on": today.isoformat()}
        session.flush()
        return _view(session, campaign, items=False)


def _circles(ctx: Context, circles: Sequence[str]) -> list[str]:
    """The circles asked for (comma-separated values allowed), checked against the settings."""
    known = tuple(ctx.settings.circles)
    names = [choose(c, known, "circle") for value in circles for c in value.split(",") if c.strip()]
    return sorted(set(names), key=list(ctx.settings.circles).index)


def _check_tags(session: Session, tags: Sequence[str]) -> None:
    known = set(session.scalars(select(Tag.label).where(Tag.label.in_(tags)))) if tags else set()
    missing = [t for t in tags if t not in known]
    if missing:
        raise InvalidInput(f"no one carries the tag {missing[0]!r}")


def _describe(circles: Sequence[str], tags: Sequence[str]) -> str:
    parts = [f"circle {', '.join(circles)}"] if circles else []
    parts += [f"tag {', '.join(tags)}"] if tags else []
    return " or ".join(parts)


def _audience(session: Session, circles: Sequence[str], tags: Sequence[str]) -> Sequence[Any]:
    """(id, name) of everyone matching, by name; never the user's own record."""
    matches = []
    if circles:
        matches.append(Person.circle.in_(circles))
    if tags:
        tagged = select(person_tag.c.person_id).join(Tag, Tag.id == person_tag.c.tag_id)
        matches.append(Person.id.in_(tagged.where(Tag.label.in_(tags))))
    return session.execute(
        select(Person.id, Person.display_name)
        .where(or_(*matches), Person.is_me.is_(False))
        .order_by(Person.sort_key, Person.id)
    ).all()


def tick(session: Session, item: CampaignItem, when: dt.datetime) -> None:
    """Mark a greeting sent ``when`` (before it is logged), keeping its prompt as it stood
    then: the conversation it recalls is the one before the greeting."""
    item.prompt = build_prompts(session, [item.person_id])[item.person_id]
    item.done_at = when


def settle_greetings(
    session: Session, person_ids: Sequence[int], on: dt.date, when: dt.datetime
) -> list[str]:
    """Tick the open greetings of these people in the campaigns running on ``on``: a
    conversation the user has with them that day greets them (before it is logged). What
    was ticked, by ``greeting_title``. A campaign ended or closed by then is left as it
    was."""
    running = running_campaigns(session, on)
    if not running:
        return []
    rows = session.execute(
        select(CampaignItem, Campaign.name, Campaign.created_at, Person.display_name)
        .join(Campaign, Campaign.id == CampaignItem.campaign_id)
        .join(Person, Person.id == CampaignItem.person_id)
        .where(
            CampaignItem.person_id.in_(person_ids),
            CampaignItem.done_at.is_(None),
            CampaignItem.campaign_id.in_(running),
        )
        .order_by(CampaignItem.id)
    ).all()
    done = []
    for item, campaign, made, name in rows:
        if day_of(made) <= on:
            tick(session, item, when)
            done.append(greeting_title(campaign, name))
    return done


def greeting_title(campaign: str, name: str) -> str:
    """How a campaign greeting is named when it is ticked off or opened again."""
    return f"{campaign} greeting for {name}"


def build_prompts(session: Reader, person_ids: Sequence[int]) -> dict[int, str]:
    """A personal prompt per person: the last conversation with substance (``has_substance``:
    not one of netweave's own messages, nor one with no summary), shared interests,
    something to offer. With none of these, when they last talked, if they ever did. The
    conversation with substance is "the last real conversation" when messages of netweave's
    own came after it (an introduction's, a "Done"), "last talked" only when it is the last."""
    said = _last_conversations(session, person_ids, substance=True)
    last = _last_conversations(session, person_ids, substance=False)
    shared = _shared_interests(session, person_ids)
    needs: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(person_ids):
        for pid, text in session.execute(
            select(Need.person_id, Need.text).where(Need.person_id.in_(chunk)).order_by(Need.id)
        ):
            needs[pid].append(text)
    prompts = {}
    for pid in person_ids:
        parts = [_recalled(said[pid], last.get(pid))] if pid in said else []
        if shared.get(pid):
            parts.append(f"you share {', '.join(shared[pid])}")
        if needs.get(pid):
            parts.append(looking_for(needs[pid]))
        bare = _talked(*last[pid]) if pid in last else "no conversation logged yet"
        prompts[pid] = "; ".join(parts) or bare
    return prompts


#: One conversation, as a prompt recalls it: when, its kind, its summary.
_Said = tuple[dt.datetime, str, str | None]


def _talked(when: dt.datetime, kind: str, _summary: str | None = None) -> str:
    return f"last talked {day_of(when).isoformat()} ({kind})"


def _recalled(said: _Said, last: _Said | None) -> str:
    """``last talked DATE (kind): summary``, or ``last real conversation …`` when a later
    conversation (netweave's own message) would make "last talked" untrue."""
    when, kind, summary = said
    words = "last talked" if last is None or last[0] <= when else "last real conversation"
    return f"{words} {day_of(when).isoformat()} ({kind}): {summary}"


def _last_conversations(
    session: Reader, person_ids: Sequence[int], *, substance: bool
) -> dict[int, _Said]:
    """Each person's last conversation with substance; else (``substance=False``) their
    last conversation of any sort. Notes are not conversations."""
    part = InteractionParticipant
    wanted = [Interaction.kind != "note"] + ([has_substance()] if substance else [])
    out: dict[int, _Said] = {}
    for chunk in _chunks(person_ids):
        latest = (
            select(part.person_id, func.max(part.occurred_at).label("at"))
            .join(Interaction, Interaction.id == part.interaction_id)
            .where(part.person_id.in_(chunk), *wanted)
            .group_by(part.person_id)
            .subquery()
        )
        rows = session.execute(
            select(part.person_id, Interaction.occurred_at, Interaction.kind, Interaction.summary)
            .join(Interaction, Interaction.id == part.interaction_id)
            .join(
                latest, and_(latest.c.person_id == part.person_id, latest.c.at == part.occurred_at)
            )
            .where(*wanted)
            .order_by(part.person_id, Interaction.id.desc())
        )
        for pid, when, kind, summary in rows:
            out.setdefault(pid, (when, kind, summary))
    return out


def _shared_interests(session: Reader, person_ids: Sequence[int]) -> dict[int, list[str]]:
    """The person's interests the user has too (matched without case or accents)."""
    me = session.scalar(select(Person.id).where(Person.is_me.is_(True)).limit(1))
    if me is None:
        return {}
    mine = {
        fold(x) for x in session.scalars(select(Interest.label).where(Interest.person_id == me))
    }
    out: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(person_ids):
        for pid, label in session.execute(
            select(Interest.person_id, Interest.label)
            .where(Interest.person_id.in_(chunk))
            .order_by(Interest.id)
        ):
            if fold(label) in mine and label not in out[pid]:
                out[pid].append(label)
    return out


def _find(session: Session, name: str) -> Campaign | None:
    """The campaign of that name without case or accents, the one spelled so first. Matched
    in Python: SQL's ``lower()`` folds other letters on each backend (SQLite's only ASCII)."""
    text = clean(name)
    key = fold(text)
    same = [
        c for c in session.scalars(select(Campaign).order_by(Campaign.id)) if fold(c.name) == key
    ]
    exact = [c for c in same if c.name == text]
    if len(same) > 1 and not exact:
        raise Ambiguous(
            "campaign", text, [f"{c.name} (#{c.id})" for c in same], hint="give its #id"
        )
    return (exact or same)[0] if same else None


def _named(session: Session, name: str) -> str | None:
    """The name of a campaign named ``name`` without case or accents (``None``: none is)."""
    key = fold(name)
    return next((n for n in session.scalars(select(Campaign.name)) if fold(n) == key), None)


def _get(session: Session, name: str | int) -> Campaign:
    """The campaign of that name (without case or accents), else of that ``#id``; an
    ``int`` is an id alone (the web's pages: a campaign named "#2" is not the one numbered
    2)."""
    if isinstance(name, int):
        found = session.get(Campaign, name)
        if found is None:
            raise NotFound(f"no campaign #{name}")
        return found
    campaign = _find(session, name)
    if campaign is None and clean(name).startswith("#") and (key := row_id(clean(name))):
        campaign = session.get(Campaign, key)
    if campaign is None:
        known = list(session.scalars(select(Campaign.name).order_by(Campaign.id)))
        hint = f"; campaigns: {', '.join(known)}" if known else "; create one with `campaign new`"
        raise NotFound(f"no campaign named {clean(name)!r}{hint}")
    return campaign


def _items(session: Session, campaign_id: int) -> Sequence[Any]:
    return session.execute(
        select(CampaignItem, Person.display_name)
        .join(Person, Person.id == CampaignItem.person_id)
        .where(CampaignItem.campaign_id == campaign_id)
        .order_by(CampaignItem.id)
    ).all()


def _view(session: Session, campaign: Campaign, *, items: bool = True) -> dict[str, Any]:
    """The JSON shape of a campaign (``items`` left out of the list view)."""
    rows = _items(session, campaign.id)
    view: dict[str, Any] = {
        "id": campaign.id,
        "name": campaign.name,
        "audience": {k: list(campaign.audience.get(k, [])) for k in ("circles", "tags")},
        "created": day_of(campaign.created_at).isoformat(),
        "ends": _ends(campaign).isoformat(),
        "done": sum(1 for row, _ in rows if row.done_at is not None),
        "total": len(rows),
    }
    if items:
        # an open item's prompt as of now; a done one's as it was when the greeting went out
        open_ids = [row.person_id for row, _ in rows if row.done_at is None]
        fresh = build_prompts(session, open_ids) if open_ids else {}
        view["items"] = [
            {
                "person": name,
                "person_id": row.person_id,
                "prompt": fresh.get(row.person_id, row.prompt),
                "done": row.done_at is not None,
                "done_at": local_stamp(row.done_at) if row.done_at else None,
            }
            for row, name in rows
        ]
    return view


def list_campaigns(ctx: Context) -> list[dict[str, Any]]:
    """Every campaign with its audience and progress, oldest first."""
    with ctx.db.reading() as session:
        campaigns = session.scalars(select(Campaign).order_by(Campaign.id))
        return [_view(session, c, items=False) for c in campaigns]


def show_campaign(ctx: Context, name: str | int) -> dict[str, Any]:
    """One campaign with its items: who, the prompt, and whether they were greeted."""
    with ctx.db.reading() as session:
        return _view(session, _get(session, name))


def mark_done(
    ctx: Context,
    name: str | int,
    people: Sequence[str],
    *,
    kind: str = "message",
    direction: str = "out",
    note: str | None = None,
    on: dt.date | None = None,
) -> dict[str, Any]:
    """Tick people off a campaign and log each greeting, in one transaction.

    People already ticked off are reported and not logged twice; naming someone who is
    not on the list is an error and changes nothing. A greeting sent ticks the person in
    the other campaigns running too: ``also_done`` names those greetings.
    """
    if not people:
        raise InvalidInput("name at least one person to mark done")
    kind = choose(kind, INTERACTION_KINDS, "interaction kind")
    direction = choose(direction, DIRECTIONS, "direction")
    today = ctx.clock.today()
    if on is not None and on > today:
        raise InvalidInput(f"cannot mark a greeting on {on}, after today ({today})")
    with ctx.db.transaction() as session:
        campaign = _get(session, name)
        items = {row.person_id: row for row, _ in _items(session, campaign.id)}
        done: list[str] = []
        already: list[str] = []
        also: list[str] = []  # greetings ticked in the other campaigns, by greeting_title
        for person in distinct_people(resolve_person(session, q) for q in people):
            row = items.get(person.id)
            if row is None:
                raise InvalidInput(f"{person.display_name} is not on campaign {campaign.name!r}")
            if row.done_at is not None:
                already.append(person.display_name)
                continue
            when = moment_for(ctx, session, [person.id], on)
            tick(session, row, when)
            summary = note or greeting_note(campaign.name)
            # a greeting sent (not a note) greets them in the others too: ``record`` ticks them
            record(ctx, session, [person], kind=kind, direction=direction, when=when,
                   note=summary, greeted=also)  # fmt: skip
            done.append(person.display_name)
        session.flush()
        view = _view(session, campaign, items=False)
        return {**view, "marked": done, "already_done": already, "also_done": also, "kind": kind}
