"""A calendar imported again: the meetings moved, renamed, cancelled or declined since.

A calendar is read up to today, so a meeting planned for later today comes in with the
rest; by the next import it may have moved, been renamed or cancelled. The calendar says
when a meeting takes place: a moved one is moved, and one no longer held with the user
(cancelled, declined, or moved to after the days read) is taken out, unless the user has
added to its conversation since (what was given or asked in it, a note of their own): then
it stays and the import lists it. A title changes only where the user has not written their
own note over it. Every change is in the batch's undo log.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from netweave.clock import day_of
from netweave.io.records import InteractionRecord, NotHeld
from netweave.services.conversations import redate_copies
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
}


class Calendar:
    """The conversations a calendar brought in earlier, read by their ids on first need."""

    def __init__(self, applier: Applier) -> None:
        self.applier = applier
        self._known: dict[str, tuple[int, dt.datetime, str | None]] | None = None

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
        conversation; else it is skipped, as any item seen before."""
        applier = self.applier
        known = self._find(rec.external_id)
        if known is None or (known[1], known[2]) == (rec.occurred_at, rec.summary):
            applier.counts.skipped += 1
            return
        session = applier.session
        interaction = session.get(Interaction, known[0])
        assert interaction is not None
        titled = _titled_by_import(applier, interaction)  # before anything is changed
        before: dict[str, Any] = {}
        if interaction.occurred_at != rec.occurred_at:
            before["occurred_at"] = interaction.occurred_at
            interaction.occurred_at = rec.occurred_at
            redate_copies(session, interaction.id, rec.occurred_at)
        if interaction.summary != rec.summary and titled:
            before["summary"] = interaction.summary
            interaction.summary = rec.summary
        if not before:
            applier.counts.skipped += 1
            return
        when, summary = interaction.occurred_at, interaction.summary
        now = jsonable({"occurred_at": when, "summary": summary})
        applier.log("interaction", interaction.id, "updated", jsonable(before) | {FILLED: now})
        assert self._known is not None
        self._known[rec.external_id] = (interaction.id, when, summary)
        applier.touched.update(_people(applier, interaction.id))
        applier.counts.updated += 1

    def withdrawn(self, item: NotHeld) -> None:
        """A meeting imported before that was not held with the user after all: taken out,
        unless the user has added to it since."""
        applier = self.applier
        known = self._find(item.external_id)
        if known is None:
            return
        session = applier.session
        interaction = session.get(Interaction, known[0])
        assert interaction is not None
        title = f"the meeting {interaction.summary!r}" if interaction.summary else "a meeting"
        what = f"{title} of {day_of(interaction.occurred_at)}"
        why = _WHY.get(item.why) or f"was moved to {day_of(item.occurred_at)}, after the days read"
        given = session.scalar(select(Exchange.id).where(Exchange.interaction_id == interaction.id))
        if given is not None or not _titled_by_import(applier, interaction):
            applier.error(
                item.line,
                f"{what} {why}, but you have added to its conversation #{interaction.id} since: "
                f"kept (`netweave conversations delete {interaction.id}` takes it out)",
            )
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
