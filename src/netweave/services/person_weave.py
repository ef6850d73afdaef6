"""A person's place in the woven net: whom they know (as recorded) and their introductions,
the same on the person page, in `people show` and in its JSON."""

from __future__ import annotations

from typing import Any

from netweave.services.context import Context


def weave_of(ctx: Context, person_id: int) -> dict[str, list[dict[str, Any]]]:
    """``knows``: the confirmed ties, ``[{id, name, context, since, how}]`` (``how``: well or
    slightly; a suggestion stored is among those to confirm, not here); ``introductions``:
    ``[{id, with, with_id, step}]``, each with the other side and its step, as the
    introductions list says it."""
    from netweave.services import intros, knows

    ties = [
        {
            "id": e["b_id"] if e["a_id"] == person_id else e["a_id"],
            "name": e["b"] if e["a_id"] == person_id else e["a"],
            "context": e["context"],
            "since": e["since"],
            "how": e["how"],
        }
        for e in knows.list_knows(ctx, f"#{person_id}")
        if e["status"] == "confirmed"
    ]
    theirs = [
        {
            "id": i["id"],
            "with": i["b"] if i["a_id"] == person_id else i["a"],
            "with_id": i["b_id"] if i["a_id"] == person_id else i["a_id"],
            "step": i["step"],
        }
        for i in intros.intros_of(ctx, person_id)
    ]
    return {"knows": ties, "introductions": theirs}
