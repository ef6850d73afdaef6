"""Settings, built by a factory from the environment and command-line options (no globals)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DB_ENV = "NETWEAVE_DB"
REGION_ENV = "NETWEAVE_PHONE_REGION"

#: Keep-in-touch cadence in days per circle (Dunbar-style layers); ``None`` means no cadence.
DEFAULT_CIRCLES: Mapping[str, int | None] = {
    "inner": 14,
    "close": 30,
    "active": 90,
    "wide": 180,
    "dormant": None,
}


@dataclass(frozen=True)
class Settings:
    """Everything configurable about one run of netweave."""

    database_url: str
    phone_region: str = "US"
    circles: Mapping[str, int | None] = field(default_factory=lambda: dict(DEFAULT_CIRCLES))


def default_database_path() -> Path:
    """The SQLite file used when neither ``--db`` nor ``NETWEAVE_DB`` is given."""
    from platformdirs import user_data_path

    return user_data_path("netweave", appauthor=False) / "netweave.db"


def database_url(value: str | os.PathLike[str] | None) -> str:
    """Turn a ``--db`` value (a file path or a SQLAlchemy URL) into a SQLAlchemy URL."""
    text = os.fspath(value) if value is not None else ""
    if not text:
        text = os.environ.get(DB_ENV, "")
    if not text:
        return sqlite_url(default_database_path())
    if "://" in text:
        return text
    return sqlite_url(Path(text))


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for a SQLite file (made absolute so it does not depend on the cwd)."""
    return f"sqlite:///{path.expanduser().absolute()}"


def load_settings(db: str | os.PathLike[str] | None = None) -> Settings:
    """Build the settings for this run from options and the environment."""
    region = os.environ.get(REGION_ENV, "US").strip().upper() or "US"
    return Settings(database_url=database_url(db), phone_region=region)
