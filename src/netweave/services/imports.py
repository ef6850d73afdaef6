"""Imports: one batch per run, one transaction per file, and an exact undo."""

from __future__ import annotations

import dataclasses
import datetime as dt
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
    PersonRecord,
    Record,
    SchoolRecord,
    one_line_ending,
)
from netweave.logic.normalize import normalize_email
from netweave.logic.vocab import IMPORT_KINDS
from netweave.services.collector import fewer_collections
from netweave.services.context import Context
from netweave.services.import_apply import Applier, Counts, shown_file
from netweave.services.import_files import check_path, digest, each_file
from netweave.services.import_limits import check_record_lengths
from netweave.services.import_notes import file_notes, photos_not_kept
from netweave.services.import_order import oldest_first, read_as_given, with_exports
from netweave.services.import_readers import Reader, reader_of
from netweave.services.import_summary import (
    add_counts,
    in_line_order,
    restate,
    saved_so_far,
    stored,
    summary_of,
    under_way,
)
from netweave.services.import_words import (
    both,
    in_words,
    little_of_the_mail_mine,
    no_address_of_mine,
    none_of_the_mail_mine,
    partly_imported,
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
    options = _with_mine_on_record(ctx, kind, options, given)
    for path in paths:
        check_path(path)
    unreadable: list[FormatError] = []
    given_paths = list(paths)
    paths = each_file(kind, paths, options.skip_bad_rows, unreadable)
    alike: list[list[Path]] = []  # exports not told apart by age: read in the order given
    if kind == "linkedin":  # as if imported one by one, the oldest export first
        paths, alike = oldest_first(paths, ctx.clock.today())
    reader = reader_of(kind, options, ctx.clock.today(), ctx.clock.now(), paths)
    run = _Run(ctx, kind, options, given, list(paths), reader)
    if kind == "linkedin" and len(run.paths) > 1:  # a request the newer export's
        # connections hold was accepted: judged against all the exports read
        from netweave.io.linkedin import connected_profiles

        run.connected = frozenset().union(*(connected_profiles(p) for p in run.paths))
    run.passed_over = [
        {"file": shown_file(e.file, options.kept_in), "line": None, "error": f"{e.reason}: skipped"}
        for e in unreadable
    ]
    for number, path in enumerate(run.paths):
        try:
            _import_file(run, number, path)
        except InvalidInput as exc:
            _file_failed(run, number, path, exc)
    return _closed(run, given_paths, alike)


def _with_mine_on_record(
    ctx: Context, kind: str, options: ImportOptions, given: list[str]
) -> ImportOptions:
    """The options with what is known here of the user added to what was given as ``--me``."""
    if kind in ADDRESS_KINDS:  # and those on the user's own record, which are theirs too:
        # which events they declined, which mail they sent
        typed = {address.lower() for address in given}
        on_record = [a for a in my_addresses(ctx) if a.lower() not in typed]
        options = dataclasses.replace(options, me=[*given, *on_record])
    if kind == "linkedin" and not options.me and (known := my_linkedin(ctx)):
        # the user known already (an export's Profile.csv, `people edit --me`): their
        # messages are told from the others' without --me
        options = dataclasses.replace(options, me=[known], me_on_record=True)
    return options


@dataclass
class _Run:
    """One import under way: its files, and what those imported so far brought in."""

    ctx: Context
    kind: str
    options: ImportOptions
    #: The addresses typed as ``--me``: kept on the user's record once the mail bears them out.
    given: list[str]
    paths: list[Path]
    reader: Reader
    total: Counts = field(default_factory=Counts)
    batch_id: int | None = None
    #: People whose photo was not kept, in all the files.
    photos: int = 0
    #: The files (or a folder's unreadable entries) passed over, as problems.
    passed_over: list[dict[str, Any]] = field(default_factory=list)
    #: The profiles among the connections of all the LinkedIn exports read (of several).
    connected: frozenset[str] = frozenset()


def _import_file(run: _Run, number: int, path: Path) -> None:
    """Import file ``number`` in one transaction, and write the batch's summary so far."""
    ctx, kind, options, paths = run.ctx, run.kind, run.options, run.paths
    with ctx.db.transaction() as session:
        name_change(session, under_way(paths, number))
        batch = _batch(session, run.batch_id, kind, paths, ctx)
        applier = Applier(ctx, session, batch, _source(kind), file=str(path),
                          create_people=options.create_people, me=options.me,
                          kept_in=options.kept_in)  # fmt: skip
        applier.connected = run.connected
        with fewer_collections():
            mine = _apply(applier, run.reader(path, applier), path, options)
        if kind in ADDRESS_KINDS and run.given and mine:  # the mail bore them out (a
            # calendar's events do not say whom they name: one read is enough)
            applier.remember_mine(run.given)
        file_notes(applier, kind, options, first=number == 0)
        in_line_order(applier.counts.errors)
        _finish(ctx, session, applier)
        add_counts(run.total, applier.counts)
        run.photos += applier.photos
        summary = stored(summary_of(batch.id, run.total), run.total.unlisted)
        batch.counts = with_exports(summary, batch.counts, applier.exports.file())
        batch.state, batch.finished_at = "done", ctx.clock.now()
        run.batch_id = batch.id
        left = under_way(paths, number + 1) if number + 1 < len(paths) else None
        name_change(session, saved_so_far(paths[: number + 1], run.batch_id), left=left)


def _file_failed(run: _Run, number: int, path: Path, exc: InvalidInput) -> None:
    """A file that could not be imported: passed over among others with
    ``--skip-bad-rows``, else the end of the import (the files before it kept)."""
    options, paths, batch_id, total = run.options, run.paths, run.batch_id, run.total
    if options.skip_bad_rows and len(paths) > 1:  # a bad file among others
        line = exc.line if isinstance(exc, FormatError) else None
        reason = exc.reason if isinstance(exc, FormatError) else str(exc)
        run.passed_over.append({"file": shown_file(str(path), options.kept_in), "line": line,
                                "error": f"{reason} — the file was passed over"})  # fmt: skip
        return
    if batch_id is None and number < len(paths) - 1:
        raise InvalidInput(f"{exc} — nothing was imported, nor from the files after it") from exc
    if batch_id is None:
        raise exc
    after = ", nor from the files after it" if number < len(paths) - 1 else ""
    kept = [partly_imported(batch_id, _files(number), total.created, _them(number), web)
            for web in (False, True)]  # fmt: skip
    message = f"{exc} — nothing from that file was imported{after}; {kept[0]}"
    web = f"{exc.said(web=True)} — nothing from that file was imported{after}; {kept[1]}"
    line = exc.line if isinstance(exc, FormatError) else None
    shown = shown_file(str(path), options.kept_in)
    total.errors.append({"file": shown, "line": line, "error": message, "web": web})
    # what the earlier files brought in stays; the problems end with the failure
    restate(run.ctx, batch_id, total, state="partial")
    summary = _in_words(summary_of(batch_id, total), options)
    raise PartialImport(message, summary, web=web) from exc


def _closed(run: _Run, given_paths: Sequence[Path], alike: list[list[Path]]) -> dict[str, Any]:
    """The batch's summary once every file is read, with what is said once for the batch."""
    batch_id, total, options, passed_over = run.batch_id, run.total, run.options, run.passed_over
    if passed_over:
        if batch_id is None:
            first = passed_over[0]
            where = f"{first['file']}:{first['line']}" if first["line"] else first["file"]
            raise InvalidInput(f"no file could be imported: {where}: {first['error']}")
        total.errors.extend(passed_over)
    if run.photos and batch_id is not None:  # said once for the batch, not file by file
        shown = ", ".join(shown_file(str(p), options.kept_in) for p in given_paths)
        total.errors.append({"file": shown, "line": None, "error": photos_not_kept(run.photos)})
    for group in alike if batch_id is not None else []:  # said once, with the files' names
        names = ", ".join(shown_file(str(p), options.kept_in) for p in group)
        total.errors.append({"file": names, "line": None, "error": read_as_given(len(group))})
    if (passed_over or run.photos or alike) and batch_id is not None:
        restate(run.ctx, batch_id, total)
    return _in_words(summary_of(batch_id, total), options) | {
        "people": _people_made(run.ctx, batch_id),
        "error_count": len(total.errors) + total.unlisted,  # those past the list too
    }


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
        source_hash=digest(paths),
        started_at=ctx.clock.now(),
        state="running",
        counts={},
    )
    session.add(batch)
    session.flush()
    return batch


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
                    _apply_person(applier, record)
                elif isinstance(record, SchoolRecord):
                    applier.schools.add(record)
                elif isinstance(record, InteractionRecord):
                    _tidy_conversation(record, options)
                    conversations += 1
                    mine += record.names_me is not False
                    applier.interaction(record)
            except InvalidInput as exc:
                _bad_record(applier, record, path, options, exc)
    except FormatError:
        raise
    except (OSError, UnicodeError, ValueError) as exc:
        raise FormatError(str(path), f"cannot be read: {exc}") from exc
    _judge_me(applier, path, options, conversations, mine)
    return mine


def _apply_person(applier: Applier, record: PersonRecord) -> None:
    """Apply a person's record, its notes with one kind of line end."""
    if record.notes:  # a CSV's cell, a card's note: kept with \n line ends
        record.notes = one_line_ending(record.notes)
    applier.photos += bool(getattr(record, "photo", False))
    applier.person(record)


def _tidy_conversation(record: InteractionRecord, options: ImportOptions) -> None:
    """A conversation's summary with one kind of line end, and the user not among the
    people in it."""
    if record.summary:
        record.summary = one_line_ending(record.summary)
    record.participants = [p for p in record.participants if not _is_me(p, options)]


def _bad_record(
    applier: Applier, record: Record, path: Path, options: ImportOptions, exc: InvalidInput
) -> None:
    """A record that could not be applied: the file fails, unless bad rows are skipped (or
    the file is a mailbox), when it is passed over and listed."""
    if isinstance(exc, FormatError):
        raise exc
    file = getattr(record, "file", None)  # the file of a folder it came from
    # a mailbox is not kept by hand: one odd message (spam with a name of 400
    # characters) is passed over and listed, as bulk mail and bad dates are
    if not options.skip_bad_rows and applier.source != "mbox":
        raise FormatError(file or str(path), str(exc), record.line, web=exc.web) from exc
    applier.error(record.line, str(exc), exc.web, file=file)
    applier.counts.skipped += 1


def _judge_me(
    applier: Applier, path: Path, options: ImportOptions, conversations: int, mine: int
) -> None:
    """Refuse a file of many conversations none of which names the user (``--me`` is likely
    wrong), and say so of a file of a few."""
    name = applier.source == "linkedin"  # LinkedIn's --me is a name (or a profile URL)
    if options.me_on_record or (name and not options.me):
        return  # judged by what was given only (not by an export's own Profile.csv)
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


def _is_me(ref: Any, options: ImportOptions) -> bool:
    return bool(ref.email) and ref.email.lower() in {m.lower() for m in options.me}


def _finish(ctx: Context, session: Session, applier: Applier) -> None:
    """Bring the aggregates and the search index up to date for everyone the file touched."""
    applier.flush()
    schooled = applier.schools.write()  # to the user's own record, written by now
    touched = sorted(applier.touched)
    session.flush()
    stats.rebuild(session, touched, ctx.settings.circles)
    if schooled:  # the user's schools: what everyone shares with them
        stats.refresh_shared(session, None)
    search.index_people(session, touched)
