"""The downloads of the Imports page: the backup, the CSV and the vCards, guarded as pages."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from fastapi.testclient import TestClient

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.access import set_password
from netweave.services.backup import restore_json
from netweave.services.context import Context, open_context
from netweave.services.people import search_people
from netweave.web.app import create_app
from web.web_helpers import DAY, add, login_client


def test_the_imports_page_offers_the_downloads(client: TestClient) -> None:
    page = client.get("/imports").text
    for kind in ("json", "csv", "vcard"):
        assert f'href="/export/{kind}" download data-export="{kind}"' in page


def test_the_backup_downloads_dated_and_restores(
    client: TestClient, web_ctx: Context, tmp_path: Path
) -> None:
    add(web_ctx, "Ada Lovelace", emails=["ada@example.org"])
    response = client.get("/export/json")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        'attachment; filename="netweave-backup-2026-06-15.json"'
    )
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-type"] == "application/json"
    backup = tmp_path / "backup.json"
    backup.write_bytes(response.content)
    target = open_context(Settings(database_url=sqlite_url(tmp_path / "b.db")), Clock(as_of=DAY))
    try:
        assert restore_json(target, backup)["people"] == 1
        assert [p["name"] for p in search_people(target, "Ada")] == ["Ada Lovelace"]
    finally:
        target.close()


def test_the_csv_and_the_vcards_download_dated(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Ada Lovelace", emails=["ada@example.org"])
    people = client.get("/export/csv")
    assert people.headers["content-disposition"].endswith('"netweave-people-2026-06-15.csv"')
    assert "Ada Lovelace" in people.content.decode("utf-8-sig")
    cards = client.get("/export/vcard")
    assert cards.headers["content-disposition"].endswith('"netweave-vcards-2026-06-15.zip"')
    with zipfile.ZipFile(BytesIO(cards.content)) as archive:
        [name] = archive.namelist()
        assert b"FN:Ada Lovelace" in archive.read(name)
    assert client.get("/export/xml").status_code == 404  # no such download


def test_the_downloads_are_guarded_as_every_page(client: TestClient, web_ctx: Context) -> None:
    add(web_ctx, "Ada Lovelace")
    assert client.get("/export/json", headers={"host": "evil.example"}).status_code == 400
    set_password(web_ctx, "correct horse")
    with TestClient(create_app(web_ctx), base_url="http://127.0.0.1") as c:
        refused = c.get("/export/csv", follow_redirects=False)
        assert refused.status_code == 303
        assert refused.headers["location"] == "/login"
        assert b"Ada" not in refused.content
        login_client(c, "correct horse")
        assert "Ada Lovelace" in c.get("/export/csv").content.decode("utf-8-sig")
