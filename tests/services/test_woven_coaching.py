"""The woven check's coaching: the advice ask suggested instead of a job or referral is
the conversation being logged."""

from __future__ import annotations

import datetime as dt

from factories import person, talk
from netweave.services.context import Context

D = dt.date


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
