"""Upgrades: a database made by each earlier schema revision opens at head with its data.

The fixtures in tests/data/upgrade/ were written by scripts/make-upgrade-fixtures.py, each
at its own revision; opening a copy upgrades it (after a backup), and every row it held is
still there, read back through the program and straight from the file.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from harness import cli, integrity

from netweave.config import sqlite_url
from netweave.store.engine import Database
from netweave.store.migrate import HEAD_REVISION, known_revisions, upgrade
from reliability_report import record

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "upgrade"
REVISIONS = sorted(known_revisions() - {HEAD_REVISION})


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_every_earlier_revision_has_a_fixture() -> None:
    made = sorted(p.stem.removeprefix("netweave-") for p in FIXTURES.glob("netweave-*.db"))
    assert made == REVISIONS, "a new revision: run scripts/make-upgrade-fixtures.py"


@pytest.mark.parametrize("revision", REVISIONS)
def test_upgrade_keeps_the_data(revision: str, tmp_path: Path) -> None:
    began = time.perf_counter()
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / f"netweave-{revision}.db", db)
    assert _rows(db, "SELECT version_num FROM alembic_version") == [(revision,)]

    shown = cli(db, "people", "show", "Ann Archer", "--json")  # opening upgrades the file
    assert shown.code == 0, shown.stderr
    assert _rows(db, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert list(tmp_path.glob("old*.db*")) != [db], "no backup of the old file was kept"
    assert integrity(db) == "ok"

    ann = json.loads(shown.stdout)
    checks = {
        "name": (ann["name"], "Ann Archer"),
        "emails": (ann["emails"], ["Ann@Example.com"]),
        "phones": (ann["phones"], ["(510) 555-0199"]),
        "company": ((ann["company"], ann["title"]), ("Initech", "CTO")),
        "tags": (ann["tags"], ["mentor"]),
        "circle": (ann["circle"], "close"),
        "interests": (ann["interests"], [{"category": "personal", "label": "sailing"}]),
        "first_met": (ann["first_met"], "2024-03-01"),
        "last_interaction": (ann["last_interaction"], "2026-05-01"),
        "birthday": (_rows(db, "SELECT birthday, notes FROM person WHERE id = 2"),
                     [("--05-17", "Met at PyCon; loves sailing")]),
        "people": (_rows(db, "SELECT id, display_name, is_me, cadence_days FROM person"),
                   [(1, "Maya Lindqvist", 1, None), (2, "Ann Archer", 0, None),
                    (3, "Jürgen Groß", 0, 45)]
                   + ([(4, "Łukasz Wójcik", 0, None)] if revision >= "0013" else [])),
        "interaction": (_rows(db, "SELECT kind, summary FROM interaction"),
                        [("coffee", "Coffee about the grid project")]),
    }  # fmt: skip
    if revision >= "0002":
        checks["setting"] = (_rows(db, "SELECT key, value FROM setting"),
                             [("circles.close", '{"value": 21}')])  # fmt: skip
    if revision >= "0003":
        checks["tag cadence"] = (_rows(db, "SELECT cadence_days FROM tag"), [(30,)])
    if revision >= "0004":
        checks["source"] = (_rows(db, "SELECT person_id, external_id FROM person_source "
                                      "WHERE person_id = 3 ORDER BY id"),
                            [(3, "linkedin.com/in/jurgen-gross"),
                             (3, "linkedin:linkedin.com/in/jürgen-groß")])  # fmt: skip
    # a LinkedIn address is keyed with its escapes decoded (0016)
    checks["linkedin"] = (_rows(db, "SELECT normalized FROM contact_point WHERE id = 3"),
                          [("linkedin.com/in/jürgen-groß",)])  # fmt: skip
    if revision >= "0016":  # an organization's key keeps the mark that makes a letter (0017)
        checks["organization key"] = (
            _rows(db, "SELECT normalized_name FROM organization WHERE id = 3"),
            [("ガス株式会社",)],
        )
    # Derived data is rebuilt for the new schema: search and the aggregates work.
    found = cli(db, "search", "initech sailing", "--json")
    checks["search"] = ([p["name"] for p in json.loads(found.stdout)], ["Ann Archer"])
    # every address is keyed by its domain (0020): her domain finds her
    found = cli(db, "search", "@example.com", "--json")
    checks["domain search"] = ([p["name"] for p in json.loads(found.stdout)], ["Ann Archer"])
    checks["domain key"] = (_rows(db, "SELECT id, domain_key FROM contact_point ORDER BY id"),
                            [(1, "com.example."), (2, None), (3, None)])  # fmt: skip
    checks["aggregates"] = (_rows(db, "SELECT count(*) FROM person_stats WHERE person_id = 2"),
                            [(1,)])  # fmt: skip
    if revision >= "0013":  # a name folded by revision 0013 is found by the fold of 0014
        found = cli(db, "search", "lukasz orsted", "--json")
        checks["folded search"] = ([p["name"] for p in json.loads(found.stdout)],
                                   ["Łukasz Wójcik"])  # fmt: skip
    wrong = {name: got for name, (got, want) in checks.items() if got != want}
    record(
        "upgrade", f"revision {revision} → {HEAD_REVISION}", trials=1, inputs=len(checks),
        lost=len(wrong), seconds=time.perf_counter() - began,
        note=f"{len(checks)} checks of rows and derived data",
    )  # fmt: skip
    assert wrong == {}


def test_revision_0014_writes_again_exactly_the_documents_the_new_fold_reads_otherwise(
    tmp_path: Path,
) -> None:
    """Upgraded alone (not opened, which rebuilds every derived row after an upgrade): the
    document of "Łukasz Wójcik" is written again, the others are left as they were."""
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / "netweave-0013.db", db)
    with sqlite3.connect(db) as conn:  # marks on documents 0014 has no reason to write again
        conn.execute("UPDATE person_search SET body = body || ' untouched' WHERE rowid <> 4")
    before = _rows(db, "SELECT rowid, body FROM person_search WHERE rowid <> 4 ORDER BY rowid")
    assert _rows(db, "SELECT rowid FROM person_search WHERE person_search MATCH 'lukasz'") == []

    database = Database(sqlite_url(db))
    upgrade(database, "0014")
    database.close()

    assert _rows(db, "SELECT version_num FROM alembic_version") == [("0014",)]
    assert _rows(db, "SELECT rowid, body FROM person_search WHERE rowid <> 4 ORDER BY rowid") == (
        before
    )
    assert _rows(db, "SELECT body FROM person_search WHERE rowid = 4") == [
        ("lukasz wojcik engineer  offshore wind orsted a/s engineer",)
    ]
    for query in ("lukasz", "wojcik orsted"):
        sql = f"SELECT rowid FROM person_search WHERE person_search MATCH '{query}'"
        assert _rows(db, sql) == [(4,)]
    assert _rows(db, "SELECT name, normalized_name FROM organization ORDER BY id") == [
        ("Initech", "initech"),
        ("Ørsted A/S", "orsted a s"),
    ]


def test_a_file_imported_before_revision_0014_is_found_again(tmp_path: Path) -> None:
    """ "Łukasz Wójcik" of Ørsted, known to a vCard import by name alone, folded otherwise
    then: importing the card again finds him and his employer, and makes nothing new."""
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / "netweave-0013.db", db)
    card = tmp_path / "cards.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Łukasz Wójcik\nORG:Ørsted A/S\nTITLE:Engineer\nEND:VCARD\n",
        encoding="utf-8",
    )
    done = cli(db, "import", "vcard", str(card), "--json")
    assert done.code == 0, done.stderr
    counts = json.loads(done.stdout)
    assert (counts["created"], counts["updated"], counts["skipped"]) == (0, 0, 1)
    assert _rows(db, "SELECT count(*) FROM person") == [(4,)]
    assert _rows(db, "SELECT count(*) FROM organization") == [(2,)]
    assert _rows(db, "SELECT count(*) FROM position WHERE person_id = 4") == [(1,)]
