"""In a real browser: the Imports page's table of past imports fits a desktop window, long
file names and the sentences saying why an import cannot be undone included."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.imports import ImportOptions, run_import
from netweave.services.merge import merge
from web.browser import DESKTOP, NEEDS_CHROMIUM, PHONE, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM

VCARD = Path(__file__).resolve().parents[1] / "data" / "vcard"
#: A file name with nowhere to break a line (underscores do not break).
LONG = "google_contacts_exported_from_the_old_phone_before_the_move_2026.vcf"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Ten imports of a long-named file, each built on by a merge, so none can be undone."""
    folder = tmp_path_factory.mktemp("imports-width")
    db = folder / "netweave.db"
    shutil.copy(VCARD / "google_contacts.vcf", folder / LONG)
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        for _ in range(10):
            run_import(ctx, "vcard", [folder / LONG], ImportOptions())
        merge(ctx, "Amara Okafor", "Tomás Ferreira")
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


@pytest.mark.parametrize(("size", "label"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_past_imports_fit_the_window(server: str, browser: Any, size: Any, label: str) -> None:
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(server + "/imports")
    assert page.locator("[data-cannot-undo]").count() >= 1
    wrap = page.locator(".table-wrap").first
    hidden = wrap.evaluate("w => w.scrollWidth - w.clientWidth")
    shot(page, f"imports-width-{label}")
    context.close()
    assert hidden == 0
