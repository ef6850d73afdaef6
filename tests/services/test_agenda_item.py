"""The agenda's entries as the day's list shows them: grouped by person, and counted."""

from __future__ import annotations

from netweave.services.agenda_item import Item, item, to_do_said


def _entry(kind: str, person_id: int | None) -> Item:
    return item(kind, f"P{person_id}" if person_id else None, "why", None, 1.0, person_id=person_id)


def test_the_heading_counts_the_things_and_the_people_they_group_under() -> None:
    assert to_do_said([_entry("check_in", 1)]) == "1 thing to do"
    assert to_do_said([_entry("check_in", 1), _entry("custom", None)]) == "2 things to do"
    grouped = [_entry("lead", 1), _entry("3b7", 1), _entry("check_in", 2), _entry("thanks", 3)]
    assert to_do_said(grouped) == "4 things to do for 3 people"
    assert to_do_said(grouped[:2]) == "2 things to do for 1 person"
    with_tasks = [*grouped, _entry("custom", None)]
    assert to_do_said(with_tasks) == "5 things to do, 4 of them for 3 people"
