"""``NO_COLOR`` on a real terminal (a pseudo-terminal): plain text, no escape codes at all."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

#: Commands that style their text on a terminal: headings in bold, asides dim, table heads.
STYLED = [
    ("people", "show", "Ada Lovelace"),
    ("today",),
    ("orgs", "show", "Acme"),
    ("people", "list"),
]


def on_terminal(cli, args: tuple[str, ...], **env: str) -> str:
    """What ``netweave ARGS`` writes to a terminal (standard output and error both)."""
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment |= {"TERM": "xterm-256color", "COLUMNS": "120", **env}
    command = [sys.executable, "-m", "netweave", "--db", cli.db_url]
    command += ["--as-of", cli.today.isoformat(), *args]
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, env=environment
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the command ended and closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=120)
    os.close(leader)
    text = b"".join(chunks).decode()
    assert process.returncode == 0, text
    return text


@pytest.fixture
def network(sqlite_cli):
    """Someone at an organization, overdue for a check-in (so ``today`` lists them)."""
    sqlite_cli.add(
        "Ada Lovelace", "--company", "Acme", "--circle", "close", "--met-on", "2020-01-01"
    )
    return sqlite_cli


@pytest.mark.parametrize("args", STYLED, ids=" ".join)
def test_no_color_sends_no_escape_codes_to_a_terminal(network, args):
    styled = on_terminal(network, args)
    assert "\x1b[1m" in styled  # a terminal: styled, when NO_COLOR is not set
    plain = on_terminal(network, args, NO_COLOR="1")
    assert "\x1b" not in plain, repr(plain)
    assert "Ada Lovelace" in plain or "Acme" in plain
    # The words are the same, only the styling goes.
    assert plain.split() == _unstyled(styled).split()


def test_an_empty_no_color_is_not_set(network):
    # https://no-color.org: NO_COLOR counts when it is set to a value, not when it is empty.
    assert "\x1b[1m" in on_terminal(network, ("people", "show", "Ada Lovelace"), NO_COLOR="")


def _unstyled(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)
