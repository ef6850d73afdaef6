"""The fixed vocabularies of the domain (kinds, directions, states)."""

from __future__ import annotations

CONTACT_KINDS = ("email", "phone", "url", "linkedin", "other")
INTEREST_CATEGORIES = ("personal", "professional", "social")
INTERACTION_KINDS = ("coffee", "meeting", "call", "video", "email", "message", "event", "note")
DIRECTIONS = ("out", "in", "both")
EXCHANGE_DIRECTIONS = ("gave", "received", "asked")
EXCHANGE_KINDS = ("advice", "information", "introduction", "referral", "job", "favor")
#: What one gives back to someone, most usual first (a job is not given back in a message).
GIFTS = ("information", "advice", "introduction", "referral", "favor")
EXCHANGE_STATUSES = ("open", "fulfilled", "declined")
KNOWS_STATUSES = ("confirmed", "suggested")
INTRO_STATES = ("proposed", "asked_a", "asked_b", "agreed", "introduced", "done", "declined")
LEAD_SOURCES = ("referral", "network", "recruiter", "posting", "other")
LEAD_STAGES = (
    "lead",
    "researching",
    "networking",
    "referral_requested",
    "applied",
    "interviewing",
    "offer",
    "accepted",
    "rejected",
    "withdrawn",
)
LEAD_ROLES = ("referrer", "hiring_manager", "recruiter", "interviewer", "advocate")
TASK_KINDS = ("follow_up", "check_in", "thank_you", "3b7", "campaign", "congratulate", "custom")
COMMUNITY_KINDS = ("school", "alumni", "club", "other")
EVENT_KINDS = ("conference", "meetup", "party", "class", "other")
IMPORT_STATES = ("running", "done", "partial", "undone")

#: How agenda items and tasks are named to people (the JSON keeps the kinds themselves).
AGENDA_LABELS = {
    "check_in": "check-in",
    "follow_up": "follow-up",
    "thank_you": "thank-you",
    "3b7": "3B7",
    "birthday": "birthday",
    "give": "give back",
    "campaign": "campaign",
    "congratulate": "congratulate",
    "lead": "lead",
    "intro": "introduction",
    "task": "task",
    "custom": "to-do",
}


def kind_label(kind: str, *, sentence: bool = False) -> str:
    """An agenda or task kind as people read it; ``sentence`` capitalizes its first letter."""
    label = AGENDA_LABELS.get(kind, kind.replace("_", " "))
    return label[:1].upper() + label[1:] if sentence else label


def choose(value: str, allowed: tuple[str, ...], what: str) -> str:
    """Normalize ``value`` and check it is one of ``allowed``; raise a clear error if not."""
    from netweave.errors import InvalidInput

    norm = value.strip().lower().replace("-", "_").replace(" ", "_")
    if norm not in allowed:
        raise InvalidInput(f"unknown {what} {value!r}; choose one of: {', '.join(allowed)}")
    return norm
