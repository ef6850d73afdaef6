"""An employer's name typed by hand for a lead or a target: read as imports read a company,
and one only close to an organization's refused rather than made beside it."""

from __future__ import annotations

import pytest

from factories import every_row, person
from netweave.errors import NearMatch
from netweave.services.context import Context
from netweave.services.leads import add_lead, edit_lead
from netweave.services.orgs import list_organizations
from netweave.services.targets import add_target


def test_a_legal_form_case_or_accent_finds_the_organization_already_here(ctx: Context) -> None:
    person(ctx, "Dana Smith", company="Acme Inc.")
    person(ctx, "Ann Berg", company="Globex")
    person(ctx, "Zoë Park", company="Société Générale S.A.")
    assert add_lead(ctx, "ACME Corp", "Engineer")["org"] == "Acme Inc."
    assert add_lead(ctx, "acme, llc", "Analyst")["org"] == "Acme Inc."
    assert add_target(ctx, "Globex GmbH")["org"] == "Globex"
    assert add_target(ctx, "societe generale")["org"] == "Société Générale S.A."
    assert add_target(ctx, "#1")["org"] == "Acme Inc."  # by #id too
    assert [o["name"] for o in list_organizations(ctx)] == [
        "Acme Inc.", "Globex", "Société Générale S.A.",
    ]  # fmt: skip


def test_a_name_only_close_to_an_organizations_is_refused_and_changes_nothing(
    ctx: Context,
) -> None:
    person(ctx, "Dana Smith", company="Acme Inc.")
    person(ctx, "Ann Berg", company="Globex")
    lead = add_lead(ctx, "Acme", "Engineer")
    before = every_row(ctx)
    with pytest.raises(NearMatch) as refused:
        add_target(ctx, "Globx")
    assert str(refused.value) == (
        "no organization is named 'Globx' (nearly: Globex #2): to mean it, give its name as "
        "written or its #id; for a new organization of that name, add --new-org; nothing "
        "was changed"
    )
    assert refused.value.said(web=True).endswith(
        "tick “A new organization, even if its name looks like another's”"
    )
    with pytest.raises(NearMatch, match=r"'Acmee' \(nearly: Acme Inc\. #1\)"):
        add_lead(ctx, "Acmee", "Analyst")  # close to "Acme", the name without its legal form
    with pytest.raises(NearMatch, match="'Acmee'"):
        edit_lead(ctx, f"#{lead['id']}", org="Acmee", role="Analyst")
    assert every_row(ctx) == before
    made = add_target(ctx, "Globx", new_org=True)
    assert made["org"] == "Globx"
    assert made["new_org"] == {"name": "Globx", "similar": ["Globex (#2)"]}
    moved = edit_lead(ctx, f"#{lead['id']}", org="Acmee", new_org=True)
    assert moved["org"] == "Acmee"
    assert [o["name"] for o in list_organizations(ctx)] == ["Acme Inc.", "Globex", "Acmee", "Globx"]


def test_a_word_that_only_begins_an_organizations_name_is_an_organization_of_its_own(
    ctx: Context,
) -> None:
    person(ctx, "Dana Smith", company="Metaswitch")
    person(ctx, "Ann Berg", company="Amazon Web Services")
    assert add_target(ctx, "Meta")["org"] == "Meta"  # not a slip for Metaswitch
    with pytest.raises(NearMatch, match="Amazon Web Services #2"):
        add_target(ctx, "Amazon")  # every word of it is a word of that name
    assert sorted(o["name"] for o in list_organizations(ctx)) == [
        "Amazon Web Services", "Meta", "Metaswitch",
    ]  # fmt: skip
