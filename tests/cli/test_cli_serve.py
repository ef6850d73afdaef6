"""``netweave serve``: loopback by default, a password before any other address."""

from __future__ import annotations

import socket
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from netweave.cli.serve import _listen, is_loopback

if TYPE_CHECKING:
    from cli_support import Cli


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "example.org", "::"])
def test_a_non_loopback_host_needs_a_password(sqlite_cli: Cli, host: str) -> None:
    line = sqlite_cli.error_line(sqlite_cli("serve", "--host", host))
    assert f"refusing to serve on {host} without a password" in line
    assert "--set-password" in line


def test_set_password_stores_it_and_asks_twice(sqlite_cli: Cli) -> None:
    result = sqlite_cli("serve", "--set-password", input="long enough pw\nlong enough pw\n")
    assert result.exit_code == 0, result.output
    assert "Password set" in result.stdout
    stored = sqlite_cli.scalar("SELECT value FROM setting WHERE key = 'web.password_hash'")
    assert "$argon2" in str(stored)
    assert "long enough pw" not in str(stored)


def test_a_short_password_is_refused(sqlite_cli: Cli) -> None:
    result = sqlite_cli("serve", "--set-password", input="short\nshort\n")
    assert result.exit_code == 1
    assert "at least 8 characters" in result.stderr


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("127.1.2.3", True), ("0.0.0.0", False), ("10.0.0.1", False), ("myhost", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_cli_does_not_import_the_web_stack() -> None:
    code = (
        "import sys, netweave.cli.app; "
        "print(any(m in sys.modules for m in ('fastapi', 'uvicorn', 'jinja2')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_port_in_use_is_one_line_before_anything_is_served(sqlite_cli: Cli) -> None:
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = taken.getsockname()[1]
        result = sqlite_cli("serve", "--port", str(port))
    finally:
        taken.close()
    assert f"port {port} on 127.0.0.1 is already in use" in sqlite_cli.error_line(result)


def test_connections_are_served_without_nagles_delay() -> None:
    # asyncio turns Nagle's algorithm off only on sockets that say they are TCP: a response
    # written in two parts would otherwise wait for the client's delayed ACK (about 40 ms).
    listener = _listen("127.0.0.1", 0, "127.0.0.1")
    listener.listen()
    with listener, socket.create_connection(listener.getsockname()[:2]):
        accepted, _ = listener.accept()
        with accepted:
            assert accepted.proto == socket.IPPROTO_TCP
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGINT"])
def test_a_server_stopped_by_a_signal_ends_cleanly(tmp_path, stop: str) -> None:
    """Stopping is how a server ends (Ctrl-C, or a service manager's SIGTERM): it says so
    and exits 0, not as an interrupted command."""
    import signal
    import time
    import urllib.request

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    command = [sys.executable, "-m", "netweave", "--db", str(tmp_path / "s.db"), "serve",
               "--port", str(port)]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                break
        except OSError:
            assert server.poll() is None, server.communicate()
            time.sleep(0.1)
    server.send_signal(getattr(signal, stop))
    out, err = server.communicate(timeout=60)
    assert (server.returncode, err) == (0, b"")
    said = out.decode().splitlines()
    assert said[-1] == "Stopped."
    # what the first line tells someone who ran `make demo`: where to look, how to stop
    assert said[0] == (
        f"netweave is serving on http://127.0.0.1:{port}/: open it in a browser (Ctrl-C to stop)"
    )


def _wait_for(server: subprocess.Popen[str], port: int) -> None:
    """Return once the server answers (it says it serves before it listens)."""
    import time
    import urllib.request

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            assert server.poll() is None, server.communicate()
            time.sleep(0.1)
    pytest.fail("the server did not answer")


def _upload(base: str, name: str, data: bytes) -> dict[str, object]:
    """POST a LinkedIn file to ``/api/imports`` as a browser's session would; the job."""
    import http.cookiejar
    import json
    import re
    import urllib.request

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    with opener.open(f"{base}/") as response:
        token = re.search(r'name="csrf-token" content="([^"]+)"', response.read().decode())
    assert token is not None
    fence = "netweave-test-fence"
    head = (f'--{fence}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nlinkedin\r\n'
            f'--{fence}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: text/csv\r\n\r\n")  # fmt: skip
    body = head.encode() + data + f"\r\n--{fence}--\r\n".encode()
    request = urllib.request.Request(f"{base}/api/imports", data=body, headers={
        "content-type": f"multipart/form-data; boundary={fence}",
        "x-csrf-token": token.group(1)})  # fmt: skip
    with opener.open(request) as response:
        job: dict[str, object] = json.loads(response.read())
    return job


def test_a_server_stopped_during_an_upload_says_the_import_is_not_saved(tmp_path) -> None:
    """Ctrl-C while an uploaded file is imported: the server names the file, not saved.
    Another command holds the write lock meanwhile, so the import is surely under way."""
    import signal
    import sqlite3

    said: list[str] = []
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    db = tmp_path / "s.db"
    command = [sys.executable, "-m", "netweave", "--db", str(db), "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert server.stdout is not None
    assert "serving on" in server.stdout.readline()
    held = sqlite3.connect(db, isolation_level=None)
    try:
        _wait_for(server, port)
        held.execute("BEGIN IMMEDIATE")
        csv = (
            b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            b"Ada,Quill,https://www.linkedin.com/in/ada-quill,,Acme,Eng,08 Feb 2024\n"
        )
        job = _upload(f"http://127.0.0.1:{port}", "Connections.csv", csv)
        assert job["state"] == "running"
        server.send_signal(signal.SIGINT)
        said = [server.stdout.readline() for _ in range(2)]
    finally:
        held.close()  # the import may go on now: it cannot commit
        if server.poll() is None and not said:
            server.kill()
    _, err = server.communicate(timeout=60)
    assert said == [
        "The import of Connections.csv was under way and is not saved: upload the file again.\n",
        "Stopped.\n",
    ]
    assert (server.returncode, err) == (0, "")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM import_batch").fetchone() == (0,)


def _model_loaded(pid: int) -> bool:
    """Whether the process has the matching model's runtime in memory (it is imported only
    to load the model)."""
    from pathlib import Path

    return "onnxruntime" in Path(f"/proc/{pid}/maps").read_text()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/PID/maps")
def test_the_server_loads_the_matching_model_only_when_a_text_needs_it(tmp_path) -> None:
    """The model (about 180 MB) is not loaded as the server starts: the Introductions page
    of a network whose needs and offers all have a cached vector matches by meaning
    without it, and a new need is what loads it."""
    import os
    import signal
    import time
    import urllib.request
    from pathlib import Path

    from netweave.clock import Clock
    from netweave.config import DB_ENV, Settings, sqlite_url
    from netweave.services.context import open_context
    from netweave.services.embeddings import model_for
    from netweave.services.intro_suggestions import suggest_intros
    from netweave.services.people import PersonChanges, add_person, edit_person

    if model_for("auto") is None:
        pytest.skip("the matching model is not installed")
    db = tmp_path / "s.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock())
    try:
        cofounder = "A technical cofounder who knows machine learning"
        add_person(ctx, PersonChanges(name="Ana Ruiz", needs=[cofounder]))
        researcher = "AI researcher, open to joining an early-stage company"
        add_person(ctx, PersonChanges(name="Bo Chen", offers=[researcher]))
        assert {s["method"] for s in suggest_intros(ctx)} == {"semantic"}  # vectors cached
    finally:
        ctx.close()
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    env = {k: v for k, v in os.environ.items() if k != DB_ENV}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2] / "src")  # this source
    command = [sys.executable, "-m", "netweave", "--db", str(db), "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env)  # fmt: skip
    try:
        _wait_for(server, port)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/intros", timeout=60) as page:
            assert "Matched by meaning" in page.read().decode()
        deadline = time.monotonic() + 3  # what a load started at start-up would have done
        while time.monotonic() < deadline:
            assert not _model_loaded(server.pid)
            time.sleep(0.2)
        ctx = open_context(Settings(database_url=sqlite_url(db)), Clock())
        try:
            edit_person(ctx, "Ana Ruiz", PersonChanges(needs=["Advice on energy policy jobs"]))
        finally:
            ctx.close()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/intros", timeout=60) as page:
            assert "Matched by meaning" in page.read().decode()
        assert _model_loaded(server.pid)  # a text with no vector: the model embeds it
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=60)
    assert (server.returncode, err) == (0, "")
    assert out.splitlines()[-1] == "Stopped."
