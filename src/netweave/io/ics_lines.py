"""The lines of a calendar file's events, for its messages: a broken event is named by the
line of the property that broke it, not only by where the event begins."""

from __future__ import annotations

import re

#: A line that begins or ends a component.
_EDGE = re.compile(rb"(?i)(BEGIN|END):")


class EventLines:
    """An event's text and the line it begins on, to find the line of one of its properties
    when a message needs one (icalendar keeps no line numbers of its own)."""

    def __init__(self, data: bytes, first: int) -> None:
        self.data = data
        self.first = first

    def of_property(self, name: str | None, message: str) -> int:
        """The line a problem of the event is about: the first of its own lines named
        ``name`` (for ``None``: any) whose value ``message`` quotes, else the first so
        named, else the event's BEGIN line."""
        named: int | None = None
        for number, text in self._own_lines():
            if name is not None and _name(text) != name.upper():
                continue
            quoted = _value(text) if name is not None else text
            if quoted and quoted in message:
                return number
            named = number if named is None else named
        return named if named is not None and name is not None else self.first

    def _own_lines(self) -> list[tuple[int, str]]:
        """The event's own content lines (unfolded, those of components in it left out), each
        with the line it starts on."""
        found: list[tuple[int, str]] = []
        depth, own = 0, False  # ``own``: the line before is one of the event's own
        number, at = self.first, 0
        while at < len(self.data):
            end = self.data.find(b"\n", at)
            end = len(self.data) if end < 0 else end
            raw = self.data[at:end].rstrip(b"\r")
            if raw[:1] in (b" ", b"\t"):  # the line before, folded
                if own:
                    first, text = found[-1]
                    found[-1] = (first, text + raw[1:].decode("utf-8", "replace"))
            elif edge := _EDGE.match(raw):
                depth += 1 if edge[1].upper() == b"BEGIN" else -1
                if depth <= 0:
                    break
                own = False
            else:
                own = depth == 1 and bool(raw)
                if own:
                    found.append((number, raw.decode("utf-8", "replace")))
            at, number = end + 1, number + 1
        return found


def _name(text: str) -> str:
    """A content line's property name (before its parameters and value)."""
    return re.split(r"[;:]", text, maxsplit=1)[0].strip().upper()


def _value(text: str) -> str:
    """A content line's value: after the first colon outside a quoted parameter."""
    quoted = False
    for at, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return text[at + 1 :]
    return text
