"""Asks: open until what was asked for comes (logged, or marked by hand) or is declined."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import person, talk
from netweave.errors import InvalidInput, NotFound
from netweave.services.asks import list_asks, settle_ask
from netweave.services.context import Context
from netweave.services.conversations import (
    ConversationChanges,
    delete_conversation,
    edit_conversation,
)
from netweave.services.people import show_person


def test_a_receipt_answers_the_oldest_open_ask_of_its_kind(ctx: Context) -> None:
    person(ctx, "Priya Raman")
    person(ctx, "Sofia Marin")
    talk(ctx, "priya", on=dt.date(2026, 6, 1), kind="coffee", asked=["information"])
    talk(ctx, "priya", on=dt.date(2026, 6, 3), kind="email", asked=["information", "advice"])
    talk(ctx, "sofia", on=dt.date(2026, 6, 2), kind="email", asked=["information"])
    assert [(a["person"], a["kind"], a["on"]) for a in list_asks(ctx)] == [
        ("Priya Raman", "information", "2026-06-01"),
        ("Sofia Marin", "information", "2026-06-02"),
        ("Priya Raman", "information", "2026-06-03"),
        ("Priya Raman", "advice", "2026-06-03"),
    ]
    first = list_asks(ctx)[0]["id"]
    logged = talk(ctx, "priya", on=dt.date(2026, 6, 10), kind="email", direction="in",
                  received=["information"])  # fmt: skip
    assert logged["interaction"]["asks_fulfilled"] == [
        {"id": first, "person": "Priya Raman", "kind": "information", "on": "2026-06-01"}
    ]
    assert [(a["person"], a["on"]) for a in list_asks(ctx, "priya")] == [
        ("Priya Raman", "2026-06-03"),
        ("Priya Raman", "2026-06-03"),
    ]
    assert show_person(ctx, "priya")["reciprocity"]["open_asks"] == 2
    assert len(list_asks(ctx, "sofia")) == 1  # Priya's answer is not Sofia's
    # a receipt before any ask of its kind answers nothing
    none = talk(ctx, "sofia", on=dt.date(2026, 6, 10), kind="call", received=["favor"])
    assert none["interaction"]["asks_fulfilled"] == []


def test_an_ask_is_settled_by_hand_and_can_be_opened_again(ctx: Context) -> None:
    person(ctx, "Priya Raman")
    talk(ctx, "priya", on=dt.date(2026, 6, 1), kind="coffee", asked=["introduction"])
    (ask,) = list_asks(ctx)
    assert ask["days_open"] == (ctx.clock.today() - dt.date(2026, 6, 1)).days
    declined = settle_ask(ctx, ask["id"], "declined")
    assert (declined["status"], declined["days_open"]) == ("declined", None)
    assert list_asks(ctx) == []
    assert [a["status"] for a in list_asks(ctx, all_=True)] == ["declined"]
    assert settle_ask(ctx, ask["id"], "open")["status"] == "open"
    with pytest.raises(InvalidInput, match="open, fulfilled or declined"):
        settle_ask(ctx, ask["id"], "maybe")
    gave = talk(ctx, "priya", on=dt.date(2026, 6, 2), kind="call", gave=["advice"])
    assert gave["interaction"]["asks_fulfilled"] == []
    with pytest.raises(NotFound, match="no ask #99"):
        settle_ask(ctx, 99, "fulfilled")
    given = show_person(ctx, "priya")["reciprocity"]["items"][0]
    with pytest.raises(NotFound):  # what the user gave is no ask
        settle_ask(ctx, given["id"], "fulfilled")


def test_an_ask_knows_when_it_was_settled_and_by_what(ctx: Context) -> None:
    person(ctx, "Priya Raman")
    talk(ctx, "priya", on=dt.date(2026, 6, 1), kind="coffee", asked=["information", "advice"])
    info, advice = list_asks(ctx)
    assert (info["settled_on"], info["fulfilled_by"]) == (None, None)
    logged = talk(ctx, "priya", on=dt.date(2026, 6, 4), kind="email", direction="in",
                  received=["information"])  # fmt: skip
    (answered,) = [a for a in list_asks(ctx, all_=True) if a["id"] == info["id"]]
    assert answered["status"] == "fulfilled"
    assert (answered["settled_on"], answered["fulfilled_by"]) == (
        "2026-06-04",
        logged["interaction"]["id"],
    )
    items = {i["id"]: i for i in show_person(ctx, "priya")["reciprocity"]["items"]}
    assert items[info["id"]]["settled_on"] == "2026-06-04"
    assert items[advice["id"]]["settled_on"] is None
    declined = settle_ask(ctx, advice["id"], "declined")
    assert (declined["settled_on"], declined["fulfilled_by"]) == (
        ctx.clock.today().isoformat(),
        None,
    )
    assert settle_ask(ctx, info["id"], "open")["settled_on"] is None
    # settled by hand, an ask no longer belongs to the conversation that had fulfilled it
    settle_ask(ctx, info["id"], "fulfilled")
    deleted = delete_conversation(ctx, logged["interaction"]["id"])
    assert deleted["asks_reopened"] == []
    assert [a["status"] for a in list_asks(ctx, all_=True)] == ["fulfilled", "declined"]


def test_deleting_the_conversation_whose_receipt_fulfilled_an_ask_opens_it_again(
    ctx: Context,
) -> None:
    person(ctx, "Priya Raman")
    talk(ctx, "priya", on=dt.date(2026, 6, 1), kind="coffee", asked=["referral"], confirmed=True)
    (ask,) = list_asks(ctx)
    logged = talk(ctx, "priya", on=dt.date(2026, 6, 8), kind="email", direction="in",
                  received=["referral"])  # fmt: skip
    assert list_asks(ctx) == []
    deleted = delete_conversation(ctx, logged["interaction"]["id"])
    assert deleted["asks_reopened"] == [
        {"id": ask["id"], "person": "Priya Raman", "kind": "referral", "on": "2026-06-01"}
    ]
    (again,) = list_asks(ctx)
    assert (again["id"], again["settled_on"], again["fulfilled_by"]) == (ask["id"], None, None)
    assert show_person(ctx, "priya")["reciprocity"]["open_asks"] == 1


def test_correcting_the_conversation_whose_receipt_fulfilled_an_ask_settles_it_anew(
    ctx: Context,
) -> None:
    person(ctx, "Priya Raman")
    person(ctx, "Sofia Marin")
    talk(ctx, "priya", on=dt.date(2026, 6, 5), kind="coffee", asked=["information"])
    (ask,) = list_asks(ctx)
    logged = talk(ctx, "priya", "sofia", on=dt.date(2026, 6, 8), kind="email", direction="in",
                  received=["information"])  # fmt: skip
    number = logged["interaction"]["id"]
    # moved to before the ask was made, the receipt answers nothing
    moved = edit_conversation(ctx, number, ConversationChanges(on=dt.date(2026, 6, 2)))
    assert [a["id"] for a in moved["asks_reopened"]] == [ask["id"]]
    assert moved["asks_fulfilled"] == []
    assert [a["id"] for a in list_asks(ctx)] == [ask["id"]]
    # moved back after it, it answers the ask again, on its new day
    back = edit_conversation(ctx, number, ConversationChanges(on=dt.date(2026, 6, 9)))
    assert ([a["id"] for a in back["asks_fulfilled"]], back["asks_reopened"]) == ([ask["id"]], [])
    (settled,) = list_asks(ctx, all_=True)
    assert (settled["status"], settled["settled_on"]) == ("fulfilled", "2026-06-09")
    # a change that does not move the receipt leaves the ask as it is
    kind = edit_conversation(ctx, number, ConversationChanges(kind="call"))
    assert (kind["asks_reopened"], kind["asks_fulfilled"]) == ([], [])
    # Priya taken out of it: her receipt goes, and her ask is open again
    out = edit_conversation(ctx, number, ConversationChanges(remove=["priya"]))
    assert [a["id"] for a in out["asks_reopened"]] == [ask["id"]]
    assert [a["status"] for a in list_asks(ctx, all_=True)] == ["open"]
