"""A person's aggregates when several processes write for them at once: each write adds to
what the others wrote (on PostgreSQL two transactions run side by side; SQLite takes them
one at a time)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from factories import person
from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.context import Context, open_context
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.interactions import LogRequest, log_interaction
from netweave.store import stats
from netweave.store.models import InteractionParticipant, Person, PersonStats

WRITERS = 8
VCARD = Path(__file__).resolve().parents[1] / "data" / "vcard"


def _counts(ctx: Context, pid: int) -> tuple[int, int, int]:
    with ctx.db.reading() as session:
        row = session.scalars(select(PersonStats).where(PersonStats.person_id == pid)).one()
        return row.interactions, row.two_way, row.receipts


def test_writers_at_once_lose_none_of_each_others_counts(ctx: Context, db_url: str) -> None:
    pid = int(person(ctx, "Ada Lovelace", circle="close")["id"])
    start = threading.Barrier(WRITERS)
    failed: list[BaseException] = []

    def write() -> None:
        mine = open_context(Settings(database_url=db_url), Clock(as_of=ctx.clock.today()))
        try:
            start.wait()
            log_interaction(mine, LogRequest(names=[f"#{pid}"], kind="call", received=["advice"]))
        except BaseException as error:  # reported below
            failed.append(error)
        finally:
            mine.close()

    writers = [threading.Thread(target=write) for _ in range(WRITERS)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert failed == []
    assert _counts(ctx, pid) == (WRITERS, WRITERS, WRITERS)
    with ctx.db.transaction() as session:  # what the log says, counted again
        stats.rebuild(session, [pid], ctx.settings.circles)
    assert _counts(ctx, pid) == (WRITERS, WRITERS, WRITERS)


def _half_logged(ctx: Context, pid: int) -> tuple[Any, Any]:
    """A conversation with ``pid`` written as ``log`` writes it and not committed yet: the
    open transaction (commit it to finish the log)."""
    from netweave.store.models import Interaction

    manager = ctx.db.transaction()
    session = manager.__enter__()
    now = ctx.clock.now()
    talk = Interaction(occurred_at=now, kind="call", direction="both", summary="during it",
                       created_at=now, updated_at=now)  # fmt: skip
    session.add(talk)
    session.flush()
    session.add(InteractionParticipant(interaction_id=talk.id, person_id=pid, occurred_at=now))
    session.flush()
    return manager, talk.id


def test_an_undo_waits_for_a_conversation_being_logged_and_keeps_its_person(
    ctx: Context, db_url: str
) -> None:
    """On PostgreSQL an undo runs beside other writers: one logging a conversation with a
    person the batch brought in is waited for, and that person stays, with it (no
    conversation is left with no one)."""
    if ctx.db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite writes one at a time: the log holds the database until it is done")
    batch = int(run_import(ctx, "vcard", [VCARD / "v4.vcf"], ImportOptions())["batch"])
    with ctx.db.reading() as session:
        pid = session.scalars(select(Person.id).where(Person.import_batch_id == batch)).first()
    assert pid is not None
    writer = open_context(Settings(database_url=db_url), Clock(as_of=ctx.clock.today()))
    manager, talk = _half_logged(writer, pid)
    result: dict[str, Any] = {}
    undo = threading.Thread(target=lambda: result.update(undo_batch(ctx, batch)))
    undo.start()
    undo.join(timeout=1.0)
    assert undo.is_alive()  # waiting for the conversation being logged
    manager.__exit__(None, None, None)
    writer.close()
    undo.join(timeout=30)
    assert [k["id"] for k in result["kept"]] == [pid]
    with ctx.db.reading() as session:
        with_whom = session.scalars(
            select(InteractionParticipant.person_id).where(
                InteractionParticipant.interaction_id == talk
            )
        ).all()
    assert with_whom == [pid]
