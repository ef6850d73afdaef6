"""The fast path of imports: new people are buffered and written in bulk.

A first import of a large export is mostly new people. Writing them one ORM object at a
time costs several statements each; here they are collected and written a thousand at a
time with multi-row inserts, and only the person (whose deletion cascades to everything
about them) and any new organization go into the undo log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from netweave.clock import utcnow
from netweave.io.records import InteractionRecord, PersonRecord
from netweave.logic.normalize import clean, normalize_org, split_name
from netweave.store.models import (
    ContactPoint,
    ImportChange,
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
Key = tuple[str, str]


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


@dataclass
class NewPerson:
    """A person to create, with everything the record said."""

    record: PersonRecord
    name: str
    external: str
    birthday: str | None
    contacts: list[tuple[Key, str]] = field(default_factory=list)


class BulkWriter:
    """Buffers new people and writes them with a handful of statements per thousand."""

    def __init__(self, session: Session, batch_id: int, source: str) -> None:
        self.session, self.batch_id, self.source = session, batch_id, source
        self.pending: list[NewPerson] = []
        self.conversations: list[tuple[InteractionRecord, list[int]]] = []
        self.pending_keys: dict[Key, NewPerson] = {}
        self.pending_sources: dict[str, NewPerson] = {}
        self._orgs: dict[str, int] | None = None
        self._tags: dict[str, int] | None = None

    def add(self, person: NewPerson) -> None:
        """Queue a new person (its keys now designate it for the rest of the file)."""
        self.pending.append(person)
        self.pending_sources[person.external] = person
        for key, _ in person.contacts:
            self.pending_keys.setdefault(key, person)

    def find(self, external: str, keys: list[tuple[Key, str]]) -> NewPerson | None:
        """A queued person the same record describes (a repeated row in one file)."""
        found = self.pending_sources.get(external)
        return found or next(
            (self.pending_keys[k] for k, _ in keys if k in self.pending_keys), None
        )

    def flush(self) -> list[tuple[NewPerson, int]]:
        """Write every queued person; returns each with its new id."""
        if not self.pending:
            return []
        people, self.pending = self.pending, []
        self.pending_keys, self.pending_sources = {}, {}
        orgs = self._organizations([p.record.organization for p in people])
        ids = self._people(people)
        self._details(people, ids, orgs)
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
        table = _table(Interaction)
        rows = [
            {"occurred_at": r.occurred_at, "kind": r.kind, "direction": r.direction,
             "summary": r.summary, "source": self.source, "external_id": r.external_id,
             "import_batch_id": self.batch_id}
            for r, _ in queued
        ]  # fmt: skip
        result = self.session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        )
        ids = [int(row[0]) for row in result]
        parts = [
            {"interaction_id": iid, "person_id": pid, "occurred_at": r.occurred_at}
            for iid, (r, people) in zip(ids, queued, strict=True)
            for pid in people
        ]
        self.session.execute(insert(_table(InteractionParticipant)), parts)
        self._log("interaction", ids)

    def _people(self, people: list[NewPerson]) -> list[int]:
        rows = []
        for p in people:
            given, family = split_name(p.name)
            rec = p.record
            rows.append({
                "display_name": p.name, "given_name": rec.given_name or given,
                "family_name": rec.family_name or family, "birthday": p.birthday,
                "notes": rec.notes or None, "met_on": rec.first_known,
                "met_how": f"imported from {self.source}", "is_me": rec.is_me,
                "import_batch_id": self.batch_id,
            })  # fmt: skip
        table = _table(Person)
        result = self.session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        )
        ids = [int(row[0]) for row in result]
        self._log("person", ids)
        return ids

    def _details(self, people: list[NewPerson], ids: list[int], orgs: dict[str, int]) -> None:
        points, positions, sources, links = [], [], [], []
        tags = self._tag_ids([t for p in people for t in p.record.tags])
        for p, pid in zip(people, ids, strict=True):
            kinds: set[str] = set()
            for (kind, norm), value in p.contacts:
                points.append(
                    {"person_id": pid, "kind": kind, "value": clean(value), "normalized": norm,
                     "is_primary": kind not in kinds, "import_batch_id": self.batch_id}
                )  # fmt: skip
                kinds.add(kind)
            org = normalize_org(p.record.organization or "")
            if org:
                positions.append(
                    {"person_id": pid, "organization_id": orgs[org], "title": p.record.title,
                     "current": True, "import_batch_id": self.batch_id}
                )  # fmt: skip
            sources.append({"person_id": pid, "source": self.source, "external_id": p.external,
                            "import_batch_id": self.batch_id})  # fmt: skip
            labels = {clean(t).lower() for t in p.record.tags if clean(t)}
            links += [{"person_id": pid, "tag_id": tags[label]} for label in sorted(labels)]
        for table, rows in ((_table(ContactPoint), points), (_table(Position), positions),
                            (_table(PersonSource), sources), (person_tag, links)):  # fmt: skip
            if rows:
                self.session.execute(insert(table), rows)

    def _organizations(self, names: list[str | None]) -> dict[str, int]:
        if self._orgs is None:
            self._orgs = dict(
                self.session.execute(select(Organization.normalized_name, Organization.id))
                .tuples()
                .all()
            )
        new: dict[str, str] = {}
        for name in names:
            key = normalize_org(name or "")
            if key and key not in self._orgs and key not in new:
                new[key] = clean(name or "")
        if new:
            table = _table(Organization)
            rows = [
                {"name": n, "normalized_name": k, "import_batch_id": self.batch_id}
                for k, n in new.items()
            ]
            result = self.session.execute(
                insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
            )
            created = [int(r[0]) for r in result]
            self._orgs.update(zip(new, created, strict=True))
            self._log("organization", created)
        return self._orgs

    def _tag_ids(self, labels: list[str]) -> dict[str, int]:
        if self._tags is None:
            self._tags = dict(self.session.execute(select(Tag.label, Tag.id)).tuples().all())
        for label in sorted({clean(t).lower() for t in labels if clean(t)}):
            if label not in self._tags:
                tag = Tag(label=label)
                self.session.add(tag)
                self.session.flush()
                self._tags[label] = tag.id
        return self._tags

    def _log(self, table: str, ids: list[int]) -> None:
        now = utcnow()
        rows = [{"batch_id": self.batch_id, "table_name": table, "row_id": i, "action": "created",
                 "before": None, "created_at": now, "updated_at": now} for i in ids]  # fmt: skip
        if rows:
            self.session.execute(insert(_table(ImportChange)), rows)
