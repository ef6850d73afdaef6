"""The web forms' limits are the columns' lengths, on both backends: a value as long as a
form takes is saved, and the form refuses one character more before the database would."""

from __future__ import annotations

import pydantic
import pytest

from factories import person
from netweave.services.context import Context
from netweave.services.orgs import add_organization, edit_organization, show_organization
from netweave.services.people import PersonChanges, edit_person, show_person
from netweave.web.forms import OrgEditIn, PersonEditIn, lengths, within_limits


def test_a_person_as_long_as_the_edit_form_takes_is_saved(ctx: Context) -> None:
    person(ctx, "Ada Lovelace")
    most = lengths(PersonEditIn)
    typed = {f: "p" * most[f] for f in ("location", "pronouns", "headline")}
    within_limits(PersonEditIn, typed)
    edit_person(ctx, "Ada Lovelace", PersonChanges(**typed))
    shown = show_person(ctx, "Ada Lovelace")
    assert {f: shown[f] for f in typed} == typed
    for field, value in typed.items():
        with pytest.raises(pydantic.ValidationError, match=field):
            within_limits(PersonEditIn, {field: value + "p"})


def test_an_organization_as_long_as_the_edit_form_takes_is_saved(ctx: Context) -> None:
    add_organization(ctx, "Globex")
    most = lengths(OrgEditIn)
    domain = ".".join(["d" * 61] * 4) + ".com"  # as long as a domain is (253 at most)
    assert most["domain"] >= len(domain)
    typed = {"domain": domain, "industry": "i" * most["industry"],
             "location": "l" * most["location"]}  # fmt: skip
    within_limits(OrgEditIn, typed)
    edit_organization(ctx, "Globex", **typed)
    shown = show_organization(ctx, "Globex")
    assert {f: shown[f] for f in typed} == typed
    for field, value in typed.items():
        with pytest.raises(pydantic.ValidationError, match=field):
            within_limits(OrgEditIn, {field: value + "x" * (most[field] - len(value) + 1)})
