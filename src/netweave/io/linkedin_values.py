"""The values of a LinkedIn export's cells: dates, times, birthdays, websites, profile
URLs, and a message's text."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re

from netweave.errors import InvalidInput
from netweave.io.mail_body import html_text
from netweave.io.records import FormatError, Labeled
from netweave.io.text import date_parts, export_birthday
from netweave.logic.normalize import clean, normalize_linkedin

_US_TIMES = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y %I:%M %p", "%m/%d/%Y %I:%M %p")
_WEBSITE = re.compile(r"^([A-Z][A-Z_]*):(.+)$")


def websites(value: str) -> list[Labeled]:
    """``[PORTFOLIO:https://a.example,COMPANY:https://b.example]`` → labeled URLs."""
    inner = value.strip().removeprefix("[").removesuffix("]")
    urls = []
    for part in re.split(r",(?=[A-Z][A-Z_]*:)", inner):
        match = _WEBSITE.match(part.strip())
        url, label = (match.group(2), match.group(1).lower()) if match else (part, None)
        if clean(url):
            urls.append(Labeled(clean(url), label))
    return urls


#: A tag or a character reference: the markup LinkedIn keeps some messages in (InMail, and
#: messages written with formatting).
#: (Tags of HTML only: "press <Enter>" in a plain message is no markup.)
_TAG = re.compile(
    r"</?(?:a|b|i|u|p|br|hr|div|span|em|strong|small|sub|sup|code|ul|ol|li|blockquote|pre"
    r"|h[1-6]|table|thead|tbody|tr|td|th|font|img)(?:\s[^<>]*)?/?>",
    re.I,
)
_MARKUP = re.compile(rf"{_TAG.pattern}|&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)


def message_text(content: str) -> str:
    """A message's CONTENT as plain text: markup read as the text it shows (tags gone, a
    line for each paragraph or line break, the line breaks written kept), entities
    decoded; plain text as it is."""
    if not _MARKUP.search(content):
        return content
    if not _TAG.search(content):
        return html.unescape(content)
    return html_text(re.sub(r"\r?\n", "<br>", content)).strip()


def url_key(url: str) -> str:
    """A profile URL as it is compared: normalized, else lower-cased without a last slash."""
    try:
        return normalize_linkedin(url)
    except InvalidInput:
        return clean(url).lower().rstrip("/")


def date_cell(value: str, name: str, line: int) -> dt.date | None:
    """A full date (``Connected On``); empty → ``None``; anything else → ``FormatError``."""
    if not value.strip():
        return None
    found = _full_date(value)
    if found is None:
        raise FormatError(name, f"not a date: {value!r}", line)
    return found


@functools.lru_cache(maxsize=4096)
def _full_date(value: str) -> dt.date | None:
    """The date a cell spells with day, month and year (a few thousand distinct in an export)."""
    parts = date_parts(value)
    try:
        if parts is None or parts[0] is None:
            return None
        year = parts[0] + 2000 if parts[0] < 100 else parts[0]
        return dt.date(year, parts[1], parts[2])
    except ValueError:
        return None


def birthday_cell(value: str, name: str, line: int) -> str | None:
    """The user's birth date (``Mar 5``, ``Mar 5, 1990``) in ``logic.parse`` form."""
    try:
        return export_birthday(value)
    except InvalidInput as exc:
        raise FormatError(name, str(exc), line) from None


def datetime_cell(value: str, name: str, line: int) -> dt.datetime:
    """A UTC time from ``2024-03-01 10:15:02 UTC`` or ``1/29/26, 2:37 PM`` (taken as UTC).

    ``clean`` also turns the narrow no-break space some exports put before AM/PM into a space.
    """
    text = clean(value)
    if text.endswith((" UTC", " GMT")):
        text = text[:-4] + "+00:00"
    parsed: dt.datetime | None = None
    try:
        parsed = dt.datetime.fromisoformat(text) if text[:4].isdigit() else None
    except ValueError:
        parsed = None
    for pattern in _US_TIMES:
        if parsed is not None:
            break
        try:
            parsed = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    if parsed is None:
        raise FormatError(name, f"not a date and time: {value!r}", line)
    return parsed.astimezone(dt.UTC) if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
