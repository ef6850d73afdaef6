"""LinkedIn exports read out of order, on both backends: an export older than the one that
gave someone's current role (its latest connection is earlier) changes no role, and a newer
export finds a connection the older format knew by name, by the day they connected."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from factories import congratulations as _congratulations
from factories import every_row
from factories import import_linkedin as _linkedin
from factories import roles_of as _roles
from netweave.services.context import Context
from netweave.services.duplicates import duplicates
from netweave.services.import_undo import undo_batch
from netweave.store.models import ImportBatch, Person

HEAD = 'Notes:\n"Some email addresses are missing."\n\n'
COLUMNS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
#: LinkedIn's older format: no profile URLs.
OLD_COLUMNS = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
JON = "Jonathan,Okafor,https://www.linkedin.com/in/jon-okafor-7b2a1,"
PRIYA = "Priya,Raman,https://www.linkedin.com/in/priyaraman,priya@acme.example,"
#: An export of May 2026: its latest connection (Tomás) was made on 15 May 2026.
NEWER = (
    HEAD
    + COLUMNS
    + f"{PRIYA}Acme Corp,Principal Data Scientist,14 Mar 2019\n"
    + f"{JON},Stripe,Director of Engineering,02 Jun 2015\n"
    + "Tomás,Ruiz,https://www.linkedin.com/in/tomasruiz,,,,15 May 2026\n"
)
#: An export of 2021 (latest connection 21 Nov 2021): Jonathan at his job then, Priya
#: with her title then.
OLDER = (
    HEAD
    + COLUMNS
    + f"{PRIYA}Acme Corp,Senior Data Scientist,14 Mar 2019\n"
    + f"{JON},Globex,Engineering Manager,02 Jun 2015\n"
    + "Zoë,Müller,https://www.linkedin.com/in/zoe-muller,,Initech GmbH,Product Lead,21 Nov 2021\n"
)


def _export(folder: Path, text: str, name: str = "Connections.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _named(ctx: Context, name: str) -> list[int]:
    """The ids of the people of that full name."""
    with ctx.db.reading() as session:
        return list(session.scalars(select(Person.id).where(Person.display_name == name)))


def test_an_older_export_read_after_a_newer_one_changes_no_role(
    ctx: Context, tmp_path: Path
) -> None:
    """Jonathan's old employer and Priya's old title go into their history; what is current
    stays, and there is no one to congratulate. Undo takes exactly that back."""
    newer = _linkedin(ctx, _export(tmp_path / "new", NEWER))
    before = every_row(ctx)
    older = _linkedin(ctx, _export(tmp_path / "old", OLDER))
    assert (older["created"], older["updated"]) == (1, 2)  # Zoë; two roles of the past
    assert _roles(ctx, "Jonathan Okafor") == [
        ("Stripe", "Director of Engineering", True),
        ("Globex", "Engineering Manager", False),
    ]
    assert _roles(ctx, "Priya Raman") == [
        ("Acme Corp", "Principal Data Scientist", True),
        ("Acme Corp", "Senior Data Scientist", False),
    ]
    assert _congratulations(ctx) == []
    again = _linkedin(ctx, tmp_path / "old" / "Connections.csv")
    assert (again["created"], again["updated"]) == (0, 0)
    undo_batch(ctx, int(again["batch"]))
    undo_batch(ctx, int(older["batch"]))
    assert every_row(ctx) == before
    undo_batch(ctx, int(newer["batch"]))
    assert _named(ctx, "Jonathan Okafor") == []


def test_both_exports_in_one_import_are_read_the_older_first(ctx: Context, tmp_path: Path) -> None:
    """The newer export named first, then the older, in one command: the older is read
    first, as if the two were imported one by one in the order they were made, so the
    newer's new roles are news (``test_the_newer_export_read_after_the_older_is_…``)."""
    result = _linkedin(ctx, _export(tmp_path / "new", NEWER), _export(tmp_path / "old", OLDER))
    assert _roles(ctx, "Jonathan Okafor") == [
        ("Stripe", "Director of Engineering", True),
        ("Globex", "Engineering Manager", False),
    ]
    assert _congratulations(ctx) == [
        "Congratulate Jonathan Okafor on the new role as Director of Engineering at Stripe",
        "Congratulate Priya Raman on the new role as Principal Data Scientist at Acme Corp",
    ]
    with ctx.db.reading() as session:
        counts = session.scalar(select(ImportBatch.counts).where(ImportBatch.id == result["batch"]))
    assert [f["age"]["latest"] for f in counts["exports"]] == ["2021-11-21", "2026-05-15"]
    assert counts["latest_connection"] == "2026-05-15"  # the latest of its files'


def test_the_newer_export_read_after_the_older_is_a_job_change(
    ctx: Context, tmp_path: Path
) -> None:
    """In the order they were made, the newer export's roles are news, as before."""
    _linkedin(ctx, _export(tmp_path / "old", OLDER))
    _linkedin(ctx, _export(tmp_path / "new", NEWER))
    assert _roles(ctx, "Jonathan Okafor") == [
        ("Stripe", "Director of Engineering", True),
        ("Globex", "Engineering Manager", False),
    ]
    assert _congratulations(ctx) == [
        "Congratulate Jonathan Okafor on the new role as Director of Engineering at Stripe",
        "Congratulate Priya Raman on the new role as Principal Data Scientist at Acme Corp",
    ]


def test_an_export_of_the_same_latest_connection_is_not_taken_for_older(
    ctx: Context, tmp_path: Path
) -> None:
    """Two exports whose latest connections fall on one day cannot be told apart by it: the
    one read last says the current role, as before."""
    _linkedin(ctx, _export(tmp_path / "new", NEWER))
    same_day = OLDER.replace("21 Nov 2021", "15 May 2026")
    _linkedin(ctx, _export(tmp_path / "old", same_day))
    assert _roles(ctx, "Jonathan Okafor")[0] == ("Globex", "Engineering Manager", True)


#: Jonathan in LinkedIn's older format (no profile URL, no email): known by name.
LEGACY = OLD_COLUMNS + "Li,Wei,,Hooli,Software Engineer,30 Aug 2020\n"
LEGACY_JON = "Jonathan,Okafor,,Globex,Engineering Manager,02 Jun 2015\n"


def test_a_newer_export_finds_a_connection_known_by_name_by_the_day_connected(
    ctx: Context, tmp_path: Path
) -> None:
    """Jonathan has moved from Globex to Stripe: the newer export's row has his profile URL,
    his name and the day he connected, which the older format knew him by. He is one person,
    his new role is news, and the undo of the newer export takes it all back."""
    _linkedin(ctx, _export(tmp_path, LEGACY + LEGACY_JON, "legacy.csv"))
    before = every_row(ctx)
    newer = _linkedin(ctx, _export(tmp_path / "new", NEWER))
    assert newer["merged"] == 1
    assert len(_named(ctx, "Jonathan Okafor")) == 1
    assert _roles(ctx, "Jonathan Okafor") == [
        ("Stripe", "Director of Engineering", True),
        ("Globex", "Engineering Manager", False),
    ]
    assert "Congratulate Jonathan Okafor on the new role as Director of Engineering at Stripe" in (
        _congratulations(ctx)
    )
    assert duplicates(ctx) == []
    undo_batch(ctx, int(newer["batch"]))
    assert every_row(ctx) == before


def test_a_namesake_connected_another_day_or_one_of_two_is_someone_else(
    ctx: Context, tmp_path: Path
) -> None:
    """Only one person of that name who connected that day is found: connected another day,
    or two of them that day, the newer export's row is someone new."""
    twice = LEGACY_JON + LEGACY_JON.replace("Globex", "Initech")
    _linkedin(ctx, _export(tmp_path / "a", OLD_COLUMNS + twice, "legacy.csv"))
    _linkedin(ctx, _export(tmp_path / "b", NEWER))
    assert len(_named(ctx, "Jonathan Okafor")) == 3
    other = OLD_COLUMNS + LEGACY_JON.replace("02 Jun 2015", "03 Jun 2015")
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    _linkedin(ctx, _export(fresh / "a", other.replace("Okafor", "Okafor-Bell"), "legacy.csv"))
    bell = NEWER.replace(
        "Okafor,https://www.linkedin.com/in/jon-okafor",
        "Okafor-Bell,https://www.linkedin.com/in/jon-bell",
    )
    _linkedin(ctx, _export(fresh / "b", bell))
    assert len(_named(ctx, "Jonathan Okafor-Bell")) == 2


#: The 2021 export in LinkedIn's older format: no profile URLs, and no email addresses
#: (Priya's was not shared then); and a namesake of Tomás, connected another day elsewhere.
OLDER_FORMAT = (
    HEAD
    + OLD_COLUMNS
    + "Priya,Raman,,Acme Corp,Senior Data Scientist,14 Mar 2019\n"
    + LEGACY_JON
    + "Tomás,Ruiz,,Umbrella,Chemist,01 Jan 2010\n"
    + "Zoë,Müller,,Initech GmbH,Product Lead,21 Nov 2021\n"
)


def test_an_older_format_export_read_after_a_newer_one_puts_its_roles_in_history(
    ctx: Context, tmp_path: Path
) -> None:
    """Found after the current export: Priya (same employer) and Jonathan (same day he
    connected) are the people the newer export brought in, their roles then go into their
    history; Zoë and a Tomás connected another day elsewhere are someone new."""
    _linkedin(ctx, _export(tmp_path / "new", NEWER))
    before = every_row(ctx)
    older = _linkedin(ctx, _export(tmp_path / "old", OLDER_FORMAT))
    assert (older["created"], older["merged"]) == (2, 2)
    assert [len(_named(ctx, n)) for n in ("Priya Raman", "Jonathan Okafor", "Tomás Ruiz")] == [
        1,
        1,
        2,
    ]
    assert _roles(ctx, "Jonathan Okafor") == [
        ("Stripe", "Director of Engineering", True),
        ("Globex", "Engineering Manager", False),
    ]
    assert _roles(ctx, "Priya Raman") == [
        ("Acme Corp", "Principal Data Scientist", True),
        ("Acme Corp", "Senior Data Scientist", False),
    ]
    assert _congratulations(ctx) == []
    again = _linkedin(ctx, tmp_path / "old" / "Connections.csv")
    assert (again["created"], again["updated"], again["merged"]) == (0, 0, 0)
    undo_batch(ctx, int(again["batch"]))
    undo_batch(ctx, int(older["batch"]))
    assert every_row(ctx) == before
