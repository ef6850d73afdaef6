"""Smoke test of the real program: ``python -m netweave`` and the console script, as processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from netweave import __version__
from netweave.config import DB_ENV

BIN = Path(sys.executable).parent


def _start(*args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != DB_ENV}
    return subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err


def test_python_m_netweave_end_to_end(tmp_path, today):
    path = str(tmp_path / "smoke.db")

    def netweave(*args: str, as_of: str = today.isoformat()) -> subprocess.Popen[str]:
        return _start(sys.executable, "-m", "netweave", "--db", path, "--as-of", as_of, *args)

    add = ("people", "add", "José Müller", "--company", "Initech", "--tag", "mentor",
           "--circle", "close", "--met-on", "2026-01-10")  # fmt: skip
    added = _finish(netweave(*add))
    assert added == (0, "Added José Müller (#1).\n", "")
    logged = _finish(netweave("log", "jose", "--kind", "coffee", "--on", "2026-06-01"))
    assert logged == (0, "Logged coffee with José Müller on 2026-06-01.\n", "")

    # Readers run side by side, as several terminals would.
    running = {
        "list": netweave("people", "list", "--json"),
        "today": netweave("today", "--json", as_of="2026-08-01"),
        "search": netweave("search", "muller initech"),
        "debug": netweave("--debug", "people", "show", "Zed Zulu"),
    }
    done = {name: _finish(process) for name, process in running.items()}

    code, out, err = done["list"]
    assert code == 0, err
    assert [(p["name"], p["company"], p["last_interaction"]) for p in json.loads(out)] == [
        ("José Müller", "Initech", "2026-06-01")
    ]
    code, out, err = done["today"]
    assert code == 0, err
    agenda = json.loads(out)
    assert agenda["as_of"] == "2026-08-01"
    assert [(i["kind"], i["person"], i["due"]) for i in agenda["items"]] == [
        ("check_in", "José Müller", "2026-07-01")
    ]
    assert "last contact 2 months ago, 31 days past" in agenda["items"][0]["reason"]
    code, out, err = done["search"]
    assert (code, err) == (0, "")
    assert "José Müller" in out
    code, out, err = done["debug"]
    assert code == 1
    assert "Traceback" in err
    assert "NotFound" in err


def test_console_script_is_installed():
    script = BIN / "netweave"
    assert script.is_file()
    assert os.access(script, os.X_OK)
    assert _finish(_start(str(script), "--version")) == (0, f"netweave {__version__}\n", "")


LIST_AND_REPORT = """
import sys
from netweave.cli.app import main
sys.argv = ["netweave", "--db", sys.argv[1], *sys.argv[2:]]
try:
    main()
except SystemExit as end:
    assert not end.code, end.code
heavy = ("sqlalchemy.orm", "netweave.store.models", "numpy", "networkx", "fastapi", "rich")
print("heavy:" + ",".join(name for name in heavy if name in sys.modules))
"""


def test_listing_people_sets_up_no_orm_and_loads_no_heavy_library(tmp_path):
    """Start-up is measured on ``people list``: it reads plain rows, and loads one group."""
    db = str(tmp_path / "small.db")
    built = subprocess.run(
        [sys.executable, "-m", "netweave", "--db", db, "demo", "--people", "12"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    summary = built.stdout.strip()
    assert summary.startswith("Built a demo network: 13 people, "), summary  # you and 12
    assert "conversations" in summary, summary
    assert "interaction" not in summary, summary
    for args in (["people", "list"], ["people", "list", "--json"]):
        run = subprocess.run(
            [sys.executable, "-c", LIST_AND_REPORT, db, *args],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip().splitlines()[-1] == "heavy:", run.stdout[-300:]


def test_a_mistyped_db_is_refused_or_announced(tmp_path):
    missing = tmp_path / "no-such-folder" / "x.db"
    code, out, err = _finish(_start(str(BIN / "netweave"), "--db", str(missing), "log", "X"))
    assert (code, out) == (1, "")
    where = f"no folder {missing.parent} for the database x.db"
    assert err == f"netweave: error: {where}: check --db (or NETWEAVE_DB)\n"
    assert not missing.parent.exists()
    empty = _finish(_start(str(BIN / "netweave"), "--db", "", "people", "list"))
    assert empty == (1, "", "netweave: error: --db is empty: give a file or a database URL\n")
    # on a terminal, a file that does not exist yet is said to be a new database
    import pty

    fresh = tmp_path / "fresh.db"
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != DB_ENV}
    args = [str(BIN / "netweave"), "--db", str(fresh), "people", "add", "Ann"]
    done = subprocess.run(args, stdout=subprocess.PIPE, stderr=follower, env=env, timeout=60)
    os.close(follower)
    said = os.read(leader, 4096).decode()
    os.close(leader)
    assert done.returncode == 0
    assert said.strip() == f"netweave: started a new, empty database at {fresh}"
    args[-2:] = ["list"]
    again = subprocess.run(args, capture_output=True, env=env, timeout=60, text=True)
    assert again.stderr == ""


def test_set_password_piped_in_says_no_python_warning(tmp_path):
    path = str(tmp_path / "pw.db")

    def set_password(text: str) -> tuple[int, str, str]:
        env = {k: v for k, v in os.environ.items() if k != DB_ENV}
        command = [sys.executable, "-m", "netweave", "--db", path, "serve", "--set-password"]
        done = subprocess.run(command, input=text, capture_output=True, text=True, env=env,
                              encoding="utf-8", timeout=60)  # fmt: skip
        return done.returncode, done.stdout, done.stderr

    assert set_password("long enough pw\nlong enough pw\n") == (
        0, "Password set: the web app now asks for it.\n", ""
    )  # fmt: skip
    code, out, err = set_password("long enough pw\nanother one\n")
    assert (code, out) == (1, "")
    assert err == "netweave: error: the two passwords given differ: no password was set\n"
    code, out, err = set_password("long enough pw\n")
    assert (code, out) == (1, "")
    assert err.startswith("netweave: error: --set-password reads two lines from standard input")


def test_no_at_a_confirmation_is_no_error(tmp_path, today):
    import pty

    path = str(tmp_path / "confirm.db")
    env = {k: v for k, v in os.environ.items() if k != DB_ENV}
    netweave = [sys.executable, "-m", "netweave", "--db", path, "--as-of", today.isoformat()]
    subprocess.run([*netweave, "people", "add", "Ann Lee"], check=True, env=env,
                   capture_output=True)  # fmt: skip
    subprocess.run([*netweave, "log", "ann"], check=True, env=env, capture_output=True)
    terminal, typed_at = pty.openpty()  # standard input is a terminal: it asks
    os.write(terminal, b"n\n")
    asked = subprocess.run([*netweave, "conversations", "delete", "1"], stdin=typed_at,
                           capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    os.close(terminal)
    os.close(typed_at)
    assert asked.returncode == 1
    assert "Delete conversation #1?" in asked.stdout
    assert asked.stderr == "Stopped; nothing was changed.\n"
    listed = subprocess.run([*netweave, "conversations", "list", "--json"], env=env,
                            capture_output=True, text=True, check=True)  # fmt: skip
    assert len(json.loads(listed.stdout)) == 1
