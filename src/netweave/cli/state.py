"""Per-invocation state: the global options, and the context opened on first use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from netweave.services.context import Context


@dataclass
class State:
    """What the global options said; opens the database lazily (``--help`` never touches it)."""

    db: str | None = None
    as_of: dt.date | None = None
    debug: bool = False
    _context: Context | None = field(default=None, repr=False)

    def context(self) -> Context:
        """The open service context (the database is opened and upgraded on first call)."""
        if self._context is None:
            # Imported here so that --help and --version never load the database layer.
            from netweave.clock import Clock
            from netweave.config import load_settings
            from netweave.services.context import open_context

            self._context = open_context(load_settings(self.db), Clock(as_of=self.as_of))
        return self._context

    def close(self) -> None:
        """Release the database, if it was opened."""
        if self._context is not None:
            self._context.close()
            self._context = None


def state(ctx: typer.Context) -> State:
    """The state set up by the top-level callback."""
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def context(ctx: typer.Context) -> Context:
    """Shorthand: the open service context of this invocation."""
    return state(ctx).context()
