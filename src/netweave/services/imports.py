"""Imports: one batch per run, one transaction per file, and an exact undo."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Select, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from netweave.clock import local_stamp
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.io.records import (
    FormatError,
    InteractionRecord,
    NotHeld,
    PersonRecord,
    Record,
    folder_files,
)
from netweave.logic.vocab import IMPORT_KINDS
from netweave.logic.wording import count
from netweave.services.collector import fewer_collections
from netweave.services.context import Context
from netweave.services.conversations import redate_copies
from netweave.services.import_apply import Applier, Counts, shown_file
from netweave.services.import_kept import keep_the_added_to
from netweave.services.import_limits import check_record_lengths
from netweave.services.import_reschedule import FILLED
from netweave.services.merge import merged_pair
from netweave.store import search, stats
from netweave.store.models import (
    Base,
    ContactPoint,
    ImportBatch,
    ImportChange,
    Interaction,
    InteractionParticipant,
    Person,
    PersonSource,
    Position,
    Tag,
    Task,
    UtcDateTime,
    event_attendee,
    person_tag,
)

#: The importers (``netweave import KIND``).
KINDS = IMPORT_KINDS
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


#: Reads one path, telling the applier what it passed over (``skip``) or warns of (``warn``).
Reader = Callable[[Path, Applier], Iterator[Record]]


def _reader(kind: str, options: ImportOptions, today: dt.date) -> Reader:
    """The reader of one kind of file (imported only when used); it reports skipped items
    and warnings to the applier of the file."""
    if kind == "linkedin":
        from netweave.io.linkedin import read_linkedin

        me = options.me[0] if options.me else None
        return _skipping(
            options,
            lambda path, errors, skip: read_linkedin(path, me=me, errors=errors, on_skip=skip),
        )
    if kind == "vcard":
        from netweave.io.vcard import read_vcards

        return _skipping(
            options, lambda path, errors, skip: read_vcards(path, errors=errors, on_skip=skip)
        )
    if kind == "google-csv":
        from netweave.io.google_csv import read_google_csv

        return _skipping(
            options, lambda path, errors, skip: read_google_csv(path, errors, on_skip=skip)
        )
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
                                warnings=warnings, not_held=not_held, older=older,
                                errors=broken)  # fmt: skip
            for problem in broken or ():  # a broken event, passed over
                applier.skip(problem)
            for warning in warnings:  # a time read with a guess: kept, and said
                applier.warn(warning)
            for file, oldest in older.items() if options.since is None else ():
                applier.warn(FormatError(file, f"events before {start} were not read (the "
                             f"calendar goes back to {oldest}): import with --since {oldest} "
                             "to read them too"))  # fmt: skip
            for item in not_held:  # cancelled since an earlier import brought it in?
                applier.withdrawn(item)

        return meetings
    if kind == "mbox":
        from netweave.io.mbox import read_mbox

        if not options.me:
            raise InvalidInput(
                "importing mail needs your own address: --me ADDRESS (repeatable), or an email "
                "on your own record (`netweave people edit YOU --email ADDRESS`)"
            )
        return lambda path, applier: read_mbox(
            path,
            me=options.me,
            keep_bodies=options.keep_bodies,
            include_bulk=options.include_bulk,
            on_skip=applier.skip,
        )
    raise InvalidInput(f"unknown import kind {kind!r}; choose one of: {', '.join(KINDS)}")


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
        broken: list[FormatError] | None = [] if options.skip_bad_rows else None
        yield from read(path, broken, applier.skip)
        for problem in broken or []:
            applier.skip(problem)

    return records


class PartialImport(InvalidInput):
    """A file after the first of a batch failed: the files before it stay imported, as the
    batch's ``summary`` (its ``errors`` end with the failure) says."""

    def __init__(self, message: str, summary: dict[str, Any]) -> None:
        super().__init__(message)
        self.summary = summary


#: Listed with a calendar's import when no address of the user's is known.
NO_ADDRESS_OF_MINE = (
    "no address of yours is known, so meetings you declined are imported too: undo this "
    "import and import with --me ADDRESS (or add your email to your own record first)"
)


def run_import(
    ctx: Context, kind: str, paths: Sequence[Path], options: ImportOptions
) -> dict[str, Any]:
    """Import files of one kind as one batch; each file is all-or-nothing."""
    given = list(options.me)  # the addresses typed: kept on the user's record for next time
    if kind in ("ics", "mbox") and not options.me:  # the addresses on the user's own record:
        # which events they declined, which mail they sent
        options = dataclasses.replace(options, me=my_addresses(ctx))
    reader = _reader(kind, options, ctx.clock.today())
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InvalidInput(f"no such file: {missing[0]}")
    paths = _each_file(kind, paths, options)
    total = Counts()
    batch_id: int | None = None
    passed_over: list[dict[str, Any]] = []
    for number, path in enumerate(paths):
        try:
            with ctx.db.transaction() as session:
                batch = _batch(session, batch_id, kind, paths, ctx)
                applier = Applier(ctx, session, batch, _source(kind), file=str(path),
                                  create_people=options.create_people, me=options.me,
                                  kept_in=options.kept_in)  # fmt: skip
                with fewer_collections():
                    mine = _apply(applier, reader(path, applier), path, options)
                if kind == "mbox" and given and mine:  # the mail bore them out
                    applier.remember_mine(given)
                if kind == "ics":
                    _calendar_notes(applier, options, first=number == 0)
                _in_line_order(applier.counts.errors)
                _finish(ctx, session, applier)
                _add(total, applier.counts)
                batch.counts = _stored(_summary(batch.id, total))
                batch.state, batch.finished_at = "done", ctx.clock.now()
                batch_id = batch.id
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
            message = (
                f"{exc} — nothing from that file was imported"
                + (", nor from the files after it" if number < len(paths) - 1 else "")
                + f"; batch {batch_id} keeps the {_files(number)} before it ({total.created} "
                f"created): `netweave import undo {batch_id}` takes {_them(number)} out"
            )
            line = exc.line if isinstance(exc, FormatError) else None
            shown = shown_file(str(path), options.kept_in)
            total.errors.append({"file": shown, "line": line, "error": message})
            # what the earlier files brought in stays; the problems end with the failure
            _restate(ctx, batch_id, _summary(batch_id, total), state="partial")
            raise PartialImport(message, _summary(batch_id, total)) from exc
    if passed_over:
        if batch_id is None:
            first = passed_over[0]
            where = f"{first['file']}:{first['line']}" if first["line"] else first["file"]
            raise InvalidInput(f"no file could be imported: {where}: {first['error']}")
        total.errors.extend(passed_over)
        _restate(ctx, batch_id, _summary(batch_id, total))
    return _summary(batch_id, total)


#: Kinds whose folders hold files that stand alone (address books, calendars), and the
#: endings of those files.
_FILE_BY_FILE = {"vcard": (".vcf",), "google-csv": (".csv",), "ics": (".ics",)}


def _each_file(kind: str, paths: Sequence[Path], options: ImportOptions) -> list[Path]:
    """The files to import one by one: with ``skip_bad_rows``, a folder of address books or
    calendars is read file by file, so that a bad one is passed over (and listed) rather
    than failing the rest."""
    suffixes = _FILE_BY_FILE.get(kind)
    if not options.skip_bad_rows or suffixes is None:
        return list(paths)
    return [f for p in paths for f in (folder_files(p, suffixes) if p.is_dir() else [p])]


def _restate(
    ctx: Context, batch_id: int, summary: dict[str, Any], state: str | None = None
) -> None:
    """Write a batch's summary again (files passed over, or failed, after its last file
    went in), and its ``state`` when given."""
    with ctx.db.transaction() as session:
        batch = session.get(ImportBatch, batch_id)
        assert batch is not None
        batch.counts = _stored(summary)
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
        meetings = count(applier.strangers, "meeting")
        applier.error(
            None,
            f"{meetings} skipped: no one in them is known yet (import your contacts first, or "
            "import the calendar with --create-people: on the web, “Add the people met in "
            "meetings”)",
        )
    if applier.alone:
        them = "it" if applier.alone == 1 else "them"
        applier.error(None, f"{count(applier.alone, 'event')} with no one else in {them} skipped")
    if first and not options.me and applier.counts.created:
        applier.error(None, NO_ADDRESS_OF_MINE)


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
                    applier.person(record)
                elif isinstance(record, InteractionRecord):
                    record.participants = [p for p in record.participants if not _is_me(p, options)]
                    conversations += 1
                    mine += record.names_me is not False
                    applier.interaction(record)
            except InvalidInput as exc:
                if isinstance(exc, FormatError):
                    raise
                file = getattr(record, "file", None)  # the file of a folder it came from
                if not options.skip_bad_rows:
                    raise FormatError(file or str(path), str(exc), record.line) from exc
                applier.error(record.line, str(exc), file=file)
                applier.counts.skipped += 1
    except FormatError:
        raise
    except (OSError, UnicodeError, ValueError) as exc:
        raise FormatError(str(path), f"cannot be read: {exc}") from exc
    if conversations >= MAIL_TO_JUDGE_ME and not mine:
        # the file is one transaction: refusing it leaves nothing of it behind
        addresses = ", ".join(options.me)
        raise FormatError(
            str(path),
            f"none of the {conversations} messages is from or to {addresses} (--me): "
            "nothing imported; give your own address(es) in this mail as --me",
        )
    if conversations and not mine:
        # too little mail to refuse it for that (a thread passed on to the user), but say so
        applier.error(
            None,
            f"none of the {count(conversations, 'message')} is from or to "
            f"{', '.join(options.me)} (--me): if that is not your address, undo this import "
            f"(netweave import undo {applier.batch.id}) and give yours",
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
    total.errors.extend(part.errors)


def _summary(batch_id: int | None, counts: Counts) -> dict[str, Any]:
    return {
        "batch": batch_id,
        "created": counts.created,
        "updated": counts.updated,
        "merged": counts.merged,
        "skipped": counts.skipped,
        "errors": counts.errors,
    }


def _stored(summary: dict[str, Any]) -> dict[str, Any]:
    """What a batch keeps of its summary: its first ``STORED_ERRORS`` problems, and how
    many there were."""
    errors = summary["errors"]
    return {**summary, "errors": errors[:STORED_ERRORS], "error_count": len(errors)}


def list_batches(ctx: Context) -> list[dict[str, Any]]:
    """Every import, newest first, with the problems each one listed (the first
    ``STORED_ERRORS`` of them; ``error_count`` says how many there were)."""
    with ctx.db.reading() as session:
        batches = session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc()))
        return [_listed(b) for b in batches]


def _listed(batch: ImportBatch) -> dict[str, Any]:
    counts = batch.counts or {}
    errors = counts.get("errors") or []  # a merge's batch lists none
    return {
        "batch": batch.id,
        "kind": batch.kind,
        "source": batch.source_name,
        "started": local_stamp(batch.started_at),
        "state": batch.state,
        **{k: counts.get(k, 0) for k in ("created", "updated", "merged", "skipped")},
        "errors": errors,
        "error_count": counts.get("error_count", len(errors)),
    }


#: Association tables (no id): the logged row id is the person, ``before`` holds the other key.
_LINKS = {"person_tag": person_tag, "event_attendee": event_attendee}


def undo_batch(ctx: Context, batch_id: int) -> dict[str, Any]:
    """Remove exactly what an import created and restore what it changed."""
    with ctx.db.transaction() as session:
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise NotFound(f"no import batch {batch_id}")
        if batch.state == "undone":
            raise Conflict(f"import batch {batch_id} was already undone")
        later = _built_on(session, batch)
        if later:
            names = ", ".join(str(b) for b in later)
            what = (f"merge {batch_id} cannot be undone while later batches build on the person "
                    "it kept" if batch.kind == "merge" else f"import batch {batch_id} cannot be "
                    "undone while later batches build on the people it brought in")  # fmt: skip
            raise Conflict(
                f"{what} ({names}): undo {'that' if len(later) == 1 else 'those'} first, "
                "newest first"
            )
        pair = merged_pair(batch.source_name) if batch.kind == "merge" else None
        if pair is not None and session.get(Person, pair[0]) is None:
            raise Conflict(
                f"merge {batch_id} cannot be undone: the person it kept (#{pair[0]}) has been "
                f"forgotten since, and with them what the merge moved from #{pair[1]}"
            )
        _refuse_if_logged_with(session, batch_id)
        kept = keep_the_added_to(session, batch_id)
        changes = session.scalars(
            select(ImportChange)
            .where(ImportChange.batch_id == batch_id)
            .order_by(ImportChange.id.desc())
        ).all()
        affected = _affected_people(session, changes, batch_id)
        removed = sum(_revert(session, change, pair) for change in changes)
        swept = _sweep(session, batch_id)
        batch.state = "undone"
        remaining: list[int] = []
        for chunk in _chunks(affected):
            remaining += session.scalars(select(Person.id).where(Person.id.in_(chunk)))
        stats.rebuild(session, remaining, ctx.settings.circles)
        search.remove_people(session, affected)
        search.index_people(session, remaining)
        return {"batch": batch_id, "reverted": len(changes) + swept, "removed": removed + swept,
                "kept": kept}  # fmt: skip


def _refuse_if_logged_with(session: Session, batch_id: int) -> None:
    """An undo would take away people the user has since talked with (conversations they
    logged themselves): refuse, naming those conversations, instead of emptying them."""
    rows = session.execute(
        select(Person.display_name, Interaction.id)
        .join(InteractionParticipant, InteractionParticipant.person_id == Person.id)
        .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
        .where(Person.import_batch_id == batch_id, Interaction.import_batch_id.is_(None))
        .order_by(Interaction.id)
        .limit(6)
    ).all()
    if rows:
        shown = ", ".join(f"conversation {i} with {name}" for name, i in rows[:5])
        more = " and more" if len(rows) > 5 else ""
        raise Conflict(
            f"import batch {batch_id} cannot be undone: you logged conversations with people "
            f"it brought in ({shown}{more}); delete those first (`netweave conversations "
            "delete`) or keep the import"
        )


#: Rows of a person that a batch logs one by one as it creates them.
_OWNED = (("contact_point", ContactPoint), ("position", Position), ("task", Task))


def _built_on(session: Session, batch: ImportBatch) -> list[int]:
    """Later batches (imports and merges, not undone) that touch people this batch created:
    their conversations, new contact points, positions or tasks, their changes or merges.
    Undoing this batch first would leave those rows without their person. For a merge,
    those that changed or merged away the person it kept: its undo would put back what
    that person was before, or move rows back to someone no longer there."""
    batch_id = batch.id
    mine = select(Person.id).where(Person.import_batch_id == batch_id)
    live = select(ImportBatch.id).where(ImportBatch.id > batch_id, ImportBatch.state != "undone")
    change = ImportChange.__table__.c
    found: set[int] = set()
    found.update(
        session.scalars(
            select(ImportBatch.id)
            .join(Interaction, Interaction.import_batch_id == ImportBatch.id)
            .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
            .where(
                ImportBatch.id.in_(live),
                InteractionParticipant.person_id.in_(mine),
            )
        )
    )
    changed = select(change.batch_id).where(change.batch_id.in_(live))
    # (their changes to the people it created, or to those people's rows: `_also_carried`)
    # conversations later imports matched to someone by an address this batch gave them
    addressed = select(ContactPoint.person_id).where(ContactPoint.import_batch_id == batch_id)
    found.update(
        session.scalars(
            select(ImportBatch.id)
            .join(Interaction, Interaction.import_batch_id == ImportBatch.id)
            .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
            .where(ImportBatch.id.in_(live), InteractionParticipant.person_id.in_(addressed))
            .distinct()
        )
    )
    found.update(  # meetings it brought in that a later calendar import moved or renamed
        session.scalars(
            changed.join(Interaction, Interaction.id == change.row_id).where(
                change.table_name == "interaction", Interaction.import_batch_id == batch_id
            )
        )
    )
    # people merged away, and meetings taken out by a later calendar import
    merged_away = session.execute(
        select(change.batch_id, change.before).where(
            change.batch_id.in_(live),
            change.table_name.in_(("person", "interaction")),
            change.action == "deleted",
        )
    )
    found.update(
        b for b, before in merged_away if (before or {}).get("import_batch_id") == batch_id
    )
    pair = merged_pair(batch.source_name) if batch.kind == "merge" else None
    if pair is not None:
        kept = change.table_name == "person", change.row_id == pair[0]
        found.update(session.scalars(changed.where(*kept)))
    found.update(_also_carried(session, batch_id, live))
    return sorted(found)


def _also_carried(session: Session, batch_id: int, live: Select[Any]) -> set[int]:
    """Later imports whose files also hold people this batch brought in or added to (each
    such import keeps a source row for the person, or changed them). What both carried was
    logged by this batch alone: undone first, it would take from a live import the people
    and values its file has too."""
    change = ImportChange.__table__.c
    people = or_(
        Person.import_batch_id == batch_id,
        Person.id.in_(
            select(change.row_id).where(
                change.batch_id == batch_id, change.table_name.in_(("person", *_LINKS))
            )
        ),
        Person.id.in_(
            select(ContactPoint.person_id).where(ContactPoint.import_batch_id == batch_id)
        ),
        Person.id.in_(select(Position.person_id).where(Position.import_batch_id == batch_id)),
    )
    found: set[int] = set()
    for carried in session.scalars(
        select(PersonSource.import_batch_id)
        .join(Person, Person.id == PersonSource.person_id)
        .where(PersonSource.import_batch_id.in_(live), people)
        .distinct()
    ):
        found.add(int(carried or 0))
    # and those that changed these people or their rows (through a source of an earlier
    # import too: a later address book that read a new job as the same one, and added a phone)
    ids = select(Person.id).where(people)
    changed = select(change.batch_id).where(change.batch_id.in_(live))
    found.update(
        session.scalars(
            changed.where(change.table_name.in_(("person", *_LINKS)), change.row_id.in_(ids))
        )
    )
    for name, model in _OWNED:
        found.update(
            session.scalars(
                changed.join(model, model.id == change.row_id).where(
                    change.table_name == name, model.person_id.in_(ids)
                )
            )
        )
    return found


#: Tables whose rows a batch creates in bulk: found by ``import_batch_id``, not logged one by
#: one (a person's contact points, positions, sources, tags and aggregates go with them).
_SWEPT = ("interaction", "person")


def _sweep(session: Session, batch_id: int) -> int:
    """Remove the rows the batch created in bulk, then its organizations no one works at."""
    removed = 0
    for name in _SWEPT:
        table = Base.metadata.tables[name]
        done = session.execute(delete(table).where(table.c.import_batch_id == batch_id))
        removed += int(done.rowcount or 0)  # type: ignore[attr-defined]
    orgs = Base.metadata.tables["organization"]
    done = session.execute(
        delete(orgs).where(orgs.c.import_batch_id == batch_id, ~_org_in_use(orgs.c.id))
    )
    removed += int(done.rowcount or 0)  # type: ignore[attr-defined]
    return removed + _sweep_tags(session, batch_id)


def _sweep_tags(session: Session, batch_id: int) -> int:
    """Remove the tags the batch created (logged as it made them) that no one carries now
    and that the user has not given a cadence since; a tag someone else took up stays."""
    change = ImportChange.__table__.c
    created = select(change.row_id).where(
        change.batch_id == batch_id, change.table_name == "tag", change.action == "created"
    )
    carried = select(person_tag.c.tag_id).where(person_tag.c.tag_id == Tag.id).exists()
    done = session.execute(
        delete(Tag).where(Tag.id.in_(created), Tag.cadence_days.is_(None), ~carried)
    )
    return int(done.rowcount or 0)  # type: ignore[attr-defined]


def _org_in_use(org_id: Any) -> Any:
    """Whether anything points at the organization ``org_id``: someone's position, or one
    of the user's targets or leads (an undo never takes those away with it)."""
    uses = [
        select(column).where(column == org_id).exists()
        for table in Base.metadata.tables.values()
        for column in table.columns
        if any(fk.target_fullname == "organization.id" for fk in column.foreign_keys)
    ]
    return or_(*uses)


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _affected_people(session: Session, changes: Sequence[ImportChange], batch_id: int) -> list[int]:
    """Everyone whose aggregates or search row the undo changes (before anything is undone)."""
    people = {c.row_id for c in changes if c.table_name == "person" or c.table_name in _LINKS}
    people.update(session.scalars(select(Person.id).where(Person.import_batch_id == batch_id)))
    people.update(
        session.scalars(
            select(InteractionParticipant.person_id)
            .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
            .where(Interaction.import_batch_id == batch_id)
        )
    )
    people.update(c.before["person_id"] for c in changes if c.before and "person_id" in c.before)
    interactions = [c.row_id for c in changes if c.table_name == "interaction"]
    if interactions:
        people.update(
            session.scalars(
                select(InteractionParticipant.person_id).where(
                    InteractionParticipant.interaction_id.in_(interactions)
                )
            )
        )
    for table, model in (("contact_point", ContactPoint), ("position", Position)):
        ids = [c.row_id for c in changes if c.table_name == table]
        if ids:
            people.update(session.scalars(select(model.person_id).where(model.id.in_(ids))))
    return sorted(people)


def _revert(session: Session, change: ImportChange, merged: tuple[int, int] | None) -> int:
    """Undo one logged change (of a merge of ``merged``, kept and other, or of an import);
    returns 1 when a row was removed.

    A row is found by its logged id and by what the batch made of it: a row an import
    created still carries the import's number, a row a merge moved still belongs to the
    person kept. A row that is not so (deleted since, its id given to another row) is
    left alone."""
    before = change.before or {}
    if not isinstance(before, dict):
        raise InvalidInput(
            f"import batch {change.batch_id}: its undo log is damaged (change {change.id}); "
            "nothing was undone"
        )
    if change.table_name in _LINKS:
        links = _LINKS[change.table_name]
        column = next(iter(before))  # the link's other end; a tag's import may follow
        if change.action == "deleted":
            session.execute(insert(links).values(person_id=change.row_id, **before))
            return 0
        match = (links.c.person_id == change.row_id) & (links.c[column] == before[column])
        return int(session.execute(delete(links).where(match)).rowcount or 0)  # type: ignore[attr-defined]
    if change.table_name == "tag":  # swept once the people carrying it are gone
        return 0
    table = Base.metadata.tables.get(change.table_name)
    if table is None:
        raise InvalidInput(f"cannot undo a change to {change.table_name}")
    if change.action == "deleted":
        values = {k: _restore(table, k, v) for k, v in before.items()}
        if not _orphaned(session, table, values):
            session.execute(insert(table).values(**values))
        return 0
    if change.action == "updated":
        values = {k: _restore(table, k, v) for k, v in before.items() if k != FILLED}
        filled = before.get(FILLED)
        if isinstance(filled, dict):  # leave a value the user has changed since
            now = session.execute(select(table).where(table.c.id == change.row_id)).first()
            current = now._mapping if now is not None else {}
            values = {k: v for k, v in values.items()
                      if k not in filled or _json(current.get(k)) == filled[k]}  # fmt: skip
            if not values:
                return 0
        match = table.c.id == change.row_id
        if merged is not None and set(before) == {"person_id"}:  # a row the merge moved
            match &= table.c.person_id == merged[0]
        session.execute(update(table).where(match).values(**values))
        if table.name == "interaction" and "occurred_at" in values:  # a meeting moved back
            redate_copies(session, change.row_id, values["occurred_at"])
        return 0
    if table.name == "organization" and session.scalar(select(_org_in_use(change.row_id))):
        return 0
    match = table.c.id == change.row_id
    if merged is None and "import_batch_id" in table.c:
        match &= table.c.import_batch_id == change.batch_id
    return int(session.execute(delete(table).where(match)).rowcount or 0)  # type: ignore[attr-defined]


def _json(value: Any) -> Any:
    """A column value as the undo log writes it (dates in ISO form)."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _orphaned(session: Session, table: Any, values: dict[str, Any]) -> bool:
    """Whether a row to put back belongs to something deleted since (a conversation the
    user deleted after a merge): it cannot come back without it. A reference that may be
    empty (the event where someone was met) is emptied instead."""
    for column in table.columns:
        value = values.get(column.name)
        for key in column.foreign_keys if value is not None else ():
            parent = key.column
            if session.scalar(select(parent).where(parent == value)) is None:
                if not column.nullable:
                    return True
                values[column.name] = None
    return False


def _restore(table: Any, key: str, value: Any) -> Any:
    """A logged JSON value back in the column's Python type."""
    if not isinstance(value, str):
        return value
    column_type = table.c[key].type
    if isinstance(column_type, UtcDateTime | DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return dt.date.fromisoformat(value)
    return value
