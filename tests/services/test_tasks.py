"""Tasks added and listed as ``netweave tasks add`` and ``tasks list`` do, with who and which
lead each is about."""

from __future__ import annotations

import datetime as dt

from factories import person
from netweave.services.context import Context
from netweave.services.tasks import add_task, list_tasks


def test_listed_by_due_day_with_their_person_and_only_those_about_one(ctx: Context) -> None:
    ben = person(ctx, "Ben Lee")
    person(ctx, "Mei Chen")
    later = add_task(ctx, "Follow up with Ben", due=dt.date(2027, 1, 5), person="Ben")
    mine = add_task(ctx, "Update the CV")
    mei = add_task(ctx, "Thank Mei", person="Mei Chen", kind="thank_you")
    assert [t["id"] for t in list_tasks(ctx)] == [mine["id"], mei["id"], later["id"]]
    assert later["person_id"] == ben["id"]
    assert later["lead_id"] is None
    assert mine["person_id"] is None
    assert mine["due"] == ctx.clock.today().isoformat()
    assert [t["title"] for t in list_tasks(ctx, about=ben["id"])] == ["Follow up with Ben"]
