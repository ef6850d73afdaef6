"""vCard imports on both backends: cards that are not people, preferred values, odd folders."""

from __future__ import annotations

import contextlib
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from netweave.errors import InvalidInput
from netweave.services.context import Context
from netweave.services.imports import ImportOptions, run_import
from netweave.store.models import ImportBatch, Person

GROUPS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Book Club\r\nX-ADDRESSBOOKSERVER-KIND:group\r\n"
    "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:1234\r\nUID:grp-1\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:My Group\r\n"
    "MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\n"
)


def _names(ctx: Context) -> list[str]:
    with ctx.db.reading() as session:
        return sorted(session.scalars(select(Person.display_name)))


@pytest.mark.parametrize("skip_bad_rows", [False, True])
def test_group_cards_are_skipped_and_listed(
    ctx: Context, tmp_path: Path, skip_bad_rows: bool
) -> None:
    path = tmp_path / "groups.vcf"
    path.write_text(GROUPS, encoding="utf-8")
    result = run_import(ctx, "vcard", [path], ImportOptions(skip_bad_rows=skip_bad_rows))
    assert (result["created"], result["skipped"]) == (1, 2)
    assert result["errors"] == [
        {"file": str(path), "line": 1, "error": "a group card (Book Club): skipped"},
        {"file": str(path), "line": 9, "error": "a group card (My Group): skipped"},
    ]
    assert _names(ctx) == ["Ann Lee"]


def test_the_preferred_email_and_phone_are_primary(ctx: Context, tmp_path: Path) -> None:
    from netweave.store.models import ContactPoint

    path = tmp_path / "pref.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Pref Test\r\nEMAIL;TYPE=home:home@example.com\r\n"
        "EMAIL;TYPE=work;PREF=1:work@example.com\r\nTEL;TYPE=home:+1 415 555 0101\r\n"
        'TEL;TYPE="cell";PREF=1:+1 415 555 0102\r\nEND:VCARD\r\n'
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pref Three\r\n"
        "EMAIL;type=INTERNET;type=HOME:h3@example.com\r\n"
        "EMAIL;type=INTERNET;type=WORK;type=pref:w3@example.com\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    assert run_import(ctx, "vcard", [path], ImportOptions())["created"] == 2
    with ctx.db.reading() as session:
        primary = set(session.scalars(select(ContactPoint.value).where(ContactPoint.is_primary)))
    assert primary == {"work@example.com", "+1 415 555 0102", "w3@example.com"}


ANN = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\n"


@contextlib.contextmanager
def _no_pipe_opened() -> Iterator[None]:
    """Fail, rather than wait for ever, if a pipe is opened for reading."""

    def opened(*_: object) -> None:
        raise TimeoutError("a pipe was opened: it waits for a writer")

    before = signal.signal(signal.SIGALRM, opened)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def _batches(ctx: Context) -> int:
    with ctx.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(ImportBatch)) or 0)


def _cards_with_a_broken_link(tmp_path: Path) -> Path:
    """A folder of one good card and a link to a card that is gone."""
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "a.vcf").write_text(ANN, encoding="utf-8")
    (folder / "old-contact.vcf").symlink_to("/nonexistent/x.vcf")
    return folder


def test_skip_bad_rows_passes_over_a_broken_link_and_a_pipe_in_a_folder(
    ctx: Context, tmp_path: Path
) -> None:
    folder = _cards_with_a_broken_link(tmp_path)
    os.mkfifo(folder / "x.vcf")
    with _no_pipe_opened():
        result = run_import(ctx, "vcard", [folder], ImportOptions(skip_bad_rows=True))
    assert result["created"] == 1
    assert result["errors"] == [
        {"file": str(folder / "old-contact.vcf"), "line": None,
         "error": "a broken link (to /nonexistent/x.vcf): skipped"},
        {"file": str(folder / "x.vcf"), "line": None,
         "error": "not a file (a pipe or a device): skipped"},
    ]  # fmt: skip
    assert _names(ctx) == ["Ann Lee"]


def test_a_broken_link_in_a_folder_is_named_so_and_nothing_is_imported(
    ctx: Context, tmp_path: Path
) -> None:
    folder = _cards_with_a_broken_link(tmp_path)
    said = f"{folder / 'old-contact.vcf'}: a broken link (to /nonexistent/x.vcf)"
    with pytest.raises(InvalidInput, match=re.escape(said)):
        run_import(ctx, "vcard", [folder], ImportOptions())
    with pytest.raises(InvalidInput, match=re.escape(said)):
        run_import(ctx, "vcard", [folder / "old-contact.vcf"], ImportOptions())
    (folder / "a.vcf").unlink()  # nothing left to import: one line, no batch
    with pytest.raises(InvalidInput, match=r"no file could be imported: .*a broken link"):
        run_import(ctx, "vcard", [folder], ImportOptions(skip_bad_rows=True))
    assert (_names(ctx), _batches(ctx)) == ([], 0)
