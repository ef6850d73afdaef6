"""``netweave tags``: a tag removed or renamed for everyone, on SQLite and PostgreSQL."""

from __future__ import annotations


def _tags(cli, *labels: str) -> dict[str, int]:
    """How many people carry each tag there is of ``labels`` (as `tags list` has them), and
    how many tags there are in all (``"all"``)."""
    listed = cli.json("tags", "list")
    carrying = {t["label"]: t["people"] for t in listed if t["label"] in labels}
    return carrying | {"all": len(listed)}


def test_tags_are_listed_with_their_people_and_cadence(cli):
    assert cli("tags", "list").stdout.startswith("No tags yet")
    assert cli.json("tags", "list") == []
    cli.add("Ada Lovelace", "--tag", "Mentors", "--tag", "alumni")
    cli.add("Bob Slydell", "--tag", "alumni")
    cli("tags", "cadence", "alumni", "30")
    cli("tags", "cadence", "mentors", "1")
    assert cli.json("tags", "list") == [
        {"label": "alumni", "people": 2, "cadence_days": 30},
        {"label": "mentors", "people": 1, "cadence_days": 1},
    ]
    shown = cli("tags", "list")
    assert shown.exit_code == 0, shown.stderr
    lines = [" ".join(line.split()) for line in shown.stdout.splitlines()]
    assert "alumni 2 every 30 days" in lines
    assert "mentors 1 every day" in lines


def test_a_tag_is_removed_or_renamed_for_everyone_only_with_yes(cli):
    cli.add("Ada Lovelace", "--tag", "friends", "--tag", "x")
    cli.add("Bob Slydell", "--tag", "pals")
    # a join cannot be undone: said, refused, nothing changed
    for json_out in ((), ("--json",)):
        line = cli.error_line(cli("tags", "rename", "friends", "pals", *json_out))
        assert line == (
            "netweave: error: would join tag 'friends' into 'pals', changing 1 person; cadence: "
            "none (neither tag has one); re-run with --yes"
        )
        assert _tags(cli, "friends", "pals", "x") == {"friends": 1, "pals": 1, "x": 1, "all": 3}
    renamed = cli("tags", "rename", "friends", "pals", "--yes")
    assert renamed.exit_code == 0, renamed.stderr
    assert renamed.stdout == (
        "Joined the tag 'friends' (1 person) into 'pals', which 2 people carry now; cadence: "
        "none (neither tag has one).\n"
    )
    assert cli.names("--tag", "pals") == ["Ada Lovelace", "Bob Slydell"]
    cli("tags", "cadence", "pals", "60")
    cli.add("Cy Twombly", "--tag", "design")
    cli("tags", "cadence", "design", "14")
    cadence = "every 14 days, the shorter of the two ('design': 14 days, 'pals': 60 days)"
    line = cli.error_line(cli("tags", "rename", "design", "pals"))
    # Ada and Bob are changed too: 'pals' takes the shorter cadence
    assert line == (
        f"netweave: error: would join tag 'design' into 'pals', changing 3 people; cadence: "
        f"{cadence}; re-run with --yes"
    )
    assert cli("tags", "rename", "design", "pals", "--yes").stdout == (
        f"Joined the tag 'design' (1 person) into 'pals', which 3 people carry now; cadence: "
        f"{cadence}.\n"
    )
    assert cli.json("people", "show", "bob")["cadence_days"] == 14
    line = cli.error_line(cli("tags", "remove", "x"))
    assert line == "netweave: error: would remove tag 'x' from 1 person; re-run with --yes"
    assert cli.json("people", "show", "ada")["tags"] == ["pals", "x"]
    removed = cli("tags", "remove", "x", "--yes")
    assert removed.stdout == "Removed the tag 'x': taken from 1 person.\n"
    assert cli.json("people", "show", "ada")["tags"] == ["pals"]
    assert cli.json("people", "show", "ada")["cadence_days"] == 14
    missing = cli("tags", "remove", "x", "--yes")
    assert (missing.exit_code, missing.stderr) == (1, "netweave: error: no tag 'x'\n")


def test_a_new_label_or_a_tag_nobody_carries_needs_no_yes(cli):
    cli.add("Ada Lovelace", "--tag", "friends", "--tag", "gone")
    cli("people", "edit", "ada", "--remove-tag", "gone")
    assert cli.json("tags", "rename", "friends", "pals") == {
        "tag": "friends", "renamed_to": "pals", "people": 1, "joined": False, "cadence": None,
        "cadences_joined": None,
    }  # fmt: skip
    assert cli.json("tags", "remove", "gone") == {"tag": "gone", "people": 0}
    assert _tags(cli, "pals") == {"pals": 1, "all": 1}
