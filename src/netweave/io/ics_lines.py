"""The lines of a calendar file's events, for its messages: a broken event is named by the
line of the property that broke it, not only by where the event begins."""

from __future__ import annotations

import re

#: A line that begins or ends a component.
_EDGE = re.compile(rb"(?i)(BEGIN|END):")


class EventLines:
    """Finds lines in a calendar file's text, only when a message needs one (icalendar keeps
    no line numbers of its own). ``begins`` are the byte offsets of the BEGIN:VEVENT lines
    of a part's events, in the order it holds them."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        #: A byte offset and its line, to count on from (problems mostly come in file order).
        self._last = (0, 1)

    def line(self, offset: int) -> int:
        """The line the byte at ``offset`` is on."""
        at, line = self._last if offset >= self._last[0] else (0, 1)
        line += self.data.count(b"\n", at, offset)
        self._last = (offset, line)
        return line

    def of_property(self, begin: int, name: str | None, message: str) -> int:
        """The line of the event beginning at ``begin`` that a problem is about: the first of
        its own lines named ``name`` (for ``None``: any) whose value ``message`` quotes, else
        the first so named, else the event's BEGIN line."""
        named: int | None = None
        for number, text in self._own_lines(begin):
            if name is not None and _name(text) != name.upper():
                continue
            quoted = _value(text) if name is not None else text
            if quoted and quoted in message:
                return number
            named = number if named is None else named
        return named if named is not None and name is not None else self.line(begin)

    def _own_lines(self, begin: int) -> list[tuple[int, str]]:
        """The event's own content lines (unfolded, those of components in it left out), each
        with the line it starts on."""
        found: list[tuple[int, str]] = []
        depth, own = 0, False  # ``own``: the line before is one of the event's own
        number, at = self.line(begin), begin
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
