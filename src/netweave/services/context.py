"""The context every service call receives: the open database, the clock and the settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from netweave.clock import Clock
from netweave.config import Settings, with_preferences
from netweave.services.memo import Memo
from netweave.store import tables
from netweave.store.engine import Database
from netweave.store.migrate import UpgradeReport, ensure_current

if TYPE_CHECKING:
    from netweave.store.engine import Reader


@dataclass
class Context:
    """An open netweave: pass it to service functions."""

    db: Database
    clock: Clock
    settings: Settings
    upgraded: UpgradeReport | None = None
    #: Reads kept until the data changes (used by long-running processes: the web app).
    memo: Memo = field(default_factory=Memo)
    #: The settings before the stored preferences (``None``: ``settings`` has none applied).
    base_settings: Settings | None = None
    #: The data version the stored preferences in ``settings`` were read at (``None``: not
    #: known; ``refresh_settings`` reads them again).
    settings_version: object = field(default=None, compare=False, repr=False)

    def close(self) -> None:
        """Release the database connections."""
        self.db.close()


def open_context(
    settings: Settings, clock: Clock | None = None, announce: Callable[[str], None] | None = None
) -> Context:
    """Open the database named in ``settings``, upgrading its schema when it is behind
    (``announce`` is told so before the upgrade starts)."""
    db = Database(settings.database_url)
    try:
        report = ensure_current(db, announce)
        with db.rows() as conn:
            stored = stored_preferences(conn)
        preferred = with_preferences(settings, stored)
        ctx = Context(db, clock or Clock(), preferred, report, base_settings=settings)
        if report is not None and report.from_revision is not None:
            rebuild_derived(ctx)
    except Exception:
        db.close()
        raise
    return ctx


def stored_preferences(session: Reader) -> dict[str, Any]:
    """The preferences saved with ``netweave config set``."""
    table = tables.setting.c  # plain columns: no ORM set-up on every start
    return {k: v.get("value") for k, v in session.execute(select(table.key, table.value))}


def refresh_settings(ctx: Context) -> None:
    """Read the stored preferences again when the database changed since they were read: a
    long-running process (the web app, before each request) then follows a ``config set``
    made by another process. An unchanged database costs one look at its data version; a
    changed one, one read of the small ``setting`` table."""
    version = ctx.db.data_version()  # before the read: a commit after it is caught next time
    if version is None or version == ctx.settings_version:
        return  # (None: an in-memory database, which no other process can change)
    with ctx.db.rows() as conn:
        stored = stored_preferences(conn)
    ctx.settings = with_preferences(ctx.base_settings or ctx.settings, stored)
    ctx.settings_version = version


def rebuild_derived(ctx: Context) -> None:
    """Recompute everything derived from the log: aggregates and the search index."""
    from netweave.store import search, stats

    with ctx.db.transaction() as session:
        stats.rebuild(session, None, ctx.settings.circles)
        search.clear(session)
        search.index_people(session, list(session.scalars(select(tables.person.c.id))))
    analyze(ctx)


def analyze(ctx: Context) -> None:
    """Refresh the query planner's statistics after a bulk change (demo, upgrade, restore)."""
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
