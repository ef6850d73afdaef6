"""Write tests/data/upgrade/netweave-000N.db: a small database made by each earlier schema.

Each file is migrated to revision N only (not to head) and holds a few rows valid for that
revision; tests/reliability/test_upgrades.py upgrades copies to head and checks the rows.
Run it again after a migration is added (the new previous head gets its fixture; name it
to write only that one):

    .venv/bin/python scripts/make-upgrade-fixtures.py [0024 …]
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

from netweave.config import sqlite_url
from netweave.logic.normalize import legacy_fold, legacy_normalize_org
from netweave.store.engine import Database
from netweave.store.migrate import HEAD_REVISION, known_revisions, upgrade

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "upgrade"
#: Every revision before the head: each gets its fixture.
REVISIONS = sorted(known_revisions() - {HEAD_REVISION})
STAMP = "2025-01-02 03:04:05.000000"


def insert(conn: sqlite3.Connection, table: str, **values: Any) -> None:
    columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    for clock in ("created_at", "updated_at"):
        if clock in columns:
            values.setdefault(clock, STAMP)
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values.values()))


def fill(conn: sqlite3.Connection, revision: str) -> None:
    """The rows every fixture holds, plus those of the tables its revision added."""
    insert(
        conn,
        "person",
        id=1,
        display_name="Maya Lindqvist",
        given_name="Maya",
        family_name="Lindqvist",
        is_me=1,
    )
    insert(
        conn,
        "person",
        id=2,
        display_name="Ann Archer",
        given_name="Ann",
        family_name="Archer",
        birthday="--05-17",
        notes="Met at PyCon; loves sailing",
        met_on="2024-03-01",
        circle="close",
        is_me=0,
    )
    insert(conn, "person", id=3, display_name="Jürgen Groß", is_me=0, cadence_days=45)
    insert(
        conn,
        "contact_point",
        id=1,
        person_id=2,
        kind="email",
        value="Ann@Example.com",
        normalized="ann@example.com",
        label="work",
        is_primary=1,
        **({"domain_key": "com.example."} if revision >= "0020" else {}),
    )
    insert(
        conn,
        "contact_point",
        id=2,
        person_id=2,
        kind="phone",
        value="(510) 555-0199",
        normalized="+15105550199",
        label="mobile",
        is_primary=1,
    )
    insert(
        conn,
        "contact_point",
        id=3,
        person_id=3,
        kind="linkedin",
        value=JURGEN_LINKEDIN,
        normalized=jurgen_key(revision),
        is_primary=1,
    )
    insert(conn, "organization", id=1, name="Initech", normalized_name="initech")
    insert(
        conn,
        "position",
        id=1,
        person_id=2,
        organization_id=1,
        title="CTO",
        start_date="2022-01-01",
        current=1,
    )
    insert(
        conn, "tag", id=1, label="mentor", **({"cadence_days": 30} if revision >= "0003" else {})
    )
    conn.execute("INSERT INTO person_tag (person_id, tag_id) VALUES (2, 1)")
    insert(
        conn,
        "interaction",
        id=1,
        occurred_at="2026-05-01 10:00:00.000000",
        kind="coffee",
        direction="both",
        summary="Coffee about the grid project",
        source="manual",
    )
    insert(
        conn,
        "interaction_participant",
        id=1,
        interaction_id=1,
        person_id=2,
        occurred_at="2026-05-01 10:00:00.000000",
    )
    insert(conn, "interest", id=1, person_id=2, category="personal", label="sailing")
    if revision >= "0002":
        insert(conn, "setting", id=1, key="circles.close", value='{"value": 21}')
    if revision >= "0004":
        insert(
            conn,
            "person_source",
            id=1,
            person_id=3,
            source="linkedin",
            external_id="linkedin.com/in/jurgen-gross",
        )
        insert(conn, "person_source", id=3, person_id=3, source="vcard",
               external_id="linkedin:" + jurgen_key(revision))  # fmt: skip
    if revision >= "0013":
        folded_by_then(conn, revision)
    if revision == "0016":  # its key then: the mark that makes ガ of カ folded away
        insert(conn, "organization", id=3, name="ガス株式会社", normalized_name="カス株式会社")
    elif revision >= "0017":  # kept since 0017
        insert(conn, "organization", id=3, name="ガス株式会社", normalized_name="ガス株式会社")
    conn.commit()  # fmt: skip


def jurgen_key(revision: str) -> str:
    """The key of his profile address: its escapes kept until revision 0016 decodes them."""
    return (
        "linkedin.com/in/jürgen-groß"
        if revision >= "0016"
        else "linkedin.com/in/j%c3%bcrgen-gro%c3%9f"
    )


#: A profile address as LinkedIn's exports write it, its letters percent-escaped.
JURGEN_LINKEDIN = "https://www.linkedin.com/in/j%C3%BCrgen-gro%C3%9F"
#: A person whose letters do not decompose (ł, ø), known to a vCard import by name alone.
LUKASZ = "Łukasz Wójcik"
ORSTED = "Ørsted A/S"
#: The search documents from revision 0024 on, a field each: name, work, the rest.
FIELDED = {
    1: ("maya lindqvist", "", ""),
    2: ("ann archer", "initech cto", "met at pycon loves sailing sailing mentor"),
    3: ("jurgen gross", "", ""),
    4: ("lukasz wojcik", "engineer offshore wind orsted a s engineer", ""),
}


def folded_by_then(conn: sqlite3.Connection, revision: str) -> None:
    """What revision 0013 stored folded, as it folded it (``legacy_fold``): "Łukasz Wójcik"
    with an import's key for him and his employer's key, and every person's search document
    (revision 0014 writes again those the new fold reads otherwise)."""
    insert(conn, "person", id=4, display_name=LUKASZ, given_name="Łukasz", family_name="Wójcik",
           is_me=0, headline="Engineer · offshore wind")  # fmt: skip
    insert(conn, "organization", id=2, name=ORSTED, normalized_name=legacy_normalize_org(ORSTED))
    insert(conn, "position", id=2, person_id=4, organization_id=2, title="Engineer", current=1)
    basis = f"{legacy_fold(LUKASZ)}|{legacy_normalize_org(ORSTED)}"
    insert(conn, "person_source", id=2, person_id=4, source="vcard",
           external_id="name:" + hashlib.sha1(basis.encode()).hexdigest())  # fmt: skip
    documents = {
        1: "Maya Lindqvist",
        2: "Ann Archer Met at PyCon; loves sailing Initech CTO sailing mentor",
        3: "Jürgen Groß",
        4: f"{LUKASZ} Engineer · offshore wind {ORSTED} Engineer",
    }
    if revision >= "0024":  # a document in fields: name, work, the rest (folded words)
        for pid, fields in FIELDED.items():
            conn.execute(
                "INSERT INTO person_search (rowid, name, work, other) VALUES (?, ?, ?, ?)",
                (pid, *fields),
            )
        return
    for pid, document in documents.items():
        conn.execute(
            "INSERT INTO person_search (rowid, body) VALUES (?, ?)", (pid, legacy_fold(document))
        )


def main(revisions: list[str] = REVISIONS) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for revision in revisions:
        path = OUT / f"netweave-{revision}.db"
        path.unlink(missing_ok=True)
        db = Database(sqlite_url(path))
        upgrade(db, revision)
        db.engine.dispose()
        conn = sqlite3.connect(path)
        fill(conn, revision)
        conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        conn.execute("PRAGMA page_size = 512")  # small pages: a small file in git
        conn.execute("VACUUM")
        conn.close()
        print(f"wrote {path} at revision {revision}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:] or REVISIONS)  # the revisions named, or all
