"""The user's own schools an import brings in (LinkedIn's Education.csv), once.

They are held until the file's people are written (Profile.csv may make the user's own
record in the same export), then added to that record, each made with the batch's number
(an undo sweeps them, and a community no one else is in). A school the user holds already
(the same community in the same role or with no role said, or in any role when the row
says no degree) is not added again, nor is one the user took away by hand (remembered as
removed addresses are, services/removed.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from netweave.errors import InvalidInput
from netweave.io.records import SchoolRecord
from netweave.services.affiliations import affiliate, check_years, community_named, taken_key
from netweave.services.removed import removed_by_hand
from netweave.store.models import Person

if TYPE_CHECKING:
    from netweave.services.import_apply import Applier

#: Why schools are passed over when no record is the user's.
NO_OWN_RECORD = (
    "your schools are left out: no record is yours yet (import the export's Profile.csv, or "
    "`netweave people edit NAME --me` and import again)"
)
NO_OWN_RECORD_WEB = (
    "your schools are left out: no record is yours yet (import the export's Profile.csv, or "
    'mark yours with "This is me" on your page and import again)'
)


class Schools:
    """The schools a file names, added to the user's own record at its end."""

    def __init__(self, applier: Applier) -> None:
        self.applier = applier
        self.held: list[SchoolRecord] = []

    def add(self, record: SchoolRecord) -> None:
        """Hold a school until the file's people are written; its years are checked now,
        so that a bad one is a bad row as any other file's (the file fails, unless bad rows
        are skipped)."""
        try:
            check_years(record.start_year, record.end_year, self.applier.today)
        except InvalidInput as exc:
            raise InvalidInput(f"{record.school}: {exc}") from None
        self.held.append(record)

    def write(self) -> bool:
        """Add the schools held to the user's own record; whether any was added."""
        if not self.held:
            return False
        applier, session = self.applier, self.applier.session
        me = session.scalars(select(Person).where(Person.is_me.is_(True))).first()
        if me is None:
            first = self.held[0]
            applier.error(first.line, NO_OWN_RECORD, NO_OWN_RECORD_WEB, file=first.file)
            applier.counts.skipped += len(self.held)
            return False
        added = False
        taken = removed_by_hand(session).get(me.id, set())
        for record in self.held:
            if taken_key(record.school) in taken or self._held_already(me, record):
                applier.counts.skipped += 1
                continue
            try:
                affiliate(session, me, record.school, kind="school", role=record.degree,
                          years=(record.start_year, record.end_year), today=applier.today,
                          batch=applier.batch.id)  # fmt: skip
            except InvalidInput as exc:
                applier.error(record.line, f"{record.school}: {exc}", file=record.file)
                applier.counts.skipped += 1
                continue
            applier.counts.created += 1  # a new row, as a conversation is
            applier.touched.add(me.id)
            added = True
        return added

    def _held_already(self, me: Person, record: SchoolRecord) -> bool:
        """Whether the user is in this school already: in this role or with none said, or
        in any role when the row says no degree."""
        group = community_named(self.applier.session, record.school)
        role = (record.degree or "").casefold()
        return group is not None and any(
            held.community_id == group.id
            and (not role or (held.role or "").casefold() in ("", role))
            for held in me.affiliations
        )
