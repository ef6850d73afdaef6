"""An import's messages in the words of each interface, on both backends: the command line's
unchanged, the web app's naming its form and buttons; both kept with a batch."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from factories import person
from netweave.errors import InvalidInput
from netweave.services.context import Context
from netweave.services.import_undo import list_batches
from netweave.services.imports import ImportOptions, PartialImport, run_import

VCARD = "BEGIN:VCARD\nVERSION:3.0\nFN:Charles Babbage\nEMAIL:charles@example.com\nEND:VCARD\n"


def _standup(folder: Path) -> Path:
    """A weekly meeting since 2015 with someone known: older than the days read."""
    path = folder / "cal.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nBEGIN:VEVENT\nUID:standup\n"
        "DTSTART:20150105T000000Z\nRRULE:FREQ=WEEKLY\nSUMMARY:Standup\n"
        "ORGANIZER:mailto:carol@contoso.example\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    return path


def test_each_interface_reads_a_calendars_note_in_its_words(ctx: Context, tmp_path: Path) -> None:
    person(ctx, "Carol Jones", emails=["carol@contoso.example"])
    calendar = _standup(tmp_path)
    web = ImportOptions(me=["sam@contoso.example"], for_web=True)
    start = dt.date(2026, 6, 15) - dt.timedelta(days=3 * 365)
    told = f"events before {start} were not read (the calendar goes back to 2015-01-05)"
    [note] = run_import(ctx, "ics", [calendar], web)["errors"]  # type: ignore[misc]
    assert note["error"] == f"{told}: an import here reads the last three years"
    assert set(note) == {"file", "line", "error"}
    cli = f"{told}: import with --since 2015-01-05 to read them too"
    assert [e["error"] for e in list_batches(ctx)[0]["errors"]] == [cli]
    assert [e["error"] for e in list_batches(ctx, for_web=True)[0]["errors"]] == [note["error"]]


def test_meetings_not_held_yet_say_the_day_asked_for_in_each_interfaces_words(
    ctx: Context, tmp_path: Path
) -> None:
    person(ctx, "Carol Jones", emails=["carol@contoso.example"])
    calendar = _standup(tmp_path)
    until = ImportOptions(me=["sam@contoso.example"], since=dt.date(2026, 6, 1),
                          until=dt.date(2026, 6, 30))  # fmt: skip
    run_import(ctx, "ics", [calendar], until)
    cli, web = (
        [e["error"] for e in list_batches(ctx, for_web=for_web)[0]["errors"]]
        for for_web in (False, True)
    )
    assert cli == ["2 events not held yet left out: a calendar is read up to now, not to "
                   "--until 2026-06-30"]  # fmt: skip
    assert web == ["2 events not held yet left out: a calendar is read up to now, not to "
                   "2026-06-30 as asked"]  # fmt: skip


def test_a_partial_import_says_how_to_undo_it_in_each_interfaces_words(
    ctx: Context, tmp_path: Path
) -> None:
    good = tmp_path / "cards.vcf"
    good.write_text(VCARD)
    bad = tmp_path / "broken.vcf"
    bad.write_bytes(b"\x00\x00garbage")
    web = ImportOptions(for_web=True)
    with pytest.raises(PartialImport) as raised:
        run_import(ctx, "vcard", [good, bad], web)
    assert "`netweave import undo 1` takes it out" in str(raised.value)
    assert raised.value.web is not None
    assert raised.value.web.endswith(
        "batch 1 keeps the file before it (1 created): the Undo button of import 1 on the "
        "Imports page takes it out"
    )
    assert raised.value.summary["errors"][-1]["error"] == raised.value.web
    cli = dataclasses.replace(web, for_web=False)
    with pytest.raises(InvalidInput) as again:  # the command line's words, as before
        run_import(ctx, "vcard", [good, bad], cli)
    assert again.value.said(web=False) == str(again.value)
    assert "`netweave import undo 2`" in str(again.value)
