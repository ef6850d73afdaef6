"""Bad input to every importer: mutated real files and random bytes never raise a traceback.

Each reader either yields records or raises ``InvalidInput`` (``FormatError`` names the
file); anything else would reach the user as a traceback. Inputs start from the real-format
samples in tests/data, mutated byte-wise and line-wise, or are random bytes and text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netweave.errors import InvalidInput
from netweave.io.encoding import open_text
from netweave.io.google_csv import read_google_csv
from netweave.io.ics import read_ics
from netweave.io.linkedin import read_linkedin
from netweave.io.mbox import read_mbox
from netweave.io.text import date_parts, export_birthday
from netweave.io.vcard import read_vcards
from reliability_report import record, scaled, soak

DATA = Path(__file__).resolve().parents[1] / "data"
EXAMPLES = scaled(40, 600)


def _samples(*globs: str) -> list[bytes]:
    return [p.read_bytes() for g in globs for p in sorted(DATA.glob(g)) if p.is_file()]


def _read_text(path: Path) -> Iterator[Any]:
    """The shared text reader: encoding detection and every line."""
    with open_text(path) as stream:
        yield from stream


Reader = Callable[[Path], Iterator[Any]]
WINDOW = {"window_start": dt.date(2020, 1, 1), "window_end": dt.date(2026, 12, 31)}
#: Importer → (file name, how it is read, real samples to mutate).
IMPORTERS: dict[str, tuple[str, Reader, list[bytes]]] = {
    "linkedin Connections.csv": (
        "Connections.csv", read_linkedin, _samples("linkedin/*/Connections.csv")),
    "linkedin messages.csv": (
        "messages.csv", lambda p: read_linkedin(p, me="Dana Okafor"),
        _samples("linkedin/*/messages.csv")),
    "linkedin Invitations.csv": (
        "Invitations.csv", read_linkedin, _samples("linkedin/*/Invitations.csv")),
    "linkedin Profile.csv": ("Profile.csv", read_linkedin, _samples("linkedin/*/Profile.csv")),
    "linkedin Education.csv": (
        "Education.csv", read_linkedin, _samples("linkedin/*/Education.csv")),
    "vcard": ("cards.vcf", read_vcards, _samples("vcard/*.vcf", "vcard/bad/*")),
    "google-csv": ("contacts.csv", read_google_csv, _samples("google/*.csv")),
    "ics": ("calendar.ics", lambda p: read_ics(p, **WINDOW), _samples("ics/*.ics", "ics/bad/*")),
    "mbox": ("mail.mbox", lambda p: read_mbox(p, me=["dana@example.com"]), _samples("mbox/*")),
    "text": ("notes.txt", _read_text, _samples("google/*.csv", "vcard/non_latin.vcf")),
}  # fmt: skip

TOKENS = [b"\n", b"\r\n", b",", b'"', b";", b":", b"=", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf",
          b"\xc3", b"BEGIN:VCARD", b"END:VCARD", b"BEGIN:VEVENT", b"END:VEVENT", b"DTSTART:",
          b"From ", b"From: ", b"Date: ", b"First Name", b"=?utf-8?q?", b"\\", b"  ", b"\t",
          "é".encode(), "王".encode("utf-16"), b"9" * 30, b"-" * 5]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, samples: list[bytes]) -> bytes:
    """A sample with a few byte and line edits, a random prefix or cut, or random bytes."""
    how = draw(st.sampled_from(["edit", "edit", "edit", "lines", "random"]))
    if how == "random" or not samples:
        return draw(st.binary(max_size=2000) | st.text(max_size=500).map(str.encode))
    data = bytearray(draw(st.sampled_from(samples)))
    if how == "lines":
        lines = bytes(data).splitlines(keepends=True)
        picks = draw(st.lists(st.integers(0, max(len(lines) - 1, 0)), max_size=len(lines) + 3))
        return b"".join(lines[i] for i in picks if lines)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "cut"]))
        if op == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "replace":
            data[at : at + 1] = bytes([draw(st.integers(0, 255))])
        else:
            del data[at:]
    return bytes(data)


def _fuzz(name: str) -> tuple[int, float]:
    file_name, reader, samples = IMPORTERS[name]
    tried = itertools.count()
    folder = Path(tempfile.mkdtemp(prefix="netweave-fuzz-"))
    began = time.perf_counter()

    @settings(
        max_examples=EXAMPLES,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=not soak(),  # make test: the same examples every run
    )
    @given(mutated(samples))
    def check(data: bytes) -> None:
        next(tried)
        path = folder / file_name
        path.write_bytes(data)
        message = None
        try:
            for _ in reader(path):
                pass
        except InvalidInput as exc:
            message = str(exc).strip()
        if message is not None:
            assert message, "an error without a message"
            assert "\n" not in message, message

    check()
    return next(tried), time.perf_counter() - began


@pytest.mark.parametrize("name", list(IMPORTERS))
def test_importer_never_raises_anything_but_a_clear_error(name: str) -> None:
    tried, seconds = _fuzz(name)
    record("fuzz", f"importer {name}", inputs=tried, seconds=seconds)


@settings(max_examples=EXAMPLES * 5, database=None, derandomize=not soak())
@given(st.text(max_size=40) | st.from_regex(r"\d{1,4}[-/ .]\w{1,9}[-/ .,]{1,2}\d{1,4}"))
def test_date_helpers_return_or_raise_invalid_input(value: str) -> None:
    date_parts(value)
    with contextlib.suppress(InvalidInput):
        export_birthday(value)
