"""What the smaller forms just did, in one plain line each (``deps.said_at``): a snooze
lifted, a lead's next step or people changed, a target removed, whom someone knows, an ask
settled, a need or offer removed, a campaign started or closed. Made from what the service
answered, like the lines of ``web/said.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from netweave.logic.vocab import exchange_words, kind_label
from netweave.web.said import day_text, lead_name

#: The suggestion about a person that a snooze hid, as the line names it.
_WOKEN = {
    "check_in": "the check-in with {}",
    "birthday": "the birthday greeting to {}",
    "3b7": "the 3B7 step with {}",
    "campaign": "the campaign greeting to {}",
    "give": "the give-back to {}",
}


def woken(view: dict[str, Any]) -> str:
    """A snooze lifted ("Offer it again now"); or none there to lift."""
    what = _WOKEN.get(view["kind"], kind_label(view["kind"]) + " about {}").format(view["person"])
    if view["was_until"] is None:
        return f"{what[0].upper()}{what[1:]} was not snoozed: nothing changed."
    return f"Offered again from today: {what}."


def next_set(lead: dict[str, Any], today: dt.date) -> str:
    """A lead's next step set, moved to another day, or cleared."""
    if not lead.get("next_step"):
        return f"Cleared the next step of the lead {lead_name(lead)}."
    due = f", due {day_text(lead['next_due'], today)}" if lead.get("next_due") else ""
    return f"Next step of the lead {lead_name(lead)}: “{lead['next_step']}”{due}."


def linked(lead: dict[str, Any]) -> str:
    """Someone linked to a lead, in a role."""
    who = lead["linked"]
    role = str(who["role"]).replace("_", " ")
    return f"Linked {who['name']} to the lead {lead_name(lead)} as {role}."


def unlinked(lead: dict[str, Any], role: str | None) -> str:
    """Someone taken off a lead (in one role, or in every role they had on it)."""
    as_role = f" as {role.replace('_', ' ')}" if role else ""
    return f"Took {lead['unlinked']['name']} off the lead {lead_name(lead)}{as_role}."


def target_removed(org: str) -> str:
    """An employer taken off the LAMP list."""
    return f"Took {org} off the target list (the organization and its people stay)."


def knows_added(edge: dict[str, Any]) -> str:
    """Two people recorded as knowing each other."""
    about = [edge["context"]] if edge.get("context") else []
    if edge.get("how") == "slightly":
        about.insert(0, "slightly")
    how = f" ({', '.join(about)})" if about else ""
    return f"Recorded that {edge['a']} and {edge['b']} know each other{how}."


def ask_settled(ask: dict[str, Any], today: dt.date) -> str:
    """An ask marked fulfilled or declined (or one so already)."""
    what = f"your ask of {day_text(ask['on'], today)} for {exchange_words(ask['kind'])}"
    if ask.get("already"):
        return f"{ask['person']}: {what} was {ask['status']} already. Nothing changed."
    return f"Marked {ask['status']}: {what} to {ask['person']}."


def value_removed(what: str, value: str, person: str) -> str:
    """A need, an offer or an interest (``CATEGORY:LABEL``: said by its label) taken away
    from someone."""
    value = value.partition(":")[2] or value if what == "interest" else value
    return f"Removed the {what} “{value}” from {person}'s record."


def campaign_started(view: dict[str, Any]) -> str:
    """A campaign made: how many people are on its checklist."""
    people = "person" if view["total"] == 1 else "people"
    return f"Started the campaign {view['name']}: {view['total']} {people} to greet."


def campaign_closed(view: dict[str, Any]) -> str:
    """A campaign ended today: its open greetings leave Today."""
    left = view["total"] - view["done"]
    if not left:
        return f"Closed the campaign {view['name']}: everyone on it was greeted."
    greetings = "1 greeting not sent leaves" if left == 1 else f"{left} greetings not sent leave"
    return f"Closed the campaign {view['name']}: {greetings} Today."


def prep_held(result: dict[str, Any], today: dt.date) -> str:
    """An informational conversation held (``prep --done``): logged, and what was planned
    after it, each task with its day; the asks it answered, and what it ticked off."""
    lines = [f"Logged the {result['interaction']['kind']} (advice received)."]
    planned = []
    for task in result["tasks"]:
        due = dt.date.fromisoformat(task["due"])
        when = "today" if due <= today else f"{day_text(due, today)} (in {(due - today).days} days)"
        planned.append(f"“{task['title']}”, due {when}")
    if planned:
        lines.append(f"Planned: {'; '.join(planned)}.")
    for ask in result["asks_fulfilled"]:
        what = f"your ask of {day_text(ask['on'], today)} for {exchange_words(ask['kind'])}"
        lines.append(f"That answers {what}: marked fulfilled.")
    lines += [f"Done with it: {title}." for title in result["tasks_done"]]
    return " ".join(lines)
