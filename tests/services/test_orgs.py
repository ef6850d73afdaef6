"""Organizations on both backends."""

from __future__ import annotations

import pytest

from factories import person
from netweave.errors import Ambiguous, Conflict, InvalidInput
from netweave.services.context import Context
from netweave.services.directory import PeopleFilter, list_people
from netweave.services.orgs import (
    add_organization,
    edit_organization,
    list_organizations,
    show_organization,
)
from netweave.services.people import PersonChanges, edit_person


def test_add_list_show(ctx: Context) -> None:
    view = add_organization(ctx, "Initech", domain="Initech.com", industry="Software")
    assert (view["name"], view["domain"], view["people_now"]) == ("Initech", "initech.com", [])
    with pytest.raises(Conflict, match="already exists"):
        add_organization(ctx, "INITECH, Inc.")
    with pytest.raises(InvalidInput):
        add_organization(ctx, " ,. ")
    person(ctx, "Peter Gibbons", company="Initech Inc", title="Programmer")
    person(ctx, "Milton", company="Initech")
    edit_person(ctx, "milton", PersonChanges(company="Chotchkie's"))
    listed = {o["name"]: o["people_now"] for o in list_organizations(ctx)}
    assert listed == {"Initech": 1, "Chotchkie's": 1}
    shown = show_organization(ctx, "initech")
    assert [p["name"] for p in shown["people_now"]] == ["Peter Gibbons"]
    assert [p["name"] for p in shown["alumni"]] == ["Milton"]


def test_edit_renames_and_clears_details(ctx: Context) -> None:
    add_organization(ctx, "Initech", domain="initech.com", industry="Software", note="TPS")
    person(ctx, "Peter Gibbons", company="Initech", title="Programmer")
    view = edit_organization(ctx, "initech", name="Initech Systems", industry="", note=" ")
    assert (view["name"], view["domain"], view["industry"], view["notes"]) == (
        "Initech Systems",
        "initech.com",
        None,
        None,
    )
    assert [p["name"] for p in view["people_now"]] == ["Peter Gibbons"]
    assert show_organization(ctx, "initech systems")["id"] == view["id"]
    found = list_people(ctx, PeopleFilter(text="systems"))
    assert [p["name"] for p in found] == ["Peter Gibbons"]
    edit_organization(ctx, "Initech Systems", name="initech systems")  # its own name, recased
    assert show_organization(ctx, str(view["id"]))["name"] == "initech systems"


def test_edit_refuses_another_organizations_name_and_an_empty_change(ctx: Context) -> None:
    add_organization(ctx, "Initech")
    add_organization(ctx, "Initrode")
    with pytest.raises(Conflict, match="'Initech' already exists"):
        edit_organization(ctx, "Initrode", name="INITECH, Inc.")
    with pytest.raises(InvalidInput, match="nothing to change"):
        edit_organization(ctx, "Initrode")
    with pytest.raises(InvalidInput, match="not an organization name"):
        edit_organization(ctx, "Initrode", name=" ,. ")
    assert sorted(o["name"] for o in list_organizations(ctx)) == ["Initech", "Initrode"]


def test_a_filter_by_part_of_a_name_takes_the_one_organization_it_matches(ctx: Context) -> None:
    person(ctx, "Ana Ruiz", company="Kelp Power")
    person(ctx, "Bo Chen", company="Kelp Forest Labs")
    person(ctx, "Cy Dorn", company="Globex")
    # A name several organizations match is ambiguous, as it is to `orgs show` and `paths`.
    with pytest.raises(Ambiguous) as several:
        list_people(ctx, PeopleFilter(organization="kelp"))
    with pytest.raises(Ambiguous) as shown:
        show_organization(ctx, "kelp")
    assert str(several.value) == str(shown.value)
    assert several.value.exit_code == 2
    assert [c.split(" (#")[0] for c in several.value.candidates] == [
        "Kelp Power",
        "Kelp Forest Labs",
    ]
    assert [p["name"] for p in list_people(ctx, PeopleFilter(organization="Kelp Power"))] == [
        "Ana Ruiz"
    ]
    assert [p["name"] for p in list_people(ctx, PeopleFilter(organization="kelp fo"))] == [
        "Bo Chen"
    ]
    globex = next(o["id"] for o in list_organizations(ctx) if o["name"] == "Globex")
    by_number = list_people(ctx, PeopleFilter(organization=f"#{globex}"))
    assert [p["name"] for p in by_number] == ["Cy Dorn"]
