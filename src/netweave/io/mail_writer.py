"""Writer of mbox archives (mboxo, RFC 5322 messages) and iCalendar files of meetings.

Both are what mail and calendar programs export: the mbox has ``From `` separator lines,
``>From`` quoting in bodies, RFC 2047 encoded names outside ASCII; the calendar has one
VEVENT per meeting with the user as organizer, text escaped and lines folded at 75 octets.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterable
from email.header import Header
from pathlib import Path
from typing import BinaryIO

from netweave.io.outgoing import Contact, Conversation, escape_text, fold_line

#: The domain of generated Message-IDs and UIDs.
DOMAIN = "netweave.example"
_FROM_LINE = re.compile(rb"^(>*From )", re.MULTILINE)


def address(name: str | None, mail: str) -> str:
    """``Name <a@b>``, the name RFC 2047-encoded when it is not plain ASCII."""
    if not name:
        return mail
    if name.isascii():
        return email.utils.formataddr((name, mail))
    return f"{Header(name, 'utf-8').encode()} <{mail}>"


def write_mbox(
    path: Path, me: Contact, mails: Iterable[Conversation], bulk: Iterable[Conversation] = ()
) -> int:
    """Write conversations (kind email) and bulk mail (newsletters, notifications) to ``path``.

    A conversation's ``direction`` says who wrote: ``out`` the user, else its first person.
    Bulk items carry their sender as the first person and get list headers. Returns the
    number of messages written.
    """
    count = 0
    with path.open("wb") as out:
        for mail in mails:
            _message(out, me, mail, bulk=False)
            count += 1
        for item in bulk:
            _message(out, me, item, bulk=True)
            count += 1
    return count


def _message(out: BinaryIO, me: Contact, mail: Conversation, *, bulk: bool) -> None:
    assert me.email is not None
    others = [p for p in mail.people if p.email]
    if mail.direction == "out" and not bulk:
        sender, recipients = me, others
    else:
        sender, recipients = others[0], [me, *others[1:]]
    assert sender.email is not None
    when = mail.when.astimezone(dt.UTC)
    subject = (mail.summary or "").split("\n", 1)[0]
    headers = [
        ("Date", email.utils.format_datetime(when)),
        ("From", address(sender.name, sender.email)),
        ("To", ", ".join(address(p.name, p.email or "") for p in recipients)),
        ("Subject", subject if subject.isascii() else Header(subject, "utf-8").encode()),
        ("Message-ID", f"<{mail.key}@{DOMAIN}>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    if bulk:
        headers += [
            ("List-Unsubscribe", f"<mailto:unsubscribe@{sender.email.rpartition('@')[2]}>"),
            ("Precedence", "bulk"),
        ]
    separator = f"From {sender.email} {when:%a %b %d %H:%M:%S %Y}\n".encode()
    head = "".join(f"{k}: {v}\n" for k, v in headers).encode()
    body = _FROM_LINE.sub(rb">\1", (mail.summary or "").replace("\r", "").encode()) + b"\n"
    out.write(separator + head + b"\n" + body + b"\n")


def write_ics(path: Path, me: Contact, meetings: Iterable[Conversation]) -> int:
    """Write one VEVENT per meeting (an hour from its start) to ``path``; return how many."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//netweave//demo//EN",
             "CALSCALE:GREGORIAN"]  # fmt: skip
    count = 0
    for meeting in meetings:
        start = meeting.when.astimezone(dt.UTC)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{meeting.key}@{DOMAIN}",
            f"DTSTAMP:{start:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{start + dt.timedelta(hours=1):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:{escape_text(meeting.summary or meeting.kind)}",
            f"ORGANIZER;CN={_param(me.name)}:mailto:{me.email}",
        ]
        lines += [
            f"ATTENDEE;CN={_param(p.name)};PARTSTAT=ACCEPTED:mailto:{p.email}"
            for p in meeting.people
            if p.email
        ]
        lines.append("END:VEVENT")
        count += 1
    lines.append("END:VCALENDAR")
    path.write_bytes(b"".join(fold_line(line) for line in lines))
    return count


def _param(value: str) -> str:
    """A parameter value, quoted (RFC 5545 forbids DQUOTE inside; it is dropped)."""
    return '"' + value.replace('"', "") + '"'
