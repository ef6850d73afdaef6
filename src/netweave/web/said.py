"""What a form just did, in one plain line: the message its page says (``deps.said_at``, or
Today's agenda in place).

Each line is made from what the service answered, so it says what happened (a message
logged, and with whom), not what the button was called.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from netweave.logic.vocab import kind_label

#: What a "Done" on each suggestion about a person was, after "Marked done: ".
_SUGGESTIONS = {
    "check_in": "check-in with {}",
    "birthday": "birthday greeting to {}",
    "3b7": "3B7 step with {}",
    "campaign": "campaign greeting to {}",
    "give": "give-back to {}",
}


def day_text(day: str | dt.date, today: dt.date) -> str:
    """A day as people say it: ``4 December`` (with the year when it is not this one's)."""
    when = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return f"{when.day} {when:%B}" + (f" {when.year}" if when.year != today.year else "")


def suggestion_done(kind: str, result: dict[str, Any]) -> str:
    """ "Done" on a suggestion of ``kind`` about a person: what was marked, and the message
    logged (``result``: the service's answer)."""
    who = result["person"]
    what = _SUGGESTIONS.get(kind, kind_label(kind) + " about {}")
    said = f"Marked done: {what.format(who)}. Logged a message with {who} (on their timeline)."
    return said + _greeted(result.get("greeted", []))


def task_done(result: dict[str, Any]) -> str:
    """ "Done" on a task: the task closed, and the message logged when its kind means one."""
    if result["already_done"]:
        return f"Already done: {result['title']}. Nothing more was logged."
    if not result["logged"]:
        return f"Marked done: {result['title']}. Nothing was logged."
    said = f"Marked done: {result['title']}. Logged a message with {result['person']}."
    return said + _greeted(result["greeted"])


def _greeted(greetings: list[str]) -> str:
    """The campaign greetings a message logged by "Done" ticked off, as ``log`` says them."""
    return "".join(f" Done with it: {title}." for title in greetings)


def step_done(lead: dict[str, Any]) -> str:
    """A lead's next step done: cleared, nothing logged."""
    return f"Cleared the next step of the lead {lead_name(lead)}. Nothing was logged."


def snoozed(what: str, until: str | dt.date, today: dt.date) -> str:
    """A snooze: what is hidden, and until when."""
    return f"Snoozed {what} until {day_text(until, today)}."


def task_snoozed(task: dict[str, Any], today: dt.date) -> str:
    """A task snoozed (its title is a sentence of its own)."""
    return f"Snoozed until {day_text(task['snoozed_until'], today)}: {task['title']}."


def step_snoozed(lead: dict[str, Any], today: dt.date) -> str:
    """A lead's next step put off: due again that day."""
    return snoozed(f"the next step of the lead {lead_name(lead)}", lead["next_due"], today)


def suggestion_snoozed(view: dict[str, Any], today: dt.date) -> str:
    """A suggestion about a person snoozed."""
    what = _SUGGESTIONS.get(view["kind"], kind_label(view["kind"]) + " about {}")
    return snoozed(f"the {what.format(view['person'])}", view["until"], today)


def lead_name(lead: dict[str, Any]) -> str:
    """A lead as its card names it: ``#5 Data engineer at Kelp Forest Labs``."""
    at = f" at {lead['org']}" if lead.get("org") else ""
    return f"#{lead['id']} {lead['role']}{at}"


def lead_moved(lead: dict[str, Any]) -> str:
    """A lead moved to another stage (whether its next step went with the move, and the
    tasks planned for it that a rejection or withdrawal took off Today)."""
    stage = str(lead["stage"]).replace("_", " ")
    cleared = " Its next step was cleared." if lead.get("step_cleared") else ""
    if cleared and lead.get("next_step"):  # the move gave the next one instead
        cleared = f" Its next step is now: {lead['next_step']}."
    dropped = "; ".join(t["title"] for t in lead.get("dropped") or [])
    off = f" Its open tasks are off Today: {dropped}." if dropped else ""
    return f"Moved the lead {lead_name(lead)} to {stage}.{cleared}{off}"


def event_added(event: dict[str, Any], today: dt.date) -> str:
    """An event added; or one of that name known already, given what it lacked."""
    day = f" on {day_text(event['date'], today)}" if event.get("date") else ""
    if filled := event.get("filled"):
        return f"{event['name']} was here already: gave it its {' and '.join(filled)}."
    return f"Added the event {event['name']}{day}: the people met there go in Quick capture."


def person_saved(view: dict[str, Any] | None, was: dict[str, Any]) -> str:
    """A person's Edit form saved (``view``: the person as saved; ``None``: nothing changed)."""
    if view is None:
        return f"Nothing changed: {was['name']}'s record said all that already."
    return f"Saved the changes to {view['name']}."


def target_set(target: dict[str, Any], *, added: bool) -> str:
    """A target added to the LAMP list, or its motivation and posting changed: where it
    ranks now."""
    done = "Added" if added else "Saved"
    scores = f"motivation {target['motivation']}, posting {target['posting']}"
    return f"{done} the target {target['org']} ({scores}): number {target['rank']} on the list."
