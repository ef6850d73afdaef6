"""Writing imported records: identity resolution, idempotent re-imports, an undo log.

People are matched on normalized email, phone and LinkedIn URL, and on the key the source
itself gives them (``person_source``); a record that matches nobody creates a person.
Every row an import changes, and every row it adds to people who were already there, is
written down in ``import_change`` with the values before the change; new people and
conversations are written in bulk (``import_bulk``) and found again by their
``import_batch_id``. So the batch can be undone exactly.

Who a record is, is ``import_identity``'s; the roles it says, ``import_jobs``'s; the
conversations, ``import_conversations``'s; what is known already, ``import_known``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

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
from netweave.logic.normalize import (
    clean,
    fold,
    names_agree,
    normalize_contact,
    normalize_org,
)
from netweave.logic.parse import parse_birthday
from netweave.services.context import Context
from netweave.services.directory import tag_label
from netweave.services.export import UID_PREFIX
from netweave.services.import_bulk import (
    BUFFER,
    IDENTITY_KINDS,
    BulkWriter,
    Key,
    NewPerson,
    Point,
    headline,
)
from netweave.services.import_conversations import Conversations
from netweave.services.import_identity import Identity
from netweave.services.import_jobs import Jobs
from netweave.services.import_known import (
    Known,
    fuller_birthday,
    news,
    only_an_address,
    other_names,
    real_name,
    url_kind,
)
from netweave.services.import_order import ExportAges
from netweave.services.import_profiled import Profiled
from netweave.services.import_reschedule import FILLED, RESCHEDULED, Calendar, jsonable
from netweave.services.import_schools import Schools
from netweave.services.people import get_or_create_tag
from netweave.store.models import (
    ContactPoint,
    ImportBatch,
    ImportChange,
    Person,
    PersonSource,
    person_tag,
)

#: The external key of a card of netweave's own export (``_exported``).
_EXPORTED = f"uid:{UID_PREFIX}"


def _same_org(a: str | None, b: str | None) -> bool:
    """Whether two organization names name the same organization."""
    return normalize_org(a or "") == normalize_org(b or "")


#: How the notes name a value that is no contact point of its kind (``_contact_points``).
_UNREAD = {"email": "Email", "phone": "Phone", "linkedin": "LinkedIn", "url": "Web address"}

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
        #: Who the people here are, by their keys (``import_identity``).
        self.who = Identity(self)
        #: The source keys this import gave someone already here: a later record with one of
        #: them is another record of that person in the same file, not the same one read again.
        self._given_here: set[str] = set()
        self._me = set(session.scalars(select(Person.id).where(Person.is_me.is_(True))))
        #: The program's "now" (moved by ``--as-of``), for everything the import dates.
        self.now = ctx.clock.now()
        self._set_up_writing(session, batch, source)

    def _set_up_writing(self, session: Session, batch: ImportBatch, source: str) -> None:
        """The bulk writer, the counts of what the file leaves out, and the followers of
        what it brings in: meetings, export ages, profiles, roles, conversations."""
        self.bulk = BulkWriter(
            session,
            batch.id,
            source,
            self.now,
            created_tag=lambda tag_id: self.log("tag", tag_id, "created"),
        )
        self._state: Known | None = None
        #: Contact points of the people queued for the bulk write (none may be written twice).
        self._queued_points: set[Key] = set()
        #: Conversations skipped because no one in them is known (and none may be made), and
        #: because no one but the user is in them.
        self.strangers = self.alone = 0
        #: Connection requests received from people not known (not accepted): skipped.
        self.requests = 0
        #: The profiles (``url_key``) among the connections of every export of the import:
        #: a request received from one of them was accepted since (``import_conversations``).
        self.connected: frozenset[str] = frozenset()
        #: Conversations with more than ``CROWD`` others, which made no one new.
        self.crowds = 0
        #: People whose card had a photo, which is not kept (the reader tells).
        self.photos = 0
        #: Newsletters and automated messages a mailbox's reader left out (bulk mail).
        self.bulk_mail = 0
        #: The meetings a calendar brought in before (``RESCHEDULED`` sources).
        self.calendar = Calendar(self)
        #: How old the export read is (its reader tells, for LinkedIn's) beside earlier ones.
        self.exports = ExportAges(session)
        #: The people a newer LinkedIn export brought in with their profiles.
        self._profiled = Profiled(session)
        #: The roles of the people the file names, followed (``import_jobs``).
        self.jobs = Jobs(self)
        #: The conversations of the file (``import_conversations``).
        self.talk = Conversations(self)
        #: The user's own schools the file names (``import_schools``).
        self.schools = Schools(self)

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
        self.bulk_mail += getattr(item, "reason", None) == "bulk"  # a mailbox's SkippedMessage
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
        keys, points = self.who.apart(rec, name, keys, points)
        external = self.who.external_id(rec, keys)
        pid = self._who_is(rec, name, external, keys)
        if pid is None:
            if external in self.who.sources:  # an address taken from that person: someone else's
                external = self.who.free_key(rec, keys, name)
            self._queue(rec, name, external, keys, points)
            return
        again = external in self._given_here  # another record of them in this file
        if (
            external in self.who.sources
            and not again
            and self.who.read_before(external, self.file)
            and self._known().unchanged(pid, rec, points, self.who.keys)
        ):
            self.jobs.confirm(self._known().role(pid, rec))  # a newer export's say-so
            self.counts.skipped += 1
            self.named.add(pid)
            return
        self._update_found(pid, rec, external, points, again=again)

    def _who_is(
        self, rec: PersonRecord, name: str, external: str, keys: list[tuple[Key, str]]
    ) -> int | None:
        """The person here a record is of (``None``: someone new)."""
        pid = self.who.match(external, keys, name) or self.who.named_before(rec, keys)
        if rec.is_me and self._me:
            pid = min(self._me)  # the user's own profile: their record, whatever it holds
        if pid is not None and any(k in self.bulk.pending_keys for k, _ in keys):
            # someone here already, with an address a queued new person has too: written
            # first, that person holds it, and the address is not given to two people
            self.flush_people()
            pid = self.who.match(external, keys, name) or self.who.named_before(rec, keys)
        if pid is None and external.startswith(_EXPORTED):
            pid = self.who.exported(external.removeprefix(_EXPORTED), name)
        if pid is None:
            pid = self.who.by_removed(name, keys)
        if pid is None and self.source == "linkedin" and not keys and not rec.is_me:
            # a row of LinkedIn's older format (no profile URL) after a newer export
            org = self.jobs.org_key(rec.organization) if rec.organization else None
            pid = self._profiled.one(name, org, rec.first_known)
        return pid

    def _update_found(
        self, pid: int, rec: PersonRecord, external: str, points: list[Point], *, again: bool
    ) -> None:
        """Update the person found for a record with what it says, counting it as merged
        (a record of another source), updated or skipped (nothing new)."""
        found = self.session.get(Person, pid)
        assert found is not None
        person = found
        merging = external not in self.who.sources and not external.startswith(_EXPORTED)
        # a record of another source, of another file, or another record of them in this
        # file, adds its notes (and a fuller birthday; another is listed); the same record
        # read again (a file of that name gave its key) only fills what is empty
        other = external in self.who.sources and not self.who.read_before(external, self.file)
        changed = self._update_person(person, rec, merging=merging or again or other)
        changed = self._add_contacts(person, points, rec) or changed
        if merging:
            self.counts.merged += 1
            source = PersonSource(person_id=person.id, source=self.source, external_id=external,
                                  import_batch_id=self.batch.id)  # fmt: skip
            self.session.add(source)
            self.session.flush()
            self.log("person_source", source.id, "created")
            self.who.sources[external] = person.id
            self._given_here.add(external)
        elif changed:
            self.counts.updated += 1
        else:
            self.counts.skipped += 1
        self.touched.add(person.id)
        self.named.add(person.id)

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
        free = [p for p in points if p[0] not in self.who.keys and p[0] not in self._queued_points]
        owners = self.who.keys
        for (kind, norm), value, _ in points:
            if kind in IDENTITY_KINDS and (kind, norm) in owners:
                self.error(rec.line, f"{kind} {value!r} belongs to another person "
                           f"(#{owners[(kind, norm)]}); not added", file=rec.file)  # fmt: skip
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
        lines = [rec.notes] if rec.notes and news(first.notes, rec.notes) else []
        if not names_agree(clean(rec.name), queued.name):
            lines.append(also_known_as(clean(rec.name), self.source.replace("_", "-")))
        lines += other_names("\n".join([first.notes or "", *lines]), rec)
        if lines:
            first.notes = "\n".join([first.notes or "", *lines]).lstrip("\n")
        birthday = self._birthday(rec)
        if queued.birthday is None or (birthday and fuller_birthday(birthday, queued.birthday)):
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
            self.who.sources[new.external] = pid
            self.named.add(pid)
            for key, _, _ in new.points:
                self.who.keys[key] = pid
            self.talk.joined(pid, new.name)
            if not new.plain:
                self.touched.add(pid)

    def _known(self) -> Known:
        if self._state is None:
            self._state = Known(self.session)
        return self._state

    def _contact_points(self, rec: PersonRecord) -> list[Point]:
        """Every contact point of a record, normalized, with its label; a value that does not
        normalize (not an email address, a phone number) is no contact point but not lost:
        kept as written in the record's notes ("Email: …"), as an unreadable birthday is,
        and listed."""
        values = [("email", e) for e in rec.emails]
        if rec.phones:
            values += [("phone", p) for p in rec.phones]
        if rec.linkedin:
            values.append(("linkedin", Labeled(rec.linkedin)))
        if rec.urls:  # a URL of their LinkedIn profile is that profile
            values += [(url_kind(u.value, rec.linkedin), u) for u in rec.urls]
        out: list[Point] = []
        seen: set[Key] = set()
        region = self.ctx.settings.phone_region
        for kind, item in values:
            try:
                key = (kind, normalize_contact(kind, item.value, region))
            except InvalidInput as exc:
                kept = f"{_UNREAD[kind]}: {clean(item.value)}"
                if fold(kept) not in fold(rec.notes or ""):
                    rec.notes = f"{rec.notes}\n{kept}" if rec.notes else kept
                web = f"{exc.web} — kept in the notes" if exc.web else None
                self.error(rec.line, f"{exc} — kept in the notes", web, file=rec.file)
                continue
            if key in seen:  # one address written twice (Home and Other, any case)
                continue
            seen.add(key)
            label = clean(item.label)[:64] or None if item.label else None
            out.append((key, item.value, label))
        return out

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
            if fuller_birthday(birthday, person.birthday):  # the year of a --MM-DD one
                before["birthday"], filled["birthday"] = person.birthday, birthday
                person.birthday = birthday
            else:
                where = f"{person.display_name} (#{person.id}) has"
                self._other_birthday(rec, birthday, person.birthday, where)
        for attr, value in (("birthday", birthday), ("notes", rec.notes or None),
                            ("location", rec.location or None),
                            ("headline", headline(rec, normalize_org(rec.organization or ""))),
                            ("met_on", rec.first_known)):  # fmt: skip
            if value is not None and getattr(person, attr) is None:
                before[attr], filled[attr] = None, value
                setattr(person, attr, value)
        real_name(person, rec, before, filled)
        also = self._also_known_as(person, rec)
        lines = [rec.notes] if merging and rec.notes and news(person.notes, rec.notes) else []
        lines += [also] if also is not None else []
        lines += other_names("\n".join([person.notes or "", *lines]), rec)
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
        changed = bool(before) | self.jobs.follow(person, rec)
        return self._add_tags(person, rec.tags) or changed

    def _also_known_as(self, person: Person, rec: PersonRecord) -> str | None:
        """A line for the notes when the source names the person otherwise ("Pepe García"
        in an address book for José García, "Иван Петров" for Ivan Petrov), so that the
        name is kept and search finds them by it; ``None`` when it is theirs already."""
        name = clean(rec.name)
        if only_an_address(name):
            return None  # a contact named by what it has: an address, a number
        if names_agree(name, person.display_name):
            return None
        line = also_known_as(name, self.source.replace("_", "-"))
        return None if fold(line) in fold(person.notes or "") else line

    def _add_tags(self, person: Person, labels: list[str]) -> bool:
        added = False
        taken_away = self.who.removed_tags.get(person.id, set())
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
            owner = self.who.keys.get((kind, norm))
            if owner == person.id or person.id in self.who.removed.get((kind, norm), ()):
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
            self.who.keys[(kind, norm)] = person.id
            added = True
        return added

    def remember_mine(self, addresses: Sequence[str] = (), profile: str | None = None) -> bool:
        """Put the user's own addresses (``--me``), or the LinkedIn profile their export
        tells (when they have none), on their record, when there is one, so that the next
        import finds them there (one of someone else's is listed, not taken); whether any
        was added."""
        self.flush_people()  # the record an export's Profile.csv made
        me = self.session.scalars(select(Person).where(Person.is_me.is_(True))).first()
        if me is None or (profile and any(c.kind == "linkedin" for c in me.contact_points)):
            return False
        rec = PersonRecord(me.display_name, emails=[Labeled(a) for a in addresses],
                           linkedin=profile)  # fmt: skip
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

    def interaction(self, rec: InteractionRecord) -> None:
        """Record one conversation, once, with the people it names."""
        self.talk.add(rec)

    def participant(self, ref: ParticipantRef, *, makes_people: bool = True) -> int | None:
        """The person a conversation names (created when this import may and the record
        allows), ``None`` for the user or someone unknown."""
        return self.talk.participant(ref, makes_people=makes_people)
