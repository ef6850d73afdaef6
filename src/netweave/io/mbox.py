"""Read an mbox mail archive as a stream of email interactions, leaving bulk mail out."""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import hashlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from netweave.io.mail_body import BODY_EXCERPT_CHARS as BODY_EXCERPT_CHARS
from netweave.io.mail_body import excerpt
from netweave.io.mbox_folders import OnPassed, mail_files
from netweave.io.mbox_headers import addresses, decode_words, header_fields
from netweave.io.mbox_split import RawMessage, Splitter, separator_date
from netweave.io.records import FormatError, InteractionRecord, ParticipantRef

#: Why a message was passed over (``SkippedMessage.reason``).
SKIP_REASONS = ("bulk", "label", "deleted", "draft", "no-participants", "malformed")
#: Gmail's labels of mail that is no conversation: junk, thrown away, or never sent.
SKIPPED_LABELS = frozenset({"spam", "trash", "draft", "drafts"})
#: Mail dated before this was dated by a clock never set (1970-01-01, the Unix epoch): as
#: if it bore no date.
EARLIEST_MAIL = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
#: Thunderbird's ``X-Mozilla-Status`` flag of a message deleted but still in the file (it
#: goes when the folder is compacted).
MOZILLA_EXPUNGED = 0x0008
#: Thunderbird's ``X-Mozilla-Status2`` flag of a template.
MOZILLA_TEMPLATE = 0x01000000
#: Thunderbird's folders of mail not sent (yet): a message there with its
#: ``X-Mozilla-Draft-Info`` header is a draft, a template or a message waiting in the outbox.
#: (Mail sent in the background or later carries that header in the Sent folder too.)
UNSENT_FOLDERS = frozenset({"drafts", "templates", "unsent messages", "outbox"})

_MSG_ID = re.compile(r"<([^<>\s\x00-\x1f\x7f]+)>")
_AUTOMATED_SENDER = re.compile(
    r"(?:.*[-_.+])?(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?|mailer[-_.]?daemon"
    r"|newsletters?|postmaster)(?:[-_.+].*)?"
    # these words joined by - _ or + only (not jane.marketing@, news.desk@: people's dots)
    r"|(?:.*[-_+])?(?:news|digests?|alerts?|updates|marketing)(?:[-_+].*)?",
    re.IGNORECASE,
)
_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})
#: One of Gmail's labels: quoted (a label of the user's own with a comma), or up to a comma.
_LABEL = re.compile(r'\s*(?:"[^"]*"|[^,]*)')
#: A header that may hold Gmail's Sent label (read whole only then).
_MAYBE_SENT = re.compile(rb"^x-gmail-labels:.*sent", re.IGNORECASE | re.MULTILINE | re.DOTALL)
#: A header of Gmail's labels, which Takeout writes on every message.
_GMAIL_LABELS = re.compile(rb"^x-gmail-labels:", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class SkippedMessage:
    """A message the reader passed over: where it starts, why (one of ``SKIP_REASONS``), detail."""

    line: int
    reason: str
    detail: str


def read_mbox(
    path: Path,
    *,
    me: Sequence[str],
    keep_bodies: bool = False,
    include_bulk: bool = False,
    on_skip: Callable[[SkippedMessage | FormatError], None] | None = None,
    on_mine: Callable[[str], None] | None = None,
    on_passed: OnPassed | None = None,
) -> Iterator[InteractionRecord]:
    """Yield one ``kind="email"`` interaction per message of the mbox file at ``path``.

    ``path`` may also be a folder: its ``.mbox`` and ``.mbx`` files (and a file named
    ``mbox``, as in Apple Mail's ``Inbox.mbox`` export folder) are read in name order, and
    so are its other files that start as an mbox does (Thunderbird's ``Inbox``, ``Sent``
    and ``Jobs.2025`` in ``Local Folders``), but for Thunderbird's Trash and Junk; so are
    those of Thunderbird's subfolders (``Inbox.sbd/Work``, at any depth), after the
    folder's own (``mbox_folders.mail_files``). Index files (``.msf``), a mail program's
    settings and data (``.dat``, ``.json``, ``.sqlite`` …), other files and other
    subfolders are not: each is told to ``on_passed`` with why (hidden files are not).

    The participants are everyone in From, To, Cc and Bcc (Bcc: the user's sent copies
    name people who did receive the mail) except ``me``, the user's addresses, matched
    case-insensitively; they also set the direction, ``out`` when the user sent it,
    else ``in``. Each message keeps its own direction; replies share a ``thread_id``
    (the root Message-ID), so marking a thread two-way is the importer's job. Mail
    Gmail labels Sent (``X-Gmail-Labels``, as Takeout writes it) is the user's, from
    whatever address: the From address of such a message is one of ``me`` for every
    message read, and, when ``me`` lacks it, is told to ``on_mine`` before the first.
    Mailing-list, bulk and automated mail is left out unless ``include_bulk``, so
    newsletters never become people; what Gmail labels Spam, Trash or Drafts (never sent)
    is always left out, and so is what Thunderbird marks deleted (``X-Mozilla-Status``
    flag 0x0008: it stays in the file until the folder is compacted) and its drafts,
    templates and outbox (``_unsent``). ``keep_bodies`` adds to the summary an excerpt of
    the first plain-text part (of the HTML read as text, when the mail has none), without
    quoted lines or signature.

    A message starts at a ``From `` line (``mbox_split.Splitter``); one without a usable
    Date header is dated by that line (``_occurred_at``).

    Messages that cannot become an interaction (bulk mail, nobody but the user, no mail
    headers) are not errors: each is passed to ``on_skip`` as a ``SkippedMessage``, e.g.
    ``on_skip=skipped.append``, so the caller counts them. A message that neither its Date
    header nor its ``From `` line dates is a problem with it: it is passed to ``on_skip``
    as a ``FormatError`` naming the file and the line, so the caller lists it.

    A file that is not an mbox (nothing but white space, or no ``From `` line at its start:
    a single .eml message is not an mbox either) raises ``FormatError`` naming it.
    """
    files = mail_files(path, on_passed)
    mine = _user_addresses(files, me, on_mine)
    for file in files:
        yield from _file_interactions(file, mine, keep_bodies, include_bulk, on_skip)


def _user_addresses(
    files: Sequence[Path], me: Sequence[str], on_mine: Callable[[str], None] | None
) -> frozenset[str]:
    """The user's addresses: ``me``, and the sender of each message Gmail labels Sent in
    ``files`` (each of those not in ``me`` told to ``on_mine``)."""
    given = frozenset(address.strip().lower() for address in me)
    sent_from = _sent_from(files) - given
    for address in sorted(sent_from):
        if on_mine is not None:
            on_mine(address)
    return given | sent_from


def _file_interactions(
    file: Path,
    mine: frozenset[str],
    keep_bodies: bool,
    include_bulk: bool,
    on_skip: Callable[[SkippedMessage | FormatError], None] | None,
) -> Iterator[InteractionRecord]:
    """The interactions of one mbox file (see ``read_mbox``); the others go to ``on_skip``."""
    try:
        with file.open("rb") as stream:
            for raw in Splitter(stream, str(file)).messages(keep_bodies):
                result = _convert(raw, str(file), mine, include_bulk)
                if isinstance(result, InteractionRecord):
                    yield result
                elif on_skip is not None:
                    on_skip(result)
    except OSError as exc:
        raise FormatError(str(file), f"cannot read the file: {exc.strerror or exc}") from exc


def _convert(
    raw: RawMessage, file: str, me: frozenset[str], include_bulk: bool
) -> InteractionRecord | SkippedMessage | FormatError:
    """The interaction a split message describes, why it is skipped, or what is wrong with it."""
    fields = header_fields(raw.header)
    if not fields.keys() & {"from", "to", "cc", "date"}:
        return SkippedMessage(raw.line, "malformed", "no From, To, Cc or Date header")
    if label := _skipped_label(fields.get("x-gmail-labels", "")):
        return SkippedMessage(raw.line, "label", f"Gmail label {label}")
    if _mozilla_flag(fields.get("x-mozilla-status", ""), MOZILLA_EXPUNGED):
        return SkippedMessage(raw.line, "deleted", "deleted in Thunderbird (X-Mozilla-Status)")
    if unsent := _unsent(fields, file):
        return SkippedMessage(raw.line, "draft", unsent)
    senders = addresses(fields.get("from", ""))
    sender = senders[0][1] if senders else ""
    if not include_bulk and (why := _bulk_reason(fields, sender)):
        return SkippedMessage(raw.line, "bulk", why)
    occurred_at = _occurred_at(fields, raw.separator)
    if isinstance(occurred_at, str):
        return FormatError(file, occurred_at, raw.line)
    everyone = list(
        itertools.chain(senders, *(addresses(fields.get(k, "")) for k in ("to", "cc", "bcc")))
    )
    participants = _participants(everyone, me)
    if not participants:
        return SkippedMessage(raw.line, "no-participants", "nobody but the user")
    own_id = _message_id(fields)
    summary = decode_words(fields.get("subject", "")) or None
    body = None
    if raw.body is not None:  # bodies are kept
        body = excerpt(raw.header + b"\n" + raw.body)
        summary = "\n\n".join(s for s in (summary, body) if s) or None
    return InteractionRecord(
        external_id=f"mbox:{own_id}",
        occurred_at=occurred_at,
        kind="email",
        direction="out" if sender in me else "in",
        participants=participants,
        line=raw.line,
        summary=summary,
        thread_id=f"mbox:{_thread_root(fields) or own_id}",
        names_me=any(address in me for _, address in everyone),
        fuller=bool(body),
    )


def _participants(people: Iterable[tuple[str, str]], me: frozenset[str]) -> list[ParticipantRef]:
    """Everyone but the user, once each, with the first name any header gave them."""
    by_address: dict[str, ParticipantRef] = {}
    for name, address in people:
        if address in me:
            continue
        ref = by_address.setdefault(address, ParticipantRef(email=address))
        ref.name = ref.name or name or None
    return list(by_address.values())


def _mozilla_flag(value: str, flag: int) -> bool:
    """Whether Thunderbird's status header (hexadecimal: ``0009``) has ``flag`` set."""
    try:
        return bool(int(value.strip(), 16) & flag)
    except ValueError:
        return False


def _unsent(fields: dict[str, str], file: str) -> str | None:
    """Why a message is one Thunderbird never sent (a template, or a draft or outgoing
    message in its Drafts, Templates or outbox folder), or ``None``."""
    if _mozilla_flag(fields.get("x-mozilla-status2", ""), MOZILLA_TEMPLATE):
        return "a Thunderbird template"
    folder = Path(file).stem.replace("_", " ").lower()  # an upload's name has _ for spaces
    if "x-mozilla-draft-info" in fields and folder in UNSENT_FOLDERS:
        return f"a Thunderbird draft, never sent ({Path(file).name})"
    return None


def _bulk_reason(fields: dict[str, str], sender: str) -> str | None:
    """Why the message looks like list, bulk or automated mail, or ``None``."""
    for key in ("list-id", "list-unsubscribe"):
        if key in fields:
            return f"{key.title()} header"
    precedence = fields.get("precedence", "").lower()
    if precedence in _BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    auto = fields.get("auto-submitted", "no").split(";")[0].strip().lower()
    if auto != "no":
        return f"Auto-Submitted: {auto}"
    local = sender.rpartition("@")[0]
    if local and (_AUTOMATED_SENDER.fullmatch(local) or "bounce" in local):
        return f"automated sender {sender}"
    return None


def _sent_from(files: Sequence[Path]) -> frozenset[str]:
    """The From address of every message Gmail labels Sent in ``files``: the user's own.
    A file that cannot be read is passed over here (reading its messages says why); so is
    one whose first message has no Gmail labels: Takeout labels every message, and another
    mailbox is not read twice for them."""
    found: set[str] = set()
    for file in files:
        with contextlib.suppress(OSError, FormatError), file.open("rb") as stream:
            for n, raw in enumerate(Splitter(stream, str(file)).messages(False)):
                if n == 0 and _GMAIL_LABELS.search(raw.header) is None:
                    break  # not Gmail's Takeout
                if _MAYBE_SENT.search(raw.header) is None:
                    continue
                fields = header_fields(raw.header)
                senders = addresses(fields.get("from", ""))
                if senders and _labelled_sent(fields.get("x-gmail-labels", "")):
                    found.add(senders[0][1])
    return frozenset(found)


def _labelled_sent(value: str) -> bool:
    """Whether Gmail's labels (``X-Gmail-Labels: Sent,Opened``) say the user sent it (a
    label of the user's own is quoted when it holds a comma: ``"Sent, 2019"`` is not it)."""
    return any(label.strip().lower() == "sent" for label in _LABEL.findall(value))


def _skipped_label(value: str) -> str | None:
    """The first of Gmail's labels (``X-Gmail-Labels: Inbox,Spam``, as Takeout writes them)
    that marks spam, trash or a draft, or ``None``. (A label of the user's own with a comma
    in it is quoted, and split here: none of its parts is one of Gmail's own labels.)"""
    for label in value.split(","):
        if (name := label.strip().strip('"').strip()).lower() in SKIPPED_LABELS:
            return name
    return None


def _occurred_at(fields: dict[str, str], separator: bytes) -> dt.datetime | str:
    """When the message was sent: its Date header, else the date of its ``From `` line (as
    UTC when that gives no offset), which mail programs write on delivery; a date before
    ``EARLIEST_MAIL`` (1970-01-01: a clock not set) is none. When neither dates it, why not."""
    header = _parse_date(fields.get("date", ""))
    if header is not None and header >= EARLIEST_MAIL:
        return header
    line = separator_date(separator)
    if line is not None and line >= EARLIEST_MAIL:
        return line
    early = f"before {EARLIEST_MAIL.year} (a clock not set)"
    if header is not None:
        date = f"Date {fields['date']!r} is {early}"
    elif "date" in fields:
        date = f"unusable Date {fields['date']!r}"
    else:
        date = "no Date header"
    if line is None:
        return f"{date}, nor a date on its From line"
    return f"{date}, and its From line's date {line.date()} is {early}"


def _parse_date(value: str) -> dt.datetime | None:
    """The Date header as an aware UTC datetime; ``None`` when missing or unparseable."""
    try:
        parsed = email.utils.parsedate_to_datetime(value)
        if parsed.tzinfo is None:  # "-0000": the zone is unknown, the time is UTC
            return parsed.replace(tzinfo=dt.UTC)
        return parsed.astimezone(dt.UTC)
    except (TypeError, ValueError, OverflowError, IndexError):
        return None


def _message_id(fields: dict[str, str]) -> str:
    """The Message-ID without brackets, or a hash of Date, From and Subject when it has none."""
    value = fields.get("message-id", "")
    if match := _MSG_ID.search(value):
        return match[1]
    if value.isprintable() and value.isascii() and value and " " not in value:
        return value
    key = "\n".join(fields.get(k, "") for k in ("date", "from", "subject"))
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:32]


def _thread_root(fields: dict[str, str]) -> str | None:
    """The first Message-ID in References, else the one in In-Reply-To."""
    for key in ("references", "in-reply-to"):
        if match := _MSG_ID.search(fields.get(key, "")):
            return match[1]
    return None
