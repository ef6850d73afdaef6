"""Organizations on both backends."""

from __future__ import annotations

import pytest

from factories import person
from netweave.errors import Conflict, InvalidInput
from netweave.services.context import Context
from netweave.services.orgs import add_organization, list_organizations, show_organization
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
