"""Writing imported records: identity resolution, idempotent re-imports, an undo log.

People are matched on normalized email, phone and LinkedIn URL, and on the key the source
itself gives them (``person_source``); a record that matches nobody creates a person.
Every row an import changes, and every row it adds to people who were already there, is
written down in ``import_change`` with the values before the change; new people and
conversations are written in bulk (``import_bulk``) and found again by their
``import_batch_id``. So the batch can be undone exactly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from netweave.clock import day_of
from netweave.errors import InvalidInput
from netweave.io.records import (
    FormatError,
    InteractionRecord,
    Labeled,
    NotHeld,
    ParticipantRef,
    PersonRecord,
    also_known_as,
)
from netweave.logic.employer import is_employer
from netweave.logic.normalize import (
    clean,
    fold,
    given_first,
    legacy_fold,
    legacy_normalize_org,
    legacy_org_key,
    name_from_address,
    names_agree,
    names_disagree,
    normalize_contact,
    normalize_org,
    other_given_names,
    two_people,
)
from netweave.logic.parse import MAX_ID, parse_birthday
from netweave.services.context import Context
from netweave.services.conversations import deleted_imports
from netweave.services.directory import tag_label
from netweave.services.export import UID_PREFIX
from netweave.services.import_bulk import (
    BUFFER,
    IDENTITY_KINDS,
    UNDATED_SOURCES,
    BulkWriter,
    Key,
    NewPerson,
    Point,
    first_owner,
    headline,
)
from netweave.services.import_order import ExportAges
from netweave.services.import_profiled import NAME_KEY, Profiled
from netweave.services.import_reschedule import FILLED, RESCHEDULED, Calendar, jsonable
from netweave.services.orgs import alias_keys, get_or_create_organization
from netweave.services.people import get_or_create_tag
from netweave.services.removed import removed_by_hand
from netweave.services.resolve import find_organization
from netweave.services.tasks import congratulation, plan_congratulation
from netweave.store.models import (
    ContactPoint,
    ImportBatch,
    ImportChange,
    Interaction,
    Organization,
    Person,
    PersonSource,
    Position,
    Tag,
    person_tag,
)

#: Sources whose unknown correspondents become people (they carry an address to match on).
CREATES_CORRESPONDENTS = ("mbox", "linkedin")
#: A conversation with more people than this (besides the user) is a mailing or an
#: all-hands: those of them already known are linked, no one new is made of it.
CROWD = 20
#: Mail or a message dated later than now by more than this is not taken in (time zones
#: and a sender's clock a little fast are allowed for).
FUTURE_SLACK = dt.timedelta(days=1)
#: The external key of a card of netweave's own export (``_exported``).
_EXPORTED = f"uid:{UID_PREFIX}"


def _renamed(position: Position, key: str, title: str) -> bool:
    """Whether a role at the organization of ``key`` with ``title`` is ``position`` under
    its employer's name written longer or shorter ("Meta" and "Meta Platforms"): the words
    of one name begin the other's, and the title is the same."""
    held = position.organization.normalized_name.split()
    named = key.split()
    shorter, longer = sorted((held, named), key=len)
    return (
        bool(shorter)
        and longer[: len(shorter)] == shorter
        and (not title or _title_key(position.title) == title)
    )


def _same_org(a: str | None, b: str | None) -> bool:
    """Whether two organization names name the same organization."""
    return normalize_org(a or "") == normalize_org(b or "")


#: How the source key of a person known by name alone starts.
_NAME = NAME_KEY


#: Problems an import lists one by one; past them it counts them (a file of two million
#: bad rows would otherwise keep two million messages in memory).
LISTED_PROBLEMS = 10_000


@dataclass
class Counts:
    """What one import did."""

    created: int = 0
    updated: int = 0
    merged: int = 0
    skipped: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    #: Problems past the first ``LISTED_PROBLEMS``: counted, not kept.
    unlisted: int = 0

    def add_problem(self, problem: dict[str, Any]) -> None:
        """List a problem, or count it once ``LISTED_PROBLEMS`` are listed."""
        if len(self.errors) < LISTED_PROBLEMS:
            self.errors.append(problem)
        else:
            self.unlisted += 1


def shown_file(file: str, kept_in: Path | None) -> str:
    """A file as its problems name it: the path given, or an uploaded file's name within
    the folder it is kept in while it is read."""
    if kept_in is not None and Path(file).is_relative_to(kept_in):
        return str(Path(file).relative_to(kept_in))
    return file


class Applier:
    """Applies the records of one file inside one transaction."""

    def __init__(
        self,
        ctx: Context,
        session: Session,
        batch: ImportBatch,
        source: str,
        *,
        create_people: bool,
        file: str | None = None,
        me: Sequence[str] = (),
        kept_in: Path | None = None,
    ) -> None:
        self.ctx, self.session, self.batch, self.source = ctx, session, batch, source
        self.create_people = create_people
        #: The name of the file being read (a batch may hold several), for its problems.
        self.file = file
        #: The folder an upload is kept in while it is read, which its problems leave out.
        self.kept_in = kept_in
        #: The user's own addresses (``--me``): never a participant, even with no record yet.
        self.mine = frozenset(address.strip().lower() for address in me)
        self.counts = Counts()
        self.touched: set[int] = set()
        #: The people a record of this file named (matched, or made of it).
        self.named: set[int] = set()
        self.today = ctx.clock.today()
        #: Employers already looked up, by normalized name: many people move to the same.
        self._orgs: dict[str, Organization] = {}
        self._keys: dict[tuple[str, str], int] = {
            (kind, norm): pid
            for kind, norm, pid in session.execute(
                select(ContactPoint.kind, ContactPoint.normalized, ContactPoint.person_id)
            )
        }
        #: What the user took away from someone by hand (of people still here): an address
        #: is not added to them again, and finds them only for a record of their name
        #: (another person's card with it is someone else's); a tag is not added again.
        self._removed: dict[Key, set[int]] = {}
        self._removed_tags: dict[int, set[str]] = {}
        taken = removed_by_hand(session)
        here = set(session.scalars(select(Person.id).where(Person.id.in_(list(taken)))))
        for pid, items in taken.items():
            for kind, _, value in (item.partition(":") for item in items if pid in here):
                if kind == "tag":
                    self._removed_tags.setdefault(pid, set()).add(value)
                else:
                    self._removed.setdefault((kind, value), set()).add(pid)
        self._sources: dict[str, int] = {
            row[0]: row[1]
            for row in session.execute(
                select(PersonSource.external_id, PersonSource.person_id).where(
                    PersonSource.source == source
                )
            )
        }
        #: The source keys this import gave someone already here: a later record with one of
        #: them is another record of that person in the same file, not the same one read again.
        self._given_here: set[str] = set()
        #: The people of ``_sources`` as first read (``_of_source``), made on first use.
        self._source_people: set[int] | None = None
        #: Whether anyone of this source is known by name alone (an older export's row).
        self._name_keys = any(key.startswith(_NAME) for key in self._sources)
        #: Those people by folded name and the day they were met (``_connected_the_same_day``).
        self._connected: dict[tuple[str, dt.date], list[int]] | None = None
        # conversations already here, and those the user deleted: neither is made again
        known = session.scalars(select(Interaction.external_id).where(Interaction.source == source))
        self._seen: set[str] = {k for k in known if k} | deleted_imports(session, source)
        self._names: dict[str, list[int]] | None = None
        self._me = set(session.scalars(select(Person.id).where(Person.is_me.is_(True))))
        #: The program's "now" (moved by ``--as-of``), for everything the import dates.
        self.now = ctx.clock.now()
        self.bulk = BulkWriter(
            session,
            batch.id,
            source,
            self.now,
            created_tag=lambda tag_id: self.log("tag", tag_id, "created"),
        )
        self._state: _Known | None = None
        #: The key of each alias of an organization → the organization's own key.
        self._aliases: dict[str, str] | None = None
        #: Contact points of the people queued for the bulk write (none may be written twice).
        self._queued_points: set[Key] = set()
        #: Conversations skipped because no one in them is known (and none may be made), and
        #: because no one but the user is in them.
        self.strangers = self.alone = 0
        #: Connection requests received from people not known (not accepted): skipped.
        self.requests = 0
        #: Conversations with more than ``CROWD`` others, which made no one new.
        self.crowds = 0
        #: People whose card had a photo, which is not kept (the reader tells).
        self.photos = 0
        #: The meetings a calendar brought in before (``RESCHEDULED`` sources).
        self.calendar = Calendar(self)
        #: How old the export read is (its reader tells, for LinkedIn's) beside earlier ones.
        self.exports = ExportAges(session)
        #: The people a newer LinkedIn export brought in with their profiles.
        self._profiled = Profiled(session)

    # -- bookkeeping -------------------------------------------------------------------
    def log(
        self, table: str, row_id: int, action: str, before: dict[str, Any] | None = None
    ) -> None:
        """Write one entry of the undo log."""
        self.session.add(
            ImportChange(
                batch_id=self.batch.id,
                table_name=table,
                row_id=row_id,
                action=action,
                before=before,
            )
        )

    def skip(self, item: Any = None) -> None:
        """Count something the reader passed over (bulk mail, a broken card, …)."""
        self.counts.skipped += 1
        if isinstance(item, FormatError):
            self.error(item.line, item.reason, item.web_reason, file=item.file)

    def warn(self, item: FormatError) -> None:
        """List a problem with something the reader kept (read with a guess, not skipped)."""
        self.error(item.line, item.reason, item.web_reason, file=item.file)

    def error(
        self, line: int | None, message: str, web: str | None = None, *, file: str | None = None
    ) -> None:
        """Record a problem with one value or row that was skipped (in ``file``, when the
        reader says which: a folder or an export holds several); ``web`` is the message in
        the web app's words, when it names a command or an option (``import_words``)."""
        where = file or self.file or self.batch.source_name
        problem = {"file": shown_file(where, self.kept_in), "line": line, "error": message}
        self.counts.add_problem(problem | ({"web": web} if web else {}))

    # -- people --------------------------------------------------------------------------
    def person(self, rec: PersonRecord) -> None:
        """Create or update the person a record describes."""
        name = clean(rec.name)
        if not name:
            self.counts.skipped += 1
            return
        if rec.first_known is not None and rec.first_known > self.today:
            self.error(rec.line, f"first known on {rec.first_known}, after today: the date "
                       "is left out", file=rec.file)  # fmt: skip
            rec.first_known = None
        points = self._contact_points(rec)
        keys = [(key, value) for key, value, _ in points if key[0] in IDENTITY_KINDS]
        keys, points = self._apart(rec, name, keys, points)
        external = self._external_id(rec, keys)
        pid = self._match(external, keys, name) or self._named_before(rec, keys)
        if rec.is_me and self._me:
            pid = min(self._me)  # the user's own profile: their record, whatever it holds
        if pid is not None and any(k in self.bulk.pending_keys for k, _ in keys):
            # someone here already, with an address a queued new person has too: written
            # first, that person holds it, and the address is not given to two people
            self.flush_people()
            pid = self._match(external, keys, name) or self._named_before(rec, keys)
        if pid is None and external.startswith(_EXPORTED):
            pid = self._exported(external.removeprefix(_EXPORTED), name)
        if pid is None:
            pid = self._by_removed(name, keys)
        if pid is None and self.source == "linkedin" and not keys and not rec.is_me:
            # a row of LinkedIn's older format (no profile URL) after a newer export
            org = self._org_key(rec.organization) if rec.organization else None
            pid = self._profiled.one(name, org, rec.first_known)
        if pid is None:
            if external in self._sources:  # an address taken from that person: someone else's
                external = self._free_key(rec, keys, name)
            self._queue(rec, name, external, keys, points)
            return
        again = external in self._given_here  # another record of them in this file
        if (
            external in self._sources
            and not again
            and self._known().unchanged(pid, rec, points, self._keys)
        ):
            self.counts.skipped += 1
            self.named.add(pid)
            return
        found = self.session.get(Person, pid)
        assert found is not None
        person = found
        merging = external not in self._sources and not external.startswith(_EXPORTED)
        # a record of another source, or another record of them in this file, adds its notes
        # (and lists another birthday); the same record read again only fills what is empty
        changed = self._update_person(person, rec, merging=merging or again)
        changed = self._add_contacts(person, points, rec) or changed
        if merging:
            self.counts.merged += 1
            source = PersonSource(person_id=person.id, source=self.source, external_id=external,
                                  import_batch_id=self.batch.id)  # fmt: skip
            self.session.add(source)
            self.session.flush()
            self.log("person_source", source.id, "created")
            self._sources[external] = person.id
            self._given_here.add(external)
        elif changed:
            self.counts.updated += 1
        else:
            self.counts.skipped += 1
        self.touched.add(person.id)
        self.named.add(person.id)

    def _match(self, external: str, keys: list[tuple[Key, str]], name: str) -> int | None:
        """The person here that this record's source key, or else one of its keys, names.
        A source key that is an address the user took from that person names them only for
        a record of their name (another person's card with it is that other person)."""
        pid = self._sources.get(external)
        kind, _, value = external.partition(":")
        if pid is not None and pid in self._removed.get((kind, value), ()):
            pid = pid if names_agree(name, self._name_of(pid)) else None
        return pid or first_owner(keys, self._keys)

    def _free_key(self, rec: PersonRecord, keys: list[tuple[Key, str]], name: str) -> str:
        """A source key for someone new whose first address was taken from another person
        by hand (and is that person's source key): another of theirs, else their name."""
        for (kind, norm), _ in keys[1:]:
            if f"{kind}:{norm}" not in self._sources:
                return f"{kind}:{norm}"
        named = self._name_key(rec)
        return named if named not in self._sources else f"{keys[0][0][0]}:{keys[0][0][1]}|{name}"

    def _by_removed(self, name: str, keys: list[tuple[Key, str]]) -> int | None:
        """The person a record of their name is, by an address the user took from them."""
        for key, _ in keys:
            for pid in sorted(self._removed.get(key, ())):
                if names_agree(name, self._name_of(pid)):
                    return pid
        return None

    def _named_before(self, rec: PersonRecord, keys: list[tuple[Key, str]]) -> int | None:
        """The person an earlier file of this source knew by name alone (an older LinkedIn
        export has no profile URL, a card may have had no address) when this record, with
        an address or profile, has the same name and organization, or the same name and the
        same day of connection (the same LinkedIn connection, since moved to another
        employer): unless that person has another address or profile of the same kind,
        which makes them someone else."""
        if not keys or not self._name_keys:
            return None
        pid = self._sources.get(self._name_key(rec)) or self._connected_the_same_day(rec)
        if pid is None:
            return None
        kinds = {kind for (kind, _), _ in keys}
        other = self.session.execute(
            select(ContactPoint.id).where(
                ContactPoint.person_id == pid, ContactPoint.kind.in_(kinds)
            )
        ).first()
        return None if other is not None else pid

    def _connected_the_same_day(self, rec: PersonRecord) -> int | None:
        """The one person this source knew by name alone who has the record's name and the
        day it says they connected (``None`` when there are none, or two)."""
        if rec.first_known is None:
            return None
        if self._connected is None:
            self._connected = defaultdict(list)
            named = (
                select(Person.id, Person.display_name, Person.met_on)
                .join(PersonSource, PersonSource.person_id == Person.id)
                .where(
                    PersonSource.source == self.source,
                    PersonSource.external_id.startswith(_NAME, autoescape=True),
                    Person.met_on.is_not(None),
                )
            )
            for pid, name, day in self.session.execute(named):
                self._connected[fold(name), day].append(pid)
        found = set(self._connected.get((fold(clean(rec.name)), rec.first_known), ()))
        return found.pop() if len(found) == 1 else None

    def _queue(
        self,
        rec: PersonRecord,
        name: str,
        external: str,
        keys: list[tuple[Key, str]],
        points: list[Point],
    ) -> None:
        """A new person: buffered for a bulk write (a repeated row joins its first mention).

        A website someone else already has (a shared company site) is left out: only
        addresses, phones and profiles identify a person.
        """
        free = [p for p in points if p[0] not in self._keys and p[0] not in self._queued_points]
        for (kind, norm), value, _ in points:
            if kind in IDENTITY_KINDS and (kind, norm) in self._keys:
                self.error(rec.line, f"{kind} {value!r} belongs to another person "
                           f"(#{self._keys[(kind, norm)]}); not added", file=rec.file)  # fmt: skip
        self._queued_points.update([key for key, _, _ in free])
        queued = self.bulk.find(external, keys)
        if queued is not None:
            known = {key for key, _ in queued.contacts}
            queued.contacts += [(k, v) for k, v in keys if k not in known]
            queued.points += free
            self._fill_queued(queued, rec)
            self.counts.skipped += 1
            return
        self.bulk.add(NewPerson(rec, name, external, self._birthday(rec), list(keys), free))
        self.counts.created += 1
        if len(self.bulk.pending) >= BUFFER:
            self.flush()

    def _fill_queued(self, queued: NewPerson, rec: PersonRecord) -> None:
        """What a second record of a queued new person (another card of them in the same
        file) says that the first did not: its employer and title (another employer is
        history), birthday (another one is listed, not taken), notes (added to the first's),
        its name when another ("Also known as …"), place, tags; as a record of someone here
        is applied to them (``_update_person``)."""
        first = queued.record
        if not first.organization and rec.organization:
            first.organization, first.title = rec.organization, rec.title
        elif not first.title and rec.title and _same_org(first.organization, rec.organization):
            first.title = rec.title
        elif normalize_org(rec.organization or "") and not any(
            _same_org(org, rec.organization)
            for org in [first.organization, *(o for o, _ in queued.past)]
        ):
            queued.past.append((clean(rec.organization or ""), rec.title))
        for attr in ("given_name", "family_name", "location", "first_known"):
            if not getattr(first, attr) and getattr(rec, attr):
                setattr(first, attr, getattr(rec, attr))
        lines = [rec.notes] if rec.notes and _news(first.notes, rec.notes) else []
        if not names_agree(clean(rec.name), queued.name):
            lines.append(also_known_as(clean(rec.name), self.source.replace("_", "-")))
        lines += _other_names("\n".join([first.notes or "", *lines]), rec)
        if lines:
            first.notes = "\n".join([first.notes or "", *lines]).lstrip("\n")
        birthday = self._birthday(rec)
        if queued.birthday is None:
            queued.birthday = birthday
        elif birthday is not None and birthday != queued.birthday:
            where = f"another card of {queued.name} gives"
            self._other_birthday(rec, birthday, queued.birthday, where)
        first.tags = [*first.tags, *(t for t in rec.tags if t not in first.tags)]

    def _other_birthday(self, rec: PersonRecord, birthday: str, kept: str, where: str) -> None:
        """List a birthday a record gives that is not the one kept (``where`` says whose)."""
        self.error(rec.line, f"birthday {birthday} is not the one {where} ({kept}): "
                   "not taken", file=rec.file)  # fmt: skip

    def flush(self) -> None:
        """Write everything buffered: new people, then conversations."""
        self.flush_people()
        self.bulk.flush_interactions()

    def flush_people(self) -> None:
        """Write the buffered new people and make them findable for the rest of the file."""
        self._queued_points.clear()
        for new, pid in self.bulk.flush():
            self._sources[new.external] = pid
            self.named.add(pid)
            for key, _, _ in new.points:
                self._keys[key] = pid
            if self._names is not None:
                self._names.setdefault(fold(new.name), []).append(pid)
            if not new.plain:
                self.touched.add(pid)

    def _apart(
        self, rec: PersonRecord, name: str, keys: list[tuple[Key, str]], points: list[Point]
    ) -> tuple[list[tuple[Key, str]], list[Point]]:
        """The record's keys and points without the addresses and phones it shares with
        someone of a plainly other name (a family's mailbox, a team's address, an office
        line) or another LinkedIn profile: an address alone does not make "Jane Doe" into
        "John Doe". Each one is listed as a problem; the record is matched by its other
        keys, or becomes a person of its own. A phone is anyone's whose name disagrees
        ("Reception"). An address is apart from someone of another full name whom this
        source gave (another record of the file, or of an earlier file of the same kind:
        two contacts of one address book, two connections, are two people, in whatever
        order a later export lists them); from someone come otherwise it says who they are,
        whatever the name ("Pepe García" in an address book, with the address of a José
        García typed in or imported from elsewhere, is José: the name goes into his notes).
        A profile of the record's that someone here has says who they are, whatever the
        name (it may have changed)."""
        owners: dict[Key, int | NewPerson] = {}
        for key, _ in keys:
            owner = self._keys.get(key) or self.bulk.pending_keys.get(key)
            if owner is not None:
                owners[key] = owner
        if not owners:
            return keys, points
        known = [owners[key] for key, _ in keys if key[0] == "linkedin" and key in owners]
        if known:  # a profile says who: keys of anyone else's are not theirs to match by
            who = known[0]
            return [(k, v) for k, v in keys if _same(owners.get(k, who), who)], points
        profile = next((key for key, _ in keys if key[0] == "linkedin"), None)
        # the record's own person, as this source knows them, holding all its keys alone
        own = self._sources.get(self._external_id(rec, keys))
        alone = all(_same(owner, own) for owner in owners.values()) if own else False
        shared: set[Key] = set()
        for key, value in keys:
            owner = owners.get(key)
            if owner is None or key in self._removed:  # taken from someone: see ``_match``
                continue
            if alone and self._sources.get(self._name_key(rec)) in (None, own):
                continue  # nothing to judge
            here = isinstance(owner, NewPerson) or owner in self.named or self._of_source(owner)
            if not (here or key[0] == "phone" or profile):
                continue  # someone from elsewhere: the address says who (see the docstring)
            other = owner.name if isinstance(owner, NewPerson) else self._name_of(owner)
            apart = (here and two_people(name, other)) or (
                key[0] == "phone" and self._phone_apart(name, other, owner, keys, owners)
            )
            if apart or (profile and self._other_profile(owner, profile)):
                shared.add(key)
                self.error(rec.line, f"{key[0]} {value!r} is also {other}'s: {name} is kept "
                           "apart, without it", file=rec.file)  # fmt: skip
        if not shared:
            return keys, points
        return [k for k in keys if k[0] not in shared], [p for p in points if p[0] not in shared]

    def _phone_apart(
        self,
        name: str,
        other: str,
        owner: int | NewPerson,
        keys: list[tuple[Key, str]],
        owners: dict[Key, int | NewPerson],
    ) -> bool:
        """Whether a phone the record shares with ``owner`` (of the name ``other``) is all
        that would make two people one: a household's or an office's line is not a person.
        Kept apart: a name that disagrees ("Reception"); unless an address or profile of
        the owner's on the record says who it is, full names plainly two people's ("John
        Doe", "Jane Doe"), or another given name when each has an address or profile of
        their own ("Christine Martin" on "Chris Martin"'s home line, each with a mailbox;
        "Chris Martin" on "Christopher Martin"'s phone, with no address, is him)."""
        if names_disagree(name, other):
            return True
        identities = [key for key, _ in keys if key[0] != "phone"]
        if any(_same(owners[key], owner) for key in identities if key in owners):
            return False
        if two_people(name, other):
            return True
        return bool(identities) and other_given_names(name, other) and self._has_address(owner)

    def _has_address(self, owner: int | NewPerson) -> bool:
        """Whether someone here (or queued) has an email address or a LinkedIn profile."""
        if isinstance(owner, NewPerson):
            return any(kind != "phone" for (kind, _), _ in owner.contacts)
        found = self.session.execute(
            select(ContactPoint.id)
            .where(ContactPoint.person_id == owner, ContactPoint.kind.in_(("email", "linkedin")))
            .limit(1)
        ).first()
        return found is not None

    def _of_source(self, pid: int) -> bool:
        """Whether an earlier import of this source gave the person (those of this one are
        in ``named``)."""
        if self._source_people is None:
            self._source_people = set(self._sources.values())
        return pid in self._source_people

    def _other_profile(self, owner: int | NewPerson, profile: Key) -> bool:
        """Whether someone here (or queued) has a LinkedIn profile other than ``profile``."""
        if isinstance(owner, NewPerson):
            return any(k[0] == "linkedin" and k != profile for k, _ in owner.contacts)
        theirs = self.session.scalars(
            select(ContactPoint.normalized).where(
                ContactPoint.person_id == owner, ContactPoint.kind == "linkedin"
            )
        )
        return any(value != profile[1] for value in theirs)

    def _exported(self, number: str, name: str) -> int | None:
        """The person a card of netweave's own export names (UID ``netweave-person-N``):
        person N, when they are here under a like name. A card exported from this database
        and brought back is that person, not a new one; a card from another database, whose
        number is someone else here, is not."""
        if not (number.isascii() and number.isdigit() and 0 < int(number) <= MAX_ID):
            return None
        person = self.session.get(Person, int(number))
        if person is None or not names_agree(name, person.display_name):
            return None
        return person.id

    def _name_of(self, pid: int) -> str:
        return self.session.scalar(select(Person.display_name).where(Person.id == pid)) or ""

    def _org_key(self, name: str) -> str:
        """The key of the organization ``name`` names: its own, or that of the organization
        it is an alias of ("Facebook" merged into Meta is Meta's), so that a role moving
        between two names of one organization is no job change."""
        if self._aliases is None:
            self._aliases = {alias: key for alias, (_, _, key) in alias_keys(self.session).items()}
        key = normalize_org(name)
        return self._aliases.get(key, key)

    def _known(self) -> _Known:
        if self._state is None:
            self._state = _Known(self.session)
        return self._state

    def _contact_points(self, rec: PersonRecord) -> list[Point]:
        """Every contact point of a record, normalized, with its label; a value that does not
        normalize is listed as a problem and left out."""
        values = [("email", e) for e in rec.emails]
        if rec.phones:
            values += [("phone", p) for p in rec.phones]
        if rec.linkedin:
            values.append(("linkedin", Labeled(rec.linkedin)))
        if rec.urls:
            values += [("url", u) for u in rec.urls]
        out: list[Point] = []
        seen: set[Key] = set()
        region = self.ctx.settings.phone_region
        for kind, item in values:
            try:
                key = (kind, normalize_contact(kind, item.value, region))
            except InvalidInput as exc:
                self.error(rec.line, str(exc), exc.web, file=rec.file)
                continue
            if key in seen:  # one address written twice (Home and Other, any case)
                continue
            seen.add(key)
            label = clean(item.label)[:64] or None if item.label else None
            out.append((key, item.value, label))
        return out

    def _external_id(self, rec: PersonRecord, keys: list[tuple[Key, str]]) -> str:
        """The key this source gives the person: its own id, a profile URL or address, or name."""
        uid = getattr(rec, "uid", None)
        if uid:
            return f"uid:{uid}"[:500]
        if keys:
            kind, norm = keys[0][0]
            return f"{kind}:{norm}"
        return self._name_key(rec)

    @staticmethod
    def _name_key(rec: PersonRecord) -> str:
        """The key of a person known by name (and organization) alone."""
        # made with the fold of earlier versions, frozen, so that a file imported before still
        # finds its people ("Łukasz" folded to "łukasz" then, and does to "lukasz" now)
        name, org = legacy_fold(clean(rec.name)), legacy_normalize_org(rec.organization or "")
        return _NAME + hashlib.sha1(f"{name}|{org}".encode()).hexdigest()

    def _birthday(self, rec: PersonRecord) -> str | None:
        if not rec.birthday:
            return None
        try:
            return parse_birthday(rec.birthday)
        except InvalidInput as exc:
            self.error(rec.line, str(exc), exc.web, file=rec.file)
            return None

    def _update_person(self, person: Person, rec: PersonRecord, *, merging: bool = False) -> bool:
        """Fill what the person lacks and follow a job change; never overwrite what is there.
        A record of another source (``merging``) adds its notes to theirs, and a birthday
        other than theirs is listed: a record read again (the same source) fills only."""
        before: dict[str, Any] = {}
        filled: dict[str, Any] = {}
        birthday = self._birthday(rec)
        if merging and birthday and person.birthday and birthday != person.birthday:
            where = f"{person.display_name} (#{person.id}) has"
            self._other_birthday(rec, birthday, person.birthday, where)
        for attr, value in (("birthday", birthday), ("notes", rec.notes or None),
                            ("location", rec.location or None),
                            ("headline", headline(rec, normalize_org(rec.organization or ""))),
                            ("met_on", rec.first_known)):  # fmt: skip
            if value is not None and getattr(person, attr) is None:
                before[attr], filled[attr] = None, value
                setattr(person, attr, value)
        also = self._also_known_as(person, rec)
        lines = [rec.notes] if merging and rec.notes and _news(person.notes, rec.notes) else []
        lines += [also] if also is not None else []
        lines += _other_names("\n".join([person.notes or "", *lines]), rec)
        if lines:
            before.setdefault("notes", person.notes)
            person.notes = "\n".join([person.notes, *lines] if person.notes else lines)
            filled["notes"] = person.notes
        if rec.is_me and not person.is_me:
            before["is_me"] = False
            person.is_me = True
        if before:
            # what it set, too: an undo leaves a value the user has changed since
            before[FILLED] = jsonable(filled)
            self.log("person", person.id, "updated", jsonable(before))
        changed = bool(before) | self._follow_job(person, rec)
        return self._add_tags(person, rec.tags) or changed

    def _also_known_as(self, person: Person, rec: PersonRecord) -> str | None:
        """A line for the notes when the source names the person otherwise ("Pepe García"
        in an address book for José García, "Иван Петров" for Ivan Petrov), so that the
        name is kept and search finds them by it; ``None`` when it is theirs already."""
        name = clean(rec.name)
        if "@" in name or not any(c.isalpha() for c in name):
            return None  # a contact named by what it has: an address, a number
        if names_agree(name, person.display_name):
            return None
        line = also_known_as(name, self.source.replace("_", "-"))
        return None if fold(line) in fold(person.notes or "") else line

    def _follow_job(self, person: Person, rec: PersonRecord) -> bool:
        """Follow a new role: a new employer, or a new title at the current one.

        The old position is kept as history and a congratulate item is planned. A role the
        person held before (an ended position) is taken for an older source, not a change:
        so importing an old export again, or two sources that disagree, changes nothing.
        """
        if not rec.organization or not normalize_org(rec.organization):
            return False
        key, title = self._org_key(rec.organization), _title_key(rec.title)
        held = [p for p in person.positions if p.organization.normalized_name == key]
        same = [p for p in held if p.current]
        if same and (not title or _title_key(same[0].title) == title):
            return False
        if same and same[0].title is None:
            self.log("position", same[0].id, "updated", {"title": None})
            same[0].title = rec.title
            return True
        if same and same[0].import_batch_id is None:
            return False  # the title the user typed or corrected stands: another wording is no news
        past = [p for p in held if not p.current and (not same or _title_key(p.title) == title)]
        # history only an address book (or a record merged in) gave, with no dates: a dated
        # source that names it is newer news, not an older source
        stale = [p for p in past if self._undated_history(p)]
        if past and len(stale) < len(past):
            return False  # a past employer, or a title they had there before
        if same and self.source in UNDATED_SOURCES and not self._gave(same[0]):
            return False  # an address book wording the title another source gave otherwise
        if (
            same
            and self.source not in UNDATED_SOURCES
            and self._given_by(same[0]) in UNDATED_SOURCES
        ):
            # the title an address book gave ("PM", or one gone stale) at the same employer,
            # worded by a dated source: its wording is kept, and it is no news
            self.log("position", same[0].id, "updated", {"title": same[0].title})
            same[0].title = rec.title
            return True
        current = same or [p for p in person.positions if p.current]
        if not same and any(_renamed(p, key, title) for p in current):
            return False  # the employer's name written longer or shorter, the same role
        if not same and self._misfiled(current, rec):
            return True
        if current and self.source in UNDATED_SOURCES and not any(map(self._gave, current)):
            # An address book naming another employer than the one LinkedIn or the user
            # gave is most likely older than it (address books go stale): history, not news.
            self._new_position(person, rec.organization, rec.title, start=None, current=False)
            return True
        if current and self._older_export(person, rec, current):
            if not stale:
                self._new_position(person, rec.organization, rec.title, start=None, current=False)
            return not stale
        for old in current:
            self.log(
                "position", old.id, "updated", {"current": True, "end_date": _iso(old.end_date)}
            )
            old.current, old.end_date = False, old.end_date or self.today
        start = self.today if current else None
        if stale:
            self._promote(stale[0], rec.title, start)
        else:
            self._new_position(person, rec.organization, rec.title, start)
        # the user's own new job is no reason to write, nor "Retired" or "Open to work" a role
        if current and not person.is_me and is_employer(rec.organization):
            self._congratulate(person, congratulation(person, rec.organization, rec.title))
        return True

    def _undated_history(self, position: Position) -> bool:
        """Whether a past position is one an address book gave as history, undated."""
        return (
            self.source not in UNDATED_SOURCES
            and position.start_date is None
            and position.end_date is None
            and self._given_by(position) in UNDATED_SOURCES
        )

    def _promote(self, position: Position, title: str | None, start: dt.date | None) -> None:
        """Make a position known only as history the current one (a dated source says so):
        it is this import's now, so the address book that gave it no longer words it."""
        self.log("position", position.id, "updated",
                 {"current": False, "title": position.title, "start_date": None,
                  "import_batch_id": position.import_batch_id})  # fmt: skip
        position.current, position.start_date = True, start
        position.title = title or position.title
        position.import_batch_id = self.batch.id

    def _older_export(self, person: Person, rec: PersonRecord, current: list[Position]) -> bool:
        """Whether the record is from a LinkedIn export older than what says the current
        job: its rows have no profile URL (LinkedIn's older format) and a newer export,
        with URLs, gave the person theirs; or it is older than the export that gave the job
        (see ``import_order``). A job the user typed is older than no export but one made
        before they typed it: older than an export read before that named the person, or
        made (its archive says) before the day they typed the change, or the first job."""
        if self.source != "linkedin":
            return False
        given = [p for p in current if self._gave(p)]
        typed = [p for p in current if p.import_batch_id is None]
        if not given and not typed:
            return False
        named = self._linkedin_rows(person) if typed else []
        if (
            (given or named)
            and not rec.linkedin
            and any(c.kind == "linkedin" for c in person.contact_points)
        ):
            return True
        if any(self.exports.older_than("position", p.id, p.import_batch_id) for p in given):
            return True
        # a job change typed is dated the day it was typed; a first job typed (no start)
        # by the day its row was written
        if any(self.exports.age.made_before(_typed_on(p)) for p in typed):
            return True
        return any(self.exports.older_than(table, row, batch) for table, row, batch in named)

    def _linkedin_rows(self, person: Person) -> list[tuple[str, int, int]]:
        """The rows earlier LinkedIn imports wrote of the person (their roles, current or
        past, and the source that brought them in): ``(table, id, batch)``."""
        rows = [("position", p.id, p.import_batch_id) for p in person.positions
                if p.import_batch_id is not None]  # fmt: skip
        sources = self.session.execute(
            select(PersonSource.id, PersonSource.import_batch_id).where(
                PersonSource.person_id == person.id,
                PersonSource.source == "linkedin",
                PersonSource.import_batch_id.is_not(None),
            )
        ).all()
        rows += [("person_source", sid, int(batch)) for sid, batch in sources]
        batches = {batch for _, _, batch in rows}
        of_linkedin = ImportBatch.kind == "linkedin", ImportBatch.id.in_(batches)
        linkedin = set(self.session.scalars(select(ImportBatch.id).where(*of_linkedin)))
        return [(table, row, batch) for table, row, batch in rows if batch in linkedin]

    def _gave(self, position: Position) -> bool:
        """Whether this kind of source gave the position (an earlier import of it)."""
        return self._given_by(position) == self.source

    def _given_by(self, position: Position) -> str | None:
        """The source whose import gave the position (none: typed in by the user)."""
        if position.import_batch_id is None:
            return None
        kind = self.session.scalar(
            select(ImportBatch.kind).where(ImportBatch.id == position.import_batch_id)
        )
        return (kind or "").replace("-", "_")

    def _congratulate(self, person: Person, title: str) -> None:
        """Plan one congratulation: an open one is brought up to date, not doubled."""
        task, before = plan_congratulation(self.session, person, title, self.today, self.now)
        self.log("task", task.id, "created" if before is None else "updated", before)

    def _new_position(
        self,
        person: Person,
        org_name: str,
        title: str | None,
        start: dt.date | None,
        *,
        current: bool = True,
    ) -> None:
        org = self._organization(org_name)
        position = Position(person_id=person.id, organization_id=org.id, title=title,
                            current=current, start_date=start,
                            import_batch_id=self.batch.id)  # fmt: skip
        self.session.add(position)
        self.session.flush()
        self.log("position", position.id, "created")

    def _organization(self, name: str) -> Organization:
        """The organization of ``name``, made (and logged for the undo) when new."""
        key = normalize_org(name)
        org = self._orgs.get(key) or find_organization(self.session, name)
        if org is None:
            org = get_or_create_organization(self.session, name)
            org.import_batch_id = self.batch.id
            self.log("organization", org.id, "created")
            self.bulk.remember_organization(org.normalized_name, org.id, org.name)
        self._orgs[key] = org
        return org

    def _misfiled(self, current: list[Position], rec: PersonRecord) -> bool:
        """Move a current role to the employer the record names when an earlier version of
        netweave took the two for one (names told apart only by a mark that makes a letter,
        "ガス" and "カス": keys before revision 0017). No new role, and no news."""
        then = legacy_org_key(fold(clean(rec.organization or "")))
        for position in current:
            if legacy_org_key(fold(clean(position.organization.name))) == then:
                named = self._organization(rec.organization or "")  # made first: undone last
                self.log("position", position.id, "updated",
                         {"organization_id": position.organization_id})  # fmt: skip
                position.organization = named
                return True
        return False

    def _add_tags(self, person: Person, labels: list[str]) -> bool:
        added = False
        taken_away = self._removed_tags.get(person.id, set())
        for label in labels:
            if not clean(label) or tag_label(label) in taken_away:
                continue
            tag = get_or_create_tag(self.session, label)
            if tag.id is None:
                self.session.flush()
                self.log("tag", tag.id, "created")
            if tag not in person.tags:
                person.tags.append(tag)
                self.session.flush()
                link = (person_tag.c.person_id == person.id) & (person_tag.c.tag_id == tag.id)
                self.session.execute(
                    update(person_tag).where(link).values(import_batch_id=self.batch.id)
                )
                self.log("person_tag", person.id, "created", {"tag_id": tag.id})
                added = True
        return added

    def _add_contacts(self, person: Person, points: list[Point], rec: PersonRecord) -> bool:
        """Add the addresses and phones the person lacks; whether any was added."""
        added = False
        for (kind, norm), value, label in points:
            owner = self._keys.get((kind, norm))
            if owner == person.id or person.id in self._removed.get((kind, norm), ()):
                continue
            if owner is not None:
                if kind in IDENTITY_KINDS:  # a website may be shared; an address may not
                    self.error(
                        rec.line,
                        f"{kind} {value!r} belongs to another person (#{owner}); not added",
                        file=rec.file,
                    )
                continue
            first = not any(c.kind == kind for c in person.contact_points)
            point = ContactPoint(
                person_id=person.id,
                kind=kind,
                value=clean(value),
                normalized=norm,
                label=label,
                is_primary=first,
                import_batch_id=self.batch.id,
            )
            self.session.add(point)
            self.session.flush()
            self.log("contact_point", point.id, "created")
            self._keys[(kind, norm)] = person.id
            added = True
        return added

    # -- interactions --------------------------------------------------------------------
    def interaction(self, rec: InteractionRecord) -> None:
        """Record one conversation, once, with the people it names."""
        if self.bulk.pending:
            self.flush()
        if rec.external_id in self._seen:
            if self.source in RESCHEDULED:  # moved or renamed since?
                self.calendar.held(rec)
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
        crowd = len(rec.participants) > CROWD and not self.create_people
        makes = rec.makes_people and not crowd
        found = {self.participant(ref, makes_people=makes) for ref in rec.participants}
        self.crowds += crowd and None in found  # someone in it left out
        people = sorted(pid for pid in found if pid is not None and pid not in self._me)
        if not people:
            self.counts.skipped += 1
            if rec.participants:
                self.strangers += 1
                self.requests += not rec.makes_people
            else:
                self.alone += 1
            return
        self.bulk.add_interaction(rec, people)
        self._seen.add(rec.external_id)
        self.touched.update(people)
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

    def remember_mine(self, addresses: Sequence[str]) -> bool:
        """Put the user's own addresses (``--me``) on their record, when there is one, so
        that the next import of mail finds them there (an address of someone else's is
        listed, not taken); whether any was added."""
        me = self.session.scalars(select(Person).where(Person.is_me.is_(True))).first()
        if me is None:
            return False
        rec = PersonRecord(name=me.display_name, emails=[Labeled(a) for a in addresses])
        if self._add_contacts(me, self._contact_points(rec), rec):
            self.touched.add(me.id)
            return True
        return False

    def withdrawn(self, item: NotHeld) -> None:
        """A meeting the source says was not held with the user (cancelled, declined, moved
        to later): taken out if an earlier import brought it in."""
        if self.source in RESCHEDULED:
            self.calendar.withdrawn(item)

    @property
    def my_ids(self) -> set[int]:
        """The ids of the user's own record(s)."""
        return self._me

    def participant(self, ref: ParticipantRef, *, makes_people: bool = True) -> int | None:
        """The person a conversation names (created when this import may and the record
        allows), ``None`` for the user or someone unknown."""
        if ref.email and ref.email.strip().lower() in self.mine:
            return None  # the user
        keys: list[tuple[tuple[str, str], str]] = []
        for kind, value in (("email", ref.email), ("linkedin", ref.linkedin)):
            if value:
                try:
                    keys.append(((kind, normalize_contact(kind, value)), value))
                except InvalidInput:
                    continue
        for key, _ in keys:
            if key in self._keys:
                return self._keys[key]
        # A name alone finds someone only when the source gives no address: mail from
        # "John Smith <jsmith1987@…>" is not the John Smith you know at another address
        # (a new person, proposed by `people duplicates`). A profile URL may be written
        # otherwise than the one known, so LinkedIn's messages still fall back on the name.
        if ref.name and not ref.email:
            same = self._by_name().get(fold(given_first(ref.name)), [])
            if len(same) == 1:
                return same[0]
        if keys and makes_people and (self.create_people or self.source in CREATES_CORRESPONDENTS):
            address = name_from_address(ref.email) if ref.email else ref.linkedin or ""
            name = given_first(ref.name or address) or "(unknown)"
            kind, norm = keys[0][0]
            points: list[Point] = [(key, value, None) for key, value in keys]
            self.bulk.add(
                NewPerson(PersonRecord(name=name), name, f"{kind}:{norm}", None, keys, points)
            )
            self.counts.created += 1
            self._by_name()  # load the name index before the new person joins it
            self.flush_people()
            return self._keys[keys[0][0]]
        return None

    def _by_name(self) -> dict[str, list[int]]:
        if self._names is None:
            self._names = defaultdict(list)
            for pid, name in self.session.execute(select(Person.id, Person.display_name)):
                self._names[fold(name)].append(pid)
        return self._names


class _Known:
    """What the database already says about people, loaded once, to skip unchanged rows fast."""

    def __init__(self, session: Session) -> None:
        self.jobs: dict[int, set[tuple[str, str | None]]] = defaultdict(set)
        for pid, org, title in session.execute(
            select(Position.person_id, Organization.normalized_name, Position.title)
            .join(Organization)
            .where(Position.current.is_(True))
        ):
            self.jobs[pid].add((org, title))
        #: The key of each alias of an organization → the organization's own key.
        self.aliases = {alias: key for alias, (_, _, key) in alias_keys(session).items()}
        self.tags: dict[int, set[str]] = defaultdict(set)
        for pid, label in session.execute(
            select(person_tag.c.person_id, Tag.label).join(Tag, Tag.id == person_tag.c.tag_id)
        ):
            self.tags[pid].add(label)
        columns = (Person.birthday, Person.notes, Person.location, Person.met_on)
        #: Per person: which of ``columns`` are empty, and whether they are the user.
        self.empty: dict[int, tuple[bool, bool, bool, bool, bool]] = {
            pid: (birthday is None, notes is None, location is None, met_on is None, bool(me))
            for pid, birthday, notes, location, met_on, me in session.execute(
                select(Person.id, *columns, Person.is_me)
            )
        }

    def unchanged(
        self,
        pid: int,
        rec: PersonRecord,
        points: list[Point],
        owners: dict[Key, int],
    ) -> bool:
        """Whether applying the record to this person would change nothing."""
        if any(owners.get(key) != pid for key, _, _ in points if key not in owners or
               key[0] in IDENTITY_KINDS):  # fmt: skip
            return False
        empty = self.empty.get(pid, (False, False, False, False, False))
        no_birthday, no_notes, no_location, no_met_on, is_me = empty
        if (rec.birthday and no_birthday) or (rec.notes and no_notes):
            return False
        if rec.nicknames:  # kept in the notes, whatever they hold: see ``_other_names``
            return False
        if rec.location and no_location:
            return False
        if (rec.first_known and no_met_on) or (rec.is_me and not is_me):
            return False
        labels = {clean(t).lower() for t in rec.tags if clean(t)}
        if not labels <= self.tags.get(pid, set()):
            return False
        org = normalize_org(rec.organization or "")
        if not org:
            return True
        org = self.aliases.get(org, org)
        return any(
            o == org and (not rec.title or t == rec.title) for o, t in self.jobs.get(pid, ())
        )


def _other_names(notes: str | None, rec: PersonRecord) -> list[str]:
    """The lines that keep the record's nicknames ("Also known as Bob (nickname)") that the
    notes do not have yet: a nickname is kept for search to find them by, whatever else the
    notes hold (what a source's notes say fills notes that are empty, and is added to them
    only by a record of another source: see ``_update_person``)."""
    said = fold(notes or "")
    lines = [also_known_as(name, "nickname") for name in rec.nicknames]
    fresh = [line for line in lines if fold(line) not in said]
    return [line for n, line in enumerate(fresh) if line not in fresh[:n]]


def _news(notes: str | None, more: str | None) -> bool:
    """Whether a record's notes say what the notes held do not (folded: in another case)."""
    said, saying = (" ".join(fold(text or "").split()) for text in (notes, more))
    return bool(saying) and saying not in said


def _same(a: int | NewPerson, b: int | NewPerson) -> bool:
    """Whether two owners of keys are one: a person here (by id) or one queued (itself)."""
    return a is b or (isinstance(a, int) and a == b)


def _title_key(title: str | None) -> str:
    """A job title compared without case, accents, quotes or punctuation."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(title or "")).split())


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _typed_on(position: Position) -> dt.date:
    """The day the user typed a position: a change's start (the day it was typed), else the
    day its row was written (a first job has no start)."""
    return position.start_date or day_of(position.created_at)
