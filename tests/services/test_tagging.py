"""A tag removed or renamed everywhere at once, on both backends."""

from __future__ import annotations

import pytest

from factories import person
from netweave.errors import InvalidInput, NotFound
from netweave.services.context import Context
from netweave.services.directory import PeopleFilter, list_people
from netweave.services.people import PersonChanges, edit_person, search_people, show_person
from netweave.services.preferences import set_tag_cadence
from netweave.services.tagging import joined_cadence, list_tags, remove_tag, rename_tag


def _tags(ctx: Context) -> dict[str, int]:
    return {t["label"]: t["people"] for t in list_tags(ctx)}


def test_a_tag_removed_is_gone_from_everyone_and_from_the_lists(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", tags=["chess", "vip"])
    person(ctx, "Bob Slydell", tags=["chess"])
    edit_person(ctx, "Bob Slydell", PersonChanges(tags=["x"]))
    edit_person(ctx, "Bob Slydell", PersonChanges(remove_tags=["x"]))
    assert _tags(ctx) == {"chess": 2, "vip": 1, "x": 0}
    assert remove_tag(ctx, "X") == {"tag": "x", "people": 0}  # one nobody carries: no question
    # taken from people, it cannot be undone: only when confirmed, and nothing changes before
    with pytest.raises(InvalidInput) as refused:
        remove_tag(ctx, "chess")
    assert str(refused.value) == "would remove tag 'chess' from 2 people; re-run with --yes"
    assert _tags(ctx) == {"chess": 2, "vip": 1}
    assert remove_tag(ctx, "chess", confirmed=True) == {"tag": "chess", "people": 2}
    assert _tags(ctx) == {"vip": 1}
    assert show_person(ctx, "ada")["tags"] == ["vip"]
    assert search_people(ctx, "chess") == []
    with pytest.raises(NotFound, match="no tag 'chess'"):
        remove_tag(ctx, "chess")


def test_a_tag_renamed_keeps_its_people_and_joins_one_of_that_label(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", tags=["friends"])
    person(ctx, "Bob Slydell", tags=["pals", "friends"])
    person(ctx, "Cy Twombly", tags=["pals"])
    set_tag_cadence(ctx, "friends", 30)
    # joined, the two cannot be told apart again: only when confirmed
    with pytest.raises(InvalidInput) as refused:
        rename_tag(ctx, "friends", "Pals")
    assert str(refused.value) == (
        "would join tag 'friends' into 'pals', changing 3 people; cadence: every 30 days, from "
        "'friends' ('pals' has none); re-run with --yes"
    )  # Cy is changed too: 'pals' gets the cadence of 'friends'
    assert _tags(ctx) == {"friends": 2, "pals": 2}
    joined = rename_tag(ctx, "friends", "Pals", confirmed=True)
    assert joined == {"tag": "friends", "renamed_to": "pals", "people": 2, "joined": True,
                      "cadence": 30, "cadences_joined": None, "cadences": [30, None],
                      "carrying": 3, "changed": 3}  # fmt: skip
    assert _tags(ctx) == {"pals": 3}
    assert show_person(ctx, "Cy Twombly")["cadence_days"] == 30
    # a new label loses nothing: no question
    assert rename_tag(ctx, "pals", "buddies")["joined"] is False
    names = [p["name"] for p in list_people(ctx, PeopleFilter(tag="buddies"))]
    assert names == ["Ada Lovelace", "Bob Slydell", "Cy Twombly"]
    with pytest.raises(InvalidInput, match="called 'buddies' already"):
        rename_tag(ctx, "buddies", "Buddies")
    with pytest.raises(InvalidInput, match="cannot be empty"):
        rename_tag(ctx, "buddies", " ")
    with pytest.raises(NotFound):
        rename_tag(ctx, "friends", "mates")


@pytest.mark.parametrize("after", ["remove", "join"])
def test_a_merge_is_undone_after_a_tag_it_moved_is_removed_or_joined(
    ctx: Context, after: str
) -> None:
    from netweave.services.import_undo import undo_batch
    from netweave.services.merge import merge

    person(ctx, "Ada Lovelace", tags=["pals"])
    person(ctx, "Ada L.", tags=["chess"])
    batch = merge(ctx, "Ada Lovelace", "Ada L.")["batch"]
    if after == "remove":
        remove_tag(ctx, "chess", confirmed=True)
    else:
        rename_tag(ctx, "chess", "pals", confirmed=True)
    undo_batch(ctx, batch)
    assert show_person(ctx, "Ada L.")["tags"] == []  # the tag is gone: it stays gone
    assert show_person(ctx, "Ada Lovelace")["tags"] == ["pals"]


def test_a_long_label_not_found_is_echoed_cut(ctx: Context) -> None:
    long = "zed" * 50
    for attempt in (lambda: remove_tag(ctx, long), lambda: rename_tag(ctx, long, "x")):
        with pytest.raises(NotFound) as refused:
            attempt()
        assert str(refused.value) == f"no tag {long[:40]!r}…"


def test_two_tags_joined_keep_the_shorter_cadence_and_say_both(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", tags=["design"])
    person(ctx, "Bob Slydell", tags=["data"])
    set_tag_cadence(ctx, "design", 14)
    set_tag_cadence(ctx, "data", 60)
    due = show_person(ctx, "bob")["next_due"]
    joined = rename_tag(ctx, "design", "data", confirmed=True)
    assert (joined["cadence"], joined["cadences_joined"]) == (14, [14, 60])
    assert show_person(ctx, "bob")["cadence_days"] == 14
    # Bob carried 'data' alone: his check-in comes sooner with its shorter cadence
    assert show_person(ctx, "bob")["next_due"] < due
    set_tag_cadence(ctx, "data", 60)
    person(ctx, "Cy Twombly", tags=["ux"])
    set_tag_cadence(ctx, "ux", 7)
    assert rename_tag(ctx, "data", "ux", confirmed=True)["cadences_joined"] == [60, 7]
    person(ctx, "Di Prince", tags=["misc"])
    quiet = rename_tag(ctx, "misc", "ux", confirmed=True)
    assert (quiet["cadence"], quiet["cadences_joined"]) == (7, None)


def test_a_join_that_changes_nobody_needs_no_confirmation(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", tags=["pals"])
    set_tag_cadence(ctx, "pals", 30)
    person(ctx, "Bob Slydell", tags=["old"])
    edit_person(ctx, "Bob Slydell", PersonChanges(remove_tags=["old"]))
    set_tag_cadence(ctx, "old", 60)  # a longer cadence: 'pals' keeps its own
    joined = rename_tag(ctx, "old", "pals")
    assert (joined["changed"], joined["cadence"], joined["carrying"]) == (0, 30, 1)
    assert _tags(ctx) == {"pals": 1}


@pytest.mark.parametrize(
    ("mine", "theirs", "said"),
    [
        (None, None, "none (neither tag has one)"),
        (14, 60, "every 14 days, the shorter of the two ('a': 14 days, 'b': 60 days)"),
        (30, 30, "every 30 days, as both had"),
        (None, 7, "every 7 days, from 'b' ('a' has none)"),
        (1, None, "every day, from 'a' ('b' has none)"),
    ],
)
def test_the_cadence_a_join_keeps_is_said_with_where_it_comes_from(
    mine: int | None, theirs: int | None, said: str
) -> None:
    assert joined_cadence("a", "b", mine, theirs) == said
