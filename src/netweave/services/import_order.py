"""Which LinkedIn export gave someone's role, and whether the export being read is older.

Each file of a LinkedIn import keeps its export's age (``logic.export_order``) on its batch
(``counts``, under ``EXPORTS``), with where that file's rows begin: the largest id of the
positions, people's sources and undo-log entries when it began (each file is written in a
transaction of its own, one after the other). A role is so told by the export of the very
file that gave it, not by the latest of its batch's: one import of several exports, older
and newer, compares each with its own. Batches written before keep the latest connection
of their files alone (``LATEST``), which stands for all of them.

A newer export that only says again a role an earlier export gave notes it on its file
(``SAID``: the position, and the batch that gave it): the role is as new as the newest export
that said it, looked up when compared. The role itself is not touched, so saying it is no
change to undo, and the file's note goes with its batch when that is undone.

The exports of one import are read oldest first (``oldest_first``), as if imported one by
one in the order they were made: a newer export's new roles are news, whichever order the
command names them in. Exports that cannot be told apart by age are read in the order
given, and the import says so (``read_as_given``), among its notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netweave.io.records import PersonRecord
from netweave.logic.export_order import ExportAge
from netweave.logic.export_order import oldest_first as in_order
from netweave.store.models import Base, ImportBatch, ImportChange

#: The key of a batch's ``counts`` that holds the age of each of its files' exports.
EXPORTS = "exports"
#: The key that holds the latest connection of all its files (the only one, before).
LATEST = "latest_connection"
#: The key of a file that holds the roles it said again: ``[position, batch that gave it]``.
SAID = "said"
#: The kind of the batches that hold them.
KIND = "linkedin"
#: The tables whose rows are told to the file that wrote them by their ids.
_BOUNDED = ("position", "person_source", "import_change")

#: One file of a batch: where its rows begin (by table), and its export's age.
_File = tuple[dict[str, int], ExportAge]


def with_exports(
    counts: dict[str, Any], before: dict[str, Any] | None, file: dict[str, Any] | None = None
) -> dict[str, Any]:
    """``counts`` (a batch's summary written again) with the exports of its files so far
    (those of ``before``, its counts until now) and ``file`` (the one just read), and the
    latest connection of them all."""
    files = [f for f in (before or {}).get(EXPORTS) or [] if isinstance(f, dict)]
    files += [file] if file is not None else []
    days = [d for d in (_latest_of(before), _age(file).latest if file else None) if d]
    out = {**counts, EXPORTS: files} if files else dict(counts)
    return {**out, LATEST: max(days).isoformat()} if days else out


def oldest_first(paths: Sequence[Path], today: dt.date) -> tuple[list[Path], list[list[Path]]]:
    """The exports of one import in the order they were made, the oldest first (by
    ``ExportAge.key``, whatever the order given; exports that cannot be told apart keep
    the order given), with those that could not be told apart (each group in the order
    given: the import says so, for they may have been named newest first)."""
    if len(paths) < 2:
        return list(paths), []
    from netweave.io.linkedin_age import export_age  # the reader, loaded only when used

    aged = [(path, export_age(path, today)) for path in paths]
    alike: dict[Any, list[Path]] = {}
    for path, age in aged:
        alike.setdefault(age.key(), []).append(path)
    return in_order(aged), [group for group in alike.values() if len(group) > 1]


def read_as_given(exports: int) -> str:
    """What an import says (beside the files' names) of ``exports`` it could not tell
    apart by age."""
    these = "these two exports" if exports == 2 else f"these {exports} exports"
    return (
        f"{these} could not be told apart by age: read in the order given; import them one "
        "by one, oldest first, if that is not their order"
    )


def _latest_of(counts: dict[str, Any] | None) -> dt.date | None:
    value = (counts or {}).get(LATEST)
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _age(file: dict[str, Any]) -> ExportAge:
    return ExportAge.from_json(file.get("age"))


class ExportAges:
    """The age of the export being read, and of each earlier file's, each batch read once."""

    def __init__(self, session: Session) -> None:
        self.session = session
        #: How old the export being read is (as far as known: noted while it is read, else).
        self.age = ExportAge()
        self._bounds: dict[str, int] | None = None
        self._files: dict[int, list[_File]] = {}
        #: The roles the file being read said again: position → the batch that gave it.
        self._said: dict[int, int] = {}
        #: The ages of the exports that said each role again (of imports not undone):
        #: position → ``(the batch that gave it, the age)``, loaded when first needed.
        self._sayers: dict[int, list[tuple[int, ExportAge]]] | None = None

    def any_known(self) -> bool:
        """Whether an earlier LinkedIn import (this one's earlier files too) knows how old
        its exports are: only then is one compared with this export's."""
        kept = self.session.scalars(select(ImportBatch.counts).where(ImportBatch.kind == KIND))
        return any(_latest_of(c) or (c or {}).get(EXPORTS) for c in kept)

    def begin(self, age: ExportAge) -> None:
        """A file begins to be read: how old its export is as far as known before it is
        read, and where the rows it writes will begin."""
        self.age = age
        self._bounds, self._said, self._sayers = {}, {}, None
        for name in _BOUNDED:
            table = Base.metadata.tables[name]
            self._bounds[name] = int(self.session.scalar(select(func.max(table.c.id))) or 0)

    def saw(self, record: object, today: dt.date) -> None:
        """Note the day a record read says its connection was made (up to ``today``)."""
        day = record.first_known if isinstance(record, PersonRecord) else None
        if day is not None and day <= today:
            self.age = self.age.saw(day)

    def file(self) -> dict[str, Any] | None:
        """What the batch keeps of the file read (``None``: not a LinkedIn export's)."""
        if self._bounds is None:
            return None
        file: dict[str, Any] = {"age": self.age.as_json(), "from": self._bounds}
        if self._said:
            file[SAID] = [[position, batch] for position, batch in sorted(self._said.items())]
        return file

    def older_than(self, table: str, row_id: int, batch_id: int | None) -> bool:
        """Whether the export being read is older than the one whose file wrote the row
        ``row_id`` of ``table`` (a position, a person's source) in batch ``batch_id``
        (either not known: not older)."""
        if batch_id is None or not self.age.known():
            return False
        theirs = self._age_of(table, row_id, batch_id)
        return theirs is not None and theirs.known() and self.age.older_than(theirs)

    def role_older(self, position_id: int, batch_id: int | None) -> bool:
        """Whether the export being read is older than a role (the position ``position_id``
        that batch ``batch_id`` gave): than the export that gave it, or than one that said it
        again since (either not known: not older)."""
        if self.older_than("position", position_id, batch_id):
            return True
        return self.age.known() and any(
            age.known() and self.age.older_than(age) for age in self._said_by(position_id, batch_id)
        )

    def said_again(self, position_id: int, batch_id: int | None) -> None:
        """The file being read says again a role (the position ``position_id`` that batch
        ``batch_id`` gave): noted when this export is newer than every one that said it so
        far, so that an export older than this one, read later, takes it for no news."""
        if batch_id is None or position_id in self._said or not self.age.known():
            return
        if self.written_here("position", position_id):
            return  # given by this very file
        theirs = self._age_of("position", position_id, batch_id)
        if theirs is None or not theirs.known() or not theirs.older_than(self.age):
            return
        if all(age.older_than(self.age) for age in self._said_by(position_id, batch_id)):
            self._said[position_id] = batch_id

    def written_here(self, table: str, row_id: int) -> bool:
        """Whether the file being read wrote the row ``row_id`` of ``table``."""
        return self._bounds is not None and row_id > self._bounds.get(table, 0)

    def _age_of(self, table: str, row_id: int, batch_id: int) -> ExportAge | None:
        files = self._files_of(batch_id)
        if len(files) < 2:
            return files[0][1] if files else None
        key, value = table, row_id
        if table == "position":  # made, promoted or worded by a file: its latest entry
            change = self.session.scalar(
                select(func.max(ImportChange.id)).where(
                    ImportChange.batch_id == batch_id,
                    ImportChange.table_name == table,
                    ImportChange.row_id == row_id,
                )
            )
            if change is not None:
                key, value = "import_change", int(change)
        found = files[0][1]
        for bounds, age in files:
            if bounds.get(key, 0) < value:
                found = age
        return found

    def _said_by(self, position_id: int, batch_id: int | None) -> list[ExportAge]:
        """The ages of the exports (of imports not undone) that said the role again."""
        if self._sayers is None:
            self._sayers = {}
            kept = self.session.scalars(
                select(ImportBatch.counts).where(
                    ImportBatch.kind == KIND, ImportBatch.state != "undone"
                )
            )
            for counts in kept:
                for file in (counts or {}).get(EXPORTS) or []:
                    said = file.get(SAID) if isinstance(file, dict) else None
                    for pair in said if isinstance(said, list) else []:
                        if isinstance(pair, list) and len(pair) == 2:
                            position, giver = pair
                            self._sayers.setdefault(position, []).append((giver, _age(file)))
        return [age for giver, age in self._sayers.get(position_id, []) if giver == batch_id]

    def _files_of(self, batch_id: int) -> list[_File]:
        if batch_id not in self._files:
            counts = self.session.scalar(
                select(ImportBatch.counts).where(ImportBatch.id == batch_id)
            )
            files = [
                ({k: v for k, v in (f.get("from") or {}).items() if isinstance(v, int)}, _age(f))
                for f in (counts or {}).get(EXPORTS) or []
                if isinstance(f, dict)
            ]
            if not files and (latest := _latest_of(counts)) is not None:
                files = [({}, ExportAge(latest=latest))]
            self._files[batch_id] = files
        return self._files[batch_id]
