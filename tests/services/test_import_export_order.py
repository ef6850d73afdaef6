"""How old each LinkedIn export is, on both backends: two of the same latest connection
told apart by their archives' times or by the connections of that day, each file of one
import by its own age, and a role the user typed beside older and newer exports."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from factories import congratulations as _congratulations
from factories import every_row
from factories import import_linkedin as _linkedin
from factories import roles_of as _roles
from netweave.errors import NotFound
from netweave.services.context import Context
from netweave.services.import_undo import undo_batch, undo_refused
from netweave.services.people import PersonChanges, add_person, edit_person
from netweave.store.models import ImportBatch

DATA = Path(__file__).parent.parent / "data" / "linkedin"
HEAD = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\n'
)
COLUMNS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
JON = "Jonathan,Okafor,https://www.linkedin.com/in/jon-okafor-7b2a1,,"
PRIYA = "Priya,Raman,https://www.linkedin.com/in/priyaraman,priya@acme.example,"
TOMAS = "Tomás,Ruiz,https://www.linkedin.com/in/tomasruiz,,,,15 May 2026\n"
ZOE = "Zoë,Müller,https://www.linkedin.com/in/zoe-muller,,Initech GmbH,Product Lead,"


def _connections(*rows: str) -> str:
    return HEAD + COLUMNS + "".join(rows)


#: Jonathan at Globex, then at Stripe: two exports whose latest connection (Tomás) is the
#: same day, 15 May 2026 (no one connected between them).
AT_GLOBEX = _connections(f"{JON}Globex,Engineering Manager,02 Jun 2015\n", TOMAS)
AT_STRIPE = _connections(f"{JON}Stripe,Director of Engineering,02 Jun 2015\n", TOMAS)


def _zip(path: Path, connections: str, made: dt.datetime) -> Path:
    """An export's .zip as LinkedIn sends it (its Profile.csv too), its files written at
    ``made``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("Connections.csv", connections),
            ("Profile.csv", (DATA / "new" / "Profile.csv").read_text(encoding="utf-8")),
        ):
            info = zipfile.ZipInfo(name, date_time=made.timetuple()[:6])
            archive.writestr(info, text.encode("utf-8"))
    return path


def _csv(folder: Path, connections: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "Connections.csv"
    path.write_text(connections, encoding="utf-8")
    return path


GLOBEX = ("Globex", "Engineering Manager")
STRIPE = ("Stripe", "Director of Engineering")
ON_STRIPE = "Congratulate Jonathan Okafor on the new role as Director of Engineering at Stripe"


def test_of_two_exports_of_one_latest_connection_the_archive_written_first_is_older(
    ctx: Context, tmp_path: Path
) -> None:
    """The archive of 1 June read after that of 20 May: Stripe is news. Read the other way
    round, the older archive (20 May) changes no role: Globex goes into the history."""
    may = dt.datetime(2026, 5, 20, 9, 30)
    june = dt.datetime(2026, 6, 1, 8, 0)
    newer = _linkedin(ctx, _zip(tmp_path / "june.zip", AT_STRIPE, june))
    before = every_row(ctx)
    older = _linkedin(ctx, _zip(tmp_path / "may.zip", AT_GLOBEX, may))
    assert _roles(ctx, "Jonathan Okafor") == [(*STRIPE, True), (*GLOBEX, False)]
    assert _congratulations(ctx) == []
    undo_batch(ctx, int(older["batch"]))
    assert every_row(ctx) == before
    undo_batch(ctx, int(newer["batch"]))
    _linkedin(ctx, _zip(tmp_path / "may.zip", AT_GLOBEX, may))
    _linkedin(ctx, _zip(tmp_path / "june.zip", AT_STRIPE, june))
    assert _roles(ctx, "Jonathan Okafor") == [(*STRIPE, True), (*GLOBEX, False)]
    assert _congratulations(ctx) == [ON_STRIPE]


def test_of_two_exports_of_one_latest_connection_the_one_with_more_that_day_is_newer(
    ctx: Context, tmp_path: Path
) -> None:
    """Files that do not say when they were written (a CSV): the export that also holds
    Zoë, who connected later that day, is the newer; the other, read after it, is older."""
    later = AT_STRIPE + f"{ZOE}15 May 2026\n"
    _linkedin(ctx, _csv(tmp_path / "later", later))
    _linkedin(ctx, _csv(tmp_path / "earlier", AT_GLOBEX))
    assert _roles(ctx, "Jonathan Okafor") == [(*STRIPE, True), (*GLOBEX, False)]
    assert _congratulations(ctx) == []


def test_of_two_archives_of_one_time_the_one_named_after_an_earlier_day_is_older(
    ctx: Context, tmp_path: Path
) -> None:
    """Two archives of the same latest connection whose files give one time (or none): the
    day LinkedIn named each after tells them apart. Read the other way round, the older
    changes no role; in one command, whatever the order given, the newer is news."""
    made = dt.datetime(2026, 6, 1, 8, 0)
    june_1 = _zip(tmp_path / "Basic_LinkedInDataExport_06-01-2026.zip", AT_GLOBEX, made)
    june_8 = _zip(tmp_path / "Complete_LinkedInDataExport_06-08-2026.zip.zip", AT_STRIPE, made)
    newer = _linkedin(ctx, june_8)
    older = _linkedin(ctx, june_1)
    assert _roles(ctx, "Jonathan Okafor") == [(*STRIPE, True), (*GLOBEX, False)]
    assert _congratulations(ctx) == []
    undo_batch(ctx, int(older["batch"]))
    undo_batch(ctx, int(newer["batch"]))
    _linkedin(ctx, june_8, june_1)
    assert _roles(ctx, "Jonathan Okafor") == [(*STRIPE, True), (*GLOBEX, False)]
    assert _congratulations(ctx) == [ON_STRIPE]


def test_exports_that_cannot_be_told_apart_leave_the_role_to_the_one_read_last(
    ctx: Context, tmp_path: Path
) -> None:
    """The same latest connection, as many that day, and archives written at one time."""
    made = dt.datetime(2026, 6, 1, 8, 0)
    _linkedin(ctx, _zip(tmp_path / "a.zip", AT_STRIPE, made))
    _linkedin(ctx, _zip(tmp_path / "b.zip", AT_GLOBEX, made))
    assert _roles(ctx, "Jonathan Okafor")[0] == (*GLOBEX, True)


def test_exports_of_one_command_that_cannot_be_told_apart_are_said_read_as_given(
    ctx: Context, tmp_path: Path
) -> None:
    """Named newest first, they are read in that order: the import says so, once, naming
    them; exports told apart by age say nothing of it."""
    newer = _csv(tmp_path / "Cli2", AT_STRIPE)
    older = _csv(tmp_path / "Cli1", AT_GLOBEX)
    summary = _linkedin(ctx, newer, older)
    assert summary["errors"] == [
        {
            "file": f"{newer}, {older}",
            "line": None,
            "error": "these two exports could not be told apart by age: read in the order "
            "given; import them one by one, oldest first, if that is not their order",
        }
    ]
    assert _roles(ctx, "Jonathan Okafor")[0] == (*GLOBEX, True)
    undo_batch(ctx, int(summary["batch"]))
    made = dt.datetime(2026, 6, 1, 8, 0)
    june_1 = _zip(tmp_path / "Basic_LinkedInDataExport_06-01-2026.zip", AT_GLOBEX, made)
    june_8 = _zip(tmp_path / "Basic_LinkedInDataExport_06-08-2026.zip", AT_STRIPE, made)
    assert _linkedin(ctx, june_8, june_1)["errors"] == []


#: An export of 2021 in which Jonathan is at Globex (latest connection: Zoë, 21 Nov 2021),
#: one of 2026 without him (no longer connected), and one of 2023: he is at Stripe.
OF_2021 = _connections(f"{JON}Globex,Engineering Manager,02 Jun 2015\n", f"{ZOE}21 Nov 2021\n")
OF_2026 = _connections(f"{PRIYA}Acme Corp,Principal Data Scientist,14 Mar 2019\n", TOMAS)
OF_2023 = _connections(
    f"{JON}Stripe,Director of Engineering,02 Jun 2015\n",
    "Li,Wei,https://www.linkedin.com/in/li-wei,,Hooli,Engineer,30 Aug 2023\n",
)


def test_each_file_of_one_import_is_as_old_as_its_own_export(ctx: Context, tmp_path: Path) -> None:
    """Jonathan's role came from the export of 2021, imported with one of 2026 in one
    command: the export of 2023 is newer than the one that gave it, and his move to
    Stripe is news (the batch's latest connection, of 2026, is not his export's)."""
    both = _linkedin(ctx, _csv(tmp_path / "2021", OF_2021), _csv(tmp_path / "2026", OF_2026))
    with ctx.db.reading() as session:
        counts = session.scalar(select(ImportBatch.counts).where(ImportBatch.id == both["batch"]))
    assert [f["age"]["latest"] for f in counts["exports"]] == ["2021-11-21", "2026-05-15"]
    before = every_row(ctx)
    mid = _linkedin(ctx, _csv(tmp_path / "2023", OF_2023))
    assert _roles(ctx, "Jonathan Okafor") == [(*STRIPE, True), (*GLOBEX, False)]
    assert _congratulations(ctx) == [ON_STRIPE]
    undo_batch(ctx, int(mid["batch"]))
    assert every_row(ctx) == before


def test_in_one_import_the_newer_file_first_is_read_after_the_older(
    ctx: Context, tmp_path: Path
) -> None:
    """The export of 2023 then that of 2021, in one command: read as if imported one by one
    in the order they were made, 2021 first, so the move to Stripe is news; undone, it takes
    exactly that back."""
    before = every_row(ctx)
    both = _linkedin(ctx, _csv(tmp_path / "2023", OF_2023), _csv(tmp_path / "2021", OF_2021))
    assert _roles(ctx, "Jonathan Okafor") == [(*STRIPE, True), (*GLOBEX, False)]
    assert _congratulations(ctx) == [ON_STRIPE]
    undo_batch(ctx, int(both["batch"]))
    assert every_row(ctx) == before


def test_one_import_of_an_older_and_a_newer_export_is_undone_exactly(
    ctx: Context, tmp_path: Path
) -> None:
    """The export of 2021 then that of 2023, in one command: the move to Stripe is news, and
    the undo takes back all the import brought in. The role the second file gave Jonathan,
    whom the first brought in, is the import's: no change of the user's keeps him."""
    before = every_row(ctx)
    both = _linkedin(ctx, _csv(tmp_path / "2021", OF_2021), _csv(tmp_path / "2023", OF_2023))
    assert _roles(ctx, "Jonathan Okafor") == [(*STRIPE, True), (*GLOBEX, False)]
    assert _congratulations(ctx) == [ON_STRIPE]
    assert undo_batch(ctx, int(both["batch"]))["kept"] == []
    assert every_row(ctx) == before


PLAID = ("Plaid", "VP Engineering")
ON_PLAID = "Congratulate Jonathan Okafor on the new role as VP Engineering at Plaid"


def _typed_plaid(ctx: Context) -> None:
    """The user has heard Jonathan moved to Plaid, and types it."""
    edit_person(ctx, "Jonathan Okafor", PersonChanges(company=PLAID[0], title=PLAID[1]))


def test_a_role_typed_after_a_newer_export_is_not_changed_by_an_older_one(
    ctx: Context, tmp_path: Path
) -> None:
    """Jonathan's role at Stripe came from the export of 2023; the user typed his move to
    Plaid. The export of 2021 read after them changes nothing current (Globex goes into
    his history); a newer export (June 2026: he is at Ramp) is a job change as ever."""
    _linkedin(ctx, _csv(tmp_path / "2023", OF_2023))
    _typed_plaid(ctx)
    before = every_row(ctx)
    older = _linkedin(ctx, _csv(tmp_path / "2021", OF_2021))
    assert _roles(ctx, "Jonathan Okafor") == [
        (*PLAID, True),
        (*STRIPE, False),
        (*GLOBEX, False),
    ]
    assert _congratulations(ctx) == [ON_PLAID]
    undo_batch(ctx, int(older["batch"]))
    assert every_row(ctx) == before
    newest = _connections(f"{JON}Ramp,CTO,02 Jun 2015\n", f"{ZOE}10 Jun 2026\n")
    _linkedin(ctx, _csv(tmp_path / "2026", newest))
    assert sorted(_roles(ctx, "Jonathan Okafor")) == [
        (*PLAID, False),
        ("Ramp", "CTO", True),
        (*STRIPE, False),
    ]
    assert _congratulations(ctx) == [
        "Congratulate Jonathan Okafor on the new role as CTO at Ramp",
    ]


def test_a_role_typed_is_not_changed_by_an_archive_written_before_it_was_typed(
    ctx: Context, tmp_path: Path
) -> None:
    """No LinkedIn import named Jonathan before: his move from Globex to Plaid, typed today
    (15 June), stands against an archive written on 10 June (Stripe goes into his
    history); one written today (he is at Ramp) is news."""
    url = JON.split(",")[2]
    add_person(ctx, PersonChanges(name="Jonathan Okafor", linkedin=url, company="Globex"))
    _typed_plaid(ctx)
    at_stripe = _connections(f"{JON}Stripe,Director of Engineering,02 Jun 2015\n", TOMAS)
    _linkedin(ctx, _zip(tmp_path / "june10.zip", at_stripe, dt.datetime(2026, 6, 10, 9, 0)))
    assert _roles(ctx, "Jonathan Okafor") == [
        (*PLAID, True),
        ("Globex", None, False),
        (*STRIPE, False),
    ]
    assert _congratulations(ctx) == [ON_PLAID]
    at_ramp = _connections(f"{JON}Ramp,CTO,02 Jun 2015\n", TOMAS)
    _linkedin(ctx, _zip(tmp_path / "june15.zip", at_ramp, dt.datetime(2026, 6, 15, 9, 0)))
    assert sorted(_roles(ctx, "Jonathan Okafor")) == [
        ("Globex", None, False),
        (*PLAID, False),
        ("Ramp", "CTO", True),
        (*STRIPE, False),
    ]
    assert _congratulations(ctx) == ["Congratulate Jonathan Okafor on the new role as CTO at Ramp"]


def test_a_first_job_typed_is_not_changed_by_an_archive_written_before_it_was_typed(
    ctx: Context, tmp_path: Path
) -> None:
    """Jonathan was added with his job at Plaid (a first job: no start date); an archive
    written in 2024 that has him at Stripe is older than what the user typed: Stripe goes
    into his history, and no congratulation is planned."""
    url = JON.split(",")[2]
    add_person(
        ctx, PersonChanges(name="Jonathan Okafor", linkedin=url, company=PLAID[0], title=PLAID[1])
    )
    at_stripe = _connections(f"{JON}Stripe,Director of Engineering,02 Jun 2015\n", TOMAS)
    _linkedin(ctx, _zip(tmp_path / "2024.zip", at_stripe, dt.datetime(2024, 1, 10, 9, 0)))
    assert _roles(ctx, "Jonathan Okafor") == [(*PLAID, True), (*STRIPE, False)]
    assert _congratulations(ctx) == []


#: An export of 2026 in which Jonathan is still at Globex: it says again the role of 2021.
STILL_AT_GLOBEX_2026 = _connections(f"{JON}Globex,Engineering Manager,02 Jun 2015\n", TOMAS)


def test_a_newer_export_that_says_a_role_again_makes_it_as_new_as_itself(
    ctx: Context, tmp_path: Path
) -> None:
    """Jonathan at Globex in 2021, and still in 2026: the export of 2023 read after both,
    in which he is at Stripe, is older than the one that last said Globex. Stripe goes
    into his history, with no one to congratulate; the undos take back exactly that."""
    _linkedin(ctx, _csv(tmp_path / "2021", OF_2021))
    first = every_row(ctx)
    still = _linkedin(ctx, _csv(tmp_path / "2026", STILL_AT_GLOBEX_2026))
    assert (still["created"], still["updated"]) == (1, 0)  # Tomás; Globex is no change
    again = _linkedin(ctx, _csv(tmp_path / "2026", STILL_AT_GLOBEX_2026))
    assert (again["created"], again["updated"]) == (0, 0)
    said = every_row(ctx)
    mid = _linkedin(ctx, _csv(tmp_path / "2023", OF_2023))
    assert _roles(ctx, "Jonathan Okafor") == [(*GLOBEX, True), (*STRIPE, False)]
    assert _congratulations(ctx) == []
    undo_batch(ctx, int(mid["batch"]))
    assert every_row(ctx) == said
    undo_batch(ctx, int(again["batch"]))
    undo_batch(ctx, int(still["batch"]))
    assert every_row(ctx) == first


def test_the_older_import_is_undone_alone_after_a_newer_export_said_its_role_again(
    ctx: Context, tmp_path: Path
) -> None:
    """The export of 2026 only says Jonathan's role of 2021 again: it builds on nothing the
    2021 import brought in, so that import is undone on its own; Tomás (2026's) stays."""
    first = _linkedin(ctx, _csv(tmp_path / "2021", OF_2021))
    still = _linkedin(ctx, _csv(tmp_path / "2026", STILL_AT_GLOBEX_2026))
    with ctx.db.reading() as session:
        assert undo_refused(session, session.get(ImportBatch, int(first["batch"]))) is None
    undo_batch(ctx, int(first["batch"]))
    with pytest.raises(NotFound):
        _roles(ctx, "Jonathan Okafor")  # the 2021 import brought him in
    assert _roles(ctx, "Tomás Ruiz") == []
    undone = undo_batch(ctx, int(still["batch"]))
    assert undone["changed_nothing"] is False


def test_an_export_that_says_nothing_new_changes_nothing_its_undo_could_revert(
    ctx: Context, tmp_path: Path
) -> None:
    """The same connections zipped on 20 May, then on 1 June: June's import creates and
    updates nothing, and its undo reverts nothing either."""
    _linkedin(ctx, _zip(tmp_path / "may.zip", AT_GLOBEX, dt.datetime(2026, 5, 20, 9, 0)))
    june = _linkedin(ctx, _zip(tmp_path / "june.zip", AT_GLOBEX, dt.datetime(2026, 6, 1, 9, 0)))
    assert (june["created"], june["updated"]) == (0, 0)
    undone = undo_batch(ctx, int(june["batch"]))
    assert (undone["changed_nothing"], undone["reverted"]) == (True, 0)


def test_a_role_said_again_by_an_export_since_undone_is_as_old_as_before(
    ctx: Context, tmp_path: Path
) -> None:
    """2026 said Globex again, and its import is undone: the export of 2023, read then, is
    newer than the one that gave Globex (2021), and Stripe is news."""
    _linkedin(ctx, _csv(tmp_path / "2021", OF_2021))
    still = _linkedin(ctx, _csv(tmp_path / "2026", STILL_AT_GLOBEX_2026))
    undo_batch(ctx, int(still["batch"]))
    _linkedin(ctx, _csv(tmp_path / "2023", OF_2023))
    assert _roles(ctx, "Jonathan Okafor") == [(*STRIPE, True), (*GLOBEX, False)]
    assert _congratulations(ctx) == [ON_STRIPE]
