"""A tag removed or renamed everywhere at once, on both backends."""

from __future__ import annotations

import pytest

from factories import person
from netweave.errors import InvalidInput, NotFound
from netweave.services.context import Context
from netweave.services.directory import PeopleFilter, list_people
from netweave.services.people import PersonChanges, edit_person, search_people, show_person
from netweave.services.preferences import set_tag_cadence
from netweave.services.tagging import list_tags, remove_tag, rename_tag


def _tags(ctx: Context) -> dict[str, int]:
    return {t["label"]: t["people"] for t in list_tags(ctx)}


def test_a_tag_removed_is_gone_from_everyone_and_from_the_lists(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", tags=["chess", "vip"])
    person(ctx, "Bob Slydell", tags=["chess"])
    edit_person(ctx, "Bob Slydell", PersonChanges(tags=["x"]))
    edit_person(ctx, "Bob Slydell", PersonChanges(remove_tags=["x"]))
    assert _tags(ctx) == {"chess": 2, "vip": 1, "x": 0}
    assert remove_tag(ctx, "X") == {"tag": "x", "people": 0}  # one nobody carries
    assert remove_tag(ctx, "chess") == {"tag": "chess", "people": 2}
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
    joined = rename_tag(ctx, "friends", "Pals")
    assert joined == {"tag": "friends", "renamed_to": "pals", "people": 2, "joined": True,
                      "cadence": 30, "cadences_joined": None}  # fmt: skip
    assert _tags(ctx) == {"pals": 3}
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
        remove_tag(ctx, "chess")
    else:
        rename_tag(ctx, "chess", "pals")
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
    joined = rename_tag(ctx, "design", "data")
    assert (joined["cadence"], joined["cadences_joined"]) == (14, [14, 60])
    assert show_person(ctx, "bob")["cadence_days"] == 14
    set_tag_cadence(ctx, "data", 60)
    person(ctx, "Cy Twombly", tags=["ux"])
    set_tag_cadence(ctx, "ux", 7)
    assert rename_tag(ctx, "data", "ux")["cadences_joined"] == [60, 7]
    person(ctx, "Di Prince", tags=["misc"])
    quiet = rename_tag(ctx, "misc", "ux")
    assert (quiet["cadence"], quiet["cadences_joined"]) == (7, None)
