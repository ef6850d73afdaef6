"""Merging two records that both name a current job at one employer: one current role,
the title an import would leave standing, the other title in the notes, an exact undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from factories import past_job, person, rows_by_key
from netweave.services.context import Context
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.merge import merge
from netweave.services.people import PersonChanges, edit_person, show_person
from netweave.store.search import search_ids

HEAD = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _linkedin(ctx: Context, tmp_path: Path, title: str) -> int:
    """Lena Fischer as a LinkedIn export gives her: at Gridly, with ``title``; her id."""
    path = tmp_path / "Connections.csv"
    path.write_text(
        f"{HEAD}Lena,Fischer,https://www.linkedin.com/in/lena-f,,Gridly,{title},01 Aug 2026\n",
        encoding="utf-8",
    )
    run_import(ctx, "linkedin", [path], ImportOptions())
    return _newest(ctx)


def _address_book(ctx: Context, tmp_path: Path, title: str) -> int:
    """Lena Fischer as an address book gives her: at Gridly, with ``title``; her id."""
    path = tmp_path / "lena.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Lena Fischer\nN:Fischer;Lena;;;\nORG:Gridly\n"
        f"TITLE:{title}\nEND:VCARD\n",
        encoding="utf-8",
    )
    run_import(ctx, "vcard", [path], ImportOptions())
    return _newest(ctx)


def _newest(ctx: Context) -> int:
    from sqlalchemy import func, select

    from netweave.store.models import Person

    with ctx.db.reading() as session:
        return int(session.scalar(select(func.max(Person.id))) or 0)


def _roles(ctx: Context, pid: int) -> list[tuple[Any, ...]]:
    shown = show_person(ctx, f"#{pid}")
    return sorted((p["organization"], p["title"], p["current"]) for p in shown["positions"])


def test_the_title_you_typed_stands_and_the_imports_goes_to_the_notes(
    ctx: Context, tmp_path: Path
) -> None:
    """A title typed in ("Senior Data Scientist") and LinkedIn's ("Staff Data Scientist"):
    one job, not a past one. An import never rewords a title the user typed, so neither
    does a merge; the import's title is kept in the notes (search finds her by it)."""
    typed = int(person(ctx, "Lena Fischer", company="Gridly", title="Senior Data Scientist")["id"])
    imported = _linkedin(ctx, tmp_path, "Staff Data Scientist")
    before = show_person(ctx, f"#{typed}"), show_person(ctx, f"#{imported}")
    batch = int(merge(ctx, f"#{typed}", f"#{imported}")["batch"])
    assert _roles(ctx, typed) == [("Gridly", "Senior Data Scientist", True)]
    assert show_person(ctx, f"#{typed}")["notes"] == "Also titled Staff Data Scientist at Gridly"
    with ctx.db.reading() as session:
        assert search_ids(session, "staff") == [typed]
    undo_batch(ctx, batch)
    assert (show_person(ctx, f"#{typed}"), show_person(ctx, f"#{imported}")) == before
    # keeping the imported record instead: still the title typed
    merge(ctx, f"#{imported}", f"#{typed}")
    assert _roles(ctx, imported) == [("Gridly", "Senior Data Scientist", True)]
    assert show_person(ctx, f"#{imported}")["notes"] == (
        "Also titled Staff Data Scientist at Gridly"
    )


def test_a_title_that_says_more_stands_with_no_note(ctx: Context, tmp_path: Path) -> None:
    """A title typed in ("Data Scientist") and LinkedIn's ("Staff Data Scientist"): the
    fuller title holds every word of the one typed, so it stands and nothing is noted."""
    typed = int(person(ctx, "Lena Fischer", company="Gridly", title="Data Scientist")["id"])
    imported = _linkedin(ctx, tmp_path, "Staff Data Scientist")
    merge(ctx, f"#{typed}", f"#{imported}")
    assert _roles(ctx, typed) == [("Gridly", "Staff Data Scientist", True)]
    assert show_person(ctx, f"#{typed}")["notes"] is None


def test_linkedins_title_stands_over_an_address_books(ctx: Context, tmp_path: Path) -> None:
    """Two imports word the job otherwise: LinkedIn's (dated) stands over the address
    book's (which goes stale), whichever record is kept and whichever came first."""
    card = _address_book(ctx, tmp_path, "Analyst")
    linked = _linkedin(ctx, tmp_path, "Staff Data Scientist")
    assert card != linked
    batch = int(merge(ctx, f"#{card}", f"#{linked}")["batch"])
    assert _roles(ctx, card) == [("Gridly", "Staff Data Scientist", True)]
    assert show_person(ctx, f"#{card}")["notes"] == "Also titled Analyst at Gridly"
    undo_batch(ctx, batch)
    assert _roles(ctx, card) == [("Gridly", "Analyst", True)]
    assert _roles(ctx, linked) == [("Gridly", "Staff Data Scientist", True)]


def test_the_title_written_last_stands_between_two_of_yours(ctx: Context) -> None:
    """Both titles typed in: the later one is the user's latest word; the job keeps the
    start date the other record knew."""
    other = int(person(ctx, "Lena  Fischer")["id"])
    past_job(ctx, f"#{other}", "Cloudy", dt.date(2022, 3, 1), None, current=True,
             title="Product Owner, Cloud")  # fmt: skip
    keep = int(person(ctx, "Lena Fischer", company="Cloudy", title="Head of Platform")["id"])
    before = show_person(ctx, f"#{keep}"), show_person(ctx, f"#{other}")
    batch = int(merge(ctx, f"#{keep}", f"#{other}")["batch"])
    lena = show_person(ctx, f"#{keep}")
    assert [(p["title"], p["current"], p["start"]) for p in lena["positions"]] == [
        ("Head of Platform", True, "2022-03-01")
    ]
    assert lena["notes"] == "Also titled Product Owner, Cloud at Cloudy"
    undo_batch(ctx, batch)
    assert (show_person(ctx, f"#{keep}"), show_person(ctx, f"#{other}")) == before


def _dated(ctx: Context, pid: int) -> list[tuple[Any, ...]]:
    shown = show_person(ctx, f"#{pid}")
    roles = [(p["organization"], p["title"], p["start"], p["end"], p["current"])
             for p in shown["positions"]]  # fmt: skip
    return sorted(roles, key=str)


def test_a_job_one_record_ended_and_the_other_still_lists_is_one_past_role(
    ctx: Context,
) -> None:
    """Jonathan moved from Globex to Stripe; an address book still has Jon at Globex, with
    the same title: one past role at Globex, from the start the address book knew to the
    end the kept record says, not two. The undo puts every row back as it was."""
    keep = int(person(ctx, "Jonathan Okafor", company="Stripe", title="Director")["id"])
    past_job(ctx, f"#{keep}", "Globex", None, dt.date(2026, 5, 1), title="Engineering Manager")
    other = int(person(ctx, "Jon Okafor")["id"])
    past_job(ctx, f"#{other}", "Globex", dt.date(2021, 3, 1), None, current=True,
             title="engineering  manager")  # fmt: skip
    before = rows_by_key(ctx)
    batch = int(merge(ctx, f"#{keep}", f"#{other}")["batch"])
    assert _dated(ctx, keep) == [
        ("Globex", "Engineering Manager", "2021-03-01", "2026-05-01", False),
        ("Stripe", "Director", None, None, True),
    ]
    assert show_person(ctx, f"#{keep}")["notes"] == f"Merged from #{other}: name Jon Okafor"
    undo_batch(ctx, batch)
    assert rows_by_key(ctx) == before


def test_a_past_job_both_records_list_runs_from_the_earlier_start_to_the_later_end(
    ctx: Context,
) -> None:
    keep = int(person(ctx, "Ann Lee")["id"])
    past_job(ctx, f"#{keep}", "Initech", dt.date(2019, 1, 1), dt.date(2022, 6, 30),
             title="Data Analyst")  # fmt: skip
    other = int(person(ctx, "Ann  Lee")["id"])
    past_job(ctx, f"#{other}", "Initech", dt.date(2018, 5, 1), dt.date(2022, 8, 31),
             title="Data Analyst")  # fmt: skip
    before = rows_by_key(ctx)
    batch = int(merge(ctx, f"#{keep}", f"#{other}")["batch"])
    assert _dated(ctx, keep) == [("Initech", "Data Analyst", "2018-05-01", "2022-08-31", False)]
    undo_batch(ctx, batch)
    assert rows_by_key(ctx) == before


def test_two_stints_or_two_titles_at_one_employer_stay_two_roles(ctx: Context) -> None:
    """Dates that say two stints (one ended before the other began), or two titles, are
    two roles; a current role that stands for the job the kept record names there now is
    not folded into a past one."""
    keep = int(person(ctx, "Ann Lee", company="Stripe", title="Engineer")["id"])
    past_job(ctx, f"#{keep}", "Initech", dt.date(2015, 1, 1), dt.date(2017, 1, 1),
             title="Analyst")  # fmt: skip
    past_job(ctx, f"#{keep}", "Initech", None, dt.date(2019, 1, 1), title="Manager")
    other = int(person(ctx, "Ann  Lee")["id"])
    past_job(ctx, f"#{other}", "Initech", dt.date(2020, 1, 1), None, current=True,
             title="Analyst")  # fmt: skip
    past_job(ctx, f"#{other}", "Initech", None, None, title="Director")
    merge(ctx, f"#{keep}", f"#{other}")
    assert _dated(ctx, keep) == [
        ("Initech", "Analyst", "2015-01-01", "2017-01-01", False),
        ("Initech", "Analyst", "2020-01-01", None, False),
        ("Initech", "Director", None, None, False),
        ("Initech", "Manager", None, "2019-01-01", False),
        ("Stripe", "Engineer", None, None, True),
    ]
    lena = int(person(ctx, "Lena Fischer", company="Cloudy", title="Head of Platform")["id"])
    past_job(ctx, f"#{lena}", "Cloudy", None, dt.date(2020, 1, 1), title="Product Owner")
    twin = int(person(ctx, "Lena  Fischer", company="Cloudy", title="Product Owner")["id"])
    merge(ctx, f"#{lena}", f"#{twin}")  # the title written last stands for the job now
    assert _dated(ctx, lena) == [
        ("Cloudy", "Product Owner", None, "2020-01-01", False),
        ("Cloudy", "Product Owner", None, None, True),
    ]


def test_a_current_job_of_the_other_record_stays_when_the_kept_one_ended_it(
    ctx: Context,
) -> None:
    """Ann left Acme as the kept record says, the other says she works there: she keeps
    a current job at Acme (which is newer is not known), and the ended one as history."""
    person(ctx, "Ann Lee", company="Acme", title="Engineer")
    edit_person(ctx, "#1", PersonChanges(end_job=True))
    person(ctx, "Ann B. Lee", company="Acme", title="Engineer")
    before = rows_by_key(ctx)
    result = merge(ctx, "#1", "#2")
    shown = show_person(ctx, "#1")
    assert (shown["company"], shown["title"]) == ("Acme", "Engineer")
    assert sorted(p["current"] for p in shown["positions"]) == [False, True]
    undo_batch(ctx, int(result["batch"]))
    assert rows_by_key(ctx) == before
