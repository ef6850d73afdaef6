"""Refusing to undo an import that later ones build on reads each later conversation once,
not each one against every person the import brought in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from netweave.clock import Clock
from netweave.config import Settings
from netweave.errors import Conflict
from netweave.services.context import Context, open_context
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import

PEOPLE = 300
#: SQLite virtual-machine steps between two calls of the counter.
STEP = 100


@pytest.fixture
def sqlite_ctx(sqlite_db_url: str) -> Iterator[Context]:
    context = open_context(Settings(database_url=sqlite_db_url), Clock())
    yield context
    context.close()


def cards(folder: Path) -> Path:
    path = folder / "friends.vcf"
    path.write_text(
        "".join(
            f"BEGIN:VCARD\nVERSION:3.0\nFN:Friend {n}\nN:{n};Friend;;;\n"
            f"EMAIL:friend{n}@example.com\nEND:VCARD\n"
            for n in range(PEOPLE)
        ),
        encoding="utf-8",
    )
    return path


def mail(folder: Path) -> Path:
    """A message to each friend, and a few to people the cards do not know."""
    path = folder / "sent.mbox"
    path.write_text(
        "".join(
            f"From sam@acme.example Mon Jun {n % 14 + 1:02d} 10:00:00 2026\n"
            f"From: Sam Tester <sam@acme.example>\nTo: Friend {n} <friend{n}@example.com>\n"
            f"Subject: hello {n}\nDate: Mon, {n % 14 + 1:02d} Jun 2026 10:00:00 +0000\n"
            f"Message-ID: <m{n}@acme.example>\n\nHi\n\n"
            for n in range(PEOPLE)
        ),
        encoding="utf-8",
    )
    return path


def counting_steps(ctx: Context) -> list[int]:
    """A list that grows by one every ``STEP`` SQLite steps on connections opened after
    (a measure of the rows read and the lookups made)."""
    steps: list[int] = []

    def count() -> int:
        steps.append(1)
        return 0  # go on

    @event.listens_for(ctx.db.engine, "connect")
    def watch(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_progress_handler(count, STEP)

    ctx.db.engine.dispose()  # new connections, each watched
    return steps


def test_an_undo_refused_reads_later_conversations_once(
    sqlite_ctx: Context, tmp_path: Path
) -> None:
    friends = run_import(sqlite_ctx, "vcard", [cards(tmp_path)], ImportOptions())
    sent = run_import(sqlite_ctx, "mbox", [mail(tmp_path)], ImportOptions(me=["sam@acme.example"]))
    assert sent["created"] == PEOPLE
    # Imports leave the planner no statistics (no ANALYZE): it guesses, as it did on the
    # large network where the refusal took minutes.
    steps = counting_steps(sqlite_ctx)
    with pytest.raises(Conflict, match=rf"build on the people it brought in \({sent['batch']}\)"):
        undo_batch(sqlite_ctx, int(friends["batch"]))  # type: ignore[call-overload]
    # Reading a few hundred rows a few times over; every conversation against every one
    # of the cards' people took PEOPLE * PEOPLE lookups.
    assert len(steps) * STEP < 200 * PEOPLE
