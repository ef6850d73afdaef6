"""Who an imported record is: the people here by their addresses, phones and profiles, and
by the keys a source gave them (``person_source``); what the user took from someone by
hand; the keys a record shares with someone of another name, kept apart (``apart``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from netweave.io.records import PersonRecord
from netweave.logic.normalize import (
    clean,
    fold,
    legacy_fold,
    legacy_normalize_org,
    names_agree,
    names_disagree,
    other_given_names,
    two_people,
)
from netweave.logic.parse import MAX_ID
from netweave.services.import_bulk import Key, NewPerson, Point, first_owner
from netweave.services.import_profiled import NAME_KEY
from netweave.services.removed import removed_by_hand
from netweave.store.models import ContactPoint, ImportBatch, Person, PersonSource

if TYPE_CHECKING:
    from netweave.services.import_apply import Applier


class Identity:
    """The people here as an import finds them, loaded once per file."""

    def __init__(self, applier: Applier) -> None:
        self.applier = applier
        session, source = applier.session, applier.source
        self.session, self.source = session, source
        #: Who holds each contact point: ``(kind, normalized)`` → person.
        self.keys: dict[tuple[str, str], int] = {
            (kind, norm): pid
            for kind, norm, pid in session.execute(
                select(ContactPoint.kind, ContactPoint.normalized, ContactPoint.person_id)
            )
        }
        #: What the user took away from someone by hand (of people still here): an address
        #: is not added to them again, and finds them only for a record of their name
        #: (another person's card with it is someone else's); a tag is not added again.
        self.removed: dict[Key, set[int]] = {}
        self.removed_tags: dict[int, set[str]] = {}
        taken = removed_by_hand(session)
        here = set(session.scalars(select(Person.id).where(Person.id.in_(list(taken)))))
        for pid, items in taken.items():
            for kind, _, value in (item.partition(":") for item in items if pid in here):
                if kind == "tag":
                    self.removed_tags.setdefault(pid, set()).add(value)
                else:
                    self.removed.setdefault((kind, value), set()).add(pid)
        #: The key this source gave each person it brought in or matched → the person.
        self.sources: dict[str, int] = {
            row[0]: row[1]
            for row in session.execute(
                select(PersonSource.external_id, PersonSource.person_id).where(
                    PersonSource.source == source
                )
            )
        }
        #: The files each source key was given by (``read_before``), loaded on first use.
        self._given_by: dict[str, frozenset[str] | None] | None = None
        #: The people of ``sources`` as first read (``_of_source``), made on first use.
        self._source_people: set[int] | None = None
        #: Whether anyone of this source is known by name alone (an older export's row).
        self.name_keys = any(key.startswith(NAME_KEY) for key in self.sources)
        #: Those people by folded name and the day they were met (``_connected_the_same_day``).
        self._connected: dict[tuple[str, dt.date], list[int]] | None = None

    def match(self, external: str, keys: list[tuple[Key, str]], name: str) -> int | None:
        """The person here that this record's source key, or else one of its keys, names.
        A source key that is an address the user took from that person names them only for
        a record of their name (another person's card with it is that other person)."""
        pid = self.sources.get(external)
        kind, _, value = external.partition(":")
        if pid is not None and pid in self.removed.get((kind, value), ()):
            pid = pid if names_agree(name, self.name_of(pid)) else None
        return pid or first_owner(keys, self.keys)

    def read_before(self, external: str, file: str | None) -> bool:
        """Whether the source key was given by an earlier import of the file of that name:
        its record is then the same record read again. A record of another file or app
        (another address book, a CSV of Outlook's after Google's) that has the same first
        address is another record of the person, whose notes and fuller values count."""
        if self._given_by is None:
            names = select(PersonSource.external_id, ImportBatch.id, ImportBatch.source_name)
            joined = names.outerjoin(ImportBatch, ImportBatch.id == PersonSource.import_batch_id)
            self._given_by = {
                key: None if batch is None else frozenset(shown.split(", "))
                for key, batch, shown in self.session.execute(
                    joined.where(PersonSource.source == self.source)
                )
                if batch != self.applier.batch.id  # an earlier file of this import: another
            }
        if external not in self._given_by:
            return False
        files = self._given_by[external]
        return files is None or file is None or Path(file).name in files

    def free_key(self, rec: PersonRecord, keys: list[tuple[Key, str]], name: str) -> str:
        """A source key for someone new whose first address was taken from another person
        by hand (and is that person's source key): another of theirs, else their name."""
        for (kind, norm), _ in keys[1:]:
            if f"{kind}:{norm}" not in self.sources:
                return f"{kind}:{norm}"
        named = self.name_key(rec)
        return named if named not in self.sources else f"{keys[0][0][0]}:{keys[0][0][1]}|{name}"

    def by_removed(self, name: str, keys: list[tuple[Key, str]]) -> int | None:
        """The person a record of their name is, by an address the user took from them."""
        for key, _ in keys:
            for pid in sorted(self.removed.get(key, ())):
                if names_agree(name, self.name_of(pid)):
                    return pid
        return None

    def named_before(self, rec: PersonRecord, keys: list[tuple[Key, str]]) -> int | None:
        """The person an earlier file of this source knew by name alone (an older LinkedIn
        export has no profile URL, a card may have had no address) when this record, with
        an address or profile, has the same name and organization, or the same name and the
        same day of connection (the same LinkedIn connection, since moved to another
        employer): unless that person has another address or profile of the same kind,
        which makes them someone else."""
        if not keys or not self.name_keys:
            return None
        pid = self.sources.get(self.name_key(rec)) or self._connected_the_same_day(rec)
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
                    PersonSource.external_id.startswith(NAME_KEY, autoescape=True),
                    Person.met_on.is_not(None),
                )
            )
            for pid, name, day in self.session.execute(named):
                self._connected[fold(name), day].append(pid)
        found = set(self._connected.get((fold(clean(rec.name)), rec.first_known), ()))
        return found.pop() if len(found) == 1 else None

    def apart(
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
            owner = self.keys.get(key) or self.applier.bulk.pending_keys.get(key)
            if owner is not None:
                owners[key] = owner
        if not owners:
            return keys, points
        known = [owners[key] for key, _ in keys if key[0] == "linkedin" and key in owners]
        if known:  # a profile says who: keys of anyone else's are not theirs to match by
            who = known[0]
            return [(k, v) for k, v in keys if _same(owners.get(k, who), who)], points
        shared = self._shared(rec, name, keys, owners)
        if not shared:
            return keys, points
        return [k for k in keys if k[0] not in shared], [p for p in points if p[0] not in shared]

    def _shared(
        self,
        rec: PersonRecord,
        name: str,
        keys: list[tuple[Key, str]],
        owners: dict[Key, int | NewPerson],
    ) -> set[Key]:
        """The record's keys that are someone else's (``owners``), by the rules of
        ``apart``; each is listed as a problem."""
        profile = next((key for key, _ in keys if key[0] == "linkedin"), None)
        # the record's own person, as this source knows them, holding all its keys alone
        own = self.sources.get(self.external_id(rec, keys))
        alone = all(_same(owner, own) for owner in owners.values()) if own else False
        shared: set[Key] = set()
        named = self.applier.named
        for key, value in keys:
            owner = owners.get(key)
            if owner is None or key in self.removed:  # taken from someone: see ``match``
                continue
            if alone and self.sources.get(self.name_key(rec)) in (None, own):
                continue  # nothing to judge
            here = isinstance(owner, NewPerson) or owner in named or self._of_source(owner)
            if not (here or key[0] == "phone" or profile):
                continue  # someone from elsewhere: the address says who (see the docstring)
            other = owner.name if isinstance(owner, NewPerson) else self.name_of(owner)
            apart = (here and two_people(name, other)) or (
                key[0] == "phone" and self._phone_apart(name, other, owner, keys, owners)
            )
            if apart or (profile and self._other_profile(owner, profile)):
                shared.add(key)
                self.applier.error(rec.line, f"{key[0]} {value!r} is also {other}'s: {name} "
                                   "is kept apart, without it", file=rec.file)  # fmt: skip
        return shared

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
            self._source_people = set(self.sources.values())
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

    def exported(self, number: str, name: str) -> int | None:
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

    def name_of(self, pid: int) -> str:
        return self.session.scalar(select(Person.display_name).where(Person.id == pid)) or ""

    def external_id(self, rec: PersonRecord, keys: list[tuple[Key, str]]) -> str:
        """The key this source gives the person: its own id, a profile URL or address, or name."""
        uid = getattr(rec, "uid", None)
        if uid:
            return f"uid:{uid}"[:500]
        if keys:
            kind, norm = keys[0][0]
            return f"{kind}:{norm}"
        return self.name_key(rec)

    @staticmethod
    def name_key(rec: PersonRecord) -> str:
        """The key of a person known by name (and organization) alone."""
        # made with the fold of earlier versions, frozen, so that a file imported before still
        # finds its people ("Łukasz" folded to "łukasz" then, and does to "lukasz" now)
        name, org = legacy_fold(clean(rec.name)), legacy_normalize_org(rec.organization or "")
        return NAME_KEY + hashlib.sha1(f"{name}|{org}".encode()).hexdigest()


def _same(a: int | NewPerson, b: int | NewPerson) -> bool:
    """Whether two owners of keys are one: a person here (by id) or one queued (itself)."""
    return a is b or (isinstance(a, int) and a == b)
