"""The fast path of imports: new people are buffered and written in bulk.

A first import of a large export is mostly new people. Writing them one ORM object at a
time costs several statements each; here they are collected and written a thousand at a
time through the driver (``store.bulk``), with their aggregates and search rows. Nothing
goes into the undo log for them but the tags made for them: every other row carries
``import_batch_id``, and undo removes the batch's people (whose deletion cascades to
everything about them), conversations and unused organizations by that column, then the
logged tags no one carries any more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from netweave.io.records import InteractionRecord, PersonRecord
from netweave.logic.name_parts import split_name
from netweave.logic.normalize import clean, email_domain_key, normalize_org
from netweave.logic.sorting import name_sort_key
from netweave.services.orgs import alias_keys
from netweave.store import search, stats
from netweave.store.bulk import RowWriter
from netweave.store.models import (
    ContactPoint,
    Interaction,
    InteractionParticipant,
    Organization,
    Person,
    PersonSource,
    Position,
    Tag,
    person_tag,
)

BUFFER = 1000
T = TypeVar("T")
Key = tuple[str, str]
#: A contact point to write: its (kind, normalized) key, the value as given, its label.
Point = tuple[Key, str, str | None]
#: How a person's "met" line names the source an import brought them from.
SOURCE_NAMES = {
    "linkedin": "LinkedIn",
    "vcard": "an address book",
    "google_csv": "Google or Outlook contacts",
    "ics": "a calendar",
    "mbox": "mail",
}
#: How an import says it met someone: only where the record came from, not a meeting.
PROVENANCE = frozenset(f"imported from {name}" for name in SOURCE_NAMES.values())
#: Address books: undated, so a title they word otherwise than another source is no news.
UNDATED_SOURCES = frozenset({"vcard", "google_csv"})
#: The kinds of contact point that identify a person (a website may be shared).
IDENTITY_KINDS = ("email", "phone", "linkedin")


def first_owner(keys: list[tuple[Key, str]], owners: dict[Key, T]) -> T | None:
    """Whom the first of ``keys`` that ``owners`` knows belongs to, or ``None``."""
    for key, _ in keys:
        owner = owners.get(key)
        if owner is not None:
            return owner
    return None


def headline(rec: PersonRecord, employer: str) -> str | None:
    """A title given with no organization ("Freelance Photographer", the user's own
    LinkedIn headline) is the person's headline: no position holds it."""
    if employer:
        return None
    return clean(rec.title or "") or None


def better_written(first: str, then: str) -> str:
    """The better of two spellings of one organization's name: one with capitals over one
    all in lower case, and over a long one all in capitals ("Google" over "google" and
    "GOOGLE"; "IBM" stays); else the first."""
    return then if _cased(then) > _cased(first) else first


def _cased(name: str) -> int:
    """How well a name is written by its case: 0 all lower, 1 a long one all capitals."""
    if name == name.lower():
        return 0
    return 1 if name == name.upper() and sum(c.isalpha() for c in name) > 4 else 2


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


@dataclass
class NewPerson:
    """A person to create, with everything the record said."""

    record: PersonRecord
    name: str
    external: str
    birthday: str | None
    #: The identifying contact points (``Key`` and value), for matching.
    contacts: list[tuple[Key, str]] = field(default_factory=list)
    #: Every contact point to write, websites included.
    points: list[Point] = field(default_factory=list)
    #: Other employers (and titles) that other records of them in the file named: history.
    past: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def plain(self) -> bool:
        """Nothing that affects the aggregates yet (tags may carry a cadence): they are
        written with the person; others are rebuilt when the file is done."""
        return not self.record.tags


class BulkWriter:
    """Buffers new people and writes them with a handful of statements per thousand."""

    def __init__(
        self,
        session: Session,
        batch_id: int,
        source: str,
        now: dt.datetime,
        created_tag: Callable[[int], None] = lambda tag_id: None,
    ) -> None:
        self.session, self.batch_id, self.source = session, batch_id, source
        #: When the rows are written, on the program's clock (``--as-of`` moves it): a new
        #: person is first known from then, which starts their keep-in-touch cadence.
        self.now = now
        #: Told of every tag this writer creates (the undo log keeps them).
        self.created_tag = created_tag
        self.pending: list[NewPerson] = []
        self.conversations: list[tuple[InteractionRecord, list[int]]] = []
        self.pending_keys: dict[Key, NewPerson] = {}
        self.pending_sources: dict[str, NewPerson] = {}
        self._orgs: dict[str, int] | None = None
        self._org_names: dict[str, str] = {}
        #: The organizations this writer created: their keys (their names may be better
        #: written by a later row: "google" first, "Google" after).
        self._made_orgs: set[str] = set()
        self._tags: dict[str, int] | None = None

    def _writer(self, table: Table, columns: tuple[str, ...], **constants: Any) -> RowWriter:
        """The writer of one table's rows (made once per file)."""
        if "import_batch_id" in table.c:
            constants["import_batch_id"] = self.batch_id
        if "created_at" in table.c:
            constants["created_at"] = constants["updated_at"] = self.now
        return RowWriter.of(self.session, table, columns, constants)

    def add(self, person: NewPerson) -> None:
        """Queue a new person (its keys now designate it for the rest of the file)."""
        self.pending.append(person)
        self.pending_sources[person.external] = person
        for key, _ in person.contacts:
            self.pending_keys.setdefault(key, person)

    def find(self, external: str, keys: list[tuple[Key, str]]) -> NewPerson | None:
        """A queued person the same record describes (a repeated row in one file)."""
        return self.pending_sources.get(external) or first_owner(keys, self.pending_keys)

    def flush(self) -> list[tuple[NewPerson, int]]:
        """Write every queued person; returns each with its new id."""
        if not self.pending:
            return []
        people, self.pending = self.pending, []
        self.pending_keys, self.pending_sources = {}, {}
        employers = [normalize_org(p.record.organization or "") for p in people]
        named = [
            (k, clean(p.record.organization or "")) for p, k in zip(people, employers, strict=True)
        ]
        named += [(normalize_org(org), clean(org)) for p in people for org, _ in p.past]
        orgs = self._organizations(named)
        ids = self._people(people, employers)
        self._details(people, ids, [orgs[key] if key else None for key in employers])
        self._history(people, ids, orgs)
        self._derived(people, ids, employers)
        return list(zip(people, ids, strict=True))

    def add_interaction(self, record: InteractionRecord, people: list[int]) -> None:
        """Queue a conversation with the (already known) people taking part."""
        self.conversations.append((record, people))
        if len(self.conversations) >= BUFFER:
            self.flush_interactions()

    def flush_interactions(self) -> None:
        """Write the queued conversations with their participants."""
        if not self.conversations:
            return
        queued, self.conversations = self.conversations, []
        writer = self._writer(
            _table(Interaction),
            ("occurred_at", "kind", "direction", "summary", "external_id"),
            source=self.source,
        )
        ids = writer.write_new(
            [(r.occurred_at, r.kind, r.direction, r.summary, r.external_id) for r, _ in queued]
        )
        parts = self._writer(
            _table(InteractionParticipant), ("interaction_id", "person_id", "occurred_at")
        )
        parts.write(
            [(iid, pid, r.occurred_at) for iid, (r, people) in zip(ids, queued, strict=True)
             for pid in people]
        )  # fmt: skip

    def _people(self, people: list[NewPerson], employers: list[str]) -> list[int]:
        rows = []
        for p, employer in zip(people, employers, strict=True):
            rec = p.record
            given, family = rec.given_name, rec.family_name
            if not (given and family):  # the parts a source did not give, guessed from the name
                guessed = split_name(p.name)
                given, family = given or guessed[0], family or guessed[1]
            rows.append((p.name, given, family, p.birthday, rec.notes or None, rec.location,
                         rec.first_known, rec.is_me, headline(rec, employer)))  # fmt: skip
        columns = ("display_name", "given_name", "family_name", "birthday", "notes", "location",
                   "met_on", "is_me", "headline")  # fmt: skip
        met = f"imported from {SOURCE_NAMES.get(self.source, self.source)}"
        writer = self._writer(_table(Person), columns, met_how=met)
        return writer.write_new(rows)

    def _details(
        self, people: list[NewPerson], ids: list[int], employers: list[int | None]
    ) -> None:
        """Each person's contact points, position (at the organization ``employers`` gives,
        if any), source key and tags."""
        points: list[tuple[Any, ...]] = []
        positions: list[tuple[Any, ...]] = []
        links: list[tuple[int, int]] = []
        tags = self._tag_ids([t for p in people for t in p.record.tags])
        for p, pid, org_id in zip(people, ids, employers, strict=True):
            kinds: set[str] = set()
            for (kind, norm), value, label in p.points:
                key = email_domain_key(norm) if kind == "email" else None
                points.append((pid, kind, clean(value), norm, label, kind not in kinds, key))
                kinds.add(kind)
            if org_id is not None:
                positions.append((pid, org_id, p.record.title))
            if p.record.tags:
                labels = {clean(t).lower() for t in p.record.tags if clean(t)}
                links += [(pid, tags[label]) for label in sorted(labels)]
        sources = [(pid, p.external) for p, pid in zip(people, ids, strict=True)]
        self._writer(
            _table(ContactPoint),
            ("person_id", "kind", "value", "normalized", "label", "is_primary", "domain_key"),
        ).write(points)
        self._writer(
            _table(Position), ("person_id", "organization_id", "title"), current=True
        ).write(positions)
        self._writer(_table(PersonSource), ("person_id", "external_id"), source=self.source).write(
            sources
        )
        self._writer(person_tag, ("person_id", "tag_id")).write(links)

    def _derived(self, people: list[NewPerson], ids: list[int], employers: list[str]) -> None:
        """The aggregates and search rows of the plain new people, as a rebuild would make
        them (``employers``: the key of each one's organization, or ``""``)."""
        plain = [trio for trio in zip(people, ids, employers, strict=True) if trio[0].plain]
        stats.add_new_people(self.session, [(pid, p.birthday) for p, pid, _ in plain])
        names = self._org_names
        docs = []
        for p, pid, org in plain:
            rec = p.record
            job = (names[org], rec.title) if org else ()
            past = [part for o, t in p.past for part in (names[normalize_org(o)], t)]
            work = (headline(rec, org), *job, *past)
            docs.append((pid, search.document(p.name, work, [rec.notes, rec.location])))
        search.add_documents(self.session, docs)

    def _history(self, people: list[NewPerson], ids: list[int], orgs: dict[str, int]) -> None:
        """The past positions of the new people: employers other records of them named."""
        rows = [
            (pid, orgs[key], title)
            for p, pid in zip(people, ids, strict=True)
            for org, title in p.past
            if (key := normalize_org(org))
        ]
        if rows:
            self._writer(
                _table(Position), ("person_id", "organization_id", "title"), current=False
            ).write(rows)

    def _organizations(self, named: list[tuple[str, str]]) -> dict[str, int]:
        """The id of every organization ``named`` gives (its key and its name as written),
        created where new."""
        if self._orgs is None:
            self._orgs, self._org_names = {}, {}
            for key, oid, name in self.session.execute(
                select(Organization.normalized_name, Organization.id, Organization.name)
            ):
                self._orgs[key], self._org_names[key] = oid, name
            for alias, (oid, name, _) in alias_keys(self.session).items():
                self._orgs[alias], self._org_names[alias] = oid, name  # "Facebook": Meta
        new: dict[str, str] = {}
        renamed: dict[str, str] = {}
        for key, written in named:
            if not key:
                continue
            if key in new:
                new[key] = better_written(new[key], written)
            elif key not in self._orgs:
                new[key] = written
            elif key in self._made_orgs:
                shown = renamed.get(key, self._org_names[key])
                if better_written(shown, written) != shown:
                    renamed[key] = written
        if new:
            writer = self._writer(_table(Organization), ("name", "normalized_name"))
            created = writer.write_new([(n, k) for k, n in new.items()])
            self._orgs.update(zip(new, created, strict=True))
            self._org_names.update(new)
            self._made_orgs.update(new)
        table = _table(Organization)
        for key, name in renamed.items():  # made by this import: its undo removes it anyway
            self.session.execute(
                update(table)
                .where(table.c.id == self._orgs[key])
                .values(name=name, sort_key=name_sort_key(name))
            )
            self._org_names[key] = name
        return self._orgs

    def remember_organization(self, key: str, org_id: int, name: str) -> None:
        """An organization created outside the bulk path, so it is never created twice."""
        if self._orgs is not None:
            self._orgs[key], self._org_names[key] = org_id, name

    def _tag_ids(self, labels: list[str]) -> dict[str, int]:
        if self._tags is None:
            self._tags = dict(self.session.execute(select(Tag.label, Tag.id)).tuples().all())
        for label in sorted({clean(t).lower() for t in labels if clean(t)}):
            if label not in self._tags:  # perhaps given one by one since the cache was read
                found = self.session.scalar(select(Tag.id).where(Tag.label == label))
                if found is None:
                    tag = Tag(label=label)
                    self.session.add(tag)
                    self.session.flush()
                    found = tag.id
                    self.created_tag(found)
                self._tags[label] = found
        return self._tags
