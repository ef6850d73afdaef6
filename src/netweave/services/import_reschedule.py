"""A calendar imported again: the meetings moved, renamed, cancelled or declined since.

A calendar is read up to now: a meeting planned for later is no contact yet. One that was
held may still change in the calendar by the next import: moved, renamed or cancelled. The
calendar says when a meeting takes place: a moved one is moved, and one no longer held with
the user (cancelled, declined, moved to after now, or with no one known in it any more) is
taken out, unless the user has added to its conversation since (what was given or asked in
it, a note of their own): then it stays and the import lists it. A title changes only where
the user has not written their own note over it. The people in a meeting follow its
invitation: someone known who was invited since joins it, and someone who declined or was
taken off leaves it (not someone the user put in it, or gave to or asked of in it). Every
change is in the batch's undo log.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from netweave.clock import day_of
from netweave.io.records import InteractionRecord, NotHeld
from netweave.services.conversations import redate_copies
from netweave.services.import_words import both, conversation_kept
from netweave.store.models import (
    Exchange,
    ImportBatch,
    ImportChange,
    Interaction,
    InteractionParticipant,
)

if TYPE_CHECKING:
    from netweave.services.import_apply import Applier

#: Sources whose conversations can change after they were imported.
RESCHEDULED = ("ics",)
#: The key of an undo log entry that holds the values the import set (beside those before).
FILLED = "_filled"
_WHY = {
    "cancelled": "was cancelled in the calendar",
    "declined": "was declined by you in the calendar",
    "ahead": "has not taken place yet",
    "unattended": "no longer has anyone you know in it (they declined, or were taken off it)",
}


class Calendar:
    """The conversations a calendar brought in earlier, read by their ids on first need."""

    def __init__(self, applier: Applier) -> None:
        self.applier = applier
        self._known: dict[str, tuple[int, dt.datetime, str | None]] | None = None
        #: Per conversation of the calendar: each person in it, with their row's id and when
        #: it was written.
        self._present: dict[int, dict[int, tuple[int, dt.datetime]]] | None = None

    def _find(self, external_id: str) -> tuple[int, dt.datetime, str | None] | None:
        if self._known is None:
            self._known = {
                external: (iid, when, summary)
                for iid, external, when, summary in self.applier.session.execute(
                    select(
                        Interaction.id,
                        Interaction.external_id,
                        Interaction.occurred_at,
                        Interaction.summary,
                    ).where(
                        Interaction.source == self.applier.source,
                        Interaction.external_id.is_not(None),
                    )
                )
            }
        return self._known.get(external_id)

    def held(self, rec: InteractionRecord) -> None:
        """A meeting imported before: when it has moved or been renamed, so is its
        conversation, and the people it now has (known ones added, those who left or
        declined taken out); else it is skipped, as any item seen before. One that no one
        known is in any more (all declined) is taken out, as one cancelled is: imported
        afresh, the calendar would not bring it in."""
        applier = self.applier
        known = self._find(rec.external_id)
        if known is None:
            applier.counts.skipped += 1
            return
        wanted = self._attendees(rec)
        present = self._people_in(known[0])
        if (known[1], known[2]) == (rec.occurred_at, rec.summary) and wanted == set(present):
            applier.counts.skipped += 1
            return
        session = applier.session
        interaction = session.get(Interaction, known[0])
        assert interaction is not None
        if not wanted and not any(self._stays(interaction, pid, present) for pid in present):
            self.withdrawn(NotHeld(rec.external_id, "unattended", rec.occurred_at, rec.line,
                                   rec.summary, read=True))  # fmt: skip
            return
        titled = _titled_by_import(applier, interaction)  # before anything is changed
        people_changed = self._follow(interaction, wanted, present)
        before: dict[str, Any] = {}
        if interaction.occurred_at != rec.occurred_at:
            before["occurred_at"] = interaction.occurred_at
            interaction.occurred_at = rec.occurred_at
            redate_copies(session, interaction.id, rec.occurred_at)
        if interaction.summary != rec.summary and titled:
            before["summary"] = interaction.summary
            interaction.summary = rec.summary
        if not before:
            if people_changed:
                applier.counts.updated += 1
            else:
                applier.counts.skipped += 1
            return
        when, summary = interaction.occurred_at, interaction.summary
        now = jsonable({"occurred_at": when, "summary": summary})
        applier.log("interaction", interaction.id, "updated", jsonable(before) | {FILLED: now})
        assert self._known is not None
        self._known[rec.external_id] = (interaction.id, when, summary)
        applier.touched.update(_people(applier, interaction.id))
        applier.counts.updated += 1

    def _attendees(self, rec: InteractionRecord) -> set[int]:
        """The people the calendar now names in a meeting (known ones, the user left out)."""
        applier = self.applier
        found = (applier.participant(ref) for ref in rec.participants)
        return {pid for pid in found if pid is not None and pid not in applier.my_ids}

    def _people_in(self, interaction_id: int) -> dict[int, tuple[int, dt.datetime]]:
        if self._present is None:
            self._present = {}
            rows = self.applier.session.execute(
                select(
                    InteractionParticipant.interaction_id,
                    InteractionParticipant.person_id,
                    InteractionParticipant.id,
                    InteractionParticipant.created_at,
                )
                .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
                .where(Interaction.source == self.applier.source)
            )
            for iid, pid, row_id, written in rows:
                self._present.setdefault(iid, {})[pid] = (row_id, written)
        return self._present.setdefault(interaction_id, {})

    def _follow(
        self,
        interaction: Interaction,
        wanted: set[int],
        present: dict[int, tuple[int, dt.datetime]],
    ) -> bool:
        """Bring the people of a meeting in line with the calendar: those it names now join;
        those it no longer names (they left the invitation or declined) leave, unless they
        stay (``_stays``). A meeting keeps one person at least. Returns whether anyone
        joined or left."""
        applier, session = self.applier, self.applier.session
        joined = sorted(wanted - set(present))
        for pid in joined:
            row = InteractionParticipant(
                interaction_id=interaction.id, person_id=pid, occurred_at=interaction.occurred_at,
                created_at=applier.now, updated_at=applier.now,
            )  # fmt: skip
            session.add(row)
            session.flush()
            applier.log("interaction_participant", row.id, "created")
            present[pid] = (row.id, applier.now)
        gone = [pid for pid in sorted(set(present) - wanted)
                if not self._stays(interaction, pid, present)]  # fmt: skip
        if len(present) > len(gone):
            copies = InteractionParticipant.__table__
            for pid in gone:
                row_id = present.pop(pid)[0]
                seat = session.execute(select(copies).where(copies.c.id == row_id)).mappings()
                values = jsonable(dict(seat.one()))
                applier.log("interaction_participant", row_id, "deleted", values)
                session.execute(delete(copies).where(copies.c.id == row_id))
        else:
            gone = []
        applier.touched.update(joined + gone)
        return bool(joined or gone)

    def _stays(
        self, interaction: Interaction, pid: int, present: dict[int, tuple[int, dt.datetime]]
    ) -> bool:
        """Whether someone stays in a meeting whatever the calendar says: the user put them
        there, or logged what was given or asked with them in it."""
        return not self._brought_in(interaction, *present[pid]) or _gave_or_asked(
            self.applier.session, interaction.id, pid
        )

    def _brought_in(self, interaction: Interaction, row_id: int, written: dt.datetime) -> bool:
        """Whether a person's place in a meeting is the calendar's (written with the meeting,
        or by a later import of it), not one the user gave them."""
        if written <= interaction.created_at:
            return True
        return (
            self.applier.session.scalar(
                select(ImportChange.id)
                .join(ImportBatch, ImportBatch.id == ImportChange.batch_id)
                .where(
                    ImportChange.table_name == "interaction_participant",
                    ImportChange.row_id == row_id,
                    ImportChange.action == "created",
                    ImportBatch.state != "undone",
                )
                .limit(1)
            )
            is not None
        )

    def withdrawn(self, item: NotHeld) -> None:
        """A meeting imported before that was not held with the user after all: taken out,
        unless the user has added to it since. An occurrence read that takes nothing out is
        counted skipped, as every event read and not imported is."""
        applier = self.applier
        known = self._find(item.external_id)
        if known is None:
            applier.counts.skipped += item.read
            return
        session = applier.session
        interaction = session.get(Interaction, known[0])
        assert interaction is not None
        title = f"the meeting {interaction.summary!r}" if interaction.summary else "a meeting"
        what = f"{title} of {day_of(interaction.occurred_at)}"
        why = _WHY.get(item.why) or f"was moved to {day_of(item.occurred_at)}, after the days read"
        given = session.scalar(select(Exchange.id).where(Exchange.interaction_id == interaction.id))
        if given is not None or not _titled_by_import(applier, interaction):
            told = f"{what} {why}, but you have added to its conversation #{interaction.id} since"
            number = interaction.id
            applier.error(item.line, *both(lambda web: f"{told}: {conversation_kept(number, web)}"))
            applier.counts.skipped += item.read
            return
        copies = InteractionParticipant.__table__
        rows = session.execute(
            select(copies).where(copies.c.interaction_id == interaction.id)
        ).mappings()
        people = []
        for row in rows.all():
            applier.log("interaction_participant", row["id"], "deleted", jsonable(dict(row)))
            people.append(row["person_id"])
        table = Interaction.__table__
        values = session.execute(select(table).where(table.c.id == interaction.id)).mappings().one()
        applier.log("interaction", interaction.id, "deleted", jsonable(dict(values)))
        session.expunge(interaction)
        session.execute(delete(copies).where(copies.c.interaction_id == interaction.id))
        session.execute(delete(table).where(table.c.id == interaction.id))
        assert self._known is not None
        del self._known[item.external_id]
        applier.touched.update(people)
        applier.counts.updated += 1


def _titled_by_import(applier: Applier, interaction: Interaction) -> bool:
    """Whether the conversation's note is still the title an import gave it: what the last
    import that changed it wrote, or, if none did, untouched since it was imported."""
    last = applier.session.scalars(
        select(ImportChange.before)
        .join(ImportBatch, ImportBatch.id == ImportChange.batch_id)
        .where(
            ImportChange.table_name == "interaction",
            ImportChange.row_id == interaction.id,
            ImportChange.action == "updated",
            ImportBatch.state != "undone",
        )
        .order_by(ImportChange.id.desc())
        .limit(1)
    ).first()
    if isinstance(last, dict) and isinstance(last.get(FILLED), dict):
        return bool(last[FILLED].get("summary") == interaction.summary)
    return interaction.updated_at == interaction.created_at


def _gave_or_asked(session: Any, interaction_id: int, person_id: int) -> bool:
    found = select(Exchange.id).where(
        Exchange.interaction_id == interaction_id, Exchange.person_id == person_id
    )
    return session.scalar(found.limit(1)) is not None


def _people(applier: Applier, interaction_id: int) -> list[int]:
    return list(
        applier.session.scalars(
            select(InteractionParticipant.person_id).where(
                InteractionParticipant.interaction_id == interaction_id
            )
        )
    )


def jsonable(values: dict[str, Any]) -> dict[str, Any]:
    """Values as the undo log keeps them (dates and times in ISO form)."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}
