"""A company typed as "Freelance", "Retired" or "Stealth startup" is kept, but it is no
employer: nobody is inferred to know anyone by it, no warm path runs through it, it is no
target, no congratulation is planned for it and nobody is "at" it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from factories import past_job, person, talk
from netweave.clock import Clock
from netweave.errors import InvalidInput
from netweave.services import knows
from netweave.services.context import Context
from netweave.services.duplicates import duplicates
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.paths import warm_paths
from netweave.services.people import PersonChanges, edit_person, show_person
from netweave.services.targets import add_target, list_targets
from netweave.services.tasks import list_tasks

D = dt.date


def _pairs(found: list[dict]) -> set[frozenset[str]]:
    return {frozenset((s["a"], s["b"])) for s in found}


def test_two_freelancers_are_not_inferred_to_know_each_other(ctx: Context) -> None:
    person(ctx, "Me Myself", is_me=True)
    person(ctx, "Chloe Martin", company="Freelance", title="UX designer")
    person(ctx, "Lina Haddad", company="freelance", title="Photographer")
    person(ctx, "Sam Reed", company="Self-employed")
    person(ctx, "Tia Oduya", company="Self employed")
    person(ctx, "Uma Ross", company="Stealth Startup Inc.")
    person(ctx, "Vic Stone", company="Stealth startup")
    person(ctx, "Ana Ruiz", company="Acme")
    person(ctx, "Bo Chen", company="Acme")
    found = knows.suggestions(ctx)
    assert _pairs(found) == {frozenset(("Ana Ruiz", "Bo Chen"))}, found
    assert [s["reason"] for s in found] == ["both work at Acme"]


def test_no_warm_path_runs_through_a_status(ctx: Context) -> None:
    """Ana and Mei were both self-employed at the same time: that makes them no colleagues."""
    person(ctx, "Ada Lovelace", is_me=True)
    person(ctx, "Ana Ruiz")
    past_job(ctx, "Ana Ruiz", "Self-employed", D(2018, 1, 1), D(2022, 1, 1))
    talk(ctx, "Ana Ruiz", on=D(2026, 6, 1), kind="coffee")
    person(ctx, "Mei Chen", company="Initrode")
    past_job(ctx, "Mei Chen", "Self-employed", D(2019, 1, 1), D(2021, 1, 1))
    reasons = [p["reason"] for p in warm_paths(ctx, "Initrode", limit=50)]
    assert reasons
    assert not any("Self-employed" in r for r in reasons), reasons
    assert all(p["hops"] == [] for p in warm_paths(ctx, "Initrode", limit=50))
    with pytest.raises(InvalidInput, match="Self-employed is a status, not an employer"):
        warm_paths(ctx, "self-employed")


def test_a_status_is_not_a_target(ctx: Context) -> None:
    person(ctx, "Chloe Martin", company="Freelance")
    with pytest.raises(InvalidInput, match="Freelance is a status, not an employer"):
        add_target(ctx, "Freelance")
    with pytest.raises(InvalidInput, match="Open to work is a status"):
        add_target(ctx, "Open to work")
    assert list_targets(ctx) == []


def test_retiring_plans_no_congratulation_on_a_new_role(ctx: Context) -> None:
    person(ctx, "Carlos Mendes", company="Initrode", title="Plant manager")
    edit_person(ctx, "Carlos Mendes", PersonChanges(company="Retired"))
    assert [t for t in list_tasks(ctx) if t["kind"] == "congratulate"] == []
    view = show_person(ctx, "Carlos Mendes")
    assert view["company"] == "Retired"  # kept as typed: what they said of themselves
    edit_person(ctx, "Carlos Mendes", PersonChanges(company="Globex"))
    (task,) = [t for t in list_tasks(ctx) if t["kind"] == "congratulate"]
    assert task["title"].endswith("at Globex")


def test_two_records_alike_are_not_both_at_freelance(ctx: Context) -> None:
    """A shared employer lowers the bar for two records of one person and is named in the
    reason; a shared status is neither."""
    person(ctx, "Zoe Martinez", company="Freelance")
    person(ctx, "Zoe Martinez", company="freelance", emails=["zoe@example.com"])
    (pair,) = duplicates(ctx)
    assert "Freelance" not in pair["reason"], pair


def test_a_congratulation_goes_when_the_new_role_it_names_ends(ctx: Context) -> None:
    """A congratulation is on a new role: once that role has ended with no new employer
    to follow ("Retired", or no current job), there is nothing left to congratulate."""

    def cheers() -> list[str]:
        return [t["title"] for t in list_tasks(ctx) if t["kind"] == "congratulate"]

    person(ctx, "Jo Change", company="Initech", title="Dev")
    edit_person(ctx, "Jo Change", PersonChanges(company="Hooli", title="Staff Engineer"))
    assert cheers() == ["Congratulate Jo Change on the new role as Staff Engineer at Hooli"]
    edit_person(ctx, "Jo Change", PersonChanges(company="Retired"))
    assert cheers() == []
    person(ctx, "Al Mover", company="Initech")
    edit_person(ctx, "Al Mover", PersonChanges(company="Hooli"))
    edit_person(ctx, "Al Mover", PersonChanges(end_job=True))  # no current job any more
    assert cheers() == []
    # moving on to another employer follows the newer role instead (one congratulation)
    edit_person(ctx, "Jo Change", PersonChanges(company="Globex"))
    edit_person(ctx, "Jo Change", PersonChanges(company="Umbrella"))
    assert cheers() == ["Congratulate Jo Change on the new role at Umbrella"]


def test_an_import_that_ends_the_new_role_takes_its_congratulation_back(
    ctx: Context, tmp_path: Path
) -> None:
    head = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    row = "Jo,Change,https://www.linkedin.com/in/jo-change,,{},08 Feb 2024\n"

    def export(day: dt.date, role: str) -> dict[str, Any]:
        path = tmp_path / day.isoformat() / "Connections.csv"
        path.parent.mkdir()
        path.write_text(head + row.format(role), encoding="utf-8")
        then = dataclasses.replace(ctx, clock=Clock(as_of=day))
        return run_import(then, "linkedin", [path], ImportOptions())

    def cheers() -> list[tuple[str, bool]]:
        return [(t["title"], t["done"]) for t in list_tasks(ctx, include_done=True)]

    export(D(2026, 6, 1), "Initech,Dev")
    export(D(2026, 6, 8), "Hooli,Staff Engineer")
    planned = [("Congratulate Jo Change on the new role as Staff Engineer at Hooli", False)]
    assert cheers() == planned
    retired = export(D(2026, 6, 12), "Retired,")
    assert show_person(ctx, "Jo Change")["company"] == "Retired"
    assert cheers() == []
    undo_batch(ctx, int(retired["batch"]))  # the undo puts it back as it was
    assert cheers() == planned
