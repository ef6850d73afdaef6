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
#: ``update``: telling someone what came of their advice, planned for later; a contact
#: before then (the thank-you) does not carry it out, as it does a follow-up.
TASK_KINDS = (
    "follow_up", "update", "check_in", "thank_you", "3b7", "campaign", "congratulate", "custom",
)  # fmt: skip
COMMUNITY_KINDS = ("school", "alumni", "club", "other")
EVENT_KINDS = ("conference", "meetup", "party", "class", "other")
IMPORT_STATES = ("running", "done", "partial", "undone")
#: The importers, as ``netweave import KIND`` names them.
IMPORT_KINDS = ("linkedin", "vcard", "google-csv", "ics", "mbox")
#: What made an import batch: an importer, or a merge of people or of organizations (kept
#: in the log so it can be undone).
BATCH_KINDS = (*IMPORT_KINDS, "merge", "org-merge")
#: Agenda suggestions snoozed per person and kind (a task carries its own snooze).
SNOOZABLE = ("check_in", "give", "3b7", "birthday", "intro", "campaign")
#: Suggestions about a pair the user turned down: that they know each other, that they
#: should be introduced, that they are the same person.
DISMISSAL_KINDS = ("knows", "intro", "duplicate")

#: The columns that hold a word of one of the vocabularies above, table by table: what a
#: restored backup is checked against. ``person.circle`` is missing: the circles are the
#: settings' (``Settings.circles``).
COLUMN_VOCABULARIES: dict[str, dict[str, tuple[str, ...]]] = {
    "agenda_snooze": {"kind": SNOOZABLE},
    "community": {"kind": COMMUNITY_KINDS},
    "contact_point": {"kind": CONTACT_KINDS},
    "dismissed_pair": {"kind": DISMISSAL_KINDS},
    "event": {"kind": EVENT_KINDS},
    "exchange": {
        "direction": EXCHANGE_DIRECTIONS,
        "kind": EXCHANGE_KINDS,
        "status": EXCHANGE_STATUSES,
    },
    "import_batch": {"kind": BATCH_KINDS, "state": IMPORT_STATES},
    "interaction": {"kind": INTERACTION_KINDS, "direction": DIRECTIONS},
    "interest": {"category": INTEREST_CATEGORIES},
    "introduction": {"state": INTRO_STATES},
    "knows": {"status": KNOWS_STATUSES},
    "lead": {"source": LEAD_SOURCES, "stage": LEAD_STAGES},
    "lead_person": {"role": LEAD_ROLES},
    "lead_stage_change": {"from_stage": LEAD_STAGES, "to_stage": LEAD_STAGES},
    "task": {"kind": TASK_KINDS},
}

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
    "task": "to-do",
    "custom": "to-do",
}


def typed_kind(value: str) -> str:
    """An agenda or task kind as typed: as the program prints it ("give back",
    "introduction", "to-do") or as its JSON names it ("give", "intro", "custom"), in any
    case and with - or _ or a space; the JSON's name (a custom task is ``custom``).
    Whether the kind is one a command takes is the caller's check."""
    words = " ".join(value.split()).lower()
    if words == AGENDA_LABELS["custom"]:
        return "custom"
    for kind, label in AGENDA_LABELS.items():
        if words == label.lower():
            return kind
    return words.replace("-", "_").replace(" ", "_")


def kind_label(kind: str, *, sentence: bool = False) -> str:
    """An agenda or task kind as people read it; ``sentence`` capitalizes its first letter."""
    label = AGENDA_LABELS.get(kind, kind.replace("_", " "))
    return label[:1].upper() + label[1:] if sentence else label


#: An exchange's kind in a sentence, after "you gave", "you received" or "you asked for".
EXCHANGE_WORDS = {
    "introduction": "an introduction",
    "referral": "a referral",
    "job": "a job",
    "favor": "a favor",
}


def exchange_words(kind: str) -> str:
    """An exchange's kind as a sentence says it: "you asked for a job", "you gave advice"."""
    return EXCHANGE_WORDS.get(kind, kind)


def typed(word: str) -> str:
    """A vocabulary word as the command line spells it: ``referral_requested`` →
    ``referral-requested`` (either is accepted)."""
    return word.replace("_", "-")


def choose(value: str, allowed: tuple[str, ...], what: str) -> str:
    """Normalize ``value`` and check it is one of ``allowed``; raise a clear error if not."""
    from netweave.errors import InvalidInput

    norm = value.strip().lower().replace("-", "_").replace(" ", "_")
    if norm not in allowed:
        import difflib

        close = difflib.get_close_matches(norm, allowed, n=1, cutoff=0.75)
        hint = f" (did you mean {typed(close[0])}?)" if close else ""
        choices = ", ".join(typed(a) for a in allowed)
        raise InvalidInput(f"unknown {what} {value!r}{hint}; choose one of: {choices}")
    return norm
