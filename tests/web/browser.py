"""The real server in a subprocess on a free port, and the machine's Chromium through Playwright."""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
#: The mark of a module whose tests drive the browser.
NEEDS_CHROMIUM = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (make test installs it)"
)
#: The two window sizes pages are looked at in.
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
#: Flags that keep Chromium quiet on a machine without a network (see the machine notes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def demo_network(db: Path, today: dt.date, people: int = 40) -> None:
    """A demo network of ``people`` (and the user) written to ``db`` as of ``today``."""
    subprocess.run(
        [sys.executable, "-m", "netweave", "--db", str(db), "--as-of", today.isoformat(),
         "demo", "--people", str(people)],
        check=True, capture_output=True,
    )  # fmt: skip


def empty_network(db: Path, today: dt.date) -> None:
    """An empty network at this program's schema in ``db``."""
    from netweave.clock import Clock
    from netweave.config import Settings, sqlite_url
    from netweave.services.context import open_context
    from netweave.store.migrate import upgrade

    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=today))
    try:
        upgrade(ctx.db)
    finally:
        ctx.close()


def open_person(page: Any, server: str, name: str) -> None:
    """Open ``name``'s page from the People list, as a user would."""
    page.goto(server + "/people")
    page.click(f"#people-rows a:has-text('{name}')")
    page.wait_for_url(re.compile(r"/people/\d+$"))


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(db: Path, today: dt.date) -> Iterator[str]:
    """``netweave serve`` on ``db`` with "today" pinned; yields its base URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "netweave", "--db", str(db), "--as-of", today.isoformat(),
        "serve", "--port", str(port),
    ]  # fmt: skip
    log = db.with_suffix(".log")
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=os.environ)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process, log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not start within a minute: {log.read_text()}")


@contextmanager
def chromium() -> Iterator[Any]:
    """The machine's Chromium, headless, through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@contextmanager
def watched_page(browser: Any, allowed: tuple[str, ...] = ()) -> Iterator[Any]:
    """A fresh page at desktop width whose console errors (CSP violations among them) fail
    the test, but for those containing one of ``allowed`` (a refused form's own status)."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.set_default_timeout(15000)
    yield tab
    context.close()
    assert [e for e in errors if not any(a in e for a in allowed)] == []


def shot(page: Any, name: str) -> None:
    """Keep a full-page screenshot of the page as a test artifact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
