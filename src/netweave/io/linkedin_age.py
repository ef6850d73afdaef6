"""How old a LinkedIn export is: its connections, and when its archive was written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile
from pathlib import Path

from netweave.io.linkedin import FILES, connections_age
from netweave.logic.export_order import ExportAge

#: A zip member's time before this is none at all (the format's epoch, written for "unknown").
_NO_TIME = dt.datetime(1980, 1, 2)


def export_age(path: Path, today: dt.date) -> ExportAge:
    """The age of the export at ``path``: its connections (Connections.csv is read) and
    when its archive was written (``archive_made``)."""
    return dataclasses.replace(connections_age(path, today), made=archive_made(path, today))


def archive_made(path: Path, today: dt.date) -> dt.datetime | None:
    """When the export's .zip was written: the latest time of its export files, as the
    archive records them; ``None`` for a folder or a CSV file (the times of files copied or
    unzipped are the copy's, not LinkedIn's), and for an archive that records none or one
    after ``today`` (a clock's mistake)."""
    if path.is_dir() or not zipfile.is_zipfile(path):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            times = [
                dt.datetime(*info.date_time)
                for info in archive.infolist()
                if info.filename.rsplit("/", 1)[-1].lower() in FILES and not info.is_dir()
            ]
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # reading the export says what is wrong with it
    made = max(times, default=None)
    if made is None or made < _NO_TIME or made.date() > today:
        return None
    return made
