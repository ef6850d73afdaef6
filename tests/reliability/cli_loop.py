"""A CLI writer process: runs ``netweave`` commands in a loop in one process, until a deadline.

Usage: ``python cli_loop.py START DEADLINE KIND TAG DB AS_OF`` (times as ``time.time()``);
prints one JSON line at the end:
``{"successes": n, "failures": [...]}``. Each run goes through the real command line
(argument parsing, opening the database, the service, closing), as a new ``netweave``
process would, without paying the interpreter's start-up every time.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
import traceback


def write(kind: str, tag: str, n: int) -> list[str]:
    """The n-th write of a writer of this kind."""
    if kind == "people add":
        return ["people", "add", f"{tag} Person{n}", "--email", f"{tag.lower()}.{n}@x.example"]
    if kind == "log":
        return ["log", "Anchor Person", "--kind", "note", "--note", f"{tag}-{n}"]
    if kind == "people edit":
        return ["people", "edit", "Anchor Person", "--tag", f"{tag.lower()}-{n}"]
    raise SystemExit(f"unknown writer kind {kind!r}")


def web_writer(start: float, deadline: float, tag: str, url: str) -> None:
    """The web app's writer: ``POST /api/people`` with the session cookie and CSRF token,
    as a browser page's script sends it (``url`` is the server's, in place of DB). A 503
    (busy: another process held the write lock past the web's wait) saved nothing and says
    so: the same write is sent again, as a user would, and counted as ``busy``."""
    import http.client
    import re
    from urllib.parse import urlsplit

    where = urlsplit(url)
    conn = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port, timeout=60)
    conn.request("GET", "/")
    page = conn.getresponse()
    cookie = (page.getheader("set-cookie") or "").split(";")[0]
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page.read().decode())
    assert found, "no CSRF token on the Today page"
    headers = {"Cookie": cookie, "X-CSRF-Token": found.group(1)}
    headers["Content-Type"] = "application/json"
    successes, failures, n, busy = 0, [], 0, 0
    time.sleep(max(0.0, start - time.time()))
    conn.close()  # the server drops idle connections: connect afresh when writing starts
    while time.time() < deadline:
        body = json.dumps({"name": f"{tag} Person{n}", "emails": [f"{tag.lower()}.{n}@x.example"]})
        try:
            conn.request("POST", "/api/people", body=body, headers=headers)
            answer = conn.getresponse()
            text = answer.read().decode(errors="replace")
            if answer.status == 503 and "Retry-After" in answer.headers:
                busy += 1  # nothing saved: the same person is sent again
                time.sleep(0.2)
                continue
            if answer.status in (200, 201):
                successes += 1
            else:
                failures.append(f"{answer.status}: {text[:300]}")
        except OSError as exc:
            failures.append(f"connection: {exc}")
            conn.close()
        n += 1
    print(json.dumps({"successes": successes, "failures": failures, "busy": busy}))


def main() -> None:
    start, deadline, kind, tag, db, as_of = sys.argv[1:7]
    if kind == "web":
        web_writer(float(start), float(deadline), tag, db)
        return
    import typer

    import netweave.services.interactions
    import netweave.services.people  # noqa: F401  (imported before the clock runs)
    from netweave.cli.app import app

    command_line = typer.main.get_command(app)  # built once, as one process builds it once
    successes, failures, n = 0, [], 0
    time.sleep(max(0.0, float(start) - time.time()))  # all writers begin together
    while time.time() < float(deadline):
        err = io.StringIO()
        argv = ["--db", db, "--as-of", as_of, *write(kind, tag, n)]
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = command_line.main(argv, prog_name="netweave", standalone_mode=False)
        except SystemExit as exc:
            code = exc.code
        except BaseException:
            code, err = "traceback", io.StringIO(traceback.format_exc())
        if code in (0, None):
            successes += 1
        else:
            failures.append(f"{code}: {err.getvalue().strip()[:300]}")
        n += 1
    print(json.dumps({"successes": successes, "failures": failures}))


if __name__ == "__main__":
    main()
