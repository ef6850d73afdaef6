"""``netweave serve``: the web app, on loopback unless a password is set."""

from __future__ import annotations

import errno
import ipaddress
import socket
from contextlib import suppress
from typing import TYPE_CHECKING, Annotated

import typer

from netweave.cli.options import number_option
from netweave.cli.output import say
from netweave.cli.state import context
from netweave.errors import InvalidInput

if TYPE_CHECKING:
    from netweave.services.context import Context


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server on this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _new_password() -> str:
    """The new password, asked twice on a terminal; piped in, its first two lines (the
    password, then the same again), read as they are: no terminal hides them."""
    import sys

    if sys.stdin.isatty():
        return str(typer.prompt("New password", hide_input=True, confirmation_prompt=True))
    first, again = sys.stdin.readline(), sys.stdin.readline()
    if not again:
        raise InvalidInput(
            "--set-password reads two lines from standard input: the password, then the same again"
        )
    if first.rstrip("\r\n") != again.rstrip("\r\n"):
        raise InvalidInput("the two passwords given differ: no password was set")
    return first.rstrip("\r\n")


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option("--host", metavar="H", help="Address to bind (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[
        int, number_option("--port", metavar="P", bounds=(1, 65535), help="Port to listen on.")
    ] = 8765,
    set_password: Annotated[
        bool,
        typer.Option(
            "--set-password",
            help="Set the web password (asked twice; piped in: two lines), then exit.",
        ),
    ] = False,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the app in the default browser.")
    ] = False,
) -> None:
    """Serve the web app; any address but loopback needs a password (--set-password)."""
    from netweave.services import access

    nw = context(ctx)
    if set_password:
        access.set_password(nw, _new_password())
        say("Password set: the web app now asks for it.")
        return
    if not host.strip():
        raise InvalidInput("--host is empty: give the address to serve on, such as 127.0.0.1")
    if not is_loopback(host) and not access.has_password(nw):
        raise InvalidInput(
            f"refusing to serve on {host} without a password: anyone on the network could "
            "read your contacts. Set one with `netweave serve --set-password` first."
        )
    _serve(nw, host, port, open_browser=open_browser)


def _serve(nw: Context, host: str, port: int, *, open_browser: bool) -> None:
    """Listen on the address, serve the web app until stopped, then finish what it began."""
    import uvicorn

    from netweave.services.embeddings import no_load_under_way
    from netweave.services.leftovers import remove_stale_folders
    from netweave.web.app import create_app
    from netweave.web.uploads import stop_imports

    remove_stale_folders()  # uploads and downloads of a server killed outright before

    shown = f"[{host}]" if ":" in host else host
    listener = _listen(host.strip("[]"), port, shown)  # before saying it serves
    # the matching model (about 180 MB) is loaded only when a text has no cached vector
    app = create_app(nw, host=host)
    url = f"http://{shown}:{port}/"
    say(f"netweave is serving on {url}: open it in a browser (Ctrl-C to stop)")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", workers=1))
    with suppress(KeyboardInterrupt):  # Ctrl-C or SIGTERM, handed back once uvicorn stops
        server.run(sockets=[listener])
    no_load_under_way()  # a process ending while the model loads aborts in the runtime
    for line in stop_imports(nw, app.state.web.jobs):  # an upload's import may still run
        say(line)
    say("Stopped.")  # stopping is how a server ends: not an error


def _listen(host: str, port: int, shown: str) -> socket.socket:
    """A socket bound to the address, or one clear line when it cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named: asyncio turns Nagle's algorithm off only on sockets that say they
    # are TCP; without it each response waited on the client's delayed ACK (about 40 ms).
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        listener.bind((host, port))
    except OSError as exc:
        listener.close()
        if exc.errno == errno.EADDRINUSE:
            raise InvalidInput(
                f"port {port} on {shown} is already in use (another netweave? try --port N)"
            ) from None
        raise InvalidInput(f"cannot listen on {shown}:{port}: {exc.strerror or exc}") from None
    return listener
