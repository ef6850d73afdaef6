"""In a real browser: the Imports page's downloads arrive as files named with the day."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.people import PersonChanges, add_person
from web.browser import NEEDS_CHROMIUM, PHONE, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Ada, served on a free port."""
    db = tmp_path_factory.mktemp("export") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_person(ctx, PersonChanges(name="Ada Lovelace", emails=["ada@example.org"]))
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


def _download(page: Any, name: str, into: Path) -> Path:
    with page.expect_download() as event:
        page.get_by_role("link", name=name).click()
    download = event.value
    path = into / download.suggested_filename
    download.save_as(path)
    return path


def test_the_backup_and_the_vcards_download_from_the_imports_page(
    server: str, page: Any, tmp_path: Path
) -> None:
    page.goto(server + "/imports")
    shot(page, "imports-export-desktop")
    backup = _download(page, "Backup (JSON)", tmp_path)
    assert backup.name == "netweave-backup-2026-06-15.json"
    assert json.loads(backup.read_text(encoding="utf-8"))["format"] == "netweave-backup"
    cards = _download(page, "Contacts (vCards, zip)", tmp_path)
    assert cards.name == "netweave-vcards-2026-06-15.zip"
    with zipfile.ZipFile(cards) as archive:
        assert len(archive.namelist()) == 1
    people = _download(page, "People (CSV)", tmp_path)
    assert "Ada Lovelace" in people.read_text(encoding="utf-8-sig")
    page.set_viewport_size(PHONE)
    shot(page, "imports-export-phone")
