"""What a process killed outright left behind is removed by the next run, and only that."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from netweave.services.backup import export_json
from netweave.services.context import Context
from netweave.services.leftovers import folder_prefix, remove_stale_folders


def _gone_pid() -> int:
    """The id of a process that has ended."""
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(ended.stdout)


def test_an_export_removes_the_temporary_file_of_one_killed_before_it(
    ctx: Context, tmp_path: Path
) -> None:
    target = tmp_path / "x.json"
    stale = tmp_path / f".x.json.{_gone_pid()}.tmp"
    running = tmp_path / f".x.json.{os.getppid()}.tmp"  # an export under way elsewhere
    other = tmp_path / f".y.json.{_gone_pid()}.tmp"  # of another file: not this export's
    for path in (stale, running, other):
        path.write_text("{")
    export_json(ctx, target)
    assert target.exists()
    assert not stale.exists()
    assert running.exists()
    assert other.exists()


def test_serve_removes_the_upload_folders_of_a_server_killed_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = tmp_path / f"netweave-{_gone_pid()}-abc"
    gone_export = tmp_path / f"netweave-export-{_gone_pid()}-def"
    mine = Path(tempfile.mkdtemp(prefix=folder_prefix()))
    unrelated = tmp_path / "netweave-demo-xyz"
    for folder in (gone, gone_export, unrelated):
        folder.mkdir()
    (gone / "Connections.csv").write_text("First Name\n")
    assert remove_stale_folders() == 2
    assert not gone.exists()
    assert not gone_export.exists()
    assert mine.exists()
    assert unrelated.exists()
