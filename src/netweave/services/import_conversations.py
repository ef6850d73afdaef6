"""The conversations an import reads (mail, messages, meetings): each recorded once, with
the people it names (found by address or profile, by name when the source gives none, or
made of their address where the source may make people)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import select

from netweave.clock import day_of
from netweave.errors import InvalidInput
from netweave.io.linkedin_values import url_key
from netweave.io.records import InteractionRecord, ParticipantRef, PersonRecord
from netweave.logic.normalize import fold, given_first, name_from_address, normalize_contact
from netweave.services.conversations import deleted_imports
from netweave.services.import_bulk import NewPerson, Point
from netweave.services.import_reschedule import FILLED, RESCHEDULED
from netweave.store.models import Interaction, Person

if TYPE_CHECKING:
    from netweave.services.import_apply import Applier

#: Sources whose unknown correspondents become people (they carry an address to match on).
CREATES_CORRESPONDENTS = ("mbox", "linkedin")
#: A conversation with more people than this (besides the user) is a mailing or an
#: all-hands: those of them already known are linked, no one new is made of it.
CROWD = 20
#: Mail or a message dated later than now by more than this is not taken in (time zones
#: and a sender's clock a little fast are allowed for).
FUTURE_SLACK = dt.timedelta(days=1)


class Conversations:
    """The conversations of one file, and the people they name."""

    def __init__(self, applier: Applier) -> None:
        self.applier = applier
        session, source = applier.session, applier.source
        self.session, self.source, self.now = session, source, applier.now
        self.counts, self.bulk, self.log, self.error = (
            applier.counts,
            applier.bulk,
            applier.log,
            applier.error,
        )
        #: Who holds each contact point (the applier's, kept up to date as it writes).
        self.keys = applier.who.keys
        # conversations already here, and those the user deleted: neither is made again
        known = session.scalars(select(Interaction.external_id).where(Interaction.source == source))
        self.seen: set[str] = {k for k in known if k} | deleted_imports(session, source)
        #: Everyone here by folded name, made on first use (``by_name``).
        self._names: dict[str, list[int]] | None = None

    def add(self, rec: InteractionRecord) -> None:
        """Record one conversation, once, with the people it names."""
        if self.bulk.pending:
            self.applier.flush()
        if rec.external_id in self.seen:
            if self.source in RESCHEDULED:  # moved or renamed since?
                self.applier.calendar.held(rec)
            elif rec.fuller and self._fill_summary(rec):
                self.counts.updated += 1
            else:
                self.counts.skipped += 1
            return
        # mail or a message dated later (a sender's clock far off, or a forged date); a
        # calendar is read up to the day the user asks for (--until)
        ahead = rec.occurred_at > self.now and self.source not in RESCHEDULED
        if ahead and rec.occurred_at > self.now + FUTURE_SLACK:
            self.counts.skipped += 1
            self.error(rec.line, f"dated {day_of(rec.occurred_at)}, after today: skipped")
            return
        if ahead:  # a little ahead (a sender's clock): it came now, never on a later day
            rec.occurred_at = self.now
        # a message to a crowd (a mailing, an all-hands) makes no one new, unless asked to
        crowd = len(rec.participants) > CROWD and not self.applier.create_people
        makes = (rec.makes_people or self._connected(rec)) and not crowd
        found = {self.participant(ref, makes_people=makes) for ref in rec.participants}
        self.applier.crowds += crowd and None in found  # someone in it left out
        people = sorted(pid for pid in found if pid is not None and pid not in self.applier.my_ids)
        if not people:
            self.counts.skipped += 1
            if rec.participants:
                self.applier.strangers += 1
                self.applier.requests += not rec.makes_people
            else:
                self.applier.alone += 1
            return
        self.bulk.add_interaction(rec, people)
        self.seen.add(rec.external_id)
        self.applier.touched.update(people)
        self.counts.created += 1

    def _fill_summary(self, rec: InteractionRecord) -> bool:
        """Fill in a conversation's summary that an earlier import kept to its headline (mail
        imported again with its bodies): only a summary the record's begins with, so what the
        user wrote stays; undo takes it back (unless the user has changed it since)."""
        found = self.session.scalars(
            select(Interaction).where(
                Interaction.source == self.source, Interaction.external_id == rec.external_id
            )
        ).first()
        if found is None or rec.summary is None or found.summary == rec.summary:
            return False
        if not rec.summary.startswith(found.summary or ""):
            return False
        before = {"summary": found.summary, FILLED: {"summary": rec.summary}}
        self.log("interaction", found.id, "updated", before)
        found.summary = rec.summary
        return True

    def _connected(self, rec: InteractionRecord) -> bool:
        """Whether a connection request received is from someone another export of the
        import has among the connections (accepted since): its sender is made a person."""
        connected = self.applier.connected
        return bool(connected) and any(
            ref.linkedin and url_key(ref.linkedin) in connected for ref in rec.participants
        )

    def participant(self, ref: ParticipantRef, *, makes_people: bool = True) -> int | None:
        """The person a conversation names (created when this import may and the record
        allows), ``None`` for the user or someone unknown."""
        if ref.email and ref.email.strip().lower() in self.applier.mine:
            return None  # the user
        keys: list[tuple[tuple[str, str], str]] = []
        for kind, value in (("email", ref.email), ("linkedin", ref.linkedin)):
            if value:
                try:
                    keys.append(((kind, normalize_contact(kind, value)), value))
                except InvalidInput:
                    continue
        for key, _ in keys:
            if key in self.keys:
                return self.keys[key]
        # A name alone finds someone only when the source gives no address: mail from
        # "John Smith <jsmith1987@…>" is not the John Smith you know at another address
        # (a new person, proposed by `people duplicates`). A profile URL may be written
        # otherwise than the one known, so LinkedIn's messages still fall back on the name.
        if ref.name and not ref.email:
            same = self.by_name().get(fold(given_first(ref.name)), [])
            if len(same) == 1:
                return same[0]
        if (
            keys
            and makes_people
            and (self.applier.create_people or self.source in CREATES_CORRESPONDENTS)
        ):
            address = name_from_address(ref.email) if ref.email else ref.linkedin or ""
            name = given_first(ref.name or address) or "(unknown)"
            kind, norm = keys[0][0]
            points: list[Point] = [(key, value, None) for key, value in keys]
            self.bulk.add(
                NewPerson(PersonRecord(name=name), name, f"{kind}:{norm}", None, keys, points)
            )
            self.counts.created += 1
            self.by_name()  # load the name index before the new person joins it
            self.applier.flush_people()
            return self.keys[keys[0][0]]
        return None

    def by_name(self) -> dict[str, list[int]]:
        if self._names is None:
            self._names = defaultdict(list)
            for pid, name in self.session.execute(select(Person.id, Person.display_name)):
                self._names[fold(name)].append(pid)
        return self._names

    def joined(self, pid: int, name: str) -> None:
        """Someone new written by the import, found by name from now on (once the names
        are loaded: loaded later, they include them)."""
        if self._names is not None:
            self._names.setdefault(fold(name), []).append(pid)
