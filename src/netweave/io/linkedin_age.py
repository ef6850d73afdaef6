"""How old a LinkedIn export is: its connections, when its archive was written, and the day
its archive is named after."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zipfile
from pathlib import Path

from netweave.io.linkedin import connections_age
from netweave.io.linkedin_files import FILES
from netweave.logic.export_order import ExportAge

#: A zip member's time before this is none at all (the format's epoch, written for "unknown").
_NO_TIME = dt.datetime(1980, 1, 2)
#: The day in the name LinkedIn gives an export's archive, month first:
#: ``Basic_LinkedInDataExport_11-27-2026.zip`` (``Complete_…``, ``….zip.zip`` as a browser
#: that unpacks nothing saves it).
_NAMED = re.compile(r"LinkedInDataExport_(\d{1,2})-(\d{1,2})-(\d{4})(?!\d)", re.IGNORECASE)


def export_age(path: Path, today: dt.date) -> ExportAge:
    """The age of the export at ``path``: its connections (Connections.csv is read), when
    its archive was written and the day it is named after (``archive_age``)."""
    archive = archive_age(path, today)
    return dataclasses.replace(connections_age(path, today), made=archive.made, named=archive.named)


def archive_age(path: Path, today: dt.date) -> ExportAge:
    """What the export's archive alone says of its age: when it was written
    (``archive_made``) and the day it is named after (``archive_named``)."""
    return ExportAge(made=archive_made(path, today), named=archive_named(path, today))


def archive_named(path: Path, today: dt.date) -> dt.date | None:
    """The day an export's .zip is named after (``Basic_LinkedInDataExport_11-27-2026.zip``:
    the day the export was asked for); ``None`` for a folder or a CSV file, a name without
    one, and a day that is no date or is after ``today``."""
    found = _NAMED.search(path.name)
    if found is None or path.is_dir() or not zipfile.is_zipfile(path):
        return None
    month, day, year = (int(part) for part in found.groups())
    try:
        named = dt.date(year, month, day)
    except ValueError:
        return None
    return named if named <= today else None


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
