"""How old a LinkedIn export is, from the export itself: its connections and its archive."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from netweave.io.linkedin_age import archive_made, archive_named, export_age
from netweave.logic.export_order import ExportAge

DATA = Path(__file__).parent.parent / "data" / "linkedin"
TODAY = dt.date(2026, 6, 15)


def _zip(target: Path, times: dict[str, tuple[int, ...]]) -> Path:
    """The export zip of tests/data/linkedin/new, each member written at its time."""
    with zipfile.ZipFile(target, "w") as archive:
        for name, when in times.items():
            info = zipfile.ZipInfo(name, date_time=when)  # type: ignore[arg-type]
            archive.writestr(info, (DATA / "new" / name.rsplit("/", 1)[-1]).read_bytes())
    return target


def test_an_archive_is_as_old_as_its_latest_export_file(tmp_path: Path) -> None:
    made = _zip(tmp_path / "export.zip", {
        "Connections.csv": (2026, 6, 1, 8, 0, 0),
        "Basic_LinkedInDataExport/messages.csv": (2026, 6, 1, 8, 0, 14),
    })  # fmt: skip
    assert export_age(made, TODAY) == ExportAge(
        dt.date(2026, 2, 8), 1, dt.datetime(2026, 6, 1, 8, 0, 14)
    )


def test_a_folder_a_file_or_an_archive_without_times_says_no_time(tmp_path: Path) -> None:
    assert archive_made(DATA / "new", TODAY) is None
    assert archive_made(DATA / "new" / "Connections.csv", TODAY) is None
    assert export_age(DATA / "new", TODAY) == ExportAge(dt.date(2026, 2, 8), 1)
    unset = _zip(tmp_path / "unset.zip", {"Connections.csv": (1980, 1, 1, 0, 0, 0)})
    assert archive_made(unset, TODAY) is None
    ahead = _zip(tmp_path / "ahead.zip", {"Connections.csv": (2026, 6, 16, 0, 0, 0)})
    assert archive_made(ahead, TODAY) is None  # a clock's mistake
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not an archive")
    assert export_age(broken, TODAY) == ExportAge()


def test_an_archive_is_named_after_the_day_its_export_was_asked_for(tmp_path: Path) -> None:
    """LinkedIn names the .zip after the day, month first; a browser that unpacks nothing
    saves it as ….zip.zip."""
    times = {"Connections.csv": (2026, 6, 1, 8, 0, 0)}
    basic = _zip(tmp_path / "Basic_LinkedInDataExport_06-08-2026.zip", times)
    complete = _zip(tmp_path / "Complete_LinkedInDataExport_6-1-2026.zip.zip", times)
    assert archive_named(basic, TODAY) == dt.date(2026, 6, 8)
    assert archive_named(complete, TODAY) == dt.date(2026, 6, 1)
    assert export_age(basic, TODAY) == ExportAge(
        dt.date(2026, 2, 8), 1, dt.datetime(2026, 6, 1, 8, 0), dt.date(2026, 6, 8)
    )


def test_a_name_without_a_day_or_with_no_date_says_none(tmp_path: Path) -> None:
    times = {"Connections.csv": (2026, 6, 1, 8, 0, 0)}
    for name in ("export.zip", "Basic_LinkedInDataExport_13-01-2026.zip",
                 "Basic_LinkedInDataExport_06-16-2026.zip",  # after today: a clock's mistake
                 "Basic_LinkedInDataExport_06-08-20261.zip"):  # fmt: skip
        assert archive_named(_zip(tmp_path / name, times), TODAY) is None
    folder = tmp_path / "Basic_LinkedInDataExport_06-08-2026"
    folder.mkdir()
    assert archive_named(folder, TODAY) is None  # a folder's name is the copy's
