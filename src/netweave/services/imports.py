"""Imports: one batch per run, one transaction per file, and an exact undo."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput
from netweave.io.records import (
    FormatError,
    InteractionRecord,
    NotHeld,
    PersonRecord,
    Record,
    folder_files,
    not_a_file,
    one_line_ending,
)
from netweave.logic.normalize import normalize_email
from netweave.logic.vocab import IMPORT_KINDS
from netweave.logic.wording import count
from netweave.services.collector import fewer_collections
from netweave.services.context import Context
from netweave.services.import_apply import LISTED_PROBLEMS, Applier, Counts, shown_file
from netweave.services.import_conversations import CROWD
from netweave.services.import_limits import check_record_lengths
from netweave.services.import_order import oldest_first, read_as_given, with_exports
from netweave.services.import_words import (
    both,
    in_words,
    little_of_the_mail_mine,
    mail_needs_me,
    no_address_of_mine,
    none_of_the_mail_mine,
    not_held_yet,
    older_events,
    partly_imported,
    strangers_skipped,
)
from netweave.store import search, stats
from netweave.store.ledger import name_change
from netweave.store.models import (
    ContactPoint,
    ImportBatch,
    Person,
)

#: The importers (``netweave import KIND``).
KINDS = IMPORT_KINDS
#: The kinds whose ``--me`` is the user's own email addresses (LinkedIn's is a name or URL).
ADDRESS_KINDS = ("ics", "mbox")
#: The kinds whose ``--me`` names addresses, checked as such.
ME_AS_ADDRESSES = ("ics", "mbox", "vcard", "google-csv")
#: After this many messages with none from or to ``--me``, the address is likely wrong.
MAIL_TO_JUDGE_ME = 20
#: Recurring calendar events are expanded this far back and ahead of today by default.
ICS_WINDOW = dt.timedelta(days=3 * 365)
#: A batch keeps this many of its problems (``import list``); their number is kept whole.
STORED_ERRORS = 100


@dataclass
class ImportOptions:
    """Options of ``netweave import``."""

    me: list[str] = field(default_factory=list)
    create_people: bool = False
    skip_bad_rows: bool = False
    keep_bodies: bool = False
    include_bulk: bool = False
    since: dt.date | None = None
    until: dt.date | None = None
    #: Called as ``progress(file name, records read so far)`` while a file is read.
    progress: Callable[[str, int], None] | None = None
    #: The folder an upload is kept in while it is read (the web app's): problems name
    #: its files without it.
    kept_in: Path | None = None
    #: The summary's problems in the web app's words (its form's fields, its buttons).
    for_web: bool = False
    #: ``me`` is not what was given but the user's own record (a LinkedIn import's name or
    #: profile URL): messages that do not name it are not judged by it.
    me_on_record: bool = False


#: Reads one path, telling the applier what it passed over (``skip``) or warns of (``warn``).
Reader = Callable[[Path, Applier], Iterator[Record]]


def _reader(
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
        from netweave.io.linkedin import read_linkedin
        from netweave.io.linkedin_age import archive_age, export_age

        me = options.me[0] if options.me else None
        read = _skipping(
            options,
            lambda path, errors, skip: read_linkedin(path, me=me, errors=errors, on_skip=skip),
        )

        def export(path: Path, applier: Applier) -> Iterator[Record]:
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
    if kind == "vcard":
        from netweave.io.vcard import read_vcards, uid_names

        names = uid_names(files)  # the cards of the whole import, for a RELATED naming one
        return _yours(options, _skipping(options, lambda path, errors, skip: read_vcards(
            path, errors=errors, on_skip=skip, names=names
        )))  # fmt: skip
    if kind == "google-csv":
        from netweave.io.google_csv import read_google_csv

        return _yours(options, _skipping(
            options, lambda path, errors, skip: read_google_csv(path, errors, on_skip=skip)
        ))  # fmt: skip
    if kind == "ics":
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
    if kind == "mbox":
        from netweave.io.mbox import read_mbox

        if not options.me:
            raise InvalidInput(mail_needs_me(False), web=mail_needs_me(True))

        def mail(path: Path, applier: Applier) -> Iterator[Record]:
            sent_from: list[str] = []
            yield from read_mbox(path, me=options.me, keep_bodies=options.keep_bodies,
                                 include_bulk=options.include_bulk, on_skip=applier.skip,
                                 on_mine=sent_from.append)  # fmt: skip
            if sent_from:  # the user's other addresses, by Gmail's word
                kept = applier.remember_mine(sent_from)
                applier.error(None, _sent_as_mine(sent_from, kept=kept))

        return mail
    raise InvalidInput(f"unknown import kind {kind!r}; choose one of: {', '.join(KINDS)}")


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


class PartialImport(InvalidInput):
    """A file after the first of a batch failed: the files before it stay imported, as the
    batch's ``summary`` (its ``errors`` end with the failure) says."""

    def __init__(self, message: str, summary: dict[str, Any], *, web: str | None = None) -> None:
        super().__init__(message, web=web)
        self.summary = summary


#: Listed with a calendar's import when no address of the user's is known.
NO_ADDRESS_OF_MINE = no_address_of_mine(False)


def run_import(
    ctx: Context, kind: str, paths: Sequence[Path], options: ImportOptions
) -> dict[str, Any]:
    """Import files of one kind as one batch; each file is all-or-nothing. The summary is
    ``{batch, created, updated, merged, skipped, errors, people}``: ``created`` counts every
    record made (people, conversations, roles), ``people`` the people among them."""
    if kind in ME_AS_ADDRESSES:
        options = dataclasses.replace(options, me=my_addresses_given(options.me))
    given = list(options.me)  # the addresses typed: kept on the user's record for next time
    if kind in ADDRESS_KINDS:  # and those on the user's own record, which are theirs too:
        # which events they declined, which mail they sent
        typed = {address.lower() for address in given}
        on_record = [a for a in my_addresses(ctx) if a.lower() not in typed]
        options = dataclasses.replace(options, me=[*given, *on_record])
    if kind == "linkedin" and not options.me and (known := my_linkedin(ctx)):
        # the user known already (an export's Profile.csv, `people edit --me`): their
        # messages are told from the others' without --me
        options = dataclasses.replace(options, me=[known], me_on_record=True)
    for path in paths:
        _check_path(path)
    unreadable: list[FormatError] = []
    given_paths = list(paths)
    paths = _each_file(kind, paths, options, unreadable)
    alike: list[list[Path]] = []  # exports not told apart by age: read in the order given
    if kind == "linkedin":  # as if imported one by one, the oldest export first
        paths, alike = oldest_first(paths, ctx.clock.today())
    reader = _reader(kind, options, ctx.clock.today(), ctx.clock.now(), paths)
    total = Counts()
    batch_id: int | None = None
    photos = 0  # people whose photo was not kept, in all the files
    passed_over: list[dict[str, Any]] = [
        {"file": shown_file(e.file, options.kept_in), "line": None, "error": f"{e.reason}: skipped"}
        for e in unreadable
    ]
    for number, path in enumerate(paths):
        try:
            with ctx.db.transaction() as session:
                name_change(session, _under_way(paths, number))
                batch = _batch(session, batch_id, kind, paths, ctx)
                applier = Applier(ctx, session, batch, _source(kind), file=str(path),
                                  create_people=options.create_people, me=options.me,
                                  kept_in=options.kept_in)  # fmt: skip
                with fewer_collections():
                    mine = _apply(applier, reader(path, applier), path, options)
                if kind in ADDRESS_KINDS and given and mine:  # the mail bore them out (a
                    # calendar's events do not say whom they name: one read is enough)
                    applier.remember_mine(given)
                if kind == "ics":
                    _calendar_notes(applier, options, first=number == 0)
                if applier.requests:
                    _pending_requests(applier)
                if kind == "linkedin" and applier.strangers > applier.requests:
                    _messages_with_strangers(applier)
                if applier.crowds:
                    them = count(applier.crowds, "conversation")
                    applier.error(None, f"{them} with more than {CROWD} people made no one new "
                                  "(a mailing, an all-hands): those in them you know are "
                                  "linked")  # fmt: skip
                _in_line_order(applier.counts.errors)
                _finish(ctx, session, applier)
                _add(total, applier.counts)
                photos += applier.photos
                summary = _stored(_summary(batch.id, total), total.unlisted)
                batch.counts = with_exports(summary, batch.counts, applier.exports.file())
                batch.state, batch.finished_at = "done", ctx.clock.now()
                batch_id = batch.id
                left = _under_way(paths, number + 1) if number + 1 < len(paths) else None
                name_change(session, _saved(paths[: number + 1], batch_id), left=left)
        except InvalidInput as exc:
            if options.skip_bad_rows and len(paths) > 1:  # a bad file among others
                line = exc.line if isinstance(exc, FormatError) else None
                reason = exc.reason if isinstance(exc, FormatError) else str(exc)
                passed_over.append({"file": shown_file(str(path), options.kept_in), "line": line,
                                    "error": f"{reason} — the file was passed over"})  # fmt: skip
                continue
            if batch_id is None and number < len(paths) - 1:
                raise InvalidInput(
                    f"{exc} — nothing was imported, nor from the files after it"
                ) from exc
            if batch_id is None:
                raise
            after = ", nor from the files after it" if number < len(paths) - 1 else ""
            kept = [partly_imported(batch_id, _files(number), total.created, _them(number), web)
                    for web in (False, True)]  # fmt: skip
            message = f"{exc} — nothing from that file was imported{after}; {kept[0]}"
            web = f"{exc.said(web=True)} — nothing from that file was imported{after}; {kept[1]}"
            line = exc.line if isinstance(exc, FormatError) else None
            shown = shown_file(str(path), options.kept_in)
            total.errors.append({"file": shown, "line": line, "error": message, "web": web})
            # what the earlier files brought in stays; the problems end with the failure
            _restate(ctx, batch_id, total, state="partial")
            summary = _in_words(_summary(batch_id, total), options)
            raise PartialImport(message, summary, web=web) from exc
    if passed_over:
        if batch_id is None:
            first = passed_over[0]
            where = f"{first['file']}:{first['line']}" if first["line"] else first["file"]
            raise InvalidInput(f"no file could be imported: {where}: {first['error']}")
        total.errors.extend(passed_over)
    if photos and batch_id is not None:  # said once for the batch, not file by file
        shown = ", ".join(shown_file(str(p), options.kept_in) for p in given_paths)
        total.errors.append({"file": shown, "line": None, "error": photos_not_kept(photos)})
    for group in alike if batch_id is not None else []:  # said once, with the files' names
        names = ", ".join(shown_file(str(p), options.kept_in) for p in group)
        total.errors.append({"file": names, "line": None, "error": read_as_given(len(group))})
    if (passed_over or photos or alike) and batch_id is not None:
        _restate(ctx, batch_id, total)
    return _in_words(_summary(batch_id, total), options) | {
        "people": _people_made(ctx, batch_id),
        "error_count": len(total.errors) + total.unlisted,  # those past the list too
    }


def photos_not_kept(photos: int) -> str:
    """What an import says of the photos its cards had: netweave keeps none."""
    them = "the card was" if photos == 1 else "the cards were"
    it = "it" if photos == 1 else "them"
    return f"photos are not kept: {photos} ({them} imported without {it})"


def _in_words(summary: dict[str, Any], options: ImportOptions) -> dict[str, Any]:
    """A summary whose problems are in the words of the interface that asked for it."""
    return {**summary, "errors": in_words(summary["errors"], web=options.for_web)}


def _people_made(ctx: Context, batch_id: int | None) -> int:
    """How many of what the batch created are people (the rest: conversations, roles …)."""
    if batch_id is None:
        return 0
    with ctx.db.reading() as session:
        made = select(func.count()).where(Person.import_batch_id == batch_id)
        return int(session.scalar(made) or 0)


#: Kinds whose folders hold files that stand alone (address books, calendars), and the
#: endings of those files.
_FILE_BY_FILE = {"vcard": (".vcf",), "google-csv": (".csv",), "ics": (".ics",)}
#: Kinds whose folders are read with their subfolders: a folder of address books, one per
#: subfolder (vdirsyncer's and khard's), as ``read_vcards`` reads it.
_SUBFOLDERS = frozenset({"vcard"})


def _check_path(path: Path) -> None:
    """Refuse what is not a file or a folder to read: a name that leads nowhere (a link in
    a loop, too), and a pipe or a device, which could be read only once or never end."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise InvalidInput(f"{path}: {not_a_file(path)}") from None
        raise InvalidInput(f"no such file: {path}") from None
    except OSError as exc:  # a link in a loop, a folder it may not look into
        raise InvalidInput(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InvalidInput(
            f"{path}: not a file (a pipe or a device): save what it holds to a file and import that"
        )


def _each_file(
    kind: str, paths: Sequence[Path], options: ImportOptions, unreadable: list[FormatError]
) -> list[Path]:
    """The files to import one by one: with ``skip_bad_rows``, a folder of address books or
    calendars is read file by file, so that a bad one is passed over (and listed) rather
    than failing the rest; what in it is no file (a broken link, a pipe) goes to
    ``unreadable``, unopened."""
    suffixes = _FILE_BY_FILE.get(kind)
    if not options.skip_bad_rows or suffixes is None:
        return list(paths)
    deep = kind in _SUBFOLDERS
    return [
        f
        for p in paths
        for f in (
            folder_files(p, suffixes, unreadable=unreadable, subfolders=deep) if p.is_dir() else [p]
        )
    ]


def _restate(ctx: Context, batch_id: int, total: Counts, state: str | None = None) -> None:
    """Write a batch's summary again (files passed over, or failed, after its last file
    went in), and its ``state`` when given."""
    with ctx.db.transaction() as session:
        batch = session.get(ImportBatch, batch_id)
        assert batch is not None
        batch.counts = with_exports(
            _stored(_summary(batch_id, total), total.unlisted), batch.counts
        )
        if state is not None:
            batch.state = state


def _in_line_order(problems: list[dict[str, Any]]) -> None:
    """A file's problems by file (in the order first met) and line; those of no line last."""
    files: dict[Any, int] = {}
    for problem in problems:
        files.setdefault(problem["file"], len(files))
    problems.sort(key=lambda p: (files[p["file"]], p["line"] is None, p["line"] or 0))


def _calendar_notes(applier: Applier, options: ImportOptions, *, first: bool) -> None:
    """What a calendar's import should say beside its counts: meetings skipped for want of
    anyone known in them, and (once a batch, when it took meetings in) that meetings the
    user declined could not be told apart."""
    if applier.strangers and not options.create_people:
        applier.error(None, *both(lambda web: strangers_skipped(applier.strangers, web)))
    if applier.alone:
        them = "it" if applier.alone == 1 else "them"
        applier.error(None, f"{count(applier.alone, 'event')} with no one else in {them} skipped")
    if first and not options.me and applier.counts.created:
        applier.error(None, *both(no_address_of_mine))


def _pending_requests(applier: Applier) -> None:
    """Say that connection requests from people not among the connections were left out."""
    requests = count(applier.requests, "connection request")
    applier.error(
        None,
        f"{requests} received from people not among your connections skipped (not accepted "
        "yet; accept on LinkedIn and import a new export to add them)",
    )


def _messages_with_strangers(applier: Applier) -> None:
    """Say that messages with no one among the connections (nor here) were left out: an
    older export's messages name people, and only the connections are made people."""
    messages = count(applier.strangers - applier.requests, "message")
    applier.error(
        None,
        f"{messages} with people not among your connections skipped (import the whole "
        "export, or its Connections.csv first, to have those who are)",
    )


def my_addresses_given(given: Sequence[str], field: str = "--me") -> list[str]:
    """The user's own addresses as typed, each value holding one or several separated by
    commas or semicolons (``--me "a@x.com, b@y.com"``, or the web form's one field), so
    that the CLI and the web read them alike. One that is not an email address is refused,
    naming ``field``, before anything is read: mail from it would all seem someone else's."""
    addresses = [part.strip() for value in given for part in value.replace(";", ",").split(",")]
    for address in filter(None, addresses):
        try:
            normalize_email(address)
        except InvalidInput:
            raise InvalidInput(f"{field}: not an email address: {address!r}") from None
    return [address for address in addresses if address]


def my_linkedin(ctx: Context) -> str | None:
    """What tells the user in a LinkedIn export: their own record's profile address, else
    its name (``None`` without one)."""
    with ctx.db.reading() as session:
        me = session.scalars(select(Person).where(Person.is_me.is_(True))).first()
        if me is None:
            return None
        url = next((c.value for c in me.contact_points if c.kind == "linkedin"), None)
        return url or me.display_name


def my_addresses(ctx: Context) -> list[str]:
    """The email addresses of the user's own record."""
    with ctx.db.reading() as session:
        return list(
            session.scalars(
                select(ContactPoint.value)
                .join(Person, Person.id == ContactPoint.person_id)
                .where(Person.is_me.is_(True), ContactPoint.kind == "email")
            )
        )


def readable_csv(head: bytes) -> bool:
    """Whether the first bytes of an uploaded CSV file are text the importers read (UTF-8,
    UTF-16 with its mark, a Windows code page), not binary data."""
    from netweave.io.encoding import is_text_head

    return is_text_head(head)


def _under_way(paths: Sequence[Path], number: int) -> str:
    """What the transaction of file ``number`` saves, in the words of a stopped command."""
    after = len(paths) - number - 1
    rest = f" (and of the {count(after, 'file')} after it)" if after > 1 else ""
    rest = " (and of the file after it)" if after == 1 else rest
    return f"the import of {paths[number].name}{rest}"


def _saved(done: Sequence[Path], batch_id: int) -> str:
    """What the files imported so far saved, in the words of a stopped command."""
    names = [p.name for p in done]
    shown = names[0]
    if len(names) > 3:
        shown = count(len(names), "file")
    elif len(names) > 1:
        shown = f"{', '.join(names[:-1])} and {names[-1]}"
    return f"the import of {shown} (import batch {batch_id})"


def _files(count: int) -> str:
    return "file" if count == 1 else f"{count} files"


def _them(count: int) -> str:
    return "it" if count == 1 else "them"


def _source(kind: str) -> str:
    return kind.replace("-", "_")


def _batch(
    session: Session, batch_id: int | None, kind: str, paths: Sequence[Path], ctx: Context
) -> ImportBatch:
    if batch_id is not None:
        found = session.get(ImportBatch, batch_id)
        assert found is not None
        return found
    batch = ImportBatch(
        kind=kind,
        source_name=", ".join(p.name for p in paths)[:1000],
        source_hash=_digest(paths),
        started_at=ctx.clock.now(),
        state="running",
        counts={},
    )
    session.add(batch)
    session.flush()
    return batch


def _digest(paths: Sequence[Path]) -> str:
    """The SHA-256 of the files read, a folder's files included (in name order)."""
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                with file.open("rb") as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
            except OSError as exc:
                why = exc.strerror or str(exc)
                raise FormatError(str(file), f"cannot read the file: {why}") from exc
    return digest.hexdigest()


def _apply(applier: Applier, records: Iterator[Record], path: Path, options: ImportOptions) -> int:
    """Feed a file's records to the applier; a bad file raises, a bad row may be skipped.
    Returns how many of its conversations name one of the user's addresses."""
    conversations = mine = 0
    try:
        for n, record in enumerate(records, 1):
            if options.progress is not None and n % 500 == 0:
                options.progress(path.name, n)
            try:
                check_record_lengths(record)
                if isinstance(record, PersonRecord):
                    if record.notes:  # a CSV's cell, a card's note: kept with \n line ends
                        record.notes = one_line_ending(record.notes)
                    applier.photos += bool(getattr(record, "photo", False))
                    applier.person(record)
                elif isinstance(record, InteractionRecord):
                    if record.summary:
                        record.summary = one_line_ending(record.summary)
                    record.participants = [p for p in record.participants if not _is_me(p, options)]
                    conversations += 1
                    mine += record.names_me is not False
                    applier.interaction(record)
            except InvalidInput as exc:
                if isinstance(exc, FormatError):
                    raise
                file = getattr(record, "file", None)  # the file of a folder it came from
                # a mailbox is not kept by hand: one odd message (spam with a name of 400
                # characters) is passed over and listed, as bulk mail and bad dates are
                if not options.skip_bad_rows and applier.source != "mbox":
                    raise FormatError(
                        file or str(path), str(exc), record.line, web=exc.web
                    ) from exc
                applier.error(record.line, str(exc), exc.web, file=file)
                applier.counts.skipped += 1
    except FormatError:
        raise
    except (OSError, UnicodeError, ValueError) as exc:
        raise FormatError(str(path), f"cannot be read: {exc}") from exc
    name = applier.source == "linkedin"  # LinkedIn's --me is a name (or a profile URL)
    if options.me_on_record or (name and not options.me):
        return mine  # judged by what was given only (not by an export's own Profile.csv)
    if conversations >= MAIL_TO_JUDGE_ME and not mine:
        # the file is one transaction: refusing it leaves nothing of it behind
        addresses = ", ".join(options.me)
        text, web = both(
            lambda web: none_of_the_mail_mine(conversations, addresses, web, name=name)
        )
        raise FormatError(str(path), text, web=web)
    if conversations and not mine:
        # too little mail to refuse it for that (a thread passed on to the user), but say so
        addresses, batch = ", ".join(options.me), applier.batch.id
        applier.error(
            None,
            *both(
                lambda web: little_of_the_mail_mine(conversations, addresses, batch, web, name=name)
            ),
            file=str(path),
        )
    return mine


def _is_me(ref: Any, options: ImportOptions) -> bool:
    return bool(ref.email) and ref.email.lower() in {m.lower() for m in options.me}


def _finish(ctx: Context, session: Session, applier: Applier) -> None:
    """Bring the aggregates and the search index up to date for everyone the file touched."""
    applier.flush()
    touched = sorted(applier.touched)
    session.flush()
    stats.rebuild(session, touched, ctx.settings.circles)
    search.index_people(session, touched)


def _add(total: Counts, part: Counts) -> None:
    total.created += part.created
    total.updated += part.updated
    total.merged += part.merged
    total.skipped += part.skipped
    for problem in part.errors:
        total.add_problem(problem)
    total.unlisted += part.unlisted


def _summary(batch_id: int | None, counts: Counts) -> dict[str, Any]:
    return {
        "batch": batch_id,
        "created": counts.created,
        "updated": counts.updated,
        "merged": counts.merged,
        "skipped": counts.skipped,
        "errors": counts.errors + _unlisted(counts),
    }


def _unlisted(counts: Counts) -> list[dict[str, Any]]:
    """The line that says how many problems were past those listed (none: no line)."""
    if not counts.unlisted:
        return []
    last = counts.errors[-1]["file"] if counts.errors else ""
    return [{"file": last, "line": None,
             "error": f"… and {counts.unlisted} more problems, not listed"}]  # fmt: skip


def _stored(summary: dict[str, Any], unlisted: int) -> dict[str, Any]:
    """What a batch keeps of its summary: its first ``STORED_ERRORS`` problems, and how
    many there were (``unlisted`` of them counted only, in one line of the summary's)."""
    errors = summary["errors"]
    count = len(errors) - (1 if unlisted else 0) + unlisted
    return {**summary, "errors": errors[:STORED_ERRORS], "error_count": count}
