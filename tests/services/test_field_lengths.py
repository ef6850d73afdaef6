"""The web forms' limits are the columns' lengths, on both backends: a value as long as a
form takes is saved, and the form refuses one character more before the database would."""

from __future__ import annotations

import re
from typing import Any

import pydantic
import pytest

from factories import every_row, person
from netweave.services.context import Context
from netweave.services.orgs import add_organization, edit_organization, show_organization
from netweave.services.people import PersonChanges, edit_person, show_person
from netweave.web.forms import OrgEditIn, PersonEditIn, lengths, within_limits


def test_a_person_as_long_as_the_edit_form_takes_is_saved(ctx: Context) -> None:
    person(ctx, "Ada Lovelace")
    most = lengths(PersonEditIn)
    typed = {f: "p" * most[f] for f in ("location", "pronouns", "headline")}
    within_limits(PersonEditIn, typed)
    edit_person(ctx, "Ada Lovelace", PersonChanges(**typed))
    shown = show_person(ctx, "Ada Lovelace")
    assert {f: shown[f] for f in typed} == typed
    for field, value in typed.items():
        with pytest.raises(pydantic.ValidationError, match=field):
            within_limits(PersonEditIn, {field: value + "p"})


def test_an_organization_as_long_as_the_edit_form_takes_is_saved(ctx: Context) -> None:
    add_organization(ctx, "Globex")
    most = lengths(OrgEditIn)
    domain = ".".join(["d" * 61] * 4) + ".com"  # as long as a domain is (253 at most)
    assert most["domain"] >= len(domain)
    typed = {"domain": domain, "industry": "i" * most["industry"],
             "location": "l" * most["location"]}  # fmt: skip
    within_limits(OrgEditIn, typed)
    edit_organization(ctx, "Globex", **typed)
    shown = show_organization(ctx, "Globex")
    assert {f: shown[f] for f in typed} == typed
    for field, value in typed.items():
        with pytest.raises(pydantic.ValidationError, match=field):
            within_limits(OrgEditIn, {field: value + "x" * (most[field] - len(value) + 1)})


def test_texts_without_a_column_length_have_one_limit_for_every_interface(ctx: Context) -> None:
    """A note, a need, an offer, a conversation's note, a lead's next step and a task's
    title: as long as the limit is saved, one more character is refused by the service
    (so the command line, the web forms and the JSON API refuse alike), nothing saved."""
    from netweave.errors import InvalidInput
    from netweave.services import field_lengths as column
    from netweave.services.conversations import ConversationChanges, edit_conversation
    from netweave.services.interactions import LogRequest, log_interaction
    from netweave.services.leads import add_lead, list_leads, set_next_step
    from netweave.services.people import add_person
    from netweave.services.tasks import add_task, list_tasks

    def too_long(field: str, most: int) -> Any:
        said = f"{field}: at most {most:,} characters (this one has {most + 1:,})"
        return pytest.raises(InvalidInput, match=re.escape(said))

    note, step = "n" * column.NOTE, "s" * column.STEP
    person(ctx, "Ada Lovelace", note=note, needs=[note], offers=[note])
    longer = note + "n"
    for field, changes in (("note", PersonChanges(name="Bo", note=longer)),
                           ("need", PersonChanges(name="Bo", needs=[longer])),
                           ("offer", PersonChanges(name="Bo", offers=[longer]))):  # fmt: skip
        with too_long(field, column.NOTE):
            add_person(ctx, changes)
    with too_long("note", column.NOTE):
        log_interaction(ctx, LogRequest(names=["Ada"], note=note + "n"))
    logged = log_interaction(ctx, LogRequest(names=["Ada"], note=note))
    number = int(logged["interaction"]["id"])
    with too_long("note", column.NOTE):
        edit_conversation(ctx, number, ConversationChanges(note=note + "n"))
    with too_long("next step", column.STEP):
        add_lead(ctx, "Acme", "PM", next_step=step + "s")
    lead = add_lead(ctx, "Acme", "PM", next_step=step)
    with too_long("next step", column.STEP):
        set_next_step(ctx, f"#{lead['id']}", step + "s", None)
    with too_long("title", column.TASK_TITLE):
        add_task(ctx, "t" * (column.TASK_TITLE + 1))
    add_task(ctx, "t" * column.TASK_TITLE)
    assert show_person(ctx, "Ada")["notes"] == note
    assert len(every_row(ctx)["person"]) == 1  # Ada alone: no Bo
    assert [x["next_step"] for x in list_leads(ctx)] == [step]
    assert [len(t["title"]) for t in list_tasks(ctx)] == [column.TASK_TITLE]
