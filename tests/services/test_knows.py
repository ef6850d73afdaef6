"""Who knows whom: recorded edges, and inferred suggestions that are confirmed or dismissed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from factories import past_job, person, talk
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services import knows
from netweave.services.context import Context
from netweave.services.events import add_event, meet
from netweave.services.people import PersonChanges, edit_person
from netweave.store import models as m


def _pairs(found):
    return {frozenset((s["a"], s["b"])) for s in found}


def test_add_list_remove_and_refusals(ctx: Context) -> None:
    person(ctx, "Ana Ruiz")
    person(ctx, "Bo Chen")
    person(ctx, "Me Myself", is_me=True)
    edge = knows.add_knows(
        ctx, "Bo Chen", "Ana Ruiz", context="rowing club", since=dt.date(2020, 5, 1)
    )
    assert (edge["a"], edge["b"], edge["status"]) == ("Ana Ruiz", "Bo Chen", "confirmed")
    assert edge["a_id"] < edge["b_id"]
    assert knows.list_knows(ctx, "Bo") == [edge]
    assert knows.list_knows(ctx) == [edge]
    with pytest.raises(Conflict):
        knows.add_knows(ctx, "Ana Ruiz", "Bo Chen")
    with pytest.raises(InvalidInput):
        knows.add_knows(ctx, "Ana Ruiz", "ana ruiz")
    with pytest.raises(InvalidInput):
        knows.add_knows(ctx, "Ana Ruiz", "Me Myself")
    assert knows.remove_knows(ctx, "Ana Ruiz", "Bo Chen")["context"] == "rowing club"
    assert knows.list_knows(ctx) == []
    with pytest.raises(NotFound):
        knows.remove_knows(ctx, "Ana Ruiz", "Bo Chen")


def _colleagues(ctx: Context) -> None:
    person(ctx, "Me Myself", is_me=True, company="Acme")
    person(ctx, "Ana Ruiz", company="Acme")
    person(ctx, "Bo Chen", company="Acme")
    person(ctx, "Cy Dorn", company="Globex")


def test_same_employer_is_suggested_with_its_reason_and_never_stored(ctx: Context) -> None:
    _colleagues(ctx)
    found = knows.suggestions(ctx)
    assert _pairs(found) == {frozenset(("Ana Ruiz", "Bo Chen"))}  # the user is never in a pair
    assert found[0]["reason"] == "both work at Acme"
    assert 0 < found[0]["confidence"] < 1
    with ctx.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(m.Knows)) == 0


def test_colleagues_who_work_there_now_are_said_to_work_there(ctx: Context) -> None:
    """Undated spells: "both work at" while both are there, "both worked at" once one has
    left (the wording of warm paths)."""
    _colleagues(ctx)
    assert [s["reason"] for s in knows.suggestions(ctx)] == ["both work at Acme"]
    edit_person(ctx, "Bo Chen", PersonChanges(end_job=True))
    assert [s["reason"] for s in knows.suggestions(ctx)] == ["both worked at Acme"]
    past_job(ctx, "Bo Chen", "Acme", None, None)  # an earlier spell there too, and back now
    edit_person(ctx, "Bo Chen", PersonChanges(company="Acme"))
    assert [s["reason"] for s in knows.suggestions(ctx)] == ["both work at Acme"]


def test_overlapping_dates_threads_and_events_add_up(ctx: Context) -> None:
    _colleagues(ctx)
    with ctx.db.transaction() as session:
        ids = dict(session.execute(select(m.Person.display_name, m.Person.id)).tuples().all())
        for pos in session.scalars(select(m.Position)):
            pos.start_date = dt.date(2019 if pos.person_id == ids["Ana Ruiz"] else 2021, 1, 1)
    talk(ctx, "Ana Ruiz", "Bo Chen", on=dt.date(2026, 6, 1), kind="email")
    event = add_event(ctx, "Climate Night", dt.date(2026, 5, 2))
    meet(ctx, str(event["id"]), ["Ana Ruiz", "Cy Dorn"])
    found = {frozenset((s["a"], s["b"])): s for s in knows.suggestions(ctx)}
    pair = found[frozenset(("Ana Ruiz", "Bo Chen"))]
    assert pair["reason"].split("; ") == [
        "at Acme together (2021–now)",
        "together in 1 conversation you logged",
    ]
    assert pair["confidence"] == pytest.approx(1 - 0.4 * 0.7, abs=0.01)
    assert (
        found[frozenset(("Ana Ruiz", "Cy Dorn"))]["reason"] == "both at Climate Night (2026-05-02)"
    )
    assert next(iter(found)) == frozenset(("Ana Ruiz", "Bo Chen"))  # strongest first


def test_separate_stints_are_not_suggested(ctx: Context) -> None:
    _colleagues(ctx)
    with ctx.db.transaction() as session:
        for pos in session.scalars(select(m.Position)):
            pos.start_date = dt.date(2010 + pos.person_id, 1, 1)
            pos.end_date = dt.date(2010 + pos.person_id, 6, 1)
            pos.current = False
    assert knows.suggestions(ctx) == []


def test_confirm_stores_the_evidence_and_dismiss_is_remembered(ctx: Context) -> None:
    _colleagues(ctx)
    person(ctx, "Di Eve", company="Acme")
    edge = knows.confirm(ctx, "Ana Ruiz", "Bo Chen")
    assert (edge["status"], edge["context"]) == ("confirmed", "both work at Acme")
    assert edge.pop("suggested") is True
    assert knows.list_knows(ctx) == [edge]
    knows.dismiss(ctx, "Ana Ruiz", "Di Eve")
    assert _pairs(knows.suggestions(ctx)) == {frozenset(("Bo Chen", "Di Eve"))}
    with pytest.raises(Conflict):
        knows.confirm(ctx, "Bo Chen", "Ana Ruiz")
    with pytest.raises(Conflict):
        knows.dismiss(ctx, "Bo Chen", "Ana Ruiz")
    # Recording the dismissed pair by hand later is the user's call, and wins.
    knows.add_knows(ctx, "Ana Ruiz", "Di Eve")
    with ctx.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(m.DismissedPair)) == 0


def test_a_stored_suggested_edge_is_offered_and_confirming_upgrades_it(ctx: Context) -> None:
    a, b = person(ctx, "Ana Ruiz"), person(ctx, "Bo Chen")
    with ctx.db.transaction() as session:
        session.add(
            m.Knows(person_a_id=a["id"], person_b_id=b["id"], context="maybe", confidence=0.4,
                    status="suggested")
        )  # fmt: skip
    assert [s["reason"] for s in knows.suggestions(ctx)] == ["maybe"]
    assert knows.confirm(ctx, "Ana Ruiz", "Bo Chen", context="rowing")["context"] == "rowing"
    assert knows.suggestions(ctx) == []
    assert [e["status"] for e in knows.list_knows(ctx)] == ["confirmed"]


def test_a_single_year_together_reads_as_one_year() -> None:
    from netweave.services.knows_inference import _overlap

    one = (dt.date(2016, 2, 1), dt.date(2016, 9, 1), False)
    assert _overlap(one, (dt.date(2015, 1, 1), dt.date(2016, 5, 1), False)) == "2016"
    assert _overlap(one, (dt.date(2016, 1, 1), None, True)) == "2016"
    assert _overlap((dt.date(2015, 1, 1), None, True), (dt.date(2014, 1, 1), None, True)) == (
        "2015–now"
    )


def test_one_person_in_two_records_is_no_pair_who_know_each_other(ctx: Context) -> None:
    """Two records, "Ada Lovelace" and "Dr. Ada Lovelace", at one employer are a duplicate for
    `people duplicates`, until the user keeps them apart: then they may well know each other."""
    from netweave.services.merge_review import keep_apart

    _colleagues(ctx)
    person(ctx, "Ada Lovelace", company="Acme")
    person(ctx, "Dr. Ada Lovelace", company="Acme")
    found = _pairs(knows.suggestions(ctx))
    assert frozenset(("Ada Lovelace", "Dr. Ada Lovelace")) not in found
    assert frozenset(("Ana Ruiz", "Ada Lovelace")) in found
    keep_apart(ctx, "Ada Lovelace", "Dr. Ada Lovelace")
    assert frozenset(("Ada Lovelace", "Dr. Ada Lovelace")) in _pairs(knows.suggestions(ctx))


def test_knowing_each_other_since_a_day_to_come_is_refused(ctx: Context) -> None:
    person(ctx, "Ana Ruiz")
    person(ctx, "Bo Chen")
    with pytest.raises(InvalidInput, match="is after today"):
        knows.add_knows(ctx, "Ana Ruiz", "Bo Chen", since=ctx.clock.today() + dt.timedelta(days=1))
    assert knows.list_knows(ctx) == []


def test_the_user_who_went_to_an_event_is_not_among_the_people_met(ctx: Context) -> None:
    from netweave.services.events import list_events, show_event
    from netweave.store.tables import event_attendee

    me = person(ctx, "Me Myself", is_me=True)
    event = add_event(ctx, "PyData", dt.date(2026, 6, 1))
    meet(ctx, "PyData", ["Ana Ruiz"])
    with ctx.db.transaction() as session:  # as the demo has it: the user went too
        session.execute(event_attendee.insert().values(event_id=event["id"], person_id=me["id"]))
    assert [p["name"] for p in show_event(ctx, "PyData")["people"]] == ["Ana Ruiz"]
    assert list_events(ctx)[0]["people"] == 1


def test_one_persons_suggestions_are_theirs_among_everyones(ctx: Context) -> None:
    from factories import knows as tie
    from factories import member
    from netweave.services.knows_inference import MAX_GROUP

    _colleagues(ctx)
    person(ctx, "Dee Fox", company="Globex")
    member(ctx, "Ana Ruiz", "Bayview University")
    member(ctx, "Dee Fox", "Bayview University")
    talk(ctx, "Bo Chen", "Cy Dorn", on=dt.date(2026, 6, 1), kind="email")
    event = add_event(ctx, "Climate Night", dt.date(2026, 5, 2))
    meet(ctx, str(event["id"]), ["Ana Ruiz", "Cy Dorn", "Eve Gray"])
    tie(ctx, "Eve Gray", "Bo Chen", context="same choir", confidence=0.5, status="suggested")
    knows.dismiss(ctx, "Ana Ruiz", "Cy Dorn")
    knows.add_knows(ctx, "Ana Ruiz", "Bo Chen")
    for n in range(MAX_GROUP):  # an employer too large to say anything, for anyone
        person(ctx, f"Crowd {n}", company="Megacorp")
    past_job(ctx, "Dee Fox", "Megacorp", None, None)
    everyone = knows.suggestions(ctx, limit=10_000)
    assert not any("Megacorp" in s["reason"] for s in everyone)
    for name in ("Ana Ruiz", "Bo Chen", "Cy Dorn", "Dee Fox", "Eve Gray", "Crowd 0"):
        with ctx.db.reading() as session:
            pid = session.scalar(select(m.Person.id).where(m.Person.display_name == name))
        theirs = [s for s in everyone if pid in (s["a_id"], s["b_id"])]
        assert knows.suggestions(ctx, limit=10_000, about=name) == theirs, name
    eve = knows.suggestions(ctx, about="Eve Gray")
    assert [(s["a"], s["b"], s["reason"]) for s in eve] == [
        ("Bo Chen", "Eve Gray", "same choir"),  # stored as a suggestion
        ("Ana Ruiz", "Eve Gray", "both at Climate Night (2026-05-02)"),
        ("Cy Dorn", "Eve Gray", "both at Climate Night (2026-05-02)"),
    ]
    assert knows.suggestions(ctx, limit=1, about="Eve Gray") == eve[:1]
    with pytest.raises(NotFound):
        knows.suggestions(ctx, about="Nobody Here")


def test_confirming_a_pair_never_suggested_records_it_and_says_so(ctx: Context) -> None:
    person(ctx, "Ana Ruiz")
    person(ctx, "Bo Chen")
    edge = knows.confirm(ctx, "Ana Ruiz", "Bo Chen")
    assert (edge["status"], edge["context"], edge["suggested"]) == ("confirmed", None, False)
    assert [e["status"] for e in knows.list_knows(ctx)] == ["confirmed"]


def test_whoever_introduced_the_user_to_someone_knows_them(ctx: Context) -> None:
    """The introducer is suggested as knowing the person, and no introduction of the two
    is suggested: they know each other."""
    from netweave.services.intro_suggestions import suggest_intros

    person(ctx, "Me Myself", is_me=True)
    person(ctx, "Al Bee", offers=["Boat building lessons"])
    person(ctx, "Ed Fox", introduced_by="Al Bee", needs=["Boat building lessons"])
    found = knows.suggestions(ctx)
    assert [(s["a"], s["b"], s["reason"]) for s in found] == [
        ("Al Bee", "Ed Fox", "Al Bee introduced you to Ed Fox")
    ]
    assert found[0]["confidence"] == 0.9
    assert knows.suggestions(ctx, about="Ed Fox") == found
    assert suggest_intros(ctx, method="lexical") == []
    edge = knows.confirm(ctx, "Al Bee", "Ed Fox")
    assert (edge["context"], edge["suggested"]) == ("Al Bee introduced you to Ed Fox", True)


def test_how_well_two_people_know_each_other_is_recorded_and_said(ctx: Context) -> None:
    person(ctx, "Ana Ruiz")
    person(ctx, "Bo Chen")
    person(ctx, "Cy Dorn")
    edge = knows.add_knows(ctx, "Ana Ruiz", "Bo Chen", context="Toastmasters", how="slightly")
    assert (edge["confidence"], edge["how"]) == (0.4, "slightly")
    assert knows.add_knows(ctx, "Ana Ruiz", "Cy Dorn")["how"] == "well"
    assert [e["how"] for e in knows.list_knows(ctx)] == ["slightly", "well"]
    with pytest.raises(InvalidInput, match="well or slightly"):
        knows.add_knows(ctx, "Bo Chen", "Cy Dorn", how="very")
    assert knows.confirm(ctx, "Bo Chen", "Cy Dorn", how="slightly")["confidence"] == 0.4
