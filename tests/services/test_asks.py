"""Asks: open until what was asked for comes (logged, or marked by hand) or is declined."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import person, talk
from netweave.errors import InvalidInput, NotFound
from netweave.services.asks import list_asks, settle_ask
from netweave.services.context import Context
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
