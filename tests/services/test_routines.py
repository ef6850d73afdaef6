"""Agenda routines on both backends: ranking, giving back, 3B7, dormant ties, events, tasks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from sqlalchemy import update

from factories import person, refresh_day, talk
from netweave.clock import Clock
from netweave.errors import Ambiguous, Conflict, InvalidInput, NotFound
from netweave.logic.wording import weekday
from netweave.services import events, preferences, tasks
from netweave.services.agenda import CHECK_INS_PER_DAY, agenda
from netweave.services.context import Context
from netweave.services.people import search_people, show_person
from netweave.services.routines import (
    FOLLOW_UPS_PER_DAY,
    GIVE_BACK_WINDOW_DAYS,
    GIVE_REST_DAYS,
    GIVE_SHOWN_DAYS,
    OUTREACH_WINDOW_DAYS,
)
from netweave.store.models import Event, Organization, Target

D = dt.date
MONDAY = D(2026, 6, 1)


def _at(ctx: Context, day: dt.date) -> Context:
    return dataclasses.replace(ctx, clock=Clock(as_of=day))


def _kinds(ctx: Context) -> list[tuple[str, str | None]]:
    return [(i["kind"], i["person"]) for i in agenda(ctx)["items"]]


def test_check_ins_rank_target_employers_first_and_stay_short(ctx: Context) -> None:
    for n in range(CHECK_INS_PER_DAY + 3):
        person(ctx, f"Person {n:02d}", circle="close", met_on=D(2026, 1, 1))
    person(ctx, "Zed Target", circle="close", company="Initech", met_on=D(2026, 4, 1))
    with ctx.db.transaction() as session:
        org = session.query(Organization).filter_by(name="Initech").one()
        session.add(Target(organization_id=org.id, motivation=3, posting=1))
    items = [i for i in agenda(ctx)["items"] if i["kind"] == "check_in"]
    assert len(items) == CHECK_INS_PER_DAY
    assert items[0]["person"] == "Zed Target"
    assert "target employers" in items[0]["reason"]


def test_among_equal_gains_the_most_overdue_check_ins_are_shown(ctx: Context) -> None:
    """Connections never talked with all gain the same (lateness capped): the day's eight
    are the eight due longest, not the first eight added."""
    for n in range(CHECK_INS_PER_DAY + 2):
        # the last added was met first: the most overdue
        person(ctx, f"Person {n:02d}", circle="wide", met_on=D(2019, 12 - n, 1))
    shown = {i["person"] for i in agenda(ctx)["items"] if i["kind"] == "check_in"}
    assert shown == {f"Person {n:02d}" for n in range(2, CHECK_INS_PER_DAY + 2)}


def test_a_close_contact_a_few_days_overdue_ranks_above_old_connections_never_met(
    ctx: Context,
) -> None:
    """Connections of years ago never talked with are "late" since the day they connected;
    that lateness counts a month at most, so a close tie a few days overdue comes first."""
    for n in range(3):
        person(ctx, f"Old Connection {n}", circle="active", met_on=D(2019, 3, 1))
    person(ctx, "Lena Fischer", circle="inner", met_on=D(2025, 1, 1))
    for week in range(12):  # weekly one-to-ones until 19 days ago: 5 days past a fortnight
        talk(ctx, "lena", on=D(2026, 5, 27) - dt.timedelta(weeks=week), kind="coffee")
    ranked = [i["person"] for i in agenda(ctx)["items"] if i["kind"] == "check_in"]
    assert ranked[0] == "Lena Fischer", ranked
    assert len(ranked) == 4


def test_give_back_when_only_taking(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", needs=["Looking for a publisher for her notes"])
    talk(ctx, "ada", on=D(2026, 6, 14), asked=["advice"], received=["information"])
    give = [i for i in agenda(ctx)["items"] if i["kind"] == "give"]
    assert [g["person"] for g in give] == ["Ada Lovelace"]
    assert give[0]["reason"].endswith("— they are looking for a publisher for her notes")
    talk(ctx, "ada", on=D(2026, 6, 15), gave=["introduction"])
    assert all(i["kind"] != "give" for i in agenda(ctx)["items"])


def test_give_back_says_what_is_known_of_the_person_in_one_sentence(ctx: Context) -> None:
    """Their need runs into the sentence, written small when it opens with an ordinary
    word; without one, what they care about; without either, the usual gifts."""
    person(ctx, "Carla Diaz", needs=["Candidates for data science roles"])
    person(ctx, "Bo Chen", interests=["professional:energy markets"])
    person(ctx, "Cy Dorn")
    for name in ("carla", "bo", "cy"):
        talk(ctx, name, on=D(2026, 6, 14), received=["advice"])
    give = {i["person"]: i["reason"] for i in agenda(ctx)["items"] if i["kind"] == "give"}
    assert give["Carla Diaz"].endswith("— they are looking for candidates for data science roles")
    assert give["Bo Chen"].endswith(
        "— they care about energy markets: share an article or an event on it"
    )
    assert give["Cy Dorn"].endswith("— share an article, an introduction, or your own help")


def test_give_back_after_a_single_ask_or_receipt_says_once_or_n_times(ctx: Context) -> None:
    """Only taken (one ask, or one receipt, nothing given): the agenda suggests a give, as
    `people show` says "offer something"; the count reads "once" or "N times"."""
    person(ctx, "Ada Lovelace")
    person(ctx, "Bob Slydell")
    person(ctx, "Cy Given")
    talk(ctx, "ada", on=D(2026, 6, 14), asked=["advice"])
    talk(ctx, "bob", on=D(2026, 6, 14), received=["information"], asked=["introduction"])
    talk(ctx, "cy", on=D(2026, 6, 14), asked=["advice"], gave=["information"])
    items = [i for i in agenda(ctx)["items"] if i["kind"] == "give"]
    give = {i["person"]: i["reason"] for i in items}
    # who gave first comes first; an ask not answered yet is not help to give back
    assert list(give) == ["Bob Slydell", "Ada Lovelace"]
    assert show_person(ctx, "ada")["reciprocity"]["only_taken"]
    assert give["Ada Lovelace"].startswith(
        "offer something first: you have asked once and not given yet — "
    )
    assert give["Bob Slydell"].startswith(
        "give back: you have received once and asked once and not given yet — "
    )
    person(ctx, "Dee Twice")
    talk(ctx, "dee", on=D(2026, 6, 14), asked=["advice", "information"])
    dee = [i["reason"] for i in agenda(ctx)["items"] if i["person"] == "Dee Twice"]
    assert "you have asked 2 times and not given yet" in dee[-1]
    # outside the window the suggestion goes away
    later = _at(ctx, D(2026, 6, 14) + dt.timedelta(days=GIVE_BACK_WINDOW_DAYS + 1))
    assert all(i["kind"] != "give" for i in agenda(later)["items"])


def test_the_give_back_scan_reads_only_its_covering_index(sqlite_db_url: str) -> None:
    """SQLite answers the give-back query from ix_person_stats_give_back alone."""
    from netweave.services.give_backs import _TAKEN_WITHOUT_GIVING, _day_turn, _shown_days
    from netweave.store.engine import Database

    db = Database(sqlite_db_url)
    day = D(2026, 6, 15)
    try:
        with db.engine.connect() as conn:
            query = _TAKEN_WITHOUT_GIVING.params(
                days=_shown_days(day), turn=_day_turn(day), limit=4
            )
            compiled = query.compile(
                dialect=conn.dialect, compile_kwargs={"render_postcompile": True}
            )
            values = compiled.construct_params()
            args = tuple(values[name] for name in compiled.positiontup or ())
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", args).all()
            plan = " ".join(str(row[-1]) for row in rows)
    finally:
        db.close()
    assert "COVERING INDEX ix_person_stats_give_back" in plan, plan


def test_the_dormant_scan_starts_at_its_pivot_by_the_index(ctx: Context) -> None:
    """The week's pivot is a whole id, so the scan starts there on the primary key, on both
    backends (an id compared with a fraction would be read row by row, every one of them)."""
    from netweave.services.dormant import _DORMANT_FROM_PIVOT, _spin

    params = {"cutoff": dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "today": D(2026, 6, 15),
              "spin": _spin(2026, 25), "week": 3, "limit": 2}  # fmt: skip
    with ctx.db.engine.connect() as conn:
        compiled = _DORMANT_FROM_PIVOT.compile(dialect=conn.dialect)
        values = compiled.construct_params(params)
        if conn.dialect.name == "sqlite":
            args = tuple(values[name] for name in compiled.positiontup or ())
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", args).all()
            plan = " ".join(str(row[-1]) for row in rows)
            assert "(person_id>?)" in plan or "(rowid>?)" in plan, plan
        else:
            conn.exec_driver_sql("SET enable_seqscan = off")  # a tiny table: the index anyway
            rows = conn.exec_driver_sql(f"EXPLAIN {compiled}", values).all()
            plan = " ".join(str(row[0]) for row in rows)
            assert "Index Cond: (id >=" in plan or "Index Cond: (person_id >=" in plan, plan


def test_3b7_second_contact_then_follow_up(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", company="Initech")
    person(ctx, "Bob Slydell", company="Initech")
    talk(_at(ctx, MONDAY), "ada", on=MONDAY, kind="email", direction="out", asked=["advice"])
    # asked once, the answer awaited: no "offer something first" (the routine says to
    # wait), and no 3B7 step so soon
    assert _kinds(_at(ctx, D(2026, 6, 3))) == []
    thursday = [i for i in agenda(_at(ctx, D(2026, 6, 4)))["items"] if i["kind"] == "3b7"]
    assert [i["person"] for i in thursday] == ["Bob Slydell"]
    assert "no reply from Ada Lovelace" in thursday[0]["reason"]
    assert "Initech" in thursday[0]["reason"]
    later = [i for i in agenda(_at(ctx, D(2026, 6, 10)))["items"] if i["kind"] == "3b7"]
    assert [i["person"] for i in later] == ["Ada Lovelace"]
    assert "follow-up" in later[0]["reason"]
    assert show_person(_at(ctx, D(2026, 6, 15)), "ada")["responder"] == "curmudgeon"


def test_an_unsent_follow_up_is_offered_for_three_business_days_then_dropped(
    ctx: Context,
) -> None:
    """Day by day over the outreach window: the follow-up is suggested on business days
    7 to 9 (and the weekend after, still day 9), not every day until the window ends; the
    silence still makes Irene a curmudgeon."""
    person(ctx, "Irene Walsh")
    talk(_at(ctx, MONDAY), "irene", on=MONDAY, kind="email", direction="out", asked=["advice"])
    window = range(OUTREACH_WINDOW_DAYS + 3)
    shown = [
        MONDAY + dt.timedelta(days=n)
        for n in window
        if ("3b7", "Irene Walsh") in _kinds(_at(ctx, MONDAY + dt.timedelta(days=n)))
    ]
    assert shown == [D(2026, 6, 10), D(2026, 6, 11), D(2026, 6, 12), D(2026, 6, 13),
                     D(2026, 6, 14)]  # fmt: skip
    item = next(i for i in agenda(_at(ctx, D(2026, 6, 12)))["items"] if i["kind"] == "3b7")
    assert item["reason"].endswith("after 9 business days: send one short follow-up")
    assert show_person(_at(ctx, D(2026, 6, 15)), "irene")["responder"] == "curmudgeon"
    assert show_person(_at(ctx, D(2026, 7, 10)), "irene")["responder"] == "curmudgeon"


def test_a_dropped_follow_up_leaves_its_place_to_a_newer_outreach(ctx: Context) -> None:
    """Outreach past its follow-up days takes none of the five daily 3B7 places."""
    for n in range(FOLLOW_UPS_PER_DAY):
        person(ctx, f"Old {n}")
        talk(_at(ctx, MONDAY), f"old {n}", on=MONDAY, kind="email", direction="out",
             asked=["advice"])  # fmt: skip
    person(ctx, "Newer One")
    later = D(2026, 6, 8)
    talk(_at(ctx, later), "newer", on=later, kind="email", direction="out", asked=["advice"])
    items = [i["person"] for i in agenda(_at(ctx, D(2026, 6, 17)))["items"] if i["kind"] == "3b7"]
    assert items == ["Newer One"]


def test_a_snoozed_second_contact_makes_way_for_the_next_colleague(ctx: Context) -> None:
    from netweave.services.agenda_snooze import snooze_suggestion

    person(ctx, "Ada Lovelace", company="Initech")
    person(ctx, "Bob Slydell", company="Initech")
    person(ctx, "Cy Twombly", company="Initech")
    talk(ctx, "bob", on=D(2026, 5, 1))
    talk(ctx, "bob", on=D(2026, 5, 2))  # known best, so named first
    talk(ctx, "cy", on=D(2026, 5, 1))
    talk(_at(ctx, MONDAY), "ada", on=MONDAY, kind="email", direction="out", asked=["advice"])
    thursday = _at(ctx, D(2026, 6, 4))
    assert [p for p, _ in _3b7(ctx, D(2026, 6, 4))] == ["Bob Slydell"]
    snooze_suggestion(thursday, "bob", "3b7", D(2026, 6, 9))
    assert [p for p, _ in _3b7(ctx, D(2026, 6, 4))] == ["Cy Twombly"]


def test_the_second_person_is_known_by_conversations_not_by_introduction_messages(
    ctx: Context,
) -> None:
    """The messages netweave logs for an introduction's steps (the opt-in question, the
    introduction) are no conversations of the user's with the person: Bob, met for coffee,
    is known better than Nina, only ever written to for an introduction."""
    from netweave.services import intros

    person(ctx, "Ada Lovelace", company="Initech")
    person(ctx, "Bob Slydell", company="Initech")
    person(ctx, "Nina Kovac", company="Initech")
    person(ctx, "Raj Patel")
    talk(_at(ctx, D(2026, 5, 4)), "bob", on=D(2026, 5, 4), kind="coffee")
    made = _at(ctx, D(2026, 5, 11))
    n = intros.propose(made, "Nina Kovac", "Raj Patel", why="both build data tools")["id"]
    intros.ask(made, n)
    intros.agree(made, n)
    intros.ask(made, n)
    intros.agree(made, n)
    intros.introduce(made, n)
    assert show_person(made, "nina")["interactions"][0]["summary"].endswith(f"#{n})")
    talk(_at(ctx, MONDAY), "ada", on=MONDAY, kind="email", direction="out", asked=["advice"])
    assert [p for p, _ in _3b7(ctx, D(2026, 6, 4))] == ["Bob Slydell"]


def _3b7(ctx: Context, day: dt.date) -> list[tuple[str | None, str]]:
    return [
        (i["person"], i["reason"]) for i in agenda(_at(ctx, day))["items"] if i["kind"] == "3b7"
    ]


def test_writing_to_the_second_person_is_the_second_contact(ctx: Context) -> None:
    """Once the user wrote to someone else at the employer after an outreach, its second
    contact is made: only its follow-up is left, and the two people written to are never
    sent to each other."""
    person(ctx, "Mei Chen", company="Verdant Grid")
    person(ctx, "Alex Novak", company="Verdant Grid")
    talk(_at(ctx, MONDAY), "mei", on=MONDAY, kind="email", direction="out", asked=["advice"])
    assert [p for p, _ in _3b7(ctx, D(2026, 6, 4))] == ["Alex Novak"]
    thursday = _at(ctx, D(2026, 6, 4))
    talk(thursday, "alex", kind="email", direction="out", asked=["advice"])  # as suggested
    for day in (D(2026, 6, 4), D(2026, 6, 9)):  # Mei's business days 3 and 6; Alex's 3 on 9
        assert _3b7(ctx, day) == []
    assert [p for p, _ in _3b7(ctx, D(2026, 6, 10))] == ["Mei Chen"]  # her follow-up
    assert "follow-up" in _3b7(ctx, D(2026, 6, 10))[0][1]
    assert [p for p, _ in _3b7(ctx, D(2026, 6, 12))] == ["Mei Chen"]  # her day 9
    # Mei's follow-up days are past (business day 10), Alex's has come (day 7)
    assert [p for p, _ in _3b7(ctx, D(2026, 6, 15))] == ["Alex Novak"]


def test_the_second_person_is_never_one_still_waiting_for_an_answer(ctx: Context) -> None:
    """Someone at the employer with an unanswered outreach of their own is passed over for
    the next best-known person; one who answered theirs can be asked again."""
    person(ctx, "Ada Lovelace", company="Initech")
    person(ctx, "Bob Slydell", company="Initech")
    person(ctx, "Cy Twombly", company="Initech")
    for day in (D(2026, 5, 4), D(2026, 5, 5)):  # Bob is the best known at Initech
        talk(_at(ctx, day), "bob", on=day, kind="coffee")
    talk(_at(ctx, MONDAY), "bob", on=MONDAY, kind="email", direction="out", asked=["advice"])
    tuesday = D(2026, 6, 2)
    talk(_at(ctx, tuesday), "ada", on=tuesday, kind="email", direction="out", asked=["advice"])
    # Bob's second contact is made (Ada was written to after him); Ada's goes past Bob
    assert _3b7(ctx, D(2026, 6, 5)) == [
        (
            "Cy Twombly",
            "no reply from Ada Lovelace after 3 business days: reach out to Cy Twombly, "
            "a second person at Initech",
        )
    ]
    talk(_at(ctx, D(2026, 6, 5)), "bob", on=D(2026, 6, 3), kind="email", direction="in")
    assert [p for p, _ in _3b7(ctx, D(2026, 6, 5))] == ["Bob Slydell"]  # he answered


@pytest.mark.parametrize(
    ("kind", "direction", "made"),
    [
        ("email", "out", True),
        ("coffee", "both", True),
        ("note", "out", False),
        ("email", "in", False),
    ],
)
def test_any_contact_the_user_makes_at_the_employer_is_the_second_contact(
    ctx: Context, kind: str, direction: str, made: bool
) -> None:
    person(ctx, "Ada Lovelace", company="Initech")
    person(ctx, "Bob Slydell", company="Initech")
    talk(_at(ctx, MONDAY), "ada", on=MONDAY, kind="email", direction="out", asked=["advice"])
    talk(_at(ctx, D(2026, 6, 2)), "bob", on=D(2026, 6, 2), kind=kind, direction=direction)
    assert _3b7(ctx, D(2026, 6, 4)) == (
        []
        if made
        else [
            (
                "Bob Slydell",
                "no reply from Ada Lovelace after 3 business days: reach out to "
                "Bob Slydell, a second person at Initech",
            )
        ]
    )


def test_a_contact_logged_after_the_outreach_on_its_day_says_it_is_the_second_contact(
    ctx: Context,
) -> None:
    """A coffee with a colleague logged after the outreach, the same day, makes the second
    contact: the log says so, and why no step to reach out to a second person comes."""
    person(ctx, "Mina Li", company="Hooli")
    person(ctx, "Sofia Rossi", company="Hooli")
    person(ctx, "Ola Other", company="Initech")
    outreach = talk(_at(ctx, MONDAY), "mina", kind="message", direction="out", asked=["advice"])
    assert outreach["second_contact"] == []
    assert talk(_at(ctx, MONDAY), "ola", kind="coffee")["second_contact"] == []
    coffee = talk(_at(ctx, MONDAY), "sofia", kind="coffee")
    assert coffee["second_contact"] == [
        "Sofia Rossi is at Hooli, where your outreach to Mina Li of 2026-06-01 has no reply "
        "yet: this conversation counts as its second contact, so the agenda will not ask you "
        "to reach out to a second person there; if Mina Li does not answer, follow up on "
        "2026-06-10."
    ]
    assert _3b7(ctx, D(2026, 6, 4)) == []
    # a note, or a message from them, is no contact the user makes: nothing to say
    assert talk(_at(ctx, MONDAY), "sofia", kind="note")["second_contact"] == []


def test_log_says_it_is_the_second_contact_exactly_when_the_agenda_then_asks_for_none(
    ctx: Context,
) -> None:
    """The agenda looks at the few best known at the employer (and those written to): a
    conversation with someone else there is no second contact, and `log` says nothing; one
    with a person the step would name is, and `log` says so."""
    person(ctx, "Ann Acme", company="Acme")
    for name in ("Bob", "Cat", "Dan", "Eve"):
        person(ctx, f"{name} Acme", company="Acme")
        for day in (1, 2, 3):
            talk(ctx, f"{name} acme", on=D(2026, 5, day), kind="coffee")
    person(ctx, "Fay Acme", company="Acme")
    talk(_at(ctx, MONDAY), "ann", on=MONDAY, kind="email", direction="out", asked=["advice"])
    fay = talk(_at(ctx, D(2026, 6, 2)), "fay", on=D(2026, 6, 2), kind="email", direction="out")
    assert fay["second_contact"] == []
    assert [p for p, _ in _3b7(ctx, D(2026, 6, 4))] == ["Bob Acme"]
    bob = talk(_at(ctx, D(2026, 6, 2)), "bob acme", on=D(2026, 6, 2), kind="email")
    assert [line.split(",")[0] for line in bob["second_contact"]] == ["Bob Acme is at Acme"]
    assert _3b7(ctx, D(2026, 6, 4)) == []


def test_a_contact_before_the_outreach_is_not_the_second_contact(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", company="Initech")
    person(ctx, "Bob Slydell", company="Initech")
    talk(_at(ctx, D(2026, 5, 29)), "bob", on=D(2026, 5, 29), kind="email", direction="out")
    talk(_at(ctx, MONDAY), "ada", on=MONDAY, kind="email", direction="out", asked=["advice"])
    assert [p for p, _ in _3b7(ctx, D(2026, 6, 4))] == ["Bob Slydell"]


def test_3b7_steps_go_to_the_oldest_unanswered_outreach_by_its_latest_ask(ctx: Context) -> None:
    """At most FOLLOW_UPS_PER_DAY steps, oldest outreach first, each naming its person; a
    person asked again while the first ask is open has the second message taken as its
    follow-up, not as a new outreach: their steps are past, and none is offered."""
    from netweave.services.routines import FOLLOW_UPS_PER_DAY

    today = _at(ctx, D(2026, 6, 19))  # a Friday: business day 9, 8 and 7 of these sends
    sent = [D(2026, 6, 8)] * 2 + [D(2026, 6, 9)] * 2 + [D(2026, 6, 10)] * 3
    for n, day in enumerate(sent):
        person(ctx, f"Out {n}")
        talk(today, f"out {n}", on=day, kind="email", direction="out", asked=["advice"])
    person(ctx, "Asked Twice")
    for day in (D(2026, 5, 20), D(2026, 6, 8)):
        talk(today, "asked twice", on=day, kind="email", direction="out", asked=["information"])
    day = agenda(today)
    steps = [i for i in day["items"] if i["kind"] == "3b7"]
    assert len(steps) == FOLLOW_UPS_PER_DAY
    first = [("Out 0", sent[0]), ("Out 1", sent[1]), ("Out 2", sent[2]), ("Out 3", sent[3])]
    said = sorted((i["person"], i["reason"].split(" after ")[0]) for i in steps)
    # the four sent first, and one of the three sent on the 10th (they take turns)
    assert said[:4] == [(name, f"no reply to your outreach of {weekday(on)}") for name, on in first]
    assert said[4] in [
        (f"Out {n}", f"no reply to your outreach of {weekday(sent[n])}") for n in (4, 5, 6)
    ]
    assert (day["more"]["steps"], day["more"]["steps_at_most"]) == (2, False)  # said, exactly
    # both held back were sent on the 10th (business day 7): none is on its last day
    assert day["more"]["steps_last_day"] == 0
    assert all(i["person_id"] is not None and "follow-up" in i["reason"] for i in steps)


def test_3b7_steps_over_the_days_cap_take_turns_and_are_counted(ctx: Context) -> None:
    """Seven outreach of one day, five places a day: the two held back each day are
    counted in ``more``, and every follow-up comes up within its three days."""
    sent = D(2026, 6, 1)
    for n in range(7):
        person(ctx, f"Out {n}")
        talk(_at(ctx, sent), f"out {n}", on=sent, kind="email", direction="out", asked=["advice"])
    from netweave.services.followup_steps import steps_held

    offered: set[str] = set()
    for day in (D(2026, 6, 10), D(2026, 6, 11), D(2026, 6, 12)):  # business days 7, 8, 9
        shown = agenda(_at(ctx, day))
        names = [i["person"] for i in shown["items"] if i["kind"] == "3b7"]
        assert (len(names), shown["more"]["steps"]) == (FOLLOW_UPS_PER_DAY, 2)
        offered.update(names)
    assert offered == {f"Out {n}" for n in range(7)}
    # on business day 9 (and the weekend after it) the two held back are on their last day:
    # said so, not promised a turn
    for day in (D(2026, 6, 11), D(2026, 6, 12), D(2026, 6, 13)):
        more = agenda(_at(ctx, day))["more"]
        last = 0 if day == D(2026, 6, 11) else 2
        assert (more["steps"], more["steps_last_day"]) == (2, last)
    assert steps_held(2, at_most=False, last_day=2) == (
        "… and 2 more 3B7 steps on unanswered outreach, 5 a day, on their last day: they are "
        "not offered again"
    )
    # past its days a follow-up is dropped, held back or not; the silence still classes them
    assert agenda(_at(ctx, D(2026, 6, 15)))["more"]["steps"] == 0
    assert show_person(_at(ctx, D(2026, 6, 15)), "out 6")["responder"] == "curmudgeon"


def test_second_contacts_behind_the_follow_ups_are_counted_up_to(ctx: Context) -> None:
    """Five follow-ups fill the day; the outreach waiting for a second contact behind them
    is counted without looking into it ("up to": the step may be made already), and one
    whose second contact the outreach read shows made is not counted at all."""
    from netweave.services.followup_steps import steps_held

    for n in range(5):
        person(ctx, f"Out {n}")
        talk(_at(ctx, MONDAY), f"out {n}", on=MONDAY, kind="email", direction="out",
             asked=["advice"])  # fmt: skip
    for name in ("Ada Lovelace", "Bob Slydell", "Cy Hooli", "Dee Hooli"):
        person(ctx, name, company="Initech" if name[0] in "AB" else "Hooli")
    later = D(2026, 6, 5)  # business day 3 of this one on the 10th, 7 of those above
    talk(_at(ctx, later), "ada", on=later, kind="email", direction="out", asked=["advice"])
    talk(_at(ctx, later), "cy", on=later, kind="email", direction="out", asked=["advice"])
    dee = D(2026, 6, 9)  # written to at Hooli after Cy: Cy's second contact is made
    talk(_at(ctx, dee), "dee", on=dee, kind="email", direction="out", asked=["advice"])
    day = agenda(_at(ctx, D(2026, 6, 10)))
    assert [i["person"] for i in day["items"] if i["kind"] == "3b7"] == [
        f"Out {n}" for n in range(5)
    ]
    assert (day["more"]["steps"], day["more"]["steps_at_most"]) == (1, True)
    assert steps_held(1, at_most=True) == (
        "… and perhaps 1 more 3B7 step on unanswered outreach, 5 a day: they take turns on "
        "the next business days"
    )
    # the day after, with a follow-up done, Ada's second contact comes up (naming Bob)
    talk(_at(ctx, D(2026, 6, 11)), "out 0", on=D(2026, 6, 11), kind="email", direction="out")
    day = agenda(_at(ctx, D(2026, 6, 11)))
    steps = [i["person"] for i in day["items"] if i["kind"] == "3b7"]
    assert "Bob Slydell" in steps
    assert len(steps) == FOLLOW_UPS_PER_DAY
    assert (day["more"]["steps"], day["more"]["steps_at_most"]) == (0, False)


@pytest.mark.parametrize(
    ("reply", "klass"), [(D(2026, 6, 3), "booster"), (D(2026, 6, 9), "obligate")]
)
def test_a_reply_ends_3b7_and_classes_the_contact(ctx: Context, reply: dt.date, klass: str) -> None:
    person(ctx, "Ada Lovelace", company="Initech")
    person(ctx, "Bob Slydell", company="Initech")
    talk(_at(ctx, MONDAY), "ada", on=MONDAY, kind="email", direction="out", asked=["advice"])
    talk(_at(ctx, reply), "ada", on=reply, kind="email", direction="in")
    assert all(i["kind"] != "3b7" for i in agenda(_at(ctx, D(2026, 6, 12)))["items"])
    assert show_person(_at(ctx, D(2026, 6, 12)), "ada")["responder"] == klass


def test_a_reply_logged_the_same_day_as_the_outreach_comes_after_it(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", company="Initech")
    person(ctx, "Bob Slydell", company="Initech")
    monday = _at(ctx, MONDAY)
    talk(monday, "ada", on=MONDAY, kind="email", direction="out", asked=["advice"])
    talk(monday, "ada", kind="email", direction="in")  # no day given: now
    assert all(i["kind"] != "3b7" for i in agenda(_at(ctx, D(2026, 6, 12)))["items"])
    assert show_person(_at(ctx, D(2026, 6, 12)), "ada")["responder"] == "booster"


def test_a_reply_dated_the_same_past_day_as_the_outreach_is_a_reply(ctx: Context) -> None:
    """Entries dated by the day alone share its noon: the one logged later came later, and
    a correction that moves the ask onto the reply's day keeps them in that order."""
    from netweave.services.conversations import ConversationChanges, edit_conversation
    from netweave.services.report import job_report

    person(ctx, "Ada Lovelace", company="Initech")
    person(ctx, "Bob Slydell", company="Initech")
    later = _at(ctx, D(2026, 6, 12))
    talk(later, "ada", on=MONDAY, kind="email", direction="out", asked=["advice"])
    talk(later, "ada", on=MONDAY, kind="email", direction="in", note="happy to help")
    assert all(i["kind"] != "3b7" for i in agenda(later)["items"])
    assert show_person(later, "ada")["responder"] == "booster"
    assert job_report(later)["replies"]["replied"] == 1
    person(ctx, "Cy Twombly", company="Initech")
    ask = talk(later, "cy", on=D(2026, 6, 2), kind="email", direction="out", asked=["advice"])
    talk(later, "cy", on=D(2026, 6, 3), kind="email", direction="in")
    edit_conversation(later, int(ask["interaction"]["id"]), ConversationChanges(on=D(2026, 6, 3)))
    assert show_person(later, "cy")["responder"] == "booster"
    assert all(i["kind"] != "3b7" for i in agenda(later)["items"])


def test_someone_added_on_a_moved_today_is_due_from_that_day(ctx: Context) -> None:
    then = _at(ctx, D(2025, 1, 6))
    person(then, "Jack Johnson", circle="active")
    assert show_person(then, "jack")["next_due"] == "2025-04-06"
    due = [i["person"] for i in agenda(_at(ctx, D(2025, 4, 7)))["items"] if i["kind"] == "check_in"]
    assert due == ["Jack Johnson"]


def test_dormant_ties_are_offered_for_a_refresh(ctx: Context) -> None:
    pid = person(ctx, "Old Friend", circle="dormant")["id"]
    talk(ctx, "old", on=D(2025, 1, 10))
    talk(ctx, "old", on=D(2025, 2, 10))

    def refresh(day: dt.date) -> list[str | None]:
        items = agenda(_at(ctx, day))["items"]
        return [i["person"] for i in items if "dormant tie" in i["reason"]]

    first = refresh_day(pid, D(2026, 6, 15))
    # offered on the first three days of a week, then at rest; again one week in four
    assert [refresh(first + dt.timedelta(days=n)) for n in range(7)] == [["Old Friend"]] * (
        3 - first.weekday()
    ) + [[]] * (4 + first.weekday())
    shown = [
        week
        for week in range(12)
        if refresh(first - dt.timedelta(days=first.weekday()) + dt.timedelta(weeks=week))
    ]
    assert shown == [0, 4, 8]


def test_someone_first_met_at_an_event_and_written_to_once_comes_back_as_a_dormant_tie(
    ctx: Context,
) -> None:
    """Meeting someone in person at an event is a contact: with the follow-up after it they
    have two, as someone known met at the same event has (one conversation alone is not)."""
    person(ctx, "Grace Kim")
    talk(ctx, "grace", on=D(2026, 1, 10))
    events.add_event(ctx, "ProductCon", D(2026, 5, 14))
    events.meet(_at(ctx, D(2026, 5, 14)), "productcon", ["Kenji Watanabe", "Grace Kim"])
    lone = person(ctx, "Lone Wolf")["id"]
    for name in ("kenji", "grace", "lone"):
        talk(ctx, name, on=D(2026, 5, 18))
    kenji = search_people(ctx, "Kenji")[0]["id"]

    def refresh(day: dt.date) -> list[str | None]:
        items = agenda(_at(ctx, day))["items"]
        return [i["person"] for i in items if "dormant tie" in i["reason"]]

    assert refresh(refresh_day(kenji, D(2027, 1, 4))) == ["Kenji Watanabe"]
    assert refresh(refresh_day(lone, D(2027, 1, 4))) == []


def test_people_met_at_an_event_get_follow_ups(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", note="Knows everyone in Berlin")
    events.add_event(ctx, "PyData Berlin", D(2026, 6, 12), place="Berlin", kind="conference")
    result = events.meet(ctx, "pydata", ["Mei Chen", "Ada Lovelace", "#1"], note="LLM evals")
    assert [(p["name"], p["new"]) for p in result["people"]] == [
        ("Mei Chen", True),
        ("Ada Lovelace", False),  # named twice (by name and by id): counted once
    ]
    mei = show_person(ctx, "mei")
    assert (mei["met"]["event"], mei["met"]["on"], mei["notes"]) == (
        "PyData Berlin",
        "2026-06-12",
        "LLM evals",
    )
    # someone known keeps their notes, and the event's note joins them (and is found)
    assert show_person(ctx, "ada")["notes"] == "Knows everyone in Berlin\nPyData Berlin: LLM evals"
    assert sorted(p["name"] for p in search_people(ctx, "evals")) == ["Ada Lovelace", "Mei Chen"]
    follow = [i for i in agenda(ctx)["items"] if i["kind"] == "follow_up"]
    assert sorted(i["person"] for i in follow) == ["Ada Lovelace", "Mei Chen"]
    assert all(i["due"] == "2026-06-14" for i in follow)
    assert events.list_events(ctx)[0]["people"] == 2
    with pytest.raises(NotFound):
        events.meet(ctx, "no such event", ["X"])


def test_someone_known_met_at_an_event_was_seen_there(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=D(2025, 1, 10))
    talk(ctx, "ada", on=D(2025, 9, 1), kind="coffee")
    assert ("check_in", "Ada Lovelace") in _kinds(ctx)
    events.add_event(ctx, "PyData Berlin", D(2026, 6, 12))
    events.meet(ctx, "pydata", ["Ada Lovelace", "Mei Chen"])
    events.meet(ctx, "pydata", ["Ada Lovelace", "Mei Chen"])  # named again: not met twice
    ada = show_person(ctx, "ada")
    assert ada["last_interaction"] == "2026-06-12"
    latest = ada["interactions"][0]
    assert (latest["kind"], latest["summary"]) == ("event", "Met at PyData Berlin")
    assert len(ada["interactions"]) == 2
    assert show_person(ctx, "mei")["interactions"] == []  # someone new: met_on says it
    assert ("check_in", "Ada Lovelace") not in _kinds(_at(ctx, D(2026, 6, 14)))
    assert ("follow_up", "Ada Lovelace") in _kinds(_at(ctx, D(2026, 6, 14)))  # still to write


def test_people_met_at_an_event_are_added_on_the_programs_day(ctx: Context) -> None:
    from sqlalchemy import select

    from netweave.clock import day_of
    from netweave.store.models import Person

    events.add_event(ctx, "PyData Berlin", D(2026, 6, 12))
    events.meet(_at(ctx, D(2026, 6, 13)), "pydata", ["Mei Chen"])
    with ctx.db.reading() as session:
        added = session.scalars(select(Person.created_at)).all()
    assert [day_of(moment) for moment in added] == [D(2026, 6, 13)]


def test_meeting_again_plans_no_second_follow_up_and_names_similar_people(
    ctx: Context,
) -> None:
    person(ctx, "Jack Jones")
    person(ctx, "Jack Johnson")
    events.add_event(ctx, "PyData Berlin", D(2026, 6, 12))
    first = events.meet(ctx, "pydata", ["Olga Ode", "Olga Ode"], new=["Jack"])
    assert [(p["name"], p["new"]) for p in first["people"]] == [("Olga Ode", True), ("Jack", True)]
    assert first["people"][1]["similar"] == ["Jack Jones (#1)", "Jack Johnson (#2)"]
    assert first["follow_ups"] == 2
    again = events.meet(ctx, "pydata", ["Olga Ode", "Jack Jones"])
    assert [p["new"] for p in again["people"]] == [False, False]
    assert again["follow_ups"] == 1  # only Jack Jones is new to this event's follow-ups
    follow = [i["person"] for i in agenda(ctx)["items"] if i["kind"] == "follow_up"]
    assert sorted(follow) == ["Jack", "Jack Jones", "Olga Ode"]


def test_naming_the_same_people_again_adds_their_note_once(ctx: Context) -> None:
    person(ctx, "Jack Jones", note="Chess club")
    events.add_event(ctx, "PyData: Berlin", D(2026, 6, 12))
    for _ in range(2):  # a page sent twice, or the same line typed again
        events.meet(ctx, "pydata", ["Olga Ode", "Jack Jones"], note="talked ML")
    assert show_person(ctx, "Olga Ode")["notes"] == "talked ML"
    assert show_person(ctx, "Jack Jones")["notes"] == "Chess club\nPyData: Berlin: talked ML"
    events.meet(ctx, "pydata", ["Olga Ode"], note="and chess")
    assert show_person(ctx, "Olga Ode")["notes"] == "talked ML\nPyData: Berlin: and chess"


def test_reaching_out_after_meeting_carries_out_the_follow_up(ctx: Context) -> None:
    events.add_event(ctx, "PyData Berlin", D(2026, 6, 12))
    events.meet(ctx, "pydata", ["Mei Chen", "Tom Ford"])
    heard = talk(ctx, "mei", on=D(2026, 6, 13), kind="email", direction="in")
    assert heard["interaction"]["tasks_done"] == []  # they wrote: the user has not yet
    note = talk(ctx, "mei", kind="note", direction="out")
    assert note["interaction"]["tasks_done"] == []
    wrote = talk(ctx, "mei", on=D(2026, 6, 14), kind="email", direction="out")
    assert wrote["interaction"]["tasks_done"] == [
        "Follow up after PyData Berlin: a short note recalling your conversation — Mei Chen"
    ]
    follow = [i["person"] for i in agenda(ctx)["items"] if i["kind"] == "follow_up"]
    assert follow == ["Tom Ford"]
    again = events.meet(ctx, "pydata", ["Mei Chen", "Tom Ford", "Uma Vo"])
    assert again["follow_ups"] == 1  # Mei's follow-up is done already, not planned afresh
    follow = [i["person"] for i in agenda(ctx)["items"] if i["kind"] == "follow_up"]
    assert sorted(follow) == ["Tom Ford", "Uma Vo"]


def test_an_event_written_down_later_plans_no_follow_up_already_done(ctx: Context) -> None:
    """Coffee with Al on the 10th; the meetup of the 5th is written down on the 15th: his
    follow-up was that coffee (done, not due ten days ago); Bo's is still to do."""
    person(ctx, "Al Pha")
    person(ctx, "Bo Beta")
    talk(ctx, "al", on=D(2026, 6, 10), kind="coffee")
    talk(ctx, "bo", on=D(2026, 6, 10), kind="email", direction="in")  # they wrote: not it
    events.add_event(ctx, "Old Meetup", D(2026, 6, 5))
    met = events.meet(ctx, "old meetup", ["Al Pha", "Bo Beta"])
    assert [(p["name"], p["followed_up"]) for p in met["people"]] == [
        ("Al Pha", "2026-06-10"),
        ("Bo Beta", None),
    ]
    assert met["follow_ups"] == 1
    follow = [i["person"] for i in agenda(ctx)["items"] if i["kind"] == "follow_up"]
    assert follow == ["Bo Beta"]
    again = events.meet(ctx, "old meetup", ["Al Pha"])  # named again: nothing new planned
    assert (again["follow_ups"], again["people"][0]["followed_up"]) == (0, None)
    # a message the day of an event ("see you tonight") may have come before it: no follow-up
    talk(ctx, "bo", on=D(2026, 6, 12), kind="message", direction="out")
    events.add_event(ctx, "Evening Meetup", D(2026, 6, 12))
    tonight = events.meet(ctx, "evening meetup", ["Bo Beta"])
    assert (tonight["follow_ups"], tonight["people"][0]["followed_up"]) == (1, None)


def test_no_one_is_met_at_an_event_still_to_come(ctx: Context) -> None:
    events.add_event(ctx, "PyCon", D(2026, 7, 1))
    with pytest.raises(InvalidInput, match=r"PyCon is on 2026-07-01, after today"):
        events.meet(ctx, "pycon", ["Mei Chen"])
    assert events.list_events(ctx)[0]["people"] == 0


def test_meet_refuses_the_user_themselves(ctx: Context) -> None:
    person(ctx, "Sam User", is_me=True)
    events.add_event(ctx, "Meetup", D(2026, 6, 1))
    with pytest.raises(InvalidInput, match="is you"):
        events.meet(ctx, "meetup", ["Sam User"])
    assert [i for i in agenda(ctx)["items"] if i["kind"] == "follow_up"] == []


def test_a_new_name_like_yours_is_not_said_to_be_you(ctx: Context) -> None:
    person(ctx, "Sam User", is_me=True)
    person(ctx, "Sam Smith")
    events.add_event(ctx, "Meetup", D(2026, 6, 1))
    [met] = events.meet(ctx, "meetup", [], new=["Sam"])["people"]
    assert met["similar"] == ["Sam Smith (#2)"]
    # a name close to the user's alone is someone new: the user is never someone met
    [other] = events.meet(ctx, "meetup", ["Sam Usr"])["people"]
    assert (other["name"], other["new"], other["similar"]) == ("Sam Usr", True, [])


def test_meet_refuses_an_ambiguous_name(ctx: Context) -> None:
    person(ctx, "Sam Lee")
    person(ctx, "Sam Lee")
    events.add_event(ctx, "Meetup", D(2026, 6, 1))
    with pytest.raises(Ambiguous):
        events.meet(ctx, "meetup", ["Sam Lee"])


def test_tasks_done_and_snoozed(ctx: Context) -> None:
    person(ctx, "Ada Lovelace")
    task = tasks.add_task(ctx, "Send Ada the paper", person="ada", kind="follow-up")
    assert (task["kind"], task["person"], task["due"]) == (
        "follow_up",
        "Ada Lovelace",
        "2026-06-15",
    )
    assert _kinds(ctx) == [("follow_up", "Ada Lovelace")]
    tasks.snooze(ctx, task["id"], D(2026, 6, 17))
    assert _kinds(ctx) == []
    assert _kinds(_at(ctx, D(2026, 6, 17))) == [("follow_up", "Ada Lovelace")]
    done = tasks.complete(ctx, task["id"])
    assert (done["done"], done["done_on"], done["already_done"]) == (True, "2026-06-15", False)
    assert _kinds(_at(ctx, D(2026, 6, 17))) == []
    again = tasks.complete(_at(ctx, D(2026, 6, 17)), task["id"])  # keeps the day it was done
    assert (again["done"], again["done_on"], again["already_done"]) == (True, "2026-06-15", True)
    with pytest.raises(InvalidInput):
        tasks.snooze(ctx, task["id"], D(2026, 6, 15))
    with pytest.raises(NotFound):
        tasks.complete(ctx, 999)


def test_tag_and_circle_cadences(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="wide", tags=["mentor"], met_on=D(2026, 1, 1))
    talk(ctx, "ada", on=D(2026, 5, 1))
    assert show_person(ctx, "ada")["next_due"] == "2026-10-28"
    preferences.set_tag_cadence(ctx, "mentor", 30)
    assert show_person(ctx, "ada")["next_due"] == "2026-05-31"
    preferences.set_tag_cadence(ctx, "mentor", None)
    preferences.set_preference(ctx, "circles.wide", "60")
    assert preferences.show(ctx)["settings"]["circles.wide"] == 60
    with pytest.raises(InvalidInput):
        preferences.set_preference(ctx, "circles.wide", "soon")
    with pytest.raises(InvalidInput):
        preferences.set_preference(ctx, "colour", "blue")


def test_a_snoozed_or_done_task_names_whose_it_is(ctx: Context) -> None:
    person(ctx, "Ada Lovelace")
    with_ada = tasks.add_task(ctx, "Send Ada the paper", person="ada")
    alone = tasks.add_task(ctx, "Book the room")
    assert tasks.snooze(ctx, with_ada["id"], D(2026, 6, 17))["person"] == "Ada Lovelace"
    assert tasks.snooze(ctx, alone["id"], D(2026, 6, 17))["person"] is None
    assert tasks.complete(ctx, with_ada["id"])["person"] == "Ada Lovelace"


def test_the_dormant_ties_offered_rotate_from_week_to_week(ctx: Context) -> None:
    """Twelve dormant ties among 40 people: two are offered each week, the pair changes,
    nobody comes back within four weeks, each is offered within a few months, and someone
    added mid-week leaves the week's pair as it was."""
    early = _at(ctx, D(2025, 1, 6))
    for n in range(1, 41):
        person(early, f"Person {n:02d}")
    dormant = {f"Person {n:02d}" for n in range(3, 40, 3)}
    for name in dormant:
        talk(early, name, on=D(2025, 1, 6))
        talk(_at(ctx, D(2025, 2, 3)), name, on=D(2025, 2, 3))

    def pair(day: dt.date) -> tuple[str, ...]:
        items = agenda(_at(ctx, day))["items"]
        return tuple(sorted(i["person"] for i in items if "dormant tie" in i["reason"]))

    mondays = [D(2026, 2, 16) + dt.timedelta(weeks=n) for n in range(16)]
    pairs = [pair(day) for day in mondays]
    assert all(len(p) == 2 for p in pairs), pairs
    assert len(set(pairs)) > 4
    for name in dormant:
        weeks = [n for n, p in enumerate(pairs) if name in p]
        assert all(b - a >= 4 for a, b in itertools.pairwise(weeks)), (name, weeks)
    assert len({name for p in pairs for name in p}) >= 9
    person(_at(ctx, mondays[0]), "Person 41")
    assert pair(mondays[0] + dt.timedelta(days=1)) == pairs[0]


def _gives(ctx: Context, day: dt.date) -> list[str | None]:
    return [i["person"] for i in agenda(_at(ctx, day))["items"] if i["kind"] == "give"]


def test_a_give_back_not_acted_on_rests_and_comes_back(ctx: Context) -> None:
    """Day by day for three months: Oliver, asked once and never answered, is suggested
    for GIVE_SHOWN_DAYS days, rests for GIVE_REST_DAYS and comes back; help received from
    him later starts his days again. Meanwhile the places go to others. His first days
    fall inside the 3B7 routine of his ask, waiting for his answer: not suggested then."""
    person(ctx, "Oliver Schmidt")
    person(ctx, "Ada Lovelace")
    talk(_at(ctx, MONDAY), "oliver", on=MONDAY, kind="email", direction="out", asked=["advice"])
    cycle = GIVE_SHOWN_DAYS + GIVE_REST_DAYS
    days = [MONDAY + dt.timedelta(days=n) for n in range(91)]
    shown = [(day - MONDAY).days for day in days if "Oliver Schmidt" in _gives(ctx, day)]
    assert shown == [n for n in range(28, 91) if n % cycle < GIVE_SHOWN_DAYS]
    assert shown == [28, 29, 30, 56, 57, 58, 84, 85, 86]
    helped = MONDAY + dt.timedelta(days=40)  # Oliver answers after all
    talk(_at(ctx, helped), "oliver", on=helped, kind="email", direction="in", received=["advice"])
    talk(_at(ctx, helped), "ada", on=helped, received=["information"])
    assert sorted(_gives(ctx, helped)) == ["Ada Lovelace", "Oliver Schmidt"]
    after = [n for n in range(40, 91) if _gives(ctx, MONDAY + dt.timedelta(days=n))]
    assert after == [40, 41, 42, 68, 69, 70]
    later = MONDAY + dt.timedelta(days=41)
    assert show_person(_at(ctx, later), "oliver")["reciprocity"]["only_taken"]  # still


def test_equals_in_their_give_back_days_take_turns(ctx: Context) -> None:
    """Six people asked the same day (in a call: nobody waits for an answer): three places
    a day, and over their days more than the same three are shown (the order of equals
    turns from day to day)."""
    names = [f"Asked {n}" for n in range(6)]
    for name in names:
        person(ctx, name)
        talk(_at(ctx, MONDAY), name, on=MONDAY, kind="call", direction="both", asked=["advice"])
    seen: set[str | None] = set()
    for n in range(GIVE_SHOWN_DAYS):
        today = _gives(ctx, MONDAY + dt.timedelta(days=n))
        assert len(today) == 3
        seen |= set(today)
    assert len(seen) > 3, seen


def test_an_event_known_as_where_someone_was_met_is_filled_in_when_added(ctx: Context) -> None:
    person(ctx, "Mei Chen", met_at="PyData Berlin", met_on=D(2026, 6, 12))
    (known,) = events.list_events(ctx)
    added = events.add_event(ctx, "pydata berlin", D(2026, 6, 12), place="Berlin",
                             kind="conference")  # fmt: skip
    assert (added["id"], added["filled"]) == (known["id"], ["place", "kind"])
    assert (added["place"], added["kind"]) == ("Berlin", "conference")
    with pytest.raises(Conflict, match="already exists"):  # nothing to fill in
        events.add_event(ctx, "PyData Berlin", D(2026, 6, 12), place="Berlin")
    with pytest.raises(Conflict, match="already exists"):  # another place: refused
        events.add_event(ctx, "PyData Berlin", D(2026, 6, 12), place="Munich")
    assert events.list_events(ctx)[0]["place"] == "Berlin"


def test_an_event_written_down_without_a_day_gets_it_when_added(ctx: Context) -> None:
    """``people add --met-at`` alone writes the event down without a day; adding it with its
    day completes that event, and someone then met there on that day joins it too."""
    person(ctx, "Met Mo", met_at="Conf X")
    (known,) = events.list_events(ctx)
    added = events.add_event(ctx, "conf x", D(2026, 5, 20), place="Berlin", kind="conference")
    assert (added["id"], added["filled"]) == (known["id"], ["date", "place", "kind"])
    assert (added["date"], added["place"]) == ("2026-05-20", "Berlin")
    person(ctx, "Met Al", met_at="Conf Y")
    assert events.add_event(ctx, "Conf Y", D(2026, 5, 1))["filled"] == ["date"]
    person(ctx, "Met Bo", met_at="CONF Y", met_on=D(2026, 5, 1))
    person(ctx, "Met Cy", met_at="Conf Z")
    person(ctx, "Met Di", met_at="Conf Z", met_on=D(2026, 4, 1))  # dates it too
    listed = {(e["name"], e["date"], e["people"]) for e in events.list_events(ctx)}
    assert listed == {
        ("Conf X", "2026-05-20", 1),
        ("Conf Y", "2026-05-01", 2),
        ("Conf Z", "2026-04-01", 2),
    }
    with pytest.raises(Conflict, match="already exists"):  # dated now: a twin is refused
        events.add_event(ctx, "Conf X", D(2026, 5, 20))
    person(ctx, "Met Ed", met_at="Conf W", met_on=None)
    with ctx.db.transaction() as session:
        session.execute(update(Event).where(Event.name == "Conf W").values(place="Munich"))
    with pytest.raises(Conflict, match="no day yet but another place"):
        events.add_event(ctx, "Conf W", D(2026, 5, 2), place="Berlin")
    assert {e["name"]: e["date"] for e in events.list_events(ctx)}["Conf W"] is None


def test_a_name_shared_by_a_dated_and_an_undated_event_shows_the_dated_one(ctx: Context) -> None:
    """Such twins (written by an older netweave) are shown alike on both backends: the dated."""
    with ctx.db.transaction() as session:
        session.add_all([Event(name="Conf X"), Event(name="conf x", date=D(2026, 5, 20))])
    assert events.show_event(ctx, "Conf X")["date"] == "2026-05-20"


def test_a_stranger_asked_for_advice_is_not_told_to_be_given_to_before_answering(
    ctx: Context,
) -> None:
    """An outreach for advice waits for its answer (3B7): no "offer something first" on
    Today nor "only taken" on their page meanwhile. Once they reply, giving before taking
    more is suggested; someone who helped before is owed a give-back all along."""
    person(ctx, "Omar Haddad")
    person(ctx, "Mei Chen")
    day = D(2026, 6, 15)
    talk(_at(ctx, day), "omar", on=day, kind="email", direction="out", asked=["advice"])
    talk(_at(ctx, day), "mei", on=D(2026, 6, 1), received=["information"])
    talk(_at(ctx, day), "mei", on=day, kind="email", direction="out", asked=["advice"])
    assert _gives(ctx, day) == ["Mei Chen"]
    assert not show_person(_at(ctx, day), "omar")["reciprocity"]["only_taken"]
    assert show_person(_at(ctx, day), "mei")["reciprocity"]["only_taken"]
    replied = day + dt.timedelta(days=1)
    talk(_at(ctx, replied), "omar", on=replied, kind="email", direction="in")
    assert "Omar Haddad" in _gives(ctx, replied)
    assert show_person(_at(ctx, replied), "omar")["reciprocity"]["only_taken"]


def test_give_backs_look_up_those_awaiting_an_answer_in_a_fixed_number_of_statements(
    ctx: Context,
) -> None:
    """However many people asked for advice lately await their answer, the give-backs take
    the same few statements: their asks are read for everyone at once, not one by one."""
    from sqlalchemy import event

    from netweave.services.give_backs import give_items

    day = D(2026, 6, 15)
    person(ctx, "Old Ask")  # asked four weeks ago, past the routine: "offer something first"
    talk(_at(ctx, D(2026, 5, 18)), "old ask", on=D(2026, 5, 18), kind="email",
         direction="out", asked=["advice"])  # fmt: skip

    def statements(waiting: int) -> tuple[int, list[str]]:
        for n in range(waiting):
            person(ctx, f"Waiting {waiting} {n}")
            talk(_at(ctx, day), f"waiting {waiting} {n}", on=day, kind="email",
                 direction="out", asked=["advice"])  # fmt: skip
        sent: list[str] = []

        def count(*args: object) -> None:
            if str(args[2]).lstrip().upper().startswith("SELECT"):
                sent.append(str(args[2]))

        event.listen(ctx.db.engine, "before_cursor_execute", count)
        try:
            with ctx.db.rows() as session:
                names = [i["person"] for i in give_items(session, day)]
        finally:
            event.remove(ctx.db.engine, "before_cursor_execute", count)
        return len(sent), names

    few, names = statements(2)
    assert names == ["Old Ask"]
    many, names = statements(8)
    assert names == ["Old Ask"]
    assert few == many <= 5  # and one for what those with no need recorded care about


def test_steps_held_on_their_last_day_are_worded_apart_from_those_taking_turns() -> None:
    """Of the steps held back, those on their last day are said not to come back."""
    from netweave.services.followup_steps import steps_held

    assert steps_held(7, at_most=False, last_day=2) == (
        "… and 7 more 3B7 steps on unanswered outreach, 5 a day: 2 of them on their last day, "
        "not offered again; the others take turns on the next business days"
    )
    assert steps_held(3, at_most=False).endswith(": they take turns on the next business days")


def test_a_single_step_counted_without_looking_is_perhaps_one() -> None:
    from netweave.services.followup_steps import steps_held

    assert steps_held(1, at_most=True).startswith("… and perhaps 1 more 3B7 step on ")
    assert steps_held(2, at_most=True).startswith("… and up to 2 more 3B7 steps on ")


def test_a_second_contact_held_back_the_day_before_its_follow_up_is_on_its_last_day(
    ctx: Context,
) -> None:
    """Held back on business day 6, a second contact gives way to its outreach's follow-up
    the next business day: counted as on its last day, not promised a turn."""
    for n in range(5):
        person(ctx, f"Out {n}")
        talk(_at(ctx, MONDAY), f"out {n}", on=MONDAY, kind="email", direction="out",
             asked=["advice"])  # fmt: skip
    for name in ("Ada Lovelace", "Bob Slydell"):
        person(ctx, name, company="Initech")
    sent = D(2026, 6, 2)  # business day 6 on the 10th, day 7 of those above
    talk(_at(ctx, sent), "ada", on=sent, kind="email", direction="out", asked=["advice"])
    more = agenda(_at(ctx, D(2026, 6, 10)))["more"]
    assert (more["steps"], more["steps_at_most"], more["steps_last_day"]) == (1, True, 1)
