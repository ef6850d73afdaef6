"""How old a LinkedIn export is, from the export itself: its connections and its archive."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from netweave.io.linkedin_age import archive_made, export_age
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
