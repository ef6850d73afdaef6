"""Importing calendars at their edges (both backends): a byte-order mark, meetings not held
yet, attendees who took no part, a meeting everyone known has declined since, and counts
that add up."""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
from pathlib import Path

from sqlalchemy import select

from netweave.services.context import Context
from netweave.services.imports import ImportOptions, run_import
from netweave.store.models import Interaction

ME = "maja@gridco.example"
OPTIONS = ImportOptions(create_people=True, me=[ME], since=dt.date(2026, 5, 1))
OLU = f"ORGANIZER;CN=Olu Adeyemi:mailto:olu@example.org\nATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}"


def _calendar(folder: Path, *events: str, name: str = "cal.ics", bom: bool = False) -> Path:
    """A calendar file of ``events`` (each given its people: Olu and the user, unless it
    names its own)."""
    body = "".join(
        f"BEGIN:VEVENT\n{e.strip()}\n{'' if 'ATTENDEE' in e else OLU}\nEND:VEVENT\n" for e in events
    )
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{body}END:VCALENDAR\n"
    data = text.replace("\n", "\r\n").encode("utf-8")
    path = folder / name
    path.write_bytes(codecs.BOM_UTF8 + data if bom else data)
    return path


def _titles(ctx: Context) -> list[str | None]:
    with ctx.db.reading() as session:
        return list(session.scalars(select(Interaction.summary).order_by(Interaction.occurred_at)))


def test_a_calendar_with_a_byte_order_mark_is_imported_in_a_folder_too(
    ctx: Context, tmp_path: Path
) -> None:
    folder = tmp_path / "calendars"
    folder.mkdir()
    _calendar(folder, "UID:a\nDTSTART:20260601T090000Z\nSUMMARY:Coffee", name="a.ics", bom=True)
    _calendar(folder, "UID:b\nDTSTART:20260602T090000Z\nSUMMARY:Lunch", name="b.ics")
    alone = run_import(ctx, "ics", [folder / "a.ics"], OPTIONS)
    assert (alone["created"], alone["errors"]) == (2, [])  # Olu and the coffee
    skipping = dataclasses.replace(OPTIONS, skip_bad_rows=True)
    both = run_import(ctx, "ics", [folder], skipping)
    assert (both["created"], both["skipped"], both["errors"]) == (1, 1, [])
    assert _titles(ctx) == ["Coffee", "Lunch"]


def test_a_calendar_file_with_no_calendar_found_is_passed_over_and_named(
    ctx: Context, tmp_path: Path
) -> None:
    folder = tmp_path / "calendars"
    folder.mkdir()
    _calendar(folder, "UID:a\nDTSTART:20260601T090000Z\nSUMMARY:Coffee", name="a.ics")
    (folder / "mac.ics").write_bytes(
        b"BEGIN:VCALENDAR\rVERSION:2.0\rBEGIN:VEVENT\rUID:m\rDTSTART:20260603T090000Z\r"
        b"END:VEVENT\rEND:VCALENDAR\r"
    )
    result = run_import(ctx, "ics", [folder], dataclasses.replace(OPTIONS, skip_bad_rows=True))
    assert result["created"] == 2
    [problem] = result["errors"]
    assert problem["file"] == str(folder / "mac.ics")
    assert "no BEGIN:VCALENDAR line" in problem["error"]
