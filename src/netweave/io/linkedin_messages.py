"""LinkedIn's messages.csv: each message as an interaction, whatever the year's column
layout, with who sent it and who is in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

from netweave.io.linkedin_rows import (
    ExportUser,
    FileProblem,
    Rows,
    has_columns,
    participant_key,
    participant_ref,
    row_digest,
    skip_row,
)
from netweave.io.linkedin_senders import not_from_a_person, people_in
from netweave.io.linkedin_values import datetime_cell, message_text
from netweave.io.records import FormatError, InteractionRecord, ParticipantRef, Record
from netweave.io.text import Row, column_index, csv_rows, find_header_of_any
from netweave.logic.normalize import clean, is_name_suffix, written_name


def read_messages(stream: TextIO, name: str, user: ExportUser, rows: Rows) -> Iterator[Record]:
    """Each message of messages.csv, whatever the year's column layout; drafts are skipped,
    and so are messages from or with no person (``linkedin_senders``), told to
    ``rows.on_skip``."""
    line, header, sep = find_header_of_any(
        stream, name, has_columns("from", "date"), "FROM, DATE, …"
    )
    columns = column_index(header)
    ids = _MessageIds()
    for number, cells in csv_rows(
        stream, name, line, sep, errors=rows.errors, width=len(header), every_cell=True
    ):
        message = _message(Row(columns, cells), name, number, user, rows, ids)
        if message is not None:
            yield message


def _message(
    row: Row, name: str, number: int, user: ExportUser, rows: Rows, ids: _MessageIds
) -> InteractionRecord | None:
    """The message of the row at line ``number``; ``None`` for a row passed over (told to
    ``rows``)."""
    if row.get("is message draft").lower() in ("yes", "true"):
        _passed_over(rows, name, _DRAFT, number)
        return None
    sender = participant_ref(row.get("from"), row.get("sender profile url"))
    why = not_from_a_person(row.get("folder"), row.get("conversation title"), sender)
    if why is not None:
        _passed_over(rows, name, why, number)
        return None
    recipients = _recipients(row.get("to"), row.get("recipient profile urls"))
    user.learn(sender, *recipients)
    try:
        direction = _direction(row, sender, user, name, number)
        occurred_at = datetime_cell(row.get("date"), name, number)
    except FormatError as problem:
        skip_row(problem, rows.errors)
        return None
    others, why = people_in(_others(user, direction, sender, recipients), sender)
    if why is not None:
        _passed_over(rows, name, why, number)
        return None
    conversation = clean(row.get("conversation id")) or None
    thread = conversation or f"{row.get('to')}\x1f{row.get('subject')}"
    return InteractionRecord(
        external_id="linkedin:msg:" + ids.next(thread, row.get("date"), participant_key(sender)),
        occurred_at=occurred_at,
        kind="message",
        direction=direction,
        participants=others,
        line=number,
        summary="\n\n".join(p for p in (row.get("subject"), message_text(row.get("content"))) if p)
        or None,
        thread_id=conversation,
        names_me=_names_me(user, direction, sender, recipients),
    )


def _others(
    user: ExportUser, direction: str, sender: ParticipantRef, recipients: list[ParticipantRef]
) -> list[ParticipantRef]:
    """Who is in a message but the user: told by who the user is, when known, else by the
    message's direction."""
    if user.known():
        return [p for p in (sender, *recipients) if not user.matches(p)]
    return recipients if direction == "out" else [sender]


def _names_me(
    user: ExportUser, direction: str, sender: ParticipantRef, recipients: list[ParticipantRef]
) -> bool | None:
    """Whether the user is in a message, when they are known (a --me that names nobody:
    none is); ``None`` when they are not."""
    if not user.known():
        return None
    return direction == "out" or any(user.matches(p) for p in (sender, *recipients))


#: Why a draft (IS MESSAGE DRAFT: Yes) is no conversation.
_DRAFT = "a draft, never sent: skipped"


def _passed_over(rows: Rows, name: str, why: str, line: int) -> None:
    if rows.on_skip is not None:
        rows.on_skip(FormatError(name, why, line))


def _direction(row: Row, sender: ParticipantRef, user: ExportUser, name: str, line: int) -> str:
    """From an explicit DIRECTION or SENT folder, else by whether the user sent it."""
    marker = row.get("direction").upper()
    if marker in ("OUTGOING", "SENT"):
        return "out"
    if marker in ("INCOMING", "RECEIVED"):
        return "in"
    if row.get("folder").upper() == "SENT":
        return "out"
    if not user.known():
        raise FileProblem(
            name,
            "cannot tell which messages are yours: read the whole export (with Profile.csv) "
            "or give your name or LinkedIn profile URL with --me",
            line,
            web="cannot tell which messages are yours: upload the whole export (with "
            "Profile.csv) or give your name or LinkedIn profile URL in “Your address”",
        )
    return "out" if user.matches(sender) else "in"


def _recipients(names: str, urls: str) -> list[ParticipantRef]:
    """TO names paired with RECIPIENT PROFILE URLS when the counts agree. The names are
    separated by commas, as are a name and its suffix ("Ada Lovelace, PhD"): one of those
    stays with the name before it."""
    links = [u for u in re.split(r"[;,\s]+", urls) if u]
    parts: list[str] = []
    for part in (clean(n) for n in names.split(",")):
        if parts and is_name_suffix(part):
            parts[-1] = f"{parts[-1]}, {part}"
        elif part:
            parts.append(part)
    parts = [written_name(n) for n in parts]
    if len(links) == len(parts):
        return [ParticipantRef(name=n, linkedin=u) for n, u in zip(parts, links, strict=True)]
    if not links:
        return [ParticipantRef(name=n) for n in parts]
    if len(links) == 1:
        return [ParticipantRef(name=written_name(names) or None, linkedin=links[0])]
    return [ParticipantRef(linkedin=u) for u in links]


class _MessageIds:
    """Stable ids: a hash of thread, date and sender, numbered if one repeats in a thread.

    Only the current thread's ids are kept (the export lists a conversation's messages
    together), so memory does not grow with the file.
    """

    def __init__(self) -> None:
        self.thread: str | None = None
        self.seen: dict[str, int] = {}

    def next(self, thread: str, date: str, sender: str) -> str:
        if thread != self.thread:
            self.thread, self.seen = thread, {}
        digest = row_digest(thread, date, sender)
        count = self.seen[digest] = self.seen.get(digest, 0) + 1
        return digest if count == 1 else f"{digest}-{count}"
