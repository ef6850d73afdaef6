"""Settings, built by a factory from the environment, options and stored preferences."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from netweave.errors import InvalidInput
from netweave.logic.woven import WovenRules

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
    woven: WovenRules = field(default_factory=WovenRules)
    #: The LAMP list's sort keys, most important first (``netweave config set targets.order``).
    lamp_order: tuple[str, ...] = ("motivation", "posting", "advocacy")


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
    return Settings(database_url=database_url(db), phone_region=load_region())


def load_region() -> str:
    """The phone region of the environment (``NETWEAVE_PHONE_REGION``), else US."""
    return os.environ.get(REGION_ENV, "US").strip().upper() or "US"


#: Preferences a user can store with ``netweave config set KEY VALUE``.
CONFIG_KEYS = (
    *(f"circles.{name}" for name in DEFAULT_CIRCLES),
    "woven.min_two_way",
    "woven.min_known_days",
    "woven.min_gives",
    "phone_region",
    "targets.order",
)


def parse_preference(key: str, value: str) -> Any:
    """Check a ``config set`` value; circles take a number of days or ``none``."""
    if key not in CONFIG_KEYS:
        raise InvalidInput(f"unknown setting {key!r}; settings: {', '.join(CONFIG_KEYS)}")
    if key == "phone_region":
        if len(value.strip()) != 2 or not value.strip().isalpha():
            raise InvalidInput(f"phone_region must be a two-letter country code, not {value!r}")
        from phonenumbers import SUPPORTED_REGIONS

        if value.strip().upper() not in SUPPORTED_REGIONS:
            hint = "GB for the United Kingdom" if value.strip().upper() == "UK" else "DE, GB, US, …"
            raise InvalidInput(
                f"phone_region: {value.strip().upper()!r} is no country's code ({hint})"
            )
        return value.strip().upper()
    if key == "targets.order":
        from netweave.logic.lamp import parse_order

        try:
            return ",".join(parse_order(value))
        except ValueError as exc:
            raise InvalidInput(f"targets.order: {exc}") from None
    if not value.strip():
        what = "a number of days, or none" if key.startswith("circles.") else "a value"
        raise InvalidInput(f"{key} is empty: give {what}")
    if key.startswith("circles.") and says_off(value):
        return None
    from netweave.logic.parse import bounded, whole_number

    number = whole_number(value)
    if number is None:
        raise InvalidInput(f"{key} must be a whole number, not {value!r}")
    low, high = number_bounds(key) or (0, 0)
    return bounded(number, low, high, key)


def number_bounds(key: str) -> tuple[int, int] | None:
    """The whole numbers a setting takes, lowest and highest (a circle's days from 1, the
    woven check's thresholds from 0); ``None`` for a setting that is no number."""
    from netweave.logic.parse import MAX_COUNT, MAX_DAYS

    if key not in CONFIG_KEYS or not key.startswith(("circles.", "woven.")):
        return None
    if key.startswith("circles."):
        return 1, MAX_DAYS
    return 0, MAX_DAYS if key.endswith("_days") else MAX_COUNT


def says_off(value: str) -> bool:
    """Whether a circle's value switches its cadence off: ``none`` or ``off``."""
    return value.strip().lower() in ("none", "off")


def check_stored_preference(key: str, value: Any) -> None:
    """Refuse a stored preference ``config set`` would not have written.

    ``with_preferences`` reads every key under ``circles.`` and ``woven.`` (an unknown one
    would add a circle, or stop every start), so those must be known keys too. Other keys
    belong to other parts of netweave (the web password, goals…) and are left alone.
    """
    if key not in CONFIG_KEYS and not key.startswith(("circles.", "woven.")):
        return
    written = parse_preference(key, "none" if value is None else str(value))
    if written != value or type(written) is not type(value):
        raise InvalidInput(f"{key} {value!r} is not a value netweave writes")


def with_preferences(settings: Settings, stored: Mapping[str, Any]) -> Settings:
    """``settings`` with the user's stored preferences applied."""
    circles = dict(settings.circles)
    woven = settings.woven
    region = settings.phone_region
    order = settings.lamp_order
    for key, value in stored.items():
        if key.startswith("circles."):
            circles[key.removeprefix("circles.")] = value
        elif key.startswith("woven."):
            woven = replace(woven, **{key.removeprefix("woven."): int(value)})
        elif key == "phone_region" and REGION_ENV not in os.environ:
            region = str(value)
        elif key == "targets.order":
            order = tuple(str(value).split(","))
    return replace(settings, circles=circles, woven=woven, phone_region=region, lamp_order=order)
