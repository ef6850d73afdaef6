"""Import problems in a real browser, in the web's own words: the form's fields and choices,
an import's Undo button; never a command-line option."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from web.browser import NEEDS_CHROMIUM, empty_network, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty network, served on a free port."""
    db = tmp_path_factory.mktemp("wording") / "netweave.db"
    empty_network(db, DAY)
    with running_server(db, DAY) as url:
        yield url


def _upload(server: str, page: Any, kind: str, file: Path, me: str = "") -> None:
    page.goto(server + "/imports")
    page.select_option("select[name=kind]", kind)
    page.set_input_files("input[name=file]", str(file))
    page.fill("input[name=me]", me)
    page.click("button:has-text('Import')")
    page.wait_for_url(re.compile(r"/imports/jobs/"))
    page.locator("[data-job-done], [data-job-failed]").locator("visible=true").wait_for()


def test_a_calendars_problems_name_the_forms_choices(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _upload(server, page, "ics", DATA / "ics" / "google_calendar.ics")
    problems = page.locator("[data-job-problems]")
    expect(problems).to_contain_text("tick “Add the people met in meetings”")
    expect(problems).not_to_contain_text("--create-people")
    shot(page, "flow-import-web-words")
    page.goto(server + "/imports")
    listed = page.locator("tbody tr").first.locator("details.problems")
    listed.locator("summary").click()
    expect(listed).to_contain_text("tick “Add the people met in meetings”")
    expect(listed).not_to_contain_text("--")
    shot(page, "flow-imports-web-words")
    page.close()


def test_mail_refused_names_the_your_address_field(
    server: str, browser: Any, tmp_path: Path
) -> None:
    mail = tmp_path / "sent.mbox"
    mail.write_text("".join(
        f"From sam@acme.example Mon Jun {n % 14 + 1:02d} 10:00:00 2026\n"
        f"From: Sam <sam@acme.example>\nTo: Friend {n} <friend{n}@example.com>\n"
        f"Subject: hello {n}\nDate: Mon, {n % 14 + 1:02d} Jun 2026 10:00:00 +0000\n"
        f"Message-ID: <m{n}@acme.example>\n\nHi\n\n"
        for n in range(25)
    ))  # fmt: skip
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _upload(server, page, "mbox", mail, me="me@elsewhere.example")
    error = page.locator("[data-job-error]")
    expect(error).to_contain_text("in this mail in “Your address”")
    expect(error).not_to_contain_text("--me")
    shot(page, "flow-import-failed-web-words")
    page.close()
