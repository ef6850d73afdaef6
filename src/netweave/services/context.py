"""The context every service call receives: the open database, the clock and the settings."""

from __future__ import annotations

from dataclasses import dataclass

from netweave.clock import Clock
from netweave.config import Settings
from netweave.store.engine import Database
from netweave.store.migrate import UpgradeReport, ensure_current


@dataclass
class Context:
    """An open netweave: pass it to service functions."""

    db: Database
    clock: Clock
    settings: Settings
    upgraded: UpgradeReport | None = None

    def close(self) -> None:
        """Release the database connections."""
        self.db.close()


def open_context(settings: Settings, clock: Clock | None = None) -> Context:
    """Open the database named in ``settings``, upgrading its schema when it is behind."""
    db = Database(settings.database_url)
    try:
        report = ensure_current(db)
    except Exception:
        db.close()
        raise
    return Context(db=db, clock=clock or Clock(), settings=settings, upgraded=report)
