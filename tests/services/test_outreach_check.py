"""A message to someone checked as their draft is checked (``check_for``), on both backends."""

from __future__ import annotations

import pytest

from factories import person
from netweave.errors import InvalidInput
from netweave.services.context import Context
from netweave.services.outreach import check_for, check_message, draft_message


def test_a_draft_checked_again_keeps_the_rules_it_kept(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", is_me=True)
    person(ctx, "Rina Sato", title="Hiring Manager", company="Open Positions Ltd")
    draft = draft_message(ctx, "Rina Sato", broad="recruiting", narrow="job boards")
    assert draft["broken"] == []
    again = check_for(ctx, "Rina Sato", draft["text"], broad="recruiting", narrow="job boards")
    assert again == {**check_message(draft["text"]), "broken": [], "ok": True}
    # without their context, the words of their title and employer read as job asks
    bare = {f["rule"] for f in check_message(draft["text"])["broken"]}
    assert bare == {"no_job_ask"}
    # a job asked for in words of one's own is still one
    asked = check_for(ctx, "Rina Sato", draft["text"] + "\nCould you refer me?")
    assert [f["rule"] for f in asked["broken"]] == ["no_job_ask"]


def test_no_message_to_oneself(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", is_me=True)
    with pytest.raises(InvalidInput, match="someone else"):
        check_for(ctx, "Ada Lovelace", "Hello?")
