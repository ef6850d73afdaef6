"""Merging organizations on both backends: everything moves, the other names stay as
aliases that later imports land on, and the undo restores exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from factories import person, rows_by_key
from netweave.clock import Clock
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services.agenda import agenda
from netweave.services.backup import export_json, restore_json
from netweave.services.context import Context, open_context
from netweave.services.import_undo import list_batches, undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.leads import add_lead, list_leads
from netweave.services.org_merge import merge_organizations, undo_org_merge
from netweave.services.orgs import (
    add_organization,
    edit_organization,
    list_organizations,
    show_organization,
)
from netweave.services.paths import warm_paths
from netweave.services.people import show_person
from netweave.services.targets import add_target, list_targets

EXPORT = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,ada@example.com,Facebook,Engineer,08 Feb 2024
Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,Meta,Recruiter,15 Mar 2025
"""


def _network(ctx: Context, tmp_path: Path) -> None:
    """Ada at Facebook and Grace at Meta (from LinkedIn), Mei at "Meta Platforms, Inc.",
    both Meta and Facebook on the LAMP list, a lead at each."""
    export = tmp_path / "Connections.csv"
    export.write_text(EXPORT, encoding="utf-8")
    run_import(ctx, "linkedin", [export], ImportOptions())
    person(ctx, "Mei Chen", company="Meta Platforms, Inc.", title="Designer")
    edit_organization(ctx, "Facebook", domain="facebook.com", industry="Social media")
    add_target(ctx, "Meta", motivation=1, posting=1, notes="AR glasses")
    add_target(ctx, "Facebook", motivation=3, posting=2, notes="ads")
    add_lead(ctx, "Facebook", "Data engineer")
    add_lead(ctx, "Meta", "Data Engineer")


def test_a_merge_moves_everything_and_keeps_the_names(ctx: Context, tmp_path: Path) -> None:
    _network(ctx, tmp_path)
    meta = show_organization(ctx, "Meta")["id"]
    result = merge_organizations(ctx, "Meta", ["facebook", "Meta Platforms, Inc."])
    assert [(m["name"], m["positions"], m["targets"], m["leads"]) for m in result["merged"]] == [
        ("Facebook", 1, 1, 1),
        ("Meta Platforms, Inc.", 1, 0, 0),
    ]
    assert result["aliases"] == ["Facebook", "Meta Platforms, Inc."]
    assert len(result["similar_leads"]) == 1  # one role, found under two names
    assert [o["name"] for o in list_organizations(ctx)] == ["Meta"]
    shown = show_organization(ctx, "Facebook")  # an alias finds the one kept
    assert shown["id"] == meta
    assert (shown["domain"], shown["industry"]) == ("facebook.com", "Social media")
    assert sorted(p["name"] for p in shown["people_now"]) == [
        "Ada Lovelace",
        "Grace Hopper",
        "Mei Chen",
    ]
    [target] = list_targets(ctx)  # both targets are one, with the higher scores
    assert (target["org"], target["motivation"], target["posting"]) == ("Meta", 3, 2)
    assert {lead["org"] for lead in list_leads(ctx)} == {"Meta"}
    reached = {p["target_person"] for p in warm_paths(ctx, "Meta")}
    assert {"Ada Lovelace", "Mei Chen"} <= reached
    with pytest.raises(Conflict, match="already a target"):
        add_target(ctx, "Facebook")
    with pytest.raises(NotFound, match=f"merged into Meta \\(#{meta}\\)"):
        show_organization(ctx, f"#{result['merged'][0]['id']}")


def test_a_later_import_naming_an_alias_lands_on_the_kept_one(ctx: Context, tmp_path: Path) -> None:
    """Ada's move from "Facebook" to "Meta Platforms" in a newer export is no job change
    once those are Meta's names: no new organization, no congratulation. A newcomer at
    "Facebook" works at Meta."""
    _network(ctx, tmp_path)
    merge_organizations(ctx, "Meta", ["Facebook", "Meta Platforms, Inc."])
    later = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 20)))
    newer = tmp_path / "newer" / "Connections.csv"
    newer.parent.mkdir()
    text = EXPORT.replace("Facebook,Engineer", "Meta Platforms Inc,Engineer") + (
        "Lin,Park,https://www.linkedin.com/in/lin-park,,FACEBOOK,Analyst,01 Jun 2026\n"
    )
    newer.write_text(text, encoding="utf-8")
    result = run_import(later, "linkedin", [newer], ImportOptions())
    assert (result["created"], result["updated"]) == (1, 0)
    assert [o["name"] for o in list_organizations(later)] == ["Meta"]
    assert show_person(later, "lin park")["company"] == "Meta"
    ada = show_person(later, "ada lovelace")
    assert [(p["organization"], p["current"]) for p in ada["positions"]] == [("Meta", True)]
    assert all(i["kind"] != "congratulate" for i in agenda(later)["items"])
    person(later, "Tom Ford", company="facebook inc")  # typed in: Meta too
    assert show_person(later, "tom ford")["company"] == "Meta"


def test_undo_restores_exactly(ctx: Context, tmp_path: Path) -> None:
    _network(ctx, tmp_path)
    person(ctx, "Ada Lovelace", company="Meta", title="Engineer")  # a second record at Meta
    before = rows_by_key(ctx)
    result = merge_organizations(ctx, "Meta", ["Facebook"])
    [merged] = result["merged"]
    add_organization(ctx, "Initech")  # a newer organization: never takes Facebook's id
    assert rows_by_key(ctx) != before
    undo_batch(ctx, merged["batch"])
    after = rows_by_key(ctx)
    initech = after["organization"].pop()
    assert initech["name"] == "Initech"
    assert initech["id"] > merged["id"]
    assert after == before
    assert show_organization(ctx, "Facebook")["id"] == merged["id"]
    with pytest.raises(Conflict, match="already undone"):
        undo_org_merge(ctx, merged["batch"])


def test_undo_waits_for_a_later_merge_of_the_kept_one(ctx: Context, tmp_path: Path) -> None:
    _network(ctx, tmp_path)
    before = rows_by_key(ctx)
    first = merge_organizations(ctx, "Meta", ["Facebook"])["merged"][0]["batch"]
    second = merge_organizations(ctx, "Meta Platforms, Inc.", ["Meta"])["merged"][0]["batch"]
    with pytest.raises(Conflict, match=f"later merges or imports build on .*\\({second}\\)"):
        undo_batch(ctx, first)
    undo_batch(ctx, second)
    undo_batch(ctx, first)
    assert rows_by_key(ctx) == before


def test_an_organization_is_not_merged_into_itself_nor_an_unknown_one(ctx: Context) -> None:
    add_organization(ctx, "Meta")
    add_organization(ctx, "Facebook")
    before = rows_by_key(ctx)
    with pytest.raises(InvalidInput, match=r"cannot merge Meta \(#1\) into itself"):
        merge_organizations(ctx, "Meta", ["Facebook", "meta"])
    with pytest.raises(NotFound, match="no organization matches 'Nowhere Corp'"):
        merge_organizations(ctx, "Meta", ["Nowhere Corp"])
    assert rows_by_key(ctx) == before


def test_a_merge_takes_whole_names_only_and_names_the_close_ones(ctx: Context) -> None:
    add_organization(ctx, "Meta")
    add_organization(ctx, "Facebook")
    before = rows_by_key(ctx)
    for keep, other in (("Meta", "Facebok"), ("Meta", "Face"), ("Met", "Facebook")):
        with pytest.raises(NotFound, match=r"give its whole name or #id \(.*\?\)"):
            merge_organizations(ctx, keep, [other])
    assert rows_by_key(ctx) == before
    assert merge_organizations(ctx, "meta", ["#2"])["merged"][0]["name"] == "Facebook"


def test_a_merge_survives_a_backup_round_trip(ctx: Context, tmp_path: Path) -> None:
    _network(ctx, tmp_path)
    batch = merge_organizations(ctx, "Meta", ["Facebook"])["merged"][0]["batch"]
    backup = tmp_path / "backup.json"
    export_json(ctx, backup)
    restored = open_context(dataclasses.replace(ctx.settings, database_url=_fresh(tmp_path)))
    try:
        restore_json(restored, backup)
        assert rows_by_key(restored) == rows_by_key(ctx)
        assert show_organization(restored, "facebook")["name"] == "Meta"
        undo_batch(restored, batch)  # the undo log came along
        assert sorted(o["name"] for o in list_organizations(restored)) == [
            "Facebook",
            "Meta",
            "Meta Platforms, Inc.",
        ]
    finally:
        restored.close()


def _fresh(tmp_path: Path) -> str:
    """An empty SQLite database at this program's schema."""
    from netweave.config import sqlite_url

    return sqlite_url(tmp_path / "restored.db")


def test_after_a_restore_a_merged_away_id_is_not_given_again(ctx: Context, tmp_path: Path) -> None:
    """The undo puts the organization a merge deleted back under its own id: a restore
    keeps that id from being given to the next organization."""
    from netweave.services.orgs import add_organization

    _network(ctx, tmp_path)
    add_organization(ctx, "Instagram")  # the last id given: the next would be the one after
    merged = merge_organizations(ctx, "Meta", ["Instagram"])["merged"][0]
    backup = tmp_path / "backup.json"
    export_json(ctx, backup)
    restored = open_context(dataclasses.replace(ctx.settings, database_url=_fresh(tmp_path)))
    try:
        restore_json(restored, backup)
        google = add_organization(restored, "Google")
        assert google["id"] != merged["id"]
        undo_batch(restored, merged["batch"])
        assert show_organization(restored, f"#{merged['id']}")["name"] == "Instagram"
    finally:
        restored.close()


def test_undo_after_the_kept_one_took_the_merged_name_says_what_to_do(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.errors import Conflict

    _network(ctx, tmp_path)
    batch = merge_organizations(ctx, "Meta", ["Facebook"])["merged"][0]["batch"]
    edit_organization(ctx, "Meta", name="Facebook")
    before = rows_by_key(ctx)
    with pytest.raises(Conflict, match=r"cannot undo: Facebook \(#\d+\) has the name of Facebook"):
        undo_batch(ctx, batch)
    assert rows_by_key(ctx) == before
    # the list says so before an undo is tried (the Imports page, in place of its Undo)
    [said] = [b["cannot_undo"] for b in list_batches(ctx) if b["batch"] == batch]
    assert said.startswith("cannot undo: Facebook (#")
    assert said.endswith("and undo again")


def test_undo_waits_for_a_later_import_that_read_the_merged_name(
    ctx: Context, tmp_path: Path
) -> None:
    """A later export naming "Facebook" put its people at Meta through the alias: undone
    first, the merge would leave them there, and the same export imported again would
    take their jobs for new ones."""
    _network(ctx, tmp_path)
    merged = merge_organizations(ctx, "Meta", ["Facebook"])["merged"][0]["batch"]
    newer = tmp_path / "newer" / "Connections.csv"
    newer.parent.mkdir()
    newer.write_text(
        EXPORT + "Lin,Park,https://www.linkedin.com/in/lin-park,,Facebook,Analyst,01 Jun 2026\n",
        encoding="utf-8",
    )
    later = run_import(ctx, "linkedin", [newer], ImportOptions())["batch"]
    with pytest.raises(Conflict, match=f"later merges or imports build on .*\\({later}\\)"):
        undo_batch(ctx, merged)
    undo_batch(ctx, later)
    undo_batch(ctx, merged)
    assert show_organization(ctx, "Facebook")["name"] == "Facebook"


def test_a_name_merged_already_says_so(ctx: Context, tmp_path: Path) -> None:
    _network(ctx, tmp_path)
    merge_organizations(ctx, "Meta", ["Facebook"])
    with pytest.raises(InvalidInput, match=r"^Facebook is already merged into Meta \(#\d+\)"):
        merge_organizations(ctx, "Meta", ["Facebook"])
    with pytest.raises(InvalidInput, match=r"into itself"):
        merge_organizations(ctx, "Meta", ["meta"])
