"""What the kept record takes from the merged one: the fields it lacks, how the two met,
the notes, and who was introduced by whom."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from netweave.io.records import known_as
from netweave.logic.normalize import fold
from netweave.services.import_bulk import PROVENANCE
from netweave.services.import_reschedule import FILLED
from netweave.services.merge_log import UndoLog, as_json, table_of
from netweave.store.models import Person

_PROFILE = ("pronouns", "headline", "location", "birthday", "circle", "cadence_days",
            "strength_override")  # fmt: skip


#: How two people met: one account, taken whole from one record, never mixed.
_MET = ("met_how", "met_event_id", "met_on", "introduced_by_id")


def _first_meeting(keep: Person, other: Person) -> Person:
    """The record whose account of the meeting stands: the one that met first (a record
    with no date yields to one with a date), KEEP when it is a tie or OTHER says nothing
    (an "imported from an address book" alone says where the record came from, not how
    they met)."""
    if not _says_how_they_met(other):
        return keep
    if not _says_how_they_met(keep):
        return other
    if other.met_on is not None and (keep.met_on is None or other.met_on < keep.met_on):
        return other
    return keep


def _says_how_they_met(person: Person) -> bool:
    if any(getattr(person, a) is not None for a in ("met_event_id", "met_on", "introduced_by_id")):
        return True
    return person.met_how is not None and person.met_how not in PROVENANCE


def fill_profile(log: UndoLog, keep: Person, other: Person, titles: str | None) -> None:
    """Give KEEP what OTHER says and KEEP does not: the fields it lacks, the account of
    the first meeting, the notes (with what OTHER says otherwise, and ``titles``), and the
    user's own record."""
    before: dict[str, Any] = {}
    if _first_meeting(keep, other) is other:
        for attr in _MET:
            if getattr(keep, attr) != getattr(other, attr):
                before[attr] = as_json(getattr(keep, attr))
                setattr(keep, attr, getattr(other, attr))
    for attr in _PROFILE:
        mine, theirs = getattr(keep, attr), getattr(other, attr)
        if mine is None and theirs is not None:
            before[attr] = None
            setattr(keep, attr, theirs)
    said = _said_otherwise(keep, other)
    mine = {line.strip() for line in (keep.notes or "").splitlines()}  # a line both had: once
    theirs = [
        line
        for line in (other.notes or "").splitlines()
        if line.strip() not in mine - {""} and not _known_as(line, keep.display_name)
    ]
    notes = "\n".join(n for n in (keep.notes, "\n".join(theirs), said, titles) if n)
    if notes != (keep.notes or ""):
        before["notes"] = keep.notes
        keep.notes = notes
    if other.is_me and not keep.is_me:
        before["is_me"] = False
        keep.is_me = True
    if before:
        # what the merge set, too: its undo leaves a value the user has changed since
        before[FILLED] = {attr: as_json(getattr(keep, attr)) for attr in before}
        log.add("person", keep.id, "updated", before)


def _known_as(line: str, name: str) -> bool:
    """Whether a line of the notes says the person is also known as ``name``, the kept
    record's (in other case or accents): once merged, that is their name, not another."""
    found = known_as(line)
    return found is not None and fold(found[0]).split() == fold(name).split()


def introduced_by(log: UndoLog, session: Session, keep: Person, other: Person) -> bool:
    """The people OTHER introduced the user to were introduced by KEEP; the merged person
    was introduced by neither record of themselves. Returns whether one of the two records
    said the other introduced them (a link the merge drops)."""
    dropped = other.introduced_by_id == keep.id
    table = table_of("person")
    for pid in session.scalars(
        select(table.c.id).where(table.c.introduced_by_id == other.id, table.c.id != keep.id)
    ):
        log.add("person", pid, "updated", {"introduced_by_id": other.id})
    session.execute(
        update(table).where(table.c.introduced_by_id == other.id, table.c.id != keep.id)
        .values(introduced_by_id=keep.id)
    )  # fmt: skip
    if keep.introduced_by_id in (keep.id, other.id):
        log.add("person", keep.id, "updated", {"introduced_by_id": keep.introduced_by_id})
        keep.introduced_by_id = None
        dropped = True
    return dropped


#: What a merged record may say otherwise than the kept one, kept in the notes: the
#: attribute, and how the notes word its value.
_OTHERWISE: tuple[tuple[str, str], ...] = (
    ("display_name", "name {}"), ("location", "location {}"), ("headline", "headline {}"),
    ("birthday", "birthday {}"), ("pronouns", "pronouns {}"), ("circle", "circle {}"),
    ("cadence_days", "keep in touch every {} days"), ("strength_override", "strength pinned at {}"),
)  # fmt: skip


#: The settings of the kept record that stand over the other's, as a merge reports them.
_SETTINGS = ("circle", "cadence_days", "strength_override")


def _differs(keep: Person, other: Person, attr: str) -> bool:
    """Whether both records set ``attr``, to values that differ beyond case and accents."""
    theirs, mine = getattr(other, attr), getattr(keep, attr)
    return theirs is not None and mine is not None and fold(str(theirs)) != fold(str(mine))


def _said_otherwise(keep: Person, other: Person) -> str | None:
    """One line of what OTHER said that KEEP says otherwise (their name, location, own
    cadence, …), so that the merge loses none of it (and search still finds it); ``None``
    when nothing."""
    differs = [
        wording.format(getattr(other, attr))
        for attr, wording in _OTHERWISE
        if _differs(keep, other, attr)
    ]
    return f"Merged from #{other.id}: {'; '.join(differs)}" if differs else None


def settings_otherwise(keep: Person, other: Person) -> dict[str, Any]:
    """KEEP's and OTHER's circle, own cadence and pinned strength where both set one and
    they differ: KEEP's stands, and the notes keep the other's."""
    return {
        attr: {"kept": getattr(keep, attr), "other": getattr(other, attr)}
        for attr in _SETTINGS
        if _differs(keep, other, attr)
    }
