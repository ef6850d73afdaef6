"""``netweave orgs merge``: one employer written several ways becomes one, undone with
``import undo``; mistakes are one line and a non-zero exit."""

from __future__ import annotations


def _meta_three_ways(cli):
    cli.add("Ada Lovelace", "--company", "Facebook", "--title", "Engineer")
    cli.add("Grace Hopper", "--company", "Meta", "--title", "Recruiter")
    cli.add("Mei Chen", "--company", "Meta Platforms, Inc.", "--title", "Designer")
    cli.json("targets", "add", "Facebook", "--motivation", "3")


def test_merge_into_the_kept_name_and_undo(cli):
    _meta_three_ways(cli)
    result = cli.json("orgs", "merge", "Meta", "Facebook", "Meta Platforms, Inc.", "--json")
    assert result["kept"]["name"] == "Meta"
    assert [m["name"] for m in result["merged"]] == ["Facebook", "Meta Platforms, Inc."]
    assert [o["name"] for o in cli.json("orgs", "list")] == ["Meta"]
    shown = cli.json("orgs", "show", "facebook")
    assert shown["aliases"] == ["Facebook", "Meta Platforms, Inc."]
    assert len(shown["people_now"]) == 3
    assert [t["org"] for t in cli.json("targets")] == ["Meta"]
    said = cli("orgs", "show", "Meta")
    assert "Also known as: Facebook, Meta Platforms, Inc." in said.stdout
    for one in reversed(result["merged"]):
        assert cli("import", "undo", str(one["batch"])).exit_code == 0
    assert sorted(o["name"] for o in cli.json("orgs", "list")) == [
        "Facebook",
        "Meta",
        "Meta Platforms, Inc.",
    ]
    assert [t["org"] for t in cli.json("targets")] == ["Facebook"]


def test_the_plain_output_says_what_moved_and_how_to_undo(cli):
    _meta_three_ways(cli)
    out = cli("orgs", "merge", "Meta", "Facebook")
    assert out.exit_code == 0, out.stderr
    assert out.stdout.startswith("Merged Facebook (#1) into Meta (#2): 1 position, 1 target")
    assert out.stdout.splitlines()[-1] == "Undo with `netweave import undo 1`."


def test_a_merge_of_several_says_to_undo_them_newest_first(cli):
    _meta_three_ways(cli)
    out = cli("orgs", "merge", "Meta", "Facebook", "Meta Platforms, Inc.")
    hint = out.stdout.splitlines()[-1]
    assert hint == (
        "Undo them newest first: `netweave import undo 2`, then `netweave import undo 1`."
    )
    for batch in ("2", "1"):  # as the hint says, each works
        assert cli("import", "undo", batch).exit_code == 0


def test_a_rename_to_another_organizations_name_points_to_the_merge(cli):
    _meta_three_ways(cli)
    line = cli.error_line(cli("orgs", "edit", "Facebook", "--name", "meta"))
    assert line.endswith("to make them one: netweave orgs merge 2 1")


def test_mistakes_are_one_line_and_change_nothing(cli):
    _meta_three_ways(cli)
    listed = cli.json("orgs", "list")
    assert "into itself" in cli.error_line(cli("orgs", "merge", "Meta", "Facebook", "meta"))
    assert "no organization matches 'Nowhere'" in cli.error_line(
        cli("orgs", "merge", "Meta", "Nowhere")
    )
    assert "no organization with id 99" in cli.error_line(cli("orgs", "merge", "#99", "Meta"))
    assert cli.json("orgs", "list") == listed
    missing = cli("orgs", "merge", "Meta")
    assert missing.exit_code == 2  # usage: OTHER is required
    cli.json("orgs", "merge", "Meta", "Facebook")
    line = cli.error_line(cli("orgs", "show", "#1"))
    assert line.endswith("no organization with id 1: merged into Meta (#2)")


def test_import_list_names_the_organizations_and_people_merged(cli):
    _meta_three_ways(cli)
    cli.json("orgs", "merge", "Meta", "Facebook")
    cli.add("Ada K. Lovelace", "--email", "ada@home.example")
    cli.json("people", "merge", "Ada Lovelace", "Ada K. Lovelace")
    people, orgs = cli.json("import", "list")
    assert orgs["kind"] == "org-merge"
    assert orgs["source"] == "merge organization #1 into #2"  # as before: a field added
    assert orgs["merge"] == {"kept": {"id": 2, "name": "Meta"},
                             "merged": {"id": 1, "name": "Facebook"}}  # fmt: skip
    assert orgs["description"] == "Facebook (#1) into Meta (#2)"
    assert people["kind"] == "merge"
    assert people["description"] == "Ada K. Lovelace (#4) into Ada Lovelace (#1)"
    shown = cli("import", "list")
    assert shown.exit_code == 0, shown.stderr
    assert "Facebook (#1) into Meta (#2)" in " ".join(shown.stdout.split())
    assert "merge organization #1" not in shown.stdout
    assert cli("import", "undo", str(orgs["batch"])).exit_code == 0
    undone = cli.json("import", "list")[1]  # undone, it still says which two it was
    assert (undone["state"], undone["description"]) == ("undone", "Facebook (#1) into Meta (#2)")
