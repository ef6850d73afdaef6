"""A form's save against the values it showed: what changed elsewhere stays, clashes are found."""

from __future__ import annotations

from netweave.logic.edits import Clash, merge_edit


def test_a_field_left_as_shown_takes_its_value_now() -> None:
    merged, clashes = merge_edit(
        {"title": "Recruiter", "note": "hi"}, {"title": "Recruiter"}, {"title": "Head"}
    )
    assert merged == {"title": "Head", "note": "hi"}
    assert clashes == []


def test_a_field_changed_here_only_is_saved_and_one_changed_in_both_clashes() -> None:
    shown = {"a": "1", "b": "1", "c": "1"}
    merged, clashes = merge_edit(
        {"a": "2", "b": "3", "c": "4"}, shown, {"a": "1", "b": "9", "c": "4"}
    )
    assert merged == {"a": "2", "b": "3", "c": "4"}
    assert clashes == [Clash("b", "9", "3")]  # c: both made the same change, no clash


def test_text_areas_sent_with_cr_lf_and_forms_that_say_nothing() -> None:
    merged, clashes = merge_edit({"n": "x\r\ny "}, {"n": "x\ny"}, {"n": "z"})
    assert (merged, clashes) == ({"n": "z"}, [])
    assert merge_edit({"n": "x"}, None, {"n": "z"}) == ({"n": "x"}, [])
