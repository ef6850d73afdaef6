"""The exports of ``netweave export json|csv|vcard`` as one file to download, named by the day."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from netweave.errors import InvalidInput
from netweave.services.backup import export_json
from netweave.services.context import Context
from netweave.services.export import export_csv, export_vcards
from netweave.services.leftovers import folder_prefix

#: What can be downloaded: the JSON backup, the CSV of people, the vCards zipped.
DOWNLOADS = ("json", "csv", "vcard")
_NAMES = {"json": "netweave-backup-{day}.json", "csv": "netweave-people-{day}.csv",
          "vcard": "netweave-vcards-{day}.zip"}  # fmt: skip
_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8",
          "vcard": "application/zip"}  # fmt: skip


@dataclass(frozen=True)
class Download:
    """One export, ready to send: the file open for reading (already gone from the disk),
    the name to offer with its day, its media type and size, and how many people it holds."""

    file: BinaryIO
    name: str
    media_type: str
    size: int
    people: int


def open_download(ctx: Context, kind: str) -> Download:
    """Write the export ``kind`` as ``export json|csv|vcard`` does (the same services: the
    backup refuses what a restore would refuse; the CSV and the cards leave the user's own
    record out) into a private folder, and open it. The folder is removed before this
    returns: the open file is all that is left of it, gone once it is closed."""
    if kind not in DOWNLOADS:
        raise InvalidInput(f"unknown export {kind!r}; choose one of: {', '.join(DOWNLOADS)}")
    name = _NAMES[kind].format(day=ctx.clock.today().isoformat())
    folder = Path(tempfile.mkdtemp(prefix=folder_prefix("export")))  # readable by the user only
    try:
        path = folder / name
        if kind == "json":
            people = export_json(ctx, path)["people"]
        elif kind == "csv":
            people = export_csv(ctx, path)["people"]
        else:
            people = _vcard_zip(ctx, path, folder / name.removesuffix(".zip"))
        file = path.open("rb")
    except OSError as exc:
        raise InvalidInput(f"cannot write the export: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    size = file.seek(0, 2)
    file.seek(0)
    return Download(file, name, _TYPES[kind], size, people)


def _vcard_zip(ctx: Context, path: Path, cards: Path) -> int:
    """The vCards of ``export vcard`` written to ``cards``, zipped into ``path`` in a folder
    of the same name (a vdir once unzipped); how many people."""
    people: int = export_vcards(ctx, cards)["people"]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for card in sorted(cards.glob("*.vcf")):
            archive.write(card, f"{cards.name}/{card.name}")
    return people
