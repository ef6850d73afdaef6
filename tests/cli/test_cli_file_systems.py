"""A database on a read-only file system or a full disk: one line that says why.

Each case mounts a file system of its own (``unshare -m``: a private mount namespace), and
is skipped where the machine does not allow it."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _in_own_mounts(script: str) -> subprocess.CompletedProcess[str]:
    """Run a shell script in a mount namespace of its own (skipped where none is allowed)."""
    if shutil.which("unshare") is None:
        pytest.skip("no unshare here")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("mount namespaces are not allowed here")
    return subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True,
                          text=True, check=False)  # fmt: skip


def _nw(db: Path, *args: str) -> str:
    words = [sys.executable, "-m", "netweave", "--db", str(db), *args]
    return " ".join(shlex.quote(w) for w in words) + " 2>&1"


def test_a_database_on_a_read_only_file_system_says_the_folder_is_read_only(
    tmp_path: Path,
) -> None:
    folder, mount = tmp_path / "data", tmp_path / "mnt"
    folder.mkdir()
    mount.mkdir()
    db = folder / "x.db"
    adding = [sys.executable, "-m", "netweave", "--db", str(db), "people", "add", "Ada"]
    made = subprocess.run(adding, capture_output=True, check=False)
    assert made.returncode == 0, made.stderr
    out = _in_own_mounts(
        f"mount --bind {folder} {mount} && mount -o remount,bind,ro {mount} && "
        f"{_nw(mount / 'x.db', 'people', 'list')}; {_nw(mount / 'x.db', 'people', 'add', 'X')}"
    )
    expected = (
        f"netweave: error: cannot open {mount / 'x.db'}: the folder {mount} is read-only: "
        "SQLite needs to write its journal (x.db-wal, x.db-shm) beside the file; copy the "
        "file to a folder you can write to and open the copy"
    )
    assert out.stdout.splitlines() == [expected, expected]


def test_a_database_on_a_full_disk_says_the_disk_is_full(tmp_path: Path) -> None:
    mount = tmp_path / "mnt"
    mount.mkdir()
    db = mount / "f.db"
    out = _in_own_mounts(
        f"mount -t tmpfs -o size=6m tmpfs {mount} && {_nw(db, 'people', 'add', 'Ada')} && "
        f"dd if=/dev/zero of={mount}/fill bs=64k 2>/dev/null; "
        f"echo ---; {_nw(db, 'people', 'add', 'X')}; echo ---; rm {mount}/fill; "
        f"{_nw(db, 'people', 'list', '--json')}"
    )
    _, full, freed = out.stdout.split("---\n")
    assert full.splitlines() == [
        f"netweave: error: cannot open {db}: no space left on the disk of {mount}: free some "
        "space and run the command again"
    ]
    assert '"name": "Ada"' in freed
