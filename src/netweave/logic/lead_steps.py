"""Who a lead's next step is about, and how far a lead's referral has come.

A step is about the linked person it names ("Hiring manager interview with Omar" is about
Omar, "Prepare for the recruiter screen" about the recruiter); a step that names nobody
goes through the referrer, else the first person linked. A referrer is only "referred by"
once a referral was given: linked but not yet asked, they are a referrer to ask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Words of a step that name a role on the lead: the person linked in that role.
ROLE_WORDS = {
    "referrer": ("referrer", "referral"),
    "hiring_manager": ("hiring manager",),
    "recruiter": ("recruiter",),
    "interviewer": ("interviewer",),
    "advocate": ("advocate",),
}
#: Stages past the referral: a lead that went from referral requested on to one of these
#: had its referral given.
PAST_REFERRAL = frozenset({"applied", "interviewing", "offer", "accepted"})


@dataclass(frozen=True)
class Linked:
    """A person linked to a lead, in one role."""

    person_id: int
    name: str
    role: str


def _says(text: str, words: str, *, exact_case: bool) -> bool:
    flags = 0 if exact_case else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, flags) is not None


def step_person(step: str, people: Sequence[Linked]) -> tuple[Linked | None, bool]:
    """The person a step is about, and whether the step names them.

    In order: a linked person whose full name the step gives, else whose first or last
    name it gives as written ("with Omar"), else whose role it names ("recruiter screen");
    then, named by nothing, the referrer, else the first person linked (``False``)."""
    if not people:
        return None, False
    for person in people:
        if _says(step, person.name, exact_case=False):
            return person, True
    for person in people:
        parts = [p for p in person.name.split() if p[:1].isupper() and len(p) > 1]
        if any(_says(step, part, exact_case=True) for part in parts):
            return person, True
    for person in people:
        if any(_says(step, word, exact_case=False) for word in ROLE_WORDS.get(person.role, ())):
            return person, True
    referrers = [p for p in people if p.role == "referrer"]
    return (referrers or list(people))[0], False


def referral_state(stages: Sequence[str], *, asked: bool, given: bool) -> str | None:
    """``given``, ``asked`` or ``None``: how far a lead's referral has come.

    Given: one was received, or the lead went from referral requested on to applied or
    later. Asked: one was asked for, or the lead is (or was) at referral requested."""
    if given:
        return "given"
    if "referral_requested" in stages:
        last = len(stages) - 1 - list(reversed(stages)).index("referral_requested")
        return "given" if PAST_REFERRAL.intersection(stages[last + 1 :]) else "asked"
    return "asked" if asked else None


def referrer_words(state: str | None, name: str) -> str:
    """How the agenda names a referrer, by how far their referral has come."""
    if state == "given":
        return f"referred by {name}"
    if state == "asked":
        return f"referral asked of {name}"
    return f"referrer (not asked yet): {name}"
