"""What a process killed outright (kill -9, a power cut) left behind: the temporary file of
an export, the folder of a web upload or download. Each name carries the id of the process
that made it; one whose process is gone is removed by the next run that would make one."""

from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile
from pathlib import Path

#: The private temporary folders of the web app: uploads being imported, downloads being
#: written (``netweave-<pid>-…``, ``netweave-export-<pid>-…``).
_FOLDER = re.compile(r"netweave-(?:export-)?(\d+)-")


def folder_prefix(kind: str = "") -> str:
    """The prefix of a private temporary folder this process makes (``mkdtemp``)."""
    return f"netweave-{kind + '-' if kind else ''}{os.getpid()}-"


def temporary_beside(path: Path) -> Path:
    """The hidden file an export to ``path`` is written into before it takes its name."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def remove_stale_temporaries(path: Path) -> int:
    """Remove the temporary files beside ``path`` of exports to it whose process is gone;
    how many."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.tmp")
    removed = 0
    try:
        found = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return 0
    for left in found:
        match = pattern.fullmatch(left.name)
        if match and not is_running(int(match[1])) and left.is_file():
            try:
                left.unlink()
            except OSError:
                continue
            removed += 1
    return removed


def remove_stale_folders() -> int:
    """Remove the web app's temporary folders whose process is gone; how many."""
    removed = 0
    base = Path(tempfile.gettempdir())
    try:
        found = list(base.glob("netweave-*"))
    except OSError:
        return 0
    for left in found:
        match = _FOLDER.match(left.name)
        if match and not is_running(int(match[1])) and left.is_dir() and not left.is_symlink():
            shutil.rmtree(left, ignore_errors=True)
            removed += 1
    return removed


def remove_stale_staging(folder: Path, prefix: str) -> None:
    """Remove the hidden folders ``<prefix><pid>`` in ``folder`` whose process is gone (a
    vCard export killed outright)."""
    try:
        found = list(folder.glob(f"{glob.escape(prefix)}*"))
    except OSError:
        return
    for left in found:
        pid = left.name.removeprefix(prefix)
        if pid.isascii() and pid.isdigit() and left.is_dir() and not is_running(int(pid)):
            shutil.rmtree(left, ignore_errors=True)


def is_running(pid: int) -> bool:
    """Whether a process with this id runs (one of another user's counts: it is not ours to
    judge)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
