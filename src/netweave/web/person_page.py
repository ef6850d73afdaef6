"""The person page rendered with what a form of it adds: what the page reads, and the
page itself (a conversation logged or held back, a form of it refused). The routes of the
person page's forms (``routes/people.py``, ``routes/log.py``, ``routes/knows.py``,
``routes/profile.py``, ``routes/tasks.py``) show it through these."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from netweave.services.context import Context
from netweave.services.history import person_overview
from netweave.services.views import RECENT_CONVERSATIONS
from netweave.web.charts import factor_bars, strength_chart
from netweave.web.deps import ctx_of, render
from netweave.web.forms import ASKS, KINDS

#: How many of the people someone probably knows their page offers to confirm.
KNOWS_SHOWN = 5


def render_person(
    request: Request, person_id: int, status_code: int = 200, **extra: Any
) -> Response:
    """The person's page, with what ``extra`` adds to it (a refusal: ``status_code`` 422)."""
    context = person_context(ctx_of(request), person_id)
    return render(request, "person.html", status_code=status_code, **context, **extra)


def person_context(ctx: Context, person_id: int) -> dict[str, Any]:
    """What the person page shows: the person, whom they know and probably know, their
    introductions, whether a record is the user's own yet (``own``: "This is me" while none
    is), the open tasks about them, the strength chart and the woven check of their log
    form."""
    from netweave.services import intros, knows
    from netweave.services.own_record import own_record
    from netweave.services.person_weave import weave_of
    from netweave.services.tasks import list_tasks

    page = person_overview(ctx, f"#{person_id}")
    ties = weave_of(ctx, person_id)["knows"]  # as `people show` lists them
    theirs = intros.intros_of(ctx, person_id)
    mine = page["person"]["is_me"]  # the user's own ties come from their conversations
    maybe = [] if mine else knows.suggestions(ctx, limit=KNOWS_SHOWN + 1, about=f"#{person_id}")
    return {
        "person": page["person"],
        "timeline_limit": RECENT_CONVERSATIONS,
        "ties": ties,
        "might_know": [
            {
                "id": s["b_id"] if s["a_id"] == person_id else s["a_id"],
                "name": s["b"] if s["a_id"] == person_id else s["a"],
                "reason": s["reason"],
            }
            for s in maybe[:KNOWS_SHOWN]
        ],
        "more_might_know": len(maybe) > KNOWS_SHOWN,
        "intros": theirs,
        "own": True if mine else own_record(ctx),  # whose record is the user's, if any
        "tasks": [] if mine else list_tasks(ctx, about=person_id),
        "chart": strength_chart(page["history"]),
        "bars": factor_bars(page["person"]["strength_factors"]),
        "woven": page["woven"],
        "kinds": KINDS,
        "asks": ASKS,
    }
