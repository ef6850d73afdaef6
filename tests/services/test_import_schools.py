"""LinkedIn's Education.csv: the user's own schools, brought in once, undone with their
batch, and what everyone then shares with the user; on SQLite and PostgreSQL."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from factories import person
from netweave.io.records import FormatError
from netweave.services.affiliations import add_affiliation, remove_affiliation
from netweave.services.context import Context
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.people import PersonChanges, edit_person, show_person
from netweave.services.removed import removed_by_hand
from netweave.store import models as m

EXPORT = Path(__file__).resolve().parent.parent / "data" / "linkedin" / "new"
SCHOOLS = [
    ("Universidade de Lisboa", "school", "Bachelor of Science - BS, Computer Engineering",
     [2011, 2014]),
    ("University of Porto", "school", "Master of Science - MS", [2014, 2016]),
    ("Data Engineering Bootcamp Lisbon", "school", None, [2019, None]),
]  # fmt: skip


def _schools(ctx: Context, who: str) -> list[tuple[object, ...]]:
    return [
        (a["community"], a["kind"], a["role"], a["years"])
        for a in show_person(ctx, who)["affiliations"]
    ]


def _count(ctx: Context, model: type[m.Base]) -> int:
    with ctx.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_an_exports_schools_are_the_users_once_and_undone_with_it(ctx: Context) -> None:
    person(ctx, "Lu Lisboa")
    add_affiliation(ctx, "Lu Lisboa", "UNIVERSIDADE DE LISBOA", kind="school", role="BSc")
    first = run_import(ctx, "linkedin", [EXPORT], ImportOptions())
    assert _schools(ctx, "Dana Okafor")[1:] == SCHOOLS[1:]  # Profile.csv's record: the user's
    assert _schools(ctx, "Dana Okafor")[0][0] == "UNIVERSIDADE DE LISBOA"  # one community
    assert show_person(ctx, "Dana Okafor")["is_me"]
    # Lu was at the user's school: shared now, the community one whatever the spelling
    assert show_person(ctx, "Lu Lisboa")["strength_factors"]["shared"] > 0
    assert _count(ctx, m.Community) == 3
    again = run_import(ctx, "linkedin", [EXPORT], ImportOptions())
    assert (again["created"], again["updated"]) == (0, 0)
    assert len(_schools(ctx, "Dana Okafor")) == 3
    undo_batch(ctx, int(again["batch"]))
    undo_batch(ctx, int(first["batch"]))
    assert _count(ctx, m.Affiliation) == 1  # Lu's, typed in by hand
    assert _count(ctx, m.Community) == 1  # the school Lu is in stays
    assert show_person(ctx, "Lu Lisboa")["strength_factors"]["shared"] == 0


def test_schools_go_to_the_own_record_already_here_and_leave_it_on_undo(
    ctx: Context, tmp_path: Path
) -> None:
    person(ctx, "Maya Lindqvist", is_me=True)
    add_affiliation(ctx, "Maya", "University of Porto")  # held, with no role said: not again
    lone = tmp_path / "Education.csv"
    lone.write_bytes((EXPORT / "Education.csv").read_bytes())
    result = run_import(ctx, "linkedin", [lone], ImportOptions())
    assert result["created"] == 2
    assert [s[0] for s in _schools(ctx, "Maya")] == [
        "University of Porto",
        "Universidade de Lisboa",
        "Data Engineering Bootcamp Lisbon",
    ]
    undo_batch(ctx, int(result["batch"]))
    assert [s[0] for s in _schools(ctx, "Maya")] == ["University of Porto"]
    assert _count(ctx, m.Community) == 1


def test_a_row_with_no_degree_is_a_school_held_already_in_any_role(ctx: Context) -> None:
    person(ctx, "Maya Lindqvist", is_me=True)
    add_affiliation(ctx, "Maya", "Data Engineering Bootcamp Lisbon", kind="school", role="Cert")
    result = run_import(ctx, "linkedin", [EXPORT / "Education.csv"], ImportOptions())
    assert (result["created"], result["skipped"]) == (2, 1)
    assert [s[0] for s in _schools(ctx, "Maya")].count("Data Engineering Bootcamp Lisbon") == 1


def test_without_an_own_record_the_schools_are_left_out_and_said(
    ctx: Context, tmp_path: Path
) -> None:
    lone = tmp_path / "Education.csv"
    lone.write_bytes((EXPORT / "Education.csv").read_bytes())
    result = run_import(ctx, "linkedin", [lone], ImportOptions())
    assert result["skipped"] == 3
    [problem] = result["errors"]
    assert problem["error"].startswith("your schools are left out: no record is yours yet")
    assert _count(ctx, m.Affiliation) == _count(ctx, m.Community) == 0


def test_a_school_with_a_bad_year_fails_the_file_unless_bad_rows_are_skipped(
    ctx: Context, tmp_path: Path
) -> None:
    person(ctx, "Maya Lindqvist", is_me=True)
    bad = tmp_path / "Education.csv"
    bad.write_text(
        "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
        "University of Porto,2014,2016,,MS,\n"
        "Old School,1850,1854,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(FormatError) as refused:
        run_import(ctx, "linkedin", [bad], ImportOptions())
    assert str(refused.value).startswith(f"{bad}:3: Old School: from: a year from 1900")
    assert _count(ctx, m.Affiliation) == _count(ctx, m.Community) == 0  # nothing of it
    result = run_import(ctx, "linkedin", [bad], ImportOptions(skip_bad_rows=True))
    assert (result["created"], result["skipped"]) == (1, 1)
    [problem] = result["errors"]
    assert (problem["line"], problem["error"][:21]) == (3, "Old School: from: a y")
    assert [s[0] for s in _schools(ctx, "Maya")] == ["University of Porto"]


def test_schools_left_out_of_a_zip_are_located_in_its_education_csv(
    ctx: Context, tmp_path: Path
) -> None:
    archive = tmp_path / "edu_only.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(EXPORT / "Education.csv", "Education.csv")
    result = run_import(ctx, "linkedin", [archive], ImportOptions())
    [problem] = result["errors"]
    assert (problem["file"], problem["line"]) == (f"{archive}/Education.csv", 2)


def test_a_school_removed_by_hand_stays_out_until_added_by_hand_again(ctx: Context) -> None:
    person(ctx, "Maya Lindqvist", is_me=True)
    lone = [EXPORT / "Education.csv"]
    run_import(ctx, "linkedin", lone, ImportOptions())
    edit_person(ctx, "Maya", PersonChanges(remove_communities=["University of Porto"]))
    held = _schools(ctx, "Maya")
    remove_affiliation(ctx, "Maya", show_person(ctx, "Maya")["affiliations"][0]["id"])
    again = run_import(ctx, "linkedin", lone, ImportOptions())
    assert (again["created"], again["skipped"]) == (0, 3)
    assert _schools(ctx, "Maya") == held[1:]
    add_affiliation(ctx, "Maya", "university of porto", kind="school")  # back by hand
    edit_person(ctx, "Maya", PersonChanges(schools=["Universidade de Lisboa"]))
    with ctx.db.reading() as session:
        assert removed_by_hand(session) == {}
