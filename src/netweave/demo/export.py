"""The demo network as real-format files: a LinkedIn export, vCards, an mbox and a calendar.

The network is built into a scratch SQLite database (the user's database is not touched)
and read back; the files hold only what was generated, so the same seed and day give
byte-identical files. They feed the importer tests and benchmarks.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.demo.build import build_demo
from netweave.errors import Conflict, InvalidInput
from netweave.io.linkedin_writer import write_linkedin_export
from netweave.io.mail_writer import write_ics, write_mbox
from netweave.io.outgoing import Contact, Conversation, Invitation, Profile
from netweave.io.records import Labeled
from netweave.io.vcard_writer import VCardPerson, write_vcards
from netweave.services.context import open_context
from netweave.store import models as m

#: Conversations of these kinds become calendar events.
MEETING_KINDS = ("meeting", "video", "call", "coffee")
#: Connections made this recently also appear in Invitations.csv.
INVITATION_DAYS = 120
#: About one message in this many of the mbox is a newsletter or notification.
BULK_EVERY = 8
_BULK_SENDERS = (
    Contact("Ledgerline Weekly", "Ledgerline", "Weekly", email="newsletter@ledgerline.example"),
    Contact("Climate Jobs Digest", "Climate", "Jobs", email="digest@climatejobs.example"),
    Contact("Meetup", "Meetup", "", email="noreply@meetup.example"),
)
FILES = ("linkedin", "vcards", "mail.mbox", "calendar.ics")


@dataclass
class _Snapshot:
    """What the files are made of, read from the scratch database."""

    me: Contact
    profile: Profile
    people: dict[int, Contact] = field(default_factory=dict)
    cards: list[VCardPerson] = field(default_factory=list)
    conversations: list[tuple[int, Any, list[int]]] = field(default_factory=list)


def export_demo(folder: Path, *, people: int, seed: int, today: dt.date) -> dict[str, int]:
    """Write the demo network of ``people`` people into ``folder``; return counts per file."""
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is a file; demo files go into a new or empty folder")
    if folder.exists() and any(folder.iterdir()):
        raise Conflict(f"{folder} is not empty; demo files go into a new or empty folder")
    with tempfile.TemporaryDirectory(prefix="netweave-demo-") as scratch:
        ctx = open_context(
            Settings(database_url=sqlite_url(Path(scratch) / "demo.db")), Clock(as_of=today)
        )
        try:
            build_demo(ctx, people=people, seed=seed)
            with ctx.db.reading() as session:
                snap = _snapshot(session)
        finally:
            ctx.close()
    try:
        return _write(folder, snap, random.Random(seed), today)
    except OSError as exc:
        raise InvalidInput(f"cannot write the demo files into {folder}: {exc.strerror}") from exc


def _write(folder: Path, snap: _Snapshot, rng: random.Random, today: dt.date) -> dict[str, int]:
    contacts = snap.people
    by_kind: dict[str, list[Conversation]] = defaultdict(list)
    for iid, row, ids in snap.conversations:
        others = [contacts[i] for i in ids if i in contacts]
        talk = Conversation(f"demo-{iid}", _by(row.occurred_at, today), row.kind,
                            row.direction, row.summary, others)  # fmt: skip
        by_kind[row.kind].append(talk)
    linked = sorted(
        (c for c in contacts.values() if c.linkedin), key=lambda c: c.connected_on or today
    )
    recent = today - dt.timedelta(days=INVITATION_DAYS)
    invitations = [
        Invitation(c, _sent(c.connected_on, today), outgoing=n % 2 == 0,
                   message=_greeting(c if n % 2 == 0 else snap.me) if n % 3 == 0 else None)
        for n, c in enumerate(linked)
        if c.connected_on and c.connected_on >= recent
    ]  # fmt: skip
    messages = [t for t in by_kind["message"] if t.people and all(p.linkedin for p in t.people)]
    counts = {
        f"linkedin/{name}": n
        for name, n in write_linkedin_export(
            folder / "linkedin", snap.profile, linked, invitations, messages
        ).items()
    }
    counts["vcards"] = write_vcards(snap.cards, folder / "vcards")
    mails = [t for t in by_kind["email"] if any(p.email for p in t.people)]
    bulk = [_bulk(rng, mail, n) for n, mail in enumerate(mails) if n % BULK_EVERY == 0]
    counts["mail.mbox"] = write_mbox(folder / "mail.mbox", snap.me, mails, bulk)
    counts["mail.mbox bulk"] = len(bulk)
    meetings = [
        t
        for kind in MEETING_KINDS
        for t in by_kind[kind]
        if t.people and all(p.email for p in t.people)
    ]
    meetings.sort(key=lambda t: (t.when, t.key))
    counts["calendar.ics"] = write_ics(folder / "calendar.ics", snap.me, meetings)
    return counts


def _noon(day: dt.date | None) -> dt.datetime:
    assert day is not None
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def _by(moment: dt.datetime, today: dt.date) -> dt.datetime:
    """A conversation's moment as the files say it: one later in the export's own day than
    its first minute is said at that minute, so that the files read back alike whatever the
    hour they are read at (an import takes a moment still to come as the moment it runs)."""
    first = dt.datetime.combine(today, dt.time(0), tzinfo=dt.UTC)
    return first if first < moment < first + dt.timedelta(days=1) else moment


def _sent(day: dt.date | None, today: dt.date) -> dt.datetime:
    """When an invitation was sent: noon of its day, or the first minute of the export's own
    day, which is never later than the moment the export is read on that day."""
    assert day is not None
    return _noon(day) if day < today else dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def _bulk(rng: random.Random, mail: Conversation, n: int) -> Conversation:
    sender = _BULK_SENDERS[rng.randrange(len(_BULK_SENDERS))]
    when = mail.when + dt.timedelta(hours=rng.randrange(1, 48))
    subject = ("This week in climate tech", "New roles for you", "Your event is tomorrow")
    return Conversation(f"bulk-{n}", when, "email", "in", rng.choice(subject), [sender])


def _snapshot(session: Session) -> _Snapshot:
    p, c, pos = (t.__table__.c for t in (m.Person, m.ContactPoint, m.Position))
    orgs = m.Organization.__table__
    org = orgs.c
    points: dict[int, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in session.execute(
        select(c.person_id, c.kind, c.value, c.label).order_by(c.is_primary.desc(), c.id)
    ):
        points[row.person_id][row.kind].append(row)
    jobs: dict[int, tuple[str, str | None]] = {}
    for row in session.execute(
        select(pos.person_id, org.name, pos.title)
        .join(orgs, org.id == pos.organization_id)
        .where(pos.current.is_(True))
        .order_by(pos.start_date.desc(), pos.id)
    ):
        jobs.setdefault(row.person_id, (row.name, row.title))
    rows = session.execute(select(m.Person.__table__).order_by(p.id)).all()
    snap: _Snapshot | None = None
    people: dict[int, Contact] = {}
    cards = []
    for row in rows:
        contact = _contact(row, points[row.id], jobs.get(row.id))
        if row.is_me:
            snap = _Snapshot(contact, _profile(row, contact, points[row.id]))
            continue
        people[row.id] = contact
        cards.append(_card(row, contact, points[row.id]))
    assert snap is not None, "the demo network has the user"
    snap.people, snap.cards = people, cards
    snap.conversations = list(_conversations(session))
    return snap


def _contact(row: Any, points: dict[str, list[Any]], job: tuple[str, str | None] | None) -> Contact:
    emails, links = points.get("email", []), points.get("linkedin", [])
    return Contact(
        name=row.display_name,
        given=row.given_name or row.display_name,
        family=row.family_name or "",
        email=emails[0].value if emails else None,
        linkedin=links[0].value if links else None,
        company=job[0] if job else None,
        title=job[1] if job else None,
        connected_on=row.met_on,
    )


def _profile(row: Any, me: Contact, points: dict[str, list[Any]]) -> Profile:
    sites = [(x.label or "personal", x.value) for x in points.get("url", [])]
    return Profile(me, row.headline, row.notes, row.location, row.birthday, sites)


def _greeting(invitee: Contact) -> str:
    """An invitation's note, to whoever receives it."""
    return f"Hi {invitee.given}, great to meet you!"


def _card(row: Any, contact: Contact, points: dict[str, list[Any]]) -> VCardPerson:
    def labeled(kind: str) -> list[Labeled]:
        return [Labeled(x.value, x.label) for x in points.get(kind, [])]

    return VCardPerson(
        uid=f"demo-person-{row.id}",
        name=contact.name,
        given=row.given_name,
        family=row.family_name,
        emails=labeled("email"),
        phones=labeled("phone"),
        organization=contact.company,
        title=contact.title,
        birthday=row.birthday,
        notes=row.notes,
        urls=labeled("url"),
        linkedin=contact.linkedin,
    )


def _conversations(session: Session) -> Iterator[tuple[int, Any, list[int]]]:
    i, ip = m.Interaction.__table__.c, m.InteractionParticipant.__table__.c
    who: dict[int, list[int]] = defaultdict(list)
    for row in session.execute(select(ip.interaction_id, ip.person_id).order_by(ip.person_id)):
        who[row.interaction_id].append(row.person_id)
    query = select(i.id, i.occurred_at, i.kind, i.direction, i.summary).order_by(
        i.occurred_at, i.id
    )
    for row in session.execute(query):
        yield row.id, row, who.get(row.id, [])
