"""Which of two LinkedIn exports is the older, told by what each of them holds.

An export holds every connection made before it was made. So, in this order:

1. the one whose latest "Connected On" day is earlier is the older;
2. of two with the same latest day, the one whose archive (the downloaded .zip) was
   written earlier is the older (a folder or a CSV file does not say when, its files'
   times being those of the copy);
3. of two with the same latest day and archive time, the one whose archive's name says an
   earlier day is the older (LinkedIn names the .zip after the day the export was asked
   for: ``Basic_LinkedInDataExport_11-27-2026.zip``);
4. of two the rules above do not tell apart, the one with fewer connections made on the
   latest day is the older: the other holds the same and those made later that day;
5. otherwise they cannot be told apart, and neither is the older (the one read last
   says someone's role).

At each rule an export that does not say (no connection read, no archive time, no name
of a day) is the older: in doubt, its roles are not news. So the rules are one sort key
(``ExportAge.key``), and the order is the same whatever order the exports are compared in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class ExportAge:
    """What tells how old a LinkedIn export is (each ``None`` when it does not say)."""

    #: The latest "Connected On" day of its connections.
    latest: dt.date | None = None
    #: How many of its connections were made on that day.
    on_latest: int | None = None
    #: When its archive's files were written (the latest time of the zip's members).
    made: dt.datetime | None = None
    #: The day its archive's name says (``…LinkedInDataExport_MM-DD-YYYY.zip``).
    named: dt.date | None = None

    def known(self) -> bool:
        """Whether it says anything at all."""
        return self.latest is not None or self.made is not None or self.named is not None

    def older_than(self, other: ExportAge) -> bool:
        """Whether this export is older than ``other`` (see the module's rules)."""
        return self.key() < other.key()

    def key(self) -> tuple[dt.date, dt.datetime, dt.date, int]:
        """The rules as one sort key: the older export's is the smaller, what an export
        does not say the smallest of all."""
        made = self.made.replace(tzinfo=None) if self.made else dt.datetime.min
        return (self.latest or dt.date.min, made, self.named or dt.date.min, self.on_latest or 0)

    def made_before(self, day: dt.date) -> bool:
        """Whether the archive says it was written on a day before ``day``."""
        return self.made is not None and self.made.date() < day

    def saw(self, day: dt.date) -> ExportAge:
        """This age with one more connection, made on ``day``."""
        if self.latest is None or day > self.latest:
            return dataclasses.replace(self, latest=day, on_latest=1)
        if day == self.latest:
            return dataclasses.replace(self, on_latest=(self.on_latest or 0) + 1)
        return self

    def as_json(self) -> dict[str, Any]:
        """The age as a batch's summary keeps it."""
        return {
            "latest": self.latest.isoformat() if self.latest else None,
            "on_latest": self.on_latest,
            "made": self.made.isoformat() if self.made else None,
            "named": self.named.isoformat() if self.named else None,
        }

    @classmethod
    def from_json(cls, value: Any) -> ExportAge:
        """The age ``as_json`` wrote (what cannot be read is not known)."""
        if not isinstance(value, dict):
            return cls()
        on_latest = value.get("on_latest")
        return cls(
            latest=_parsed(dt.date.fromisoformat, value.get("latest")),
            on_latest=on_latest if isinstance(on_latest, int) else None,
            made=_parsed(dt.datetime.fromisoformat, value.get("made")),
            named=_parsed(dt.date.fromisoformat, value.get("named")),
        )


def oldest_first(exports: Iterable[tuple[T, ExportAge]]) -> list[T]:
    """The exports (anything, each with its age) in the order they were made, the oldest
    first; those that cannot be told apart in the order given."""
    return [export for export, _ in sorted(exports, key=lambda pair: pair[1].key())]


def _parsed(parse: Any, value: Any) -> Any:
    if not isinstance(value, str):
        return None
    try:
        return parse(value)
    except ValueError:
        return None
