"""Who in LinkedIn's messages.csv is no one to keep in touch with: a company's page (its
profile URL under ``/company/``, ``/showcase/`` or ``/school/``), the advertiser of a
sponsored conversation (its FOLDER or CONVERSATION TITLE says so), and "LinkedIn Member"
without a profile URL (an account since closed, or one that hides its name from exports).

A message with such a sender, or with no one else in it, is skipped with the reason why.
"""

from __future__ import annotations

import re

from netweave.io.records import ParticipantRef
from netweave.logic.normalize import fold

#: The path of a page's profile URL: a company, one of its showcase pages, a school.
_PAGE = re.compile(r"linkedin\.com/+(?:company|showcase|school)/", re.IGNORECASE)
#: The name LinkedIn writes for a member it no longer names.
_HIDDEN = fold("LinkedIn Member")
#: The title LinkedIn gives an advertiser's message.
_SPONSORED_TITLE = fold("Sponsored Conversation")

SPONSORED = "a sponsored message (an advertisement, no conversation with a person): skipped"
FROM_PAGE = "a message from a company page, not a person: skipped"
TO_PAGE = "a message to a company page, not a person: skipped"
HIDDEN = (
    "a message {} “LinkedIn Member” (a member whose account was closed, or who hides their "
    "name from exports): skipped"
)


def is_page(ref: ParticipantRef) -> bool:
    """A company's, showcase's or school's page, not a member."""
    return ref.linkedin is not None and _PAGE.search(ref.linkedin) is not None


def is_hidden(ref: ParticipantRef) -> bool:
    """A member LinkedIn names "LinkedIn Member", with no profile URL to know them by."""
    return not ref.linkedin and ref.name is not None and fold(ref.name) == _HIDDEN


def not_from_a_person(folder: str, title: str, sender: ParticipantRef) -> str | None:
    """Why a message is no conversation at all (sponsored, or sent by a page), or ``None``."""
    if "SPONSORED" in folder.upper() or fold(title.strip()) == _SPONSORED_TITLE:
        return SPONSORED
    return FROM_PAGE if is_page(sender) else None


def people_in(
    others: list[ParticipantRef], sender: ParticipantRef
) -> tuple[list[ParticipantRef], str | None]:
    """The people among the others in a message, and, when it has others but none of them
    is a person, why it is skipped."""
    people = [p for p in others if not is_page(p) and not is_hidden(p)]
    if people or not others:
        return people, None
    if any(is_hidden(p) for p in others):
        return people, HIDDEN.format("from" if is_hidden(sender) else "to")
    return people, TO_PAGE
