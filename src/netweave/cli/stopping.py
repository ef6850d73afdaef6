"""A command stopped by Ctrl-C or a SIGTERM: its exit status, and a line that says what of
its work was saved (from the command's ledger of write transactions)."""

from __future__ import annotations

import signal
import sys
from typing import Any

from netweave.store.ledger import A_CHANGE, Ledger, last_saved

#: The exit status of a command stopped by Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 128 + signal.SIGINT
#: The exit status of a command stopped by a SIGTERM (128 + SIGTERM).
TERMINATED = 128 + signal.SIGTERM
#: The signals that stop a command.
_STOPPING = (signal.SIGINT, signal.SIGTERM)
#: What an interrupted command says when none of its work was saved.
NOTHING_SAVED = "stopped (interrupted): what was under way is not saved"


class Terminated(KeyboardInterrupt):
    """A SIGTERM: it stops a command as Ctrl-C does (transactions roll back, temporary
    files are removed), with its own exit status."""


def stop(signum: int, _frame: Any) -> None:
    """The handler of Ctrl-C and SIGTERM for a command (``serve`` runs uvicorn's own while
    it serves)."""
    if signum != signal.SIGTERM:
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the rollback is not cut short
    raise Terminated


def ended() -> None:
    """The command has ended and said how: Ctrl-C or a SIGTERM now would only cut its exit
    short (and end it with an interrupt's status, or a traceback, after it said it had
    done its work), so they are ignored, in a process whose handler is ``stop``."""
    global _running
    _running = False
    for number in _STOPPING:
        if signal.getsignal(number) is stop:
            signal.signal(number, signal.SIG_IGN)


#: Whether a command is running (not ``ended``): an interrupt lost is raised again.
_running = True


#: How long after an interrupt was swallowed it is raised again: time for Python to leave
#: the hook (a handler run in it would be swallowed too).
AGAIN_AFTER = 0.005


def unraisable(hook: Any) -> None:
    """The ``sys.unraisablehook`` of a command: an interrupt that ``stop`` raised where
    Python cannot raise it (in a finalizer or a weak reference's callback the collector
    ran, as SQLAlchemy has) would be printed as "Exception ignored in …" and lost, and the
    command carry on. Its signal arrives again a moment later, from another thread, once
    Python has left the hook: the handler runs in the command's code, and stops it.
    Anything else is printed as Python prints it."""
    import _thread
    import threading

    exc = hook.exc_value
    if not isinstance(exc, KeyboardInterrupt) or not _running:
        sys.__unraisablehook__(hook)
        return
    number = signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT
    if number == signal.SIGTERM:
        signal.signal(signal.SIGTERM, stop)  # ``stop`` ignored it after the first
    again = threading.Timer(AGAIN_AFTER, _thread.interrupt_main, (number,))
    again.daemon = True
    again.start()


def exit_status(exc: KeyboardInterrupt) -> int:
    """The exit status of a command stopped by ``exc``."""
    return TERMINATED if isinstance(exc, Terminated) else INTERRUPTED


def forget_unhandled_interrupt() -> None:
    """Let a handled interrupt end the process with the exit status given.

    CPython marks an interrupt that passes through code run by ``exec`` of a string
    (SQLAlchemy makes functions so, lazily) as unhandled, however it is handled after,
    and then ends the process by SIGINT (status -2, a SIGTERM's 143 lost). Each ``exec``
    of a string clears that mark first.
    """
    exec("pass")


def stopped_line(ledger: Ledger) -> str:
    """What an interrupted command says: what it saved (its last commit), and what, under
    way, it did not (Ctrl-C just after a commit must not send the user to do it again)."""
    under_way = ledger.under_way
    saved = last_saved(ledger)
    if saved is None:
        if under_way is None or under_way == A_CHANGE:
            return NOTHING_SAVED
        return f"stopped (interrupted): {under_way} is not saved"
    under_way = under_way or ledger.left  # between two files of an import: the next
    if under_way is None:
        return f"stopped (interrupted) after {saved} was saved"
    if under_way == A_CHANGE:
        under_way = "what was under way after it"
    return f"stopped (interrupted): {saved} was saved; {under_way} is not saved"
