"""What a command's write transactions did: which committed, and which one is under way.

A command stopped by Ctrl-C or a SIGTERM (or a server stopped while an import runs) says
what was saved and what was not from this, never from a guess: the commit and its record
happen together, the signals that stop a process held back in between.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: The keys of ``Session.info`` that name what a transaction saves, and what of the
#: command's work is still to come after it.
_WHAT, _LEFT = "netweave_saves", "netweave_left"
#: What a transaction saves when it does not say.
A_CHANGE = "the change"
#: The signals that stop a command.
_STOPPING = {signal.SIGINT, signal.SIGTERM}


@dataclass
class Ledger:
    """The write transactions of one command (or one import job of the web app)."""

    #: What each committed transaction saved, in order.
    saved: list[str] = field(default_factory=list)
    #: What was still to come after the last commit that said what it saved.
    left: str | None = None
    #: The ``Session.info`` of the transaction under way, if one is.
    _open: dict[Any, Any] | None = None
    #: The thread whose transactions it records: a server's request threads inherit the
    #: ``serve`` command's context, and their writes are not the command's.
    thread: int = field(default_factory=threading.get_ident)

    @property
    def under_way(self) -> str | None:
        """What the transaction under way would save (``A_CHANGE`` when it does not say),
        or ``None`` when none is open."""
        return None if self._open is None else str(self._open.get(_WHAT, A_CHANGE))


def last_saved(ledger: Ledger) -> str | None:
    """What the last commit that said what it saved saved (an import's, not the summary
    written after it); ``A_CHANGE`` when none said; ``None`` when nothing was saved."""
    if not ledger.saved:
        return None
    return next((what for what in reversed(ledger.saved) if what != A_CHANGE), A_CHANGE)


_LEDGER: ContextVar[Ledger | None] = ContextVar("netweave_ledger", default=None)


@contextmanager
def keeping(ledger: Ledger) -> Iterator[Ledger]:
    """Record in ``ledger`` the write transactions of this thread while the block runs."""
    token = _LEDGER.set(ledger)
    try:
        yield ledger
    finally:
        _LEDGER.reset(token)


def name_change(session: Session, what: str, *, left: str | None = None) -> None:
    """Say what the transaction of ``session`` saves, in the words a stopped command uses
    ("the undo of import batch 3"), and what of the command's work comes after it (``left``:
    "the import of b.csv"); it may be said again as the work goes on."""
    session.info[_WHAT] = what
    session.info[_LEFT] = left


def opened(session: Session) -> None:
    """A write transaction began in this thread."""
    ledger = _LEDGER.get()
    if ledger is not None and ledger.thread == threading.get_ident():
        ledger._open = session.info


def closed(session: Session, *, committed: bool) -> None:
    """The write transaction of ``session`` ended: committed, or rolled back."""
    ledger = _LEDGER.get()
    if ledger is None or ledger.thread != threading.get_ident():
        return
    if committed:
        ledger.saved.append(str(session.info.get(_WHAT, A_CHANGE)))
        if _WHAT in session.info:
            ledger.left = session.info.get(_LEFT)
    ledger._open = None


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold back Ctrl-C and SIGTERM while the block runs (they take effect when it ends): a
    commit and the record of it are not parted by an interrupt.

    Python runs signal handlers in the main thread only, whichever thread the signal
    reaches (a progress bar's thread, say), so the main thread's handlers are swapped for
    ones that only note the signal, and the noted one is handled as before once the block
    has run. A transaction in another thread is never interrupted by them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    before = {number: signal.getsignal(number) for number in _STOPPING}
    for number in _STOPPING:
        signal.signal(number, lambda signum, _frame: noted.append(signum))
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
        if noted:
            signal.raise_signal(noted[0])  # to its own handler now
