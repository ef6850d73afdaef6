"""The reader of each kind of import file, and what it tells the applier it passed over."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netweave.errors import InvalidInput
from netweave.io.records import FormatError, NotHeld, PersonRecord, Record
from netweave.logic.vocab import IMPORT_KINDS
from netweave.services.import_apply import LISTED_PROBLEMS, Applier
from netweave.services.import_words import (
    both,
    files_not_read,
    mail_needs_me,
    not_held_yet,
    older_events,
)

if TYPE_CHECKING:
    from netweave.io.mbox_folders import PassedFile
    from netweave.services.imports import ImportOptions

#: Recurring calendar events are expanded this far back and ahead of today by default.
ICS_WINDOW = dt.timedelta(days=3 * 365)

#: Reads one path, telling the applier what it passed over (``skip``) or warns of (``warn``).
Reader = Callable[[Path, Applier], Iterator[Record]]


def reader_of(
    kind: str,
    options: ImportOptions,
    today: dt.date,
    now: dt.datetime,
    files: Sequence[Path] = (),
) -> Reader:
    """The reader of one kind of file (imported only when used); it reports skipped items
    and warnings to the applier of the file. ``files`` are all the files of the import (an
    address book's cards may name each other across them)."""
    if kind == "linkedin":
        return _linkedin(options, today)
    if kind == "vcard":
        return _vcard(options, files)
    if kind == "google-csv":
        return _google_csv(options)
    if kind == "ics":
        return _calendar(options, today, now)
    if kind == "mbox":
        return _mailbox(options)
    raise InvalidInput(f"unknown import kind {kind!r}; choose one of: {', '.join(IMPORT_KINDS)}")


def _linkedin(options: ImportOptions, today: dt.date) -> Reader:
    """A LinkedIn export's reader, which notes how old the export is."""
    from netweave.io.linkedin import read_linkedin
    from netweave.io.linkedin_age import archive_age, export_age

    me = options.me[0] if options.me else None

    def export(path: Path, applier: Applier) -> Iterator[Record]:
        def mine(url: str) -> None:  # the user's own profile, which the export tells
            applier.remember_mine(profile=url)

        read = _skipping(options, lambda path, errors, skip: read_linkedin(
            path, me=me, errors=errors, on_skip=skip, on_profile=mine
        ))  # fmt: skip
        # how old the export is: known before any of its rows is applied when an earlier
        # export's age may be compared with it (its connections are read twice then),
        # else noted while it is read, for later imports
        if applier.exports.any_known():
            applier.exports.begin(export_age(path, today))
            yield from read(path, applier)
            return
        applier.exports.begin(archive_age(path, today))
        for record in read(path, applier):
            applier.exports.saw(record, today)
            yield record

    return export


def _vcard(options: ImportOptions, files: Sequence[Path]) -> Reader:
    """An address book's reader (vCard)."""
    from netweave.io.vcard import read_vcards, uid_names

    names = uid_names(files)  # the cards of the whole import, for a RELATED naming one
    return _yours(options, _skipping(options, lambda path, errors, skip: read_vcards(
        path, errors=errors, on_skip=skip, names=names
    )))  # fmt: skip


def _google_csv(options: ImportOptions) -> Reader:
    """A Google Contacts CSV file's reader."""
    from netweave.io.google_csv import read_google_csv

    return _yours(options, _skipping(
        options, lambda path, errors, skip: read_google_csv(path, errors, on_skip=skip)
    ))  # fmt: skip


def _calendar(options: ImportOptions, today: dt.date, now: dt.datetime) -> Reader:
    """A calendar's reader: its meetings within the window (``--since``, ``--until``)."""
    from netweave.io.ics import read_ics

    start = options.since or today - ICS_WINDOW
    end = options.until or today
    if start > end:
        raise InvalidInput(f"the calendar window starts ({start}) after it ends ({end})")

    def meetings(path: Path, applier: Applier) -> Iterator[Record]:
        warnings: list[FormatError] = []
        not_held: list[NotHeld] = []
        older: dict[str, dt.date] = {}
        broken: list[FormatError] | None = [] if options.skip_bad_rows else None
        yield from read_ics(path, window_start=start, window_end=end, me=options.me,
                            now=now, warnings=warnings, not_held=not_held, older=older,
                            errors=broken)  # fmt: skip
        for problem in broken or ():  # a broken event, passed over
            applier.skip(problem)
        for warning in warnings:  # a time read with a guess: kept, and said
            applier.warn(warning)
        for file, oldest in older.items() if options.since is None else ():
            applier.warn(FormatError(file, older_events(start, oldest, False),
                                     web=older_events(start, oldest, True)))  # fmt: skip
        for item in not_held:  # cancelled since an earlier import brought it in?
            applier.withdrawn(item)
        if ahead := sum(item.why == "ahead" for item in not_held):
            applier.error(None, *both(lambda web: not_held_yet(ahead, options.until,
                                                               today, web)))  # fmt: skip

    return meetings


def _mailbox(options: ImportOptions) -> Reader:
    """A mailbox's reader, which needs the user's addresses to tell their mail."""
    from netweave.io.mbox import read_mbox

    if not options.me:
        raise InvalidInput(mail_needs_me(False), web=mail_needs_me(True))

    def mail(path: Path, applier: Applier) -> Iterator[Record]:
        sent_from: list[str] = []
        passed: list[PassedFile] = []
        yield from read_mbox(path, me=options.me, keep_bodies=options.keep_bodies,
                             include_bulk=options.include_bulk, on_skip=applier.skip,
                             on_mine=sent_from.append, on_passed=passed.append)  # fmt: skip
        if sent_from:  # the user's other addresses, by Gmail's word
            kept = applier.remember_mine(sent_from)
            applier.error(None, _sent_as_mine(sent_from, kept=kept))
        for note in files_not_read(path, passed):  # a mail folder's other files
            applier.error(None, note, file=str(path))

    return mail


def _sent_as_mine(addresses: Sequence[str], *, kept: bool) -> str:
    """The note of an import of mail that took addresses not given as the user's for theirs."""
    it, was = ("it", "it was") if len(addresses) == 1 else ("them", "they were")
    said = (f"mail from {', '.join(addresses)} is labelled Sent by Gmail: {was} taken as "
            f"yours (written by you, no contact made of {it})")  # fmt: skip
    if kept:
        said += ", and kept on your own record"
    return said


def _yours(options: ImportOptions, read: Reader) -> Reader:
    """An address book's reader that takes the card with one of the user's addresses
    (``--me``) for the user's own (an address book's "my card"): it fills in their record,
    and makes no contact of them."""
    mine = {address.lower() for address in options.me}
    if not mine:
        return read

    def records(path: Path, applier: Applier) -> Iterator[Record]:
        for record in read(path, applier):
            if isinstance(record, PersonRecord) and any(
                e.value.strip().lower() in mine for e in record.emails
            ):
                record.is_me = True
            yield record

    return records


def _skipping(
    options: ImportOptions,
    read: Callable[
        [Path, list[FormatError] | None, Callable[[FormatError], None]], Iterator[Record]
    ],
) -> Reader:
    """A reader that, with ``--skip-bad-rows``, passes over a bad row (or card) and lists it;
    without, the first bad row fails the file. Rows the reader skips by rule (a company
    card) are counted and listed either way."""

    def records(path: Path, applier: Applier) -> Iterator[Record]:
        broken = _Broken() if options.skip_bad_rows else None
        yield from read(path, broken, applier.skip)
        for problem in broken or []:
            applier.skip(problem)
        if broken is not None and broken.more:
            applier.counts.skipped += broken.more
            applier.counts.unlisted += broken.more

    return records


class _Broken(list[FormatError]):
    """The bad rows of a file read with ``--skip-bad-rows``: the first ``LISTED_PROBLEMS``
    kept, the others counted (``more``), so that memory does not grow with them."""

    def __init__(self) -> None:
        super().__init__()
        self.more = 0

    def append(self, problem: FormatError) -> None:
        if len(self) < LISTED_PROBLEMS:
            super().append(problem)
        else:
            self.more += 1
