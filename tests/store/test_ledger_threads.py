"""The ledger of a command and the signals held back for a commit, with other threads."""

from __future__ import annotations

import contextvars
import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from netweave.store import ledger


class Stopped(Exception):
    pass


@pytest.fixture
def stopping() -> Iterator[None]:
    """SIGTERM stops with ``Stopped``, as a command's handler stops it, for the test."""

    def stop(_signum: int, _frame: object) -> None:
        raise Stopped

    before = signal.signal(signal.SIGTERM, stop)
    yield
    signal.signal(signal.SIGTERM, before)


def test_a_signal_from_another_thread_waits_until_the_commit_is_done(stopping: None) -> None:
    """A progress bar's thread may be the one the signal reaches: Python still runs the
    handler in the main thread, and it must not cut the commit in two."""
    steps = []
    go, sent = threading.Event(), threading.Event()

    def send() -> None:  # started before the commit, as a progress bar's thread is
        go.wait()
        os.kill(os.getpid(), signal.SIGTERM)
        sent.set()

    sender = threading.Thread(target=send)
    sender.start()

    def commit() -> None:
        with ledger.signals_held():
            go.set()
            sent.wait()
            time.sleep(0.05)  # the handler would run at any bytecode here
            steps.append("committed")
        steps.append("after")  # not reached: the held signal stops the command here

    with pytest.raises(Stopped):
        commit()
    sender.join()
    assert steps == ["committed"]


def test_another_threads_transactions_are_not_the_commands() -> None:
    """A server's request threads inherit the serve command's context: their commits are
    not recorded as the command's (nor kept for the server's whole life)."""

    class Session:
        def __init__(self) -> None:
            self.info: dict[str, str] = {}

    with ledger.keeping(ledger.Ledger()) as kept:

        def write() -> None:
            ledger.opened(Session())  # type: ignore[arg-type]
            ledger.closed(Session(), committed=True)  # type: ignore[arg-type]

        # a thread pool's worker runs in a copy of the context, as Starlette's do
        worker = threading.Thread(target=contextvars.copy_context().run, args=(write,))
        worker.start()
        worker.join()
        assert (kept.saved, kept.under_way) == ([], None)
        ledger.opened(Session())  # type: ignore[arg-type]
        ledger.closed(Session(), committed=True)  # type: ignore[arg-type]
        assert kept.saved == [ledger.A_CHANGE]
