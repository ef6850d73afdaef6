"""The bulk path of imports writes exactly what the row-by-row rules would, on both backends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from factories import every_row, person
from netweave.services.context import Context, rebuild_derived
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.store.models import (
    ContactPoint,
    ImportChange,
    Organization,
    Person,
    PersonStats,
)

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
#: More rows than one bulk buffer (1,000), so several flushes and id reservations happen.
ROWS = 2_345


def _connections(folder: Path, rows: int = ROWS) -> Path:
    lines = ['Notes:\n"Some addresses may be missing."\n\n', HEADER]
    for n in range(rows):
        email = f"p{n}@example.com" if n % 3 == 0 else ""
        company = ["ACME, Inc.", "Ünïcode GmbH", "", "Acme"][n % 4]
        first = "Zoë" if n % 5 == 0 else "Ada"
        lines.append(
            f'{first},Person {n},https://www.linkedin.com/in/p-{n},{email},"{company}",'
            f'"Engineer, {n % 7}",08 Feb 2024\n'
        )
    lines.append(lines[-1])  # a repeated row joins its first mention
    path = folder / "Connections.csv"
    path.write_text("".join(lines), encoding="utf-8-sig")
    return path


def _derived(ctx: Context) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every aggregate row and every search document, in person order."""
    table = PersonStats.__table__
    skip = {"id", "created_at", "updated_at"}
    columns = [c for c in table.columns if c.name not in skip]  # type: ignore[attr-defined]
    with ctx.db.reading() as session:
        stats = [tuple(r) for r in session.execute(select(*columns).order_by(columns[0]))]
        if ctx.db.dialect == "sqlite":
            sql = "SELECT rowid, name, work, other FROM person_search ORDER BY rowid"
        else:
            sql = "SELECT person_id, sort_key, document::text FROM person_search ORDER BY person_id"
        docs = [tuple(r) for r in session.execute(text(sql))]
    return stats, docs


def test_bulk_aggregates_and_search_rows_equal_a_rebuild(ctx: Context, tmp_path: Path) -> None:
    person(ctx, "Grace Hopper", company="Acme", linkedin="https://linkedin.com/in/p-7")
    result = run_import(ctx, "linkedin", [_connections(tmp_path)], ImportOptions())
    assert (result["created"], result["merged"], result["errors"]) == (ROWS - 1, 1, [])
    written = _derived(ctx)
    assert len(written[0]) == len(written[1]) == ROWS
    rebuild_derived(ctx)
    assert _derived(ctx) == written


def test_bulk_rows_resolve_like_single_ones(ctx: Context, tmp_path: Path) -> None:
    """Organizations spelled two ways are one; keys point at the right people; re-import
    creates nothing."""
    path = _connections(tmp_path)
    run_import(ctx, "linkedin", [path], ImportOptions())
    with ctx.db.reading() as session:
        orgs = sorted(session.scalars(select(Organization.normalized_name)))
        query = select(ContactPoint.normalized, Person.display_name).join(Person)
        owners = dict(session.execute(query).all())
    assert orgs == ["acme", "unicode"]
    assert owners["linkedin.com/in/p-1234"] == "Ada Person 1234"
    assert owners["p1236@example.com"] == "Ada Person 1236"
    again = run_import(ctx, "linkedin", [path], ImportOptions())
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, ROWS + 1)


def _everything(ctx: Context) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the import log, and the search index."""
    return every_row(ctx) | {"search": _derived(ctx)[1]}


def test_undo_of_a_bulk_import_restores_every_table(ctx: Context, tmp_path: Path) -> None:
    person(ctx, "Grace Hopper", company="Acme", linkedin="https://linkedin.com/in/p-7")
    person(ctx, "Alan Turing", company="Bletchley Park", tags=["mentor"])
    before = _everything(ctx)
    result = run_import(ctx, "linkedin", [_connections(tmp_path)], ImportOptions())
    assert _everything(ctx) != before
    undone = undo_batch(ctx, int(result["batch"]))  # type: ignore[call-overload]
    assert undone["removed"] >= ROWS - 1
    assert _everything(ctx) == before


def test_undo_of_conversations_written_in_bulk(ctx: Context, tmp_path: Path) -> None:
    alicia = person(ctx, "Alicia Núñez", emails=["alicia@example.com"])
    before = _everything(ctx)
    lines = []
    for n in range(1_200):
        other = "alicia@example.com" if n % 2 else f"new{n % 40}@example.com"
        lines.append(
            f"From {other} Mon Jan  1 10:00:00 2024\nFrom: {other}\nTo: me@example.com\n"
            f"Subject: note {n}\nDate: Mon, 1 Jan 2024 10:{n % 60:02d}:00 +0000\n"
            f"Message-ID: <m{n}@example.com>\n\nHello\n\n"
        )
    mbox = tmp_path / "mail.mbox"
    mbox.write_text("".join(lines), encoding="utf-8")
    result = run_import(ctx, "mbox", [mbox], ImportOptions(me=["me@example.com"]))
    assert (result["created"], result["errors"]) == (1_200 + 20, [])  # 20 new correspondents
    with ctx.db.reading() as session:
        stats = session.scalars(
            select(PersonStats.interactions).where(PersonStats.person_id == alicia["id"])
        ).one()
    assert stats == 600
    undo_batch(ctx, int(result["batch"]))  # type: ignore[call-overload]
    assert _everything(ctx) == before


def test_undo_of_a_batch_that_logged_every_created_row(ctx: Context, tmp_path: Path) -> None:
    """Batches written before bulk undo listed each person they created in the log."""
    before = _everything(ctx)
    result = run_import(ctx, "linkedin", [_connections(tmp_path, 30)], ImportOptions())
    batch = int(result["batch"])  # type: ignore[call-overload]
    with ctx.db.transaction() as session:
        for pid in session.scalars(select(Person.id).where(Person.import_batch_id == batch)):
            session.add(ImportChange(batch_id=batch, table_name="person", row_id=pid,
                                     action="created"))  # fmt: skip
    undone = undo_batch(ctx, batch)
    assert undone["removed"] >= 30
    assert _everything(ctx) == before
