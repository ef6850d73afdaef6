"""The bulk path of imports writes exactly what the row-by-row rules would, on both backends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from factories import person
from netweave.services.context import Context, rebuild_derived
from netweave.services.imports import ImportOptions, run_import
from netweave.store.models import ContactPoint, Organization, Person, PersonStats

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
            sql = "SELECT rowid, body FROM person_search ORDER BY rowid"
        else:
            sql = "SELECT person_id, document::text FROM person_search ORDER BY person_id"
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
