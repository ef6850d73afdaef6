"""Two edits of one record at once: a form saves only what the user changed in it.

A form carries the values it showed; on save each field is compared with them, not with
the record as it is now. A field left as shown takes the record's value now (so a change
made elsewhere since, in another window or by a command, stays); a field changed in the
form and also elsewhere, to something else, is a clash: the save is refused, nothing lost
(optimistic concurrency).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Clash:
    """A field changed both in the form and elsewhere since the form was shown."""

    field: str
    now: str
    typed: str


def same_text(a: str, b: str) -> bool:
    """Whether two values of a field say the same: a browser sends a text area's lines
    ended by CR LF, and a value's outer spaces mean nothing."""
    return _plain(a) == _plain(b)


def _plain(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def merge_edit(
    typed: Mapping[str, Any], shown: Mapping[str, str] | None, now: Mapping[str, str]
) -> tuple[dict[str, Any], list[Clash]]:
    """The fields to save: each one of ``now`` left as ``shown`` takes its value now; the
    clashes, in the order of ``now`` (none when the form did not say what it showed)."""
    merged = dict(typed)
    clashes: list[Clash] = []
    if shown is None:
        return merged, clashes
    for name, value_now in now.items():
        if name not in shown or name not in typed or not isinstance(typed[name], str):
            continue
        sent, then = typed[name], shown[name]
        if same_text(sent, then):
            merged[name] = value_now
        elif not same_text(value_now, then) and not same_text(value_now, sent):
            clashes.append(Clash(name, value_now, sent))
    return merged, clashes
