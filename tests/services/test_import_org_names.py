"""An organization an import makes is named as its rows write it best: "Google", though
the first row wrote "google"."""

from __future__ import annotations

from pathlib import Path

import pytest

from netweave.services import import_apply
from netweave.services.context import Context
from netweave.services.imports import ImportOptions, run_import
from netweave.services.orgs import list_organizations

HEADER = 'Notes:\n"x"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n'


def _import(ctx: Context, tmp_path: Path, companies: list[str]) -> None:
    rows = "".join(
        f"P,{n},https://www.linkedin.com/in/p-{n},,{company},Engineer,08 Feb 2026\n"
        for n, company in enumerate(companies)
    )
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    run_import(ctx, "linkedin", [path], ImportOptions())


@pytest.mark.parametrize("buffered", [True, False])
def test_a_name_written_in_lower_case_first_takes_its_capitals_later(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, buffered: bool
) -> None:
    if not buffered:  # each row written alone: the name is bettered after it was written
        monkeypatch.setattr(import_apply, "BUFFER", 1)
    _import(ctx, tmp_path, ["google", "GOOGLE", "Google", "acme corp", "Microsoft Corp"])
    names = sorted(org["name"] for org in list_organizations(ctx))
    assert names == ["Google", "Microsoft Corp", "acme corp"]  # only a better one replaces


def test_a_name_the_user_has_is_not_changed_by_an_import(ctx: Context, tmp_path: Path) -> None:
    _import(ctx, tmp_path, ["initech"])
    _import(ctx, tmp_path / ".." / tmp_path.name, ["Initech"])  # a later import
    assert [org["name"] for org in list_organizations(ctx)] == ["initech"]
