"""A JSON backup read a piece at a time: its outline first (the header, and where each
table's rows are), then one table's rows, a row at a time, so memory stays flat however
large the file is."""

from __future__ import annotations

import codecs
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from netweave.errors import InvalidInput, NotFound

#: How a pg_dump archive (what ``db backup`` writes on PostgreSQL) starts.
PG_DUMP_MAGIC = b"PGDMP"
#: Bytes read at a time (more when one value is longer).
PIECE = 1 << 20
_WHITE = " \t\n\r"
_SPACE = re.compile(f"[{_WHITE}]*")
#: The encodings json.detect_encoding names by a byte order mark, and the mark's length.
_MARKED = {"utf-16": len(codecs.BOM_UTF16), "utf-32": len(codecs.BOM_UTF32)}
#: A parse that ends or fails this close to the end of what was read may only lack the rest.
_NEAR_END = 8


@dataclass(frozen=True)
class Mark:
    """Where a value starts: its byte offset, and the lines and columns before it."""

    offset: int
    line: int
    column: int


@dataclass(frozen=True)
class Table:
    """A table's entry: its "columns" as written, and where its "rows" list starts (None
    when "rows" is not a list)."""

    columns: Any
    rows: Mark | None


@dataclass(frozen=True)
class Outline:
    """The document without its rows: every top-level value but "tables" (None when the
    document is not an object), and each table's entry (None when it is not an object;
    ``tables`` is None when "tables" is not an object)."""

    header: dict[str, Any] | None
    tables: dict[str, Table | None] | None

    def document(self) -> Any:
        """The header with the tables' entries, as a whole document would be read."""
        return None if self.header is None else {**self.header, "tables": self.tables}


class BackupFile:
    """An open backup file: ``outline`` reads it through once (every value checked as
    JSON), ``rows`` then reads one table's rows from where the outline found them."""

    def __init__(self, path: Path, fh: BinaryIO) -> None:
        self.path, self._fh = path, fh
        start = fh.read(4)
        encoding: str = json.detect_encoding(start)
        skip = 0
        if encoding == "utf-8-sig":
            encoding, skip = "utf-8", len(codecs.BOM_UTF8)
        elif encoding in _MARKED:  # the byte order mark says which order, and is skipped
            little = start.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF16_LE))
            encoding, skip = f"{encoding}-{'le' if little else 'be'}", _MARKED[encoding]
        self._encoding, self._start = encoding, Mark(skip, 0, 0)

    def outline(self) -> Outline:
        """Read the whole file once: the header, and where each table's rows are."""
        with self._errors():
            text = self._text(self._start)
            if text.peek() != "{":
                text.value()
                text.end()
                return Outline(None, None)
            header: dict[str, Any] = {}
            tables: dict[str, Table | None] | None = None
            for key in text.members():
                if key == "tables" and text.peek() == "{":
                    tables = self._tables(text)
                elif key == "tables":
                    text.value()
                    tables = None
                else:
                    header[key] = text.value()
            text.end()
            return Outline(header, tables)

    def rows(self, table: Table) -> Iterator[Any]:
        """The rows of ``table`` (as written: a row need not be a list), one at a time."""
        if table.rows is None:
            return
        with self._errors():
            text = self._text(table.rows)
            for _ in text.items():
                yield text.value()

    def _tables(self, text: _Text) -> dict[str, Table | None]:
        tables: dict[str, Table | None] = {}
        for name in text.members():
            if text.peek() != "{":
                text.value()
                tables[name] = None
                continue
            columns, rows = None, None
            for key in text.members():
                if key == "columns":
                    columns = text.value()
                elif key == "rows" and text.peek() == "[":
                    rows = text.mark()
                    for _ in text.items():
                        text.value()
                else:
                    rows = None if key == "rows" else rows
                    text.value()
            tables[name] = Table(columns, rows)
        return tables

    def _text(self, mark: Mark) -> _Text:
        self._fh.seek(mark.offset)
        return _Text(self._fh, self._encoding, mark)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """What goes wrong reading the file, as one line naming it."""
        path = self.path
        try:
            yield
        except _SyntaxError as exc:
            where = f"line {exc.line}, column {exc.column}"
            raise InvalidInput(f"{path}: not valid JSON ({where}: {exc.msg})") from None
        except OSError as exc:
            raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from exc
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise InvalidInput(f"{path}: not a JSON backup ({exc})") from None


@contextmanager
def open_backup(path: Path) -> Iterator[BackupFile]:
    """The backup at ``path``, open for reading. A pipe is first copied to a temporary
    file (read twice, a backup must be a file); a pg_dump archive is refused."""
    with _reading(path):
        fh = path.open("rb")
    with fh:
        with _reading(path):
            head = fh.read(len(PG_DUMP_MAGIC))
            seekable = fh.seekable()
        if head == PG_DUMP_MAGIC:
            raise InvalidInput(
                f"{path} is a PostgreSQL archive written by netweave db backup, not a "
                f"JSON backup: restore it with pg_restore -d EMPTY_DB {path}"
            )
        if seekable:
            with _reading(path):
                fh.seek(0)
                backup = BackupFile(path, fh)
            yield backup
            return
        with tempfile.TemporaryFile() as copy:
            with _reading(path):
                copy.write(head)
                shutil.copyfileobj(fh, copy)
                copy.seek(0)
                backup = BackupFile(path, copy)
            yield backup


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """A file that cannot be opened or read, as one line naming it."""
    try:
        yield
    except FileNotFoundError:
        raise NotFound(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a backup file") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from exc


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


#: One value at a position of a string: (value, where it ends), as json.loads reads it.
_SCAN = json.JSONDecoder(parse_constant=_no_constants).scan_once  # type: ignore[attr-defined]


class _SyntaxError(Exception):
    def __init__(self, msg: str, line: int, column: int) -> None:
        super().__init__(msg)
        self.msg, self.line, self.column = msg, line, column


class _Text:
    """JSON text decoded from a file a piece at a time; ``buf[0]`` is at ``start``."""

    def __init__(self, fh: BinaryIO, encoding: str, start: Mark) -> None:
        self._fh, self._encoding = fh, encoding
        self._decoder = codecs.getincrementaldecoder(encoding)("surrogatepass")
        self.buf, self.pos, self.eof, self.start = "", 0, False, start

    def _more(self) -> None:
        """Drop what has been read, then add the next piece of the file."""
        self.start = self.mark()
        size = max(PIECE, len(self.buf) - self.pos)  # a long value: read as much again
        self.buf, self.pos = self.buf[self.pos :], 0
        data = self._fh.read(size)
        self.eof = not data
        self.buf += self._decoder.decode(data, final=self.eof)

    def mark(self) -> Mark:
        """Where ``pos`` is in the file."""
        start, read = self.start, self.buf[: self.pos]
        offset = start.offset + len(read.encode(self._encoding, "surrogatepass"))
        lines = read.count("\n")
        if not lines:
            return Mark(offset, start.line, start.column + len(read))
        return Mark(offset, start.line + lines, len(read) - read.rfind("\n") - 1)

    def error(self, msg: str, pos: int | None = None) -> _SyntaxError:
        self.pos = self.pos if pos is None else pos
        mark = self.mark()
        return _SyntaxError(msg, mark.line + 1, mark.column + 1)

    def peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        buf, pos = self.buf, self.pos
        if pos + 1 < len(buf):  # most often no space to pass, or one (a row a line)
            if buf[pos] not in _WHITE:
                return buf[pos]
            if buf[pos + 1] not in _WHITE:
                self.pos = pos + 1
                return buf[pos + 1]
        while True:
            pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            self.pos = pos
            if pos < len(self.buf):
                return self.buf[pos]
            if self.eof:
                return ""
            self._more()

    def value(self) -> Any:
        """The next value, read whole."""
        self.peek()
        while True:
            try:
                value, end = _SCAN(self.buf, self.pos)
            except StopIteration as missing:  # no value where one should be: as json says it
                msg, at = "Expecting value", missing.value
            except json.JSONDecodeError as exc:
                msg, at = exc.msg, exc.pos
            else:
                if end <= len(self.buf) - _NEAR_END or self.eof:
                    self.pos = end
                    return value
                self._more()  # "1" may be "1.5e3" whole
                continue
            cut = at >= len(self.buf) - _NEAR_END or msg.startswith("Unterminated")
            if self.eof or not cut:
                raise self.error(msg, at)
            self._more()

    def end(self) -> None:
        """Nothing but white space is left."""
        if self.peek():
            raise self.error("Extra data")

    def items(self) -> Iterator[None]:
        """Step through an array: once per element, positioned at it (the caller reads it)."""
        self._expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield
            if not self._next("]"):
                return

    def members(self) -> Iterator[str]:
        """Step through an object: each key, positioned at its value (the caller reads it)."""
        self._expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            if self.peek() != '"':
                raise self.error("Expecting property name enclosed in double quotes")
            key = self.value()
            if self.peek() != ":":
                raise self.error("Expecting ':' delimiter")
            self.pos += 1
            yield key
            if not self._next("}"):
                return

    def _expect(self, char: str) -> None:
        if self.peek() != char:
            raise self.error("Expecting value")
        self.pos += 1

    def _next(self, close: str) -> bool:
        """Past a comma (True: another element follows) or the closing bracket (False)."""
        char = self.peek()
        if char not in (",", close):
            raise self.error("Expecting ',' delimiter")
        self.pos += 1
        return char == ","
