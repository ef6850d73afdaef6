"""Taking back a "keep apart" on both backends: the pair is proposed again, and what keeps
or moves a pair kept apart (a backup, a forget, a merge and its undo, merges undone newest
first) keeps it right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factories import every_row, person
from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.errors import Conflict, NotFound
from netweave.services.backup import export_json, restore_json
from netweave.services.context import Context, open_context
from netweave.services.duplicates import duplicates
from netweave.services.import_kept import undo_would_remove
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.merge import merge
from netweave.services.merge_review import keep_apart, kept_apart, undo_keep_apart
from netweave.services.people import PersonChanges, edit_person, forget_person

TODAY = dt.date(2026, 6, 15)


def _twins(ctx: Context) -> tuple[int, int]:
    """Two records that look like one person (same name, same employer)."""
    first = person(ctx, "Ada Lovelace", emails=["ada@example.com"], company="Initech")
    second = person(ctx, "Ada Lovelace", emails=["ada@work.example"], company="Initech")
    return int(first["id"]), int(second["id"])


def _proposed(ctx: Context) -> list[tuple[int, int]]:
    return [(p["a"]["id"], p["b"]["id"]) for p in duplicates(ctx)]


def _listed(ctx: Context) -> list[tuple[int, int]]:
    return [(p["a"]["id"], p["b"]["id"]) for p in kept_apart(ctx)]


def test_a_pair_kept_apart_by_mistake_is_proposed_again(ctx: Context) -> None:
    a, b = _twins(ctx)
    keep_apart(ctx, f"#{a}", f"#{b}")
    assert _proposed(ctx) == []
    assert kept_apart(ctx) == [{"a": {"id": a, "name": "Ada Lovelace"},
                                "b": {"id": b, "name": "Ada Lovelace"},
                                "since": TODAY.isoformat()}]  # fmt: skip
    # named in either order, as keeping apart takes them
    result = undo_keep_apart(ctx, f"#{b}", f"#{a}")
    assert (result["a"]["id"], result["b"]["id"], result["kept_apart"]) == (b, a, False)
    assert _proposed(ctx) == [(a, b)]
    assert kept_apart(ctx) == []


def test_only_a_pair_kept_apart_can_be_taken_back(ctx: Context) -> None:
    a, b = _twins(ctx)
    c = int(person(ctx, "Grace Hopper")["id"])
    keep_apart(ctx, f"#{a}", f"#{b}")
    with pytest.raises(NotFound, match=r"Ada Lovelace \(#\d+\) and Grace Hopper .* not kept apart"):
        undo_keep_apart(ctx, f"#{a}", f"#{c}")
    undo_keep_apart(ctx, f"#{a}", f"#{b}")
    with pytest.raises(NotFound, match="not kept apart"):  # twice: nothing left to take back
        undo_keep_apart(ctx, f"#{a}", f"#{b}")
    assert _proposed(ctx) == [(a, b)]


def test_the_pairs_kept_apart_are_listed_latest_first(ctx: Context) -> None:
    a, b = _twins(ctx)
    c = int(person(ctx, "Linus Torvalds", company="Linux Foundation")["id"])
    d = int(person(ctx, "Linus Torvald", company="Linux Foundation")["id"])
    keep_apart(ctx, f"#{a}", f"#{b}")
    later = open_context(Settings(database_url=ctx.db.url), Clock(as_of=TODAY + dt.timedelta(1)))
    try:
        keep_apart(later, f"#{d}", f"#{c}")
    finally:
        later.close()
    assert _listed(ctx) == [(c, d), (a, b)]
    assert [p["since"] for p in kept_apart(ctx)] == ["2026-06-16", "2026-06-15"]
    assert len(kept_apart(ctx, limit=1)) == 1


def test_forgetting_one_of_the_pair_drops_it_from_the_list(ctx: Context) -> None:
    a, b = _twins(ctx)
    keep_apart(ctx, f"#{a}", f"#{b}")
    forget_person(ctx, f"#{b}")
    assert kept_apart(ctx) == []
    with pytest.raises(NotFound):
        undo_keep_apart(ctx, f"#{a}", f"#{b}")


def test_a_pair_kept_apart_follows_a_merge_and_its_undo(ctx: Context) -> None:
    a, b = _twins(ctx)
    other_a = int(person(ctx, "Ada K. Lovelace", emails=["ada@example.com.invalid"])["id"])
    keep_apart(ctx, f"#{a}", f"#{b}")
    batch = merge(ctx, f"#{other_a}", f"#{a}")["batch"]  # A's records are one: #other_a
    assert _listed(ctx) == [tuple(sorted((other_a, b)))]
    # taken back after the merge: the kept record and B are proposed again
    undo_keep_apart(ctx, f"#{other_a}", f"#{b}")
    assert _listed(ctx) == []
    # the merge's undo puts back what was there before it, the pair kept apart among it
    undo_batch(ctx, batch)
    assert _listed(ctx) == [(a, b)]
    assert (a, b) not in _proposed(ctx)


def _graces(ctx: Context) -> tuple[int, int]:
    """Two more records of one person, another than Ada."""
    first = person(ctx, "Grace Hopper", emails=["grace@navy.example"])
    second = person(ctx, "Grace Hopper", emails=["grace@yale.example"])
    return int(first["id"]), int(second["id"])


def test_a_merge_whose_pair_kept_apart_a_later_merge_moved_is_undone_after_it(
    ctx: Context,
) -> None:
    """Ada's second record was kept apart from Grace's: the first merge moves the pair to
    Ada's first record, the second merge (Grace's records) moves it again. The first is
    undone after the second, newest first; then the pairs are those before, one by one."""
    a, b = _twins(ctx)
    g, h = _graces(ctx)
    keep_apart(ctx, f"#{b}", f"#{g}")
    before = every_row(ctx)
    first = merge(ctx, f"#{a}", f"#{b}")["batch"]
    second = merge(ctx, f"#{h}", f"#{g}")["batch"]
    assert _listed(ctx) == [(a, h)]
    with pytest.raises(Conflict, match=rf"merge {first} cannot be undone .*\({second}\)"):
        undo_batch(ctx, first)
    assert _listed(ctx) == [(a, h)]  # nothing changed
    undo_batch(ctx, second)
    undo_batch(ctx, first)
    assert every_row(ctx) == before


def test_a_merge_that_dropped_a_pair_kept_apart_is_undone_after_a_merge_of_the_other(
    ctx: Context,
) -> None:
    """Both of Ada's records were kept apart from Grace: the merge of Ada's keeps one pair
    and drops the other; a later merge of Grace's records moves the one kept. The first
    merge's undo waits for the second's, and then both pairs are back."""
    a, b = _twins(ctx)
    g, h = _graces(ctx)
    keep_apart(ctx, f"#{a}", f"#{g}")
    keep_apart(ctx, f"#{b}", f"#{g}")
    before = every_row(ctx)
    first = merge(ctx, f"#{a}", f"#{b}")["batch"]
    second = merge(ctx, f"#{h}", f"#{g}")["batch"]
    assert _listed(ctx) == [(a, h)]
    with pytest.raises(Conflict, match=rf"\({second}\): undo that first"):
        undo_batch(ctx, first)
    undo_batch(ctx, second)
    undo_batch(ctx, first)
    assert every_row(ctx) == before
    assert sorted(_listed(ctx)) == [(a, g), (b, g)]


def test_an_import_is_undone_after_a_merge_into_someone_it_brought_in(
    ctx: Context, tmp_path: Path
) -> None:
    """Ada came in from an address book; a record of her typed by hand, with nothing but a
    pair kept apart, is merged into her. The import's undo waits for the merge's (undone
    first, it took Ada away, the typed record and its pair with her, for good)."""
    card = tmp_path / "ada.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    imported = run_import(ctx, "vcard", [card], ImportOptions())
    ada = _named_id(ctx, "ada@example.com")
    typed = int(person(ctx, "Ada Lovelace")["id"])
    other = int(person(ctx, "Ada Lovelace", emails=["ada@work.example"])["id"])
    keep_apart(ctx, f"#{typed}", f"#{other}")
    typed_in = every_row(ctx)
    batch = merge(ctx, f"#{ada}", f"#{typed}")["batch"]
    assert _listed(ctx) == [(ada, other)]
    with pytest.raises(Conflict, match=rf"\({batch}\): undo that first"):
        undo_batch(ctx, int(imported["batch"]))
    undo_batch(ctx, batch)
    assert every_row(ctx) == typed_in
    undo_batch(ctx, int(imported["batch"]))
    assert _listed(ctx) == [(typed, other)]


def _named_id(ctx: Context, email: str) -> int:
    from netweave.services.people import show_person

    return int(show_person(ctx, email)["id"])


def test_a_backup_keeps_the_pairs_kept_apart(ctx: Context, tmp_path: Path) -> None:
    a, b = _twins(ctx)
    keep_apart(ctx, f"#{a}", f"#{b}")
    backup = tmp_path / "backup.json"
    export_json(ctx, backup)
    target = open_context(
        Settings(database_url=sqlite_url(tmp_path / "restored.db")), Clock(as_of=TODAY)
    )
    try:
        restore_json(target, backup)
        assert _listed(target) == [(a, b)]
        assert _proposed(target) == []
        undo_keep_apart(target, f"#{a}", f"#{b}")
        assert _proposed(target) == [(a, b)]
    finally:
        target.close()


def _card(name: str, email: str) -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:{email}\r\nEND:VCARD\r\n"


def test_an_undo_takes_the_pairs_kept_apart_of_the_people_it_removes_and_says_so(
    ctx: Context, tmp_path: Path
) -> None:
    """An address book brought in two more Ada Lovelaces, each kept apart from the one typed
    in; the user put one of them in a circle. The undo removes the other, and with them the
    pairs that name them; the pairs of people who both stay (the one in a circle, the two
    typed in) stay, and the undo names the pairs it removed."""
    typed = int(person(ctx, "Ada Lovelace", emails=["ada@work.example"])["id"])
    grace = int(person(ctx, "Grace Hopper", emails=["grace@navy.example"])["id"])
    cards = tmp_path / "ada.vcf"
    cards.write_text(
        _card("Ada Lovelace", "ada@example.com")
        + _card("Ada Lovelace", "ada@home.example")
        # Grace is here already: the card is matched to her, and she stays
        + _card("Grace Hopper", "grace@navy.example"),
        encoding="utf-8",
    )
    imported = run_import(ctx, "vcard", [cards], ImportOptions())
    stays, goes = _named_id(ctx, "ada@example.com"), _named_id(ctx, "ada@home.example")
    for a, b in ((typed, stays), (typed, goes), (stays, goes), (typed, grace)):
        keep_apart(ctx, f"#{a}", f"#{b}")
    edit_person(ctx, f"#{stays}", PersonChanges(circle="close"))
    before = every_row(ctx)
    asked = undo_would_remove(ctx, int(imported["batch"]))  # the page that asks says so first
    assert every_row(ctx) == before
    result = undo_batch(ctx, int(imported["batch"]))
    assert asked == {k: result[k] for k in ("people_removed", "apart_removed")}
    assert result["kept"] == [{"id": stays, "name": "Ada Lovelace"}]
    assert result["people_removed"] == 1
    ada = "Ada Lovelace"
    assert result["apart_removed"] == [
        {"a": {"id": typed, "name": ada}, "b": {"id": goes, "name": ada}},
        {"a": {"id": stays, "name": ada}, "b": {"id": goes, "name": ada}},
    ]
    assert sorted(_listed(ctx)) == [(typed, grace), (typed, stays)]
