"""A person's aggregates when several processes write for them at once: each write adds to
what the others wrote (on PostgreSQL two transactions run side by side; SQLite takes them
one at a time)."""

from __future__ import annotations

import threading

from sqlalchemy import select

from conftest import TODAY
from factories import person
from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.context import Context, open_context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.store import stats
from netweave.store.models import PersonStats

WRITERS = 8


def _counts(ctx: Context, pid: int) -> tuple[int, int, int]:
    with ctx.db.reading() as session:
        row = session.scalars(select(PersonStats).where(PersonStats.person_id == pid)).one()
        return row.interactions, row.two_way, row.receipts


def test_writers_at_once_lose_none_of_each_others_counts(ctx: Context, db_url: str) -> None:
    pid = int(person(ctx, "Ada Lovelace", circle="close")["id"])
    start = threading.Barrier(WRITERS)
    failed: list[BaseException] = []

    def write() -> None:
        mine = open_context(Settings(database_url=db_url), Clock(as_of=TODAY))
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
