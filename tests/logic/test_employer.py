"""A status typed where an employer goes ("Freelance", "Retired", "N/A") is no employer."""

from __future__ import annotations

import pytest

from netweave.logic.employer import is_employer, work_line
from netweave.logic.intro_messages import Side


@pytest.mark.parametrize(
    "name",
    ["Freelance", "freelancer", "Self-employed", "SELF EMPLOYED", "Independent", "Retired",
     "Unemployed", "Student", "Stealth", "Stealth startup", "Stealth Startup Inc.",
     "Open to work", "None", "N/A", "n.a.", "-", "—"],
)  # fmt: skip
def test_a_status_is_not_an_employer(name: str) -> None:
    assert not is_employer(name)


@pytest.mark.parametrize("name", ["Initrode", "Acme, Inc.", "Independent Bank", "Stealth Labs"])
def test_an_organization_is_an_employer(name: str) -> None:
    assert is_employer(name)


def test_work_reads_at_an_employer_and_beside_a_status() -> None:
    assert work_line("Photographer", "Initrode") == "Photographer at Initrode"
    assert work_line("Former plant manager", "Retired") == "Former plant manager, Retired"
    assert work_line(None, "Freelance") == "Freelance"
    assert work_line("Photographer", None) == "Photographer"
    assert work_line(None, None) == ""
    side = Side("Chloe Martin", "Chloe", "UX designer", "Freelance")
    assert side.described() == "Chloe Martin (UX designer, Freelance)"
