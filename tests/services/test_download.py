"""The exports offered as downloads: the same files as ``export json|csv|vcard``, dated."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest

from factories import person
from netweave.errors import InvalidInput
from netweave.services.context import Context
from netweave.services.download import open_download
from netweave.services.export import CSV_COLUMNS


def test_the_backup_download_is_the_backup(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person(ctx, "Ada Lovelace", emails=["ada@example.org"])
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where its folder is made
    before = set(tmp_path.iterdir())
    ready = open_download(ctx, "json")
    assert (ready.name, ready.media_type) == ("netweave-backup-2026-06-15.json", "application/json")
    with ready.file as file:
        document = json.loads(file.read())
    assert document["format"] == "netweave-backup"
    people = document["tables"]["person"]
    name = people["columns"].index("display_name")
    assert [row[name] for row in people["rows"]] == ["Ada Lovelace"]
    assert ready.people == 1
    assert ready.size > 0
    assert set(tmp_path.iterdir()) == before  # nothing of it left on the disk


def test_the_csv_download_is_the_csv_export(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", company="=HYPERLINK(1)")
    ready = open_download(ctx, "csv")
    assert ready.name == "netweave-people-2026-06-15.csv"
    with ready.file as file:
        rows = list(csv.reader(io.StringIO(file.read().decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1][1] == "Ada Lovelace"
    assert rows[1][4].startswith("'=")  # defused, as export csv does


def test_the_vcard_download_is_a_zipped_vdir(ctx: Context) -> None:
    first = person(ctx, "Ada Lovelace", emails=["ada@example.org"])
    person(ctx, "Grace Hopper")
    ready = open_download(ctx, "vcard")
    assert (ready.name, ready.people) == ("netweave-vcards-2026-06-15.zip", 2)
    with ready.file as file, zipfile.ZipFile(io.BytesIO(file.read())) as archive:
        names = archive.namelist()
        card = archive.read(f"netweave-vcards-2026-06-15/netweave-person-{first['id']}.vcf")
    assert len(names) == 2
    assert all(n.startswith("netweave-vcards-2026-06-15/") for n in names)
    assert b"FN:Ada Lovelace" in card
    assert b"ada@example.org" in card


def test_an_unknown_download_is_refused(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match="unknown export 'xml'"):
        open_download(ctx, "xml")
