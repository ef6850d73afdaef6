"""A mail body as a few lines of text: the start of its plain text, or of its HTML read as text."""

from __future__ import annotations

import email.policy
import re
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser

from netweave.logic.normalize import clean

#: At most this many characters of a message's body are kept (``--keep-bodies``).
BODY_EXCERPT_CHARS = 1000
# The line a mail client puts above quoted text, in a few common languages.
_ATTRIBUTION = ("wrote:", "schrieb:", "a écrit :", "a écrit:", "escribió:", "scritto:")
# Elements whose text is no part of what the mail says.
_HIDDEN = frozenset({"script", "style", "title", "template", "noscript"})
# Elements that start a line of their own.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
})  # fmt: skip
_SPACE = re.compile(r"\s+")


def excerpt(message: bytes) -> str | None:
    """The start of a message's text (header and body as in the file), without quoted
    lines or signature, at most ``BODY_EXCERPT_CHARS`` long; ``None`` when it has none."""
    text = _body_text(BytesParser(policy=email.policy.default).parsebytes(message))
    if text is None:
        return None
    kept: list[str] = []
    for line in text.splitlines():
        if line == "-- ":
            break
        if not line.lstrip().startswith(">"):
            kept.append(line)
        elif kept and kept[-1].rstrip().endswith(_ATTRIBUTION):  # "On …, X wrote:"
            kept.pop()
    short = storable(" ".join(kept))
    if len(short) > BODY_EXCERPT_CHARS:
        short = short[: BODY_EXCERPT_CHARS - 1].rstrip() + "…"
    return short or None


def storable(text: str) -> str:
    """Text any database takes: white space collapsed, no NUL, no lone surrogates."""
    text = clean(text.replace("\x00", ""))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes the email package kept as surrogates
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def _body_text(message: EmailMessage) -> str | None:
    """The text of the first plain-text part that is not an attachment; without one (mail
    written in HTML alone), that of the first such HTML part, read as text."""
    html: EmailMessage | None = None
    for part in message.walk():
        if part.get_content_disposition() == "attachment":
            continue
        kind = part.get_content_type()
        if kind == "text/plain":
            return _part_text(part)
        if kind == "text/html" and html is None:
            html = part
    return None if html is None else html_text(_part_text(html))


def html_text(markup: str) -> str:
    """HTML as the plain text a mail client would show: tags, scripts and styles gone,
    entities decoded, white space collapsed, a line for each paragraph, and quoted parts
    (``<blockquote>``) marked ``>`` as plain-text mail marks them, so that they go as theirs do."""
    reader = _HtmlText()
    reader.feed(markup)
    reader.close()
    return reader.text()


class _HtmlText(HTMLParser):
    """Collects the lines of text an HTML document shows, with their quoting depth."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[tuple[int, str]] = []
        self._words: list[str] = []
        self._depth = self._hidden = self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, +1)

    def handle_endtag(self, tag: str) -> None:
        self._tag(tag, -1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._end_line()

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if not self._pre:
            self._words.append(_SPACE.sub(" ", data))
            return
        first, *others = data.split("\n")
        self._words.append(first)
        for line in others:
            self._end_line(keep_blank=True)
            self._words.append(line)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """Pass over a marked section whatever its keyword (Outlook writes ``<![if
        !supportLists]>``, which the standard parser refuses with an AssertionError)."""
        end = self.rawdata.find("]>", i + 3)
        return -1 if end < 0 else end + 2

    def text(self) -> str:
        """The lines collected, each quoted line starting with one ``> `` a level."""
        self._end_line()
        return "\n".join("> " * depth + line for depth, line in self._lines)

    def _tag(self, tag: str, step: int) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden + step)
        elif tag in _BLOCKS:
            self._end_line()
            if tag == "blockquote":
                self._depth = max(0, self._depth + step)
            elif tag == "pre":
                self._pre = max(0, self._pre + step)

    def _end_line(self, *, keep_blank: bool = False) -> None:
        line = "".join(self._words)
        line = line.rstrip("\r") if self._pre else line.strip()
        if line or keep_blank:
            self._lines.append((self._depth, line))
        self._words = []


def _part_text(part: EmailMessage) -> str:
    """A text part's content, decoded as well as its declared charset allows; 8-bit text
    with no charset said (or only ASCII, which it is not) is read as UTF-8 when it is, else
    as the Windows code page, as mail programs do."""
    charset = str(part.get_param("charset") or "us-ascii").lower()
    if charset in ("us-ascii", "ascii"):
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and not payload.isascii():
            try:
                return payload.decode("utf-8")
            except UnicodeDecodeError:
                return payload.decode("cp1252", "replace")
    try:
        return str(part.get_content())
    except Exception:  # unknown charset or broken encoding: decode leniently
        payload = part.get_payload(decode=True)
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
