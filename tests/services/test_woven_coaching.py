"""The woven check's coaching beside an ask already open: someone asked for advice and
not answered yet is told so, not asked again; a second ask is recorded with a warning;
the advice ask suggested instead is the conversation being logged."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from factories import person, talk
from netweave.clock import Clock
from netweave.services import routines
from netweave.services.asks import list_asks, settle_ask
from netweave.services.context import Context
from netweave.services.interactions import woven_check
from netweave.services.outreach import prep_done
from netweave.services.relationships import reciprocity
from netweave.services.resolve import resolve_person

D = dt.date
#: A Monday: the advice ask goes out then, and its one follow-up is due on 2026-06-10.
SENT = D(2026, 6, 1)


def _at(ctx: Context, day: dt.date) -> Context:
    return dataclasses.replace(ctx, clock=Clock(as_of=day))


def _asked_grace(ctx: Context) -> None:
    person(ctx, "Grace Liu", company="Northwind Health", met_on=D(2024, 1, 14))
    person(ctx, "Tom Becker", company="Northwind Health")
    talk(_at(ctx, SENT), "grace", kind="message", direction="out", asked=["advice"])


def _referral(ctx: Context, day: dt.date, *names: str, **fields: Any) -> dict[str, Any]:
    fields = {"kind": "message", "direction": "out"} | fields
    return talk(_at(ctx, day), *(names or ("grace",)), asked=["referral"], **fields)


WAIT = (
    "You asked Grace Liu for advice on 2026-06-01 and have no reply yet: that ask is still open. "
)


def test_a_refused_ask_of_someone_waiting_for_an_answer_says_so_not_ask_again(
    ctx: Context,
) -> None:
    _asked_grace(ctx)
    refused = _referral(ctx, D(2026, 6, 4))
    assert refused["recorded"] is False
    assert refused["coaching"][1] == (
        WAIT + "Wait for the answer rather than asking again; if none comes, send your one "
        "follow-up on 2026-06-10."
    )
    assert not any("--ask advice" in line for line in refused["coaching"])
    assert not any(line.startswith("Ask ") for line in refused["coaching"])
    assert refused["waiting"] == [
        {
            "person": "Grace Liu",
            "kind": "advice",
            "asked_on": "2026-06-01",
            "follow_up_due": "2026-06-10",
            "followed_up_on": None,
        }
    ]
    due = _referral(ctx, D(2026, 6, 10))["coaching"][1]
    assert due == WAIT + "Send your one follow-up today rather than asking again."
    late = _referral(ctx, D(2026, 6, 11))["coaching"][1]
    assert late.endswith("Send your one follow-up now (it was due on 2026-06-10) rather than "
                         "asking again.")  # fmt: skip


def _decline_grace(ctx: Context, day: dt.date) -> None:
    settle_ask(_at(ctx, day), list_asks(_at(ctx, day), "grace")[0]["id"], "declined")


def test_once_followed_up_the_coaching_says_so_until_the_ask_is_settled(
    ctx: Context,
) -> None:
    _asked_grace(ctx)
    talk(_at(ctx, D(2026, 6, 10)), "grace", kind="email", direction="out")  # the follow-up
    coaching = _referral(ctx, D(2026, 6, 11))["coaching"]
    assert coaching[1] == (
        "You asked Grace Liu for advice on 2026-06-01 and followed up on 2026-06-10; no reply "
        "yet: that ask is still open. Give them time rather than asking again."
    )
    # business day 10: the routine is over, but the ask is still open: not asked again
    after = _referral(ctx, D(2026, 6, 15))
    assert [w["asked_on"] for w in after["waiting"]] == ["2026-06-01"]
    ask = list_asks(_at(ctx, D(2026, 6, 15)), "grace")[0]["id"]
    assert after["coaching"][1] == coaching[1] + (
        f" If no answer is coming, mark it declined (`netweave asks declined {ask}`) to ask anew."
    )
    # once it is marked declined, asking for advice is the step again
    _decline_grace(ctx, D(2026, 6, 15))
    declined = _referral(ctx, D(2026, 6, 15))
    assert declined["waiting"] == []
    assert declined["coaching"][1].startswith("Ask Grace Liu for advice or insight instead")


def test_a_conversation_from_their_side_answers_the_ask_still_open(ctx: Context) -> None:
    _asked_grace(ctx)
    coffee = _referral(ctx, D(2026, 6, 4), kind="coffee", direction="both")
    assert coffee["waiting"] == []
    assert coffee["coaching"][1] == (
        "Ask Grace Liu for advice or insight instead — an informational conversation "
        '(`netweave log "Grace Liu" --kind coffee --ask advice`).'
    )
    person(ctx, "Rita Replied", company="Northwind Health", met_on=D(2024, 1, 14))
    talk(_at(ctx, SENT), "rita", kind="message", direction="out", asked=["advice"])
    talk(_at(ctx, D(2026, 6, 2)), "rita", kind="email", direction="in")
    assert _referral(ctx, D(2026, 6, 4), "rita")["waiting"] == []


def test_a_group_ask_names_only_those_not_waiting_in_the_advice_ask(ctx: Context) -> None:
    _asked_grace(ctx)
    person(ctx, "Ada Lovelace", met_on=D(2026, 6, 1))
    coaching = _referral(ctx, D(2026, 6, 4), "ada", "grace")["coaching"]
    assert coaching[2].startswith(WAIT)
    assert coaching[3] == (
        "Ask Ada Lovelace for advice or insight instead — an informational conversation "
        '(`netweave log "Ada Lovelace" --kind message --direction out --ask advice`).'
    )


def test_asking_again_while_waiting_is_recorded_with_a_plain_warning(ctx: Context) -> None:
    _asked_grace(ctx)
    again = talk(
        _at(ctx, D(2026, 6, 4)), "grace", kind="message", direction="out", asked=["advice"]
    )
    assert again["recorded"] is True
    assert again["coaching"] == [
        "Grace Liu has not answered your ask for advice of 2026-06-01 yet: this message is "
        "recorded as a follow-up to that ask, not as a second ask (their answer settles the "
        "one ask, and no other follow-up is suggested). A follow-up needs no new ask: log it "
        "without one."
    ]
    assert again["asked_again"] == again["coaching"]  # the warning alone, for the web page
    assert [w["asked_on"] for w in again["waiting"]] == ["2026-06-01"]
    # past the routine's days, the ask unanswered and open: still its follow-up, not a
    # second open ask
    late = talk(_at(ctx, D(2026, 6, 25)), "grace", kind="email", direction="out", asked=["advice"])
    assert late["asked_again"] == [
        "Grace Liu has not answered your ask for advice of 2026-06-01 yet (you followed up on "
        "2026-06-04): this message is recorded as a follow-up to that ask, not as a second "
        "ask (their answer settles the one ask, and no other follow-up is suggested). A "
        "follow-up needs no new ask: log it without one."
    ]
    assert [a["on"] for a in list_asks(_at(ctx, D(2026, 6, 25)), "grace")] == ["2026-06-01"]
    # declined, the ask is settled: a new ask for advice is an ask of its own
    _decline_grace(ctx, D(2026, 6, 26))
    anew = talk(_at(ctx, D(2026, 6, 26)), "grace", kind="email", direction="out", asked=["advice"])
    assert (anew["asked_again"], anew["waiting"]) == ([], [])
    assert [a["on"] for a in list_asks(_at(ctx, D(2026, 6, 26)), "grace")] == ["2026-06-26"]


def test_the_follow_up_logged_without_an_ask_warns_of_nothing(ctx: Context) -> None:
    _asked_grace(ctx)
    # the follow-up itself, logged without an ask, warns of nothing
    plain = talk(_at(ctx, D(2026, 6, 10)), "grace", kind="email", direction="out")
    assert (plain["coaching"], plain["waiting"], plain["asked_again"]) == ([], [], [])


def test_an_ask_repeated_while_waiting_is_its_follow_up_and_one_answer_settles_it(
    ctx: Context,
) -> None:
    """The repeat is kept as the follow-up it is said to be: no second open ask, one ask in
    the reciprocity, the advice received settles the one ask, and 3B7 offers no follow-up."""
    _asked_grace(ctx)
    talk(_at(ctx, D(2026, 6, 3)), "grace", kind="message", direction="out", asked=["advice"])
    assert [a["on"] for a in list_asks(_at(ctx, D(2026, 6, 3)), "grace")] == ["2026-06-01"]
    with ctx.db.reading() as session:
        grace = resolve_person(session, "grace").id
        assert reciprocity(session, grace, ctx.clock.now())["asked"] == 1
        steps = routines.followup_items(session, D(2026, 6, 10))
    assert [s["person"] for s in steps if "follow-up" in s["reason"]] == []
    prep_done(_at(ctx, D(2026, 6, 12)), "grace", notes="talked about the team")
    assert list_asks(_at(ctx, D(2026, 6, 12)), "grace") == []
    with ctx.db.reading() as session:
        assert reciprocity(session, grace, ctx.clock.now())["asked"] == 1


def test_the_advice_ask_suggested_is_the_conversation_being_logged(ctx: Context) -> None:
    person(ctx, "Kevin Wright", company="Orbit Learning")
    coffee = talk(ctx, "kevin", kind="coffee", asked=["referral"])["coaching"]
    assert '(`netweave log "Kevin Wright" --kind coffee --ask advice`)' in coffee[1]
    call = talk(
        ctx,
        "kevin",
        kind="call",
        direction="in",
        on=D(2026, 6, 12),
        note="talked about the 'role'",
        gave=["information"],
        asked=["job", "introduction"],
        received=["advice"],
    )["coaching"]
    assert (
        '(`netweave log "Kevin Wright" --kind call --direction in --on 2026-06-12 --note '
        "\"talked about the 'role'\" --gave information --ask introduction --ask advice "
        "--received advice`)"
    ) in call[1]


def test_the_standalone_check_says_wait_while_an_advice_ask_is_open(ctx: Context) -> None:
    """The person page's panel and its API say what ``log`` says: wait, not ask again."""
    _asked_grace(ctx)
    shown = woven_check(_at(ctx, D(2026, 6, 4)), "grace")
    assert shown["woven"] is False
    assert shown["next_steps"][0] == (
        WAIT + "Wait for the answer rather than asking again; if none comes, send your one "
        "follow-up on 2026-06-10."
    )
    assert not any(step.startswith("Ask ") for step in shown["next_steps"])
    assert [w["follow_up_due"] for w in shown["waiting"]] == ["2026-06-10"]
    # the routine over, the ask is still open: its follow-up is said, not a new ask
    after = woven_check(_at(ctx, D(2026, 6, 25)), "grace")
    assert [w["asked_on"] for w in after["waiting"]] == ["2026-06-01"]
    assert after["next_steps"][0] == (
        WAIT + "Send your one follow-up now (it was due on 2026-06-10) rather than asking again."
    )
    _decline_grace(ctx, D(2026, 6, 25))
    declined = woven_check(_at(ctx, D(2026, 6, 25)), "grace")
    assert declined["waiting"] == []
    assert declined["next_steps"][0].startswith("Ask Grace Liu for advice or insight instead")


def test_the_advice_ask_suggested_leaves_out_a_note_that_asks_for_a_referral(
    ctx: Context,
) -> None:
    person(ctx, "Priya Raman", company="Initrode")
    note = "could you refer me for the data role?"
    refused = talk(ctx, "priya", kind="message", direction="out", note=note, asked=["referral"])
    assert refused["note_asks"] == ["refer me"]
    assert refused["coaching"][1] == (
        "Ask Priya Raman for advice or insight instead — an informational conversation "
        '(`netweave log "Priya Raman" --kind message --direction out --ask advice`). Your note '
        'asks for a job or a referral (it mentions "refer me"): reword it to ask for advice, '
        "or leave it out."
    )
    # a note that asks for nothing of the kind is kept in the command
    plain = talk(ctx, "priya", kind="message", direction="out", note="hello", asked=["job"])
    assert plain["note_asks"] == []
    assert "--note hello --ask advice`)." in plain["coaching"][1]


def test_an_ask_recorded_anyway_is_not_told_to_ask_for_advice_instead(ctx: Context) -> None:
    person(ctx, "Zoe New", company="Self-employed")
    recorded = talk(ctx, "zoe", kind="message", direction="out", asked=["job"], confirmed=True)
    assert recorded["recorded"] is True
    assert recorded["coaching"][0].startswith("Zoe New: not woven yet for a job ask")
    assert not any("instead" in line for line in recorded["coaching"])
    assert not any("--ask advice" in line for line in recorded["coaching"])


def test_an_ask_recorded_anyway_beside_an_open_one_says_what_to_do_now(ctx: Context) -> None:
    """After ``--yes`` the open ask's line is no longer "rather than asking again": the ask
    is made, and a message sent is the one follow-up the agenda counts."""
    _asked_grace(ctx)
    sent = _referral(ctx, D(2026, 6, 4), confirmed=True)
    assert sent["recorded"] is True
    assert sent["coaching"][1] == (
        "You asked Grace Liu for advice on 2026-06-01 and have no reply yet; this ask for a "
        "referral counts as your one follow-up. Now give them time to answer both, with no "
        "new ask."
    )
    assert not any("asking again" in line for line in sent["coaching"])
    # it was the follow-up: the standalone check says so now
    shown = woven_check(_at(ctx, D(2026, 6, 5)), "grace")
    assert shown["waiting"][0]["followed_up_on"] == "2026-06-04"
    again = _referral(ctx, D(2026, 6, 5), kind="email", confirmed=True)["coaching"][1]
    assert again == (
        "You asked Grace Liu for advice on 2026-06-01 and followed up on 2026-06-04; no reply "
        "yet. Now give them time to answer both, with no new ask."
    )


def test_a_note_of_an_ask_recorded_anyway_leaves_the_follow_up_ahead(ctx: Context) -> None:
    _asked_grace(ctx)
    noted = _referral(ctx, D(2026, 6, 4), kind="note", confirmed=True)["coaching"]
    assert noted[1] == (
        "You asked Grace Liu for advice on 2026-06-01 and have no reply yet. Now wait for "
        "their answer to both, with no new ask; if none comes, send your one follow-up on "
        "2026-06-10."
    )
    due = _referral(ctx, D(2026, 6, 10), kind="note", confirmed=True)
    assert due["coaching"][1] == (
        "You asked Grace Liu for advice on 2026-06-01 and have no reply yet. Send your one "
        "follow-up today, with no new ask."
    )
    late = _referral(ctx, D(2026, 6, 11), kind="note", confirmed=True)["coaching"][1]
    assert late.endswith("Send your one follow-up now (it was due on 2026-06-10), with no new ask.")
