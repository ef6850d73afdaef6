"""A newer LinkedIn export in which many people moved to the same employer looks that
employer up once, and each person's new role is there."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select

from netweave.clock import Clock
from netweave.services.context import Context
from netweave.services.imports import ImportOptions, run_import
from netweave.store.models import Organization, Position

PEOPLE = 30
HEAD = 'Notes:\n"Some email addresses are missing."\n\n'
COLUMNS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def export(folder: Path, employer: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "Connections.csv"
    rows = "".join(
        f"Friend,No{n},https://www.linkedin.com/in/friend-{n},,{employer},Engineer,01 Feb 2024\n"
        for n in range(PEOPLE)
    )
    path.write_text(HEAD + COLUMNS + rows, encoding="utf-8")
    return path


def test_people_moving_to_one_employer_look_it_up_once(ctx: Context, tmp_path: Path) -> None:
    run_import(ctx, "linkedin", [export(tmp_path / "old", "Initech")], ImportOptions())
    lookups: list[str] = []

    @event.listens_for(ctx.db.engine, "before_cursor_execute")
    def count(*args: Any) -> None:
        statement = args[2]
        if "WHERE organization.normalized_name" in statement:  # a lookup by name
            lookups.append(statement)

    later = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 20)))
    moved = run_import(later, "linkedin", [export(tmp_path / "new", "Stripe")], ImportOptions())
    event.remove(ctx.db.engine, "before_cursor_execute", count)
    assert moved["updated"] == PEOPLE
    assert len(lookups) <= 2  # found missing, then made; it was one a person, PEOPLE
    with ctx.db.reading() as session:
        at_stripe = select(func.count()).select_from(Position).join(Organization)
        stripe = Organization.name == "Stripe"
        assert session.scalar(at_stripe.where(stripe, Position.current.is_(True))) == PEOPLE
