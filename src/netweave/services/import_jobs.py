"""Following someone's role as an import sees it: a new employer or title is a job change
(the old role kept as history, a congratulation planned); a role they held before, an
older LinkedIn export's (``import_order``) or an address book's wording of it is not."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from sqlalchemy import select

from netweave.clock import day_of
from netweave.io.records import PersonRecord
from netweave.logic.employer import is_employer
from netweave.logic.normalize import clean, fold, legacy_org_key, normalize_org
from netweave.services.import_bulk import UNDATED_SOURCES
from netweave.services.import_reschedule import jsonable
from netweave.services.orgs import alias_keys, get_or_create_organization
from netweave.services.resolve import find_organization
from netweave.services.tasks import congratulation, plan_congratulation, withdraw_congratulation
from netweave.store.models import ImportBatch, Organization, Person, PersonSource, Position

if TYPE_CHECKING:
    from netweave.services.import_apply import Applier


class Jobs:
    """The roles of the people one file names, followed (undo-logged by the applier)."""

    def __init__(self, applier: Applier) -> None:
        self.session, self.batch, self.source = applier.session, applier.batch, applier.source
        self.today, self.now = applier.today, applier.now
        self.log, self.bulk, self.exports = applier.log, applier.bulk, applier.exports
        #: Employers already looked up, by normalized name: many people move to the same.
        self._orgs: dict[str, Organization] = {}
        #: The key of each alias of an organization → the organization's own key.
        self._aliases: dict[str, str] | None = None

    def follow(self, person: Person, rec: PersonRecord) -> bool:
        """Follow a new role: a new employer, or a new title at the current one.

        The old position is kept as history and a congratulate item is planned. A role the
        person held before (an ended position) is taken for an older source, not a change:
        so importing an old export again, or two sources that disagree, changes nothing.
        """
        if not rec.organization or not normalize_org(rec.organization):
            return False
        key, title = self.org_key(rec.organization), _title_key(rec.title)
        held = [p for p in person.positions if p.organization.normalized_name == key]
        same = [p for p in held if p.current]
        if (answer := self._at_the_same_employer(same, rec, title)) is not None:
            return answer
        past = [p for p in held if not p.current and (not same or _title_key(p.title) == title)]
        # history only an address book (or a record merged in) gave, with no dates: a dated
        # source that names it is newer news, not an older source
        stale = [p for p in past if self._undated_history(p)]
        if past and len(stale) < len(past):
            return False  # a past employer, or a title they had there before
        if (answer := self._worded_by_another_source(same, rec)) is not None:
            return answer
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
        self._move_on(person, rec, current, stale)
        return True

    def _at_the_same_employer(
        self, same: list[Position], rec: PersonRecord, title: str
    ) -> bool | None:
        """A record naming the employer of the current role ``same``: no news when it names
        the same title (or none) or the user's own, a title filled in where there was none
        (``True``); ``None`` when it says otherwise."""
        if same and (not title or _title_key(same[0].title) == title):
            self.confirm((same[0].id, same[0].import_batch_id))
            return False
        if same and same[0].title is None:
            self.log("position", same[0].id, "updated", {"title": None})
            same[0].title = rec.title
            return True
        if same and same[0].import_batch_id is None:
            return False  # the title the user typed or corrected stands: another wording is no news
        return None

    def _worded_by_another_source(self, same: list[Position], rec: PersonRecord) -> bool | None:
        """Another title at the employer of the current role ``same`` that is a wording of
        one source's title by another, not a new role (``None`` when it is not)."""
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
        return None

    def _move_on(
        self, person: Person, rec: PersonRecord, current: list[Position], stale: list[Position]
    ) -> None:
        """The current roles ended today, the new one taken up (a stale one promoted, or a
        new one), and the person congratulated on it."""
        assert rec.organization is not None
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
        elif current and not is_employer(rec.organization):
            self._withdraw(person)  # "Retired": the new role has ended, none left to cheer

    def confirm(self, role: tuple[int, int | None] | None) -> None:
        """A role (position, and the batch that gave it) an earlier LinkedIn export gave,
        said again by this one: when this export is newer, the role is as new as it from
        now on (``ExportAges.said_again``, kept with this file's age), so an export older
        than this one, read after it, takes it for no news. The role itself is left as it
        is: saying it again is no change, to count or to undo."""
        if role is not None and self.source == "linkedin":
            self.exports.said_again(*role)

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
        if any(self.exports.role_older(p.id, p.import_batch_id) for p in given):
            return True
        # a job change typed is dated the day it was typed; a first job typed (no start)
        # by the day its row was written
        if any(self.exports.age.made_before(_typed_on(p)) for p in typed):
            return True
        return any(
            self.exports.role_older(row, batch)
            if table == "position"
            else self.exports.older_than(table, row, batch)
            for table, row, batch in named
        )

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

    def _withdraw(self, person: Person) -> None:
        """Take back an open congratulation whose role has ended (put back by the undo)."""
        row = withdraw_congratulation(self.session, person)
        if row is not None:
            self.log("task", row["id"], "deleted", jsonable(row))

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
        # stamped once, as the rows the import writes in bulk are: two stamps apart would
        # be taken for a change the user made since (``import_kept``), and the person the
        # same import brought in kept by its undo
        position = Position(person_id=person.id, organization_id=org.id, title=title,
                            current=current, start_date=start, import_batch_id=self.batch.id,
                            created_at=self.now, updated_at=self.now)  # fmt: skip
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

    def org_key(self, name: str) -> str:
        """The key of the organization ``name`` names: its own, or that of the organization
        it is an alias of ("Facebook" merged into Meta is Meta's), so that a role moving
        between two names of one organization is no job change."""
        if self._aliases is None:
            self._aliases = {alias: key for alias, (_, _, key) in alias_keys(self.session).items()}
        key = normalize_org(name)
        return self._aliases.get(key, key)


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


def _title_key(title: str | None) -> str:
    """A job title compared without case, accents, quotes or punctuation."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(title or "")).split())


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _typed_on(position: Position) -> dt.date:
    """The day the user typed a position: a change's start (the day it was typed), else the
    day its row was written (a first job has no start)."""
    return position.start_date or day_of(position.created_at)
