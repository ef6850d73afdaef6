"""What an import says beside its counts: what it left out of a file, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netweave.logic.wording import count
from netweave.services.import_apply import Applier
from netweave.services.import_conversations import CROWD
from netweave.services.import_words import (
    both,
    bulk_left_out,
    no_address_of_mine,
    strangers_skipped,
)

if TYPE_CHECKING:
    from netweave.services.imports import ImportOptions


def file_notes(applier: Applier, kind: str, options: ImportOptions, *, first: bool) -> None:
    """List with a file's problems what its import left out: meetings of strangers, requests
    and messages of people not among the connections, bulk mail, conversations of crowds."""
    if kind == "ics":
        _calendar_notes(applier, options, first=first)
    if applier.requests:
        _pending_requests(applier)
    if kind == "linkedin" and applier.strangers > applier.requests:
        _messages_with_strangers(applier)
    if applier.bulk_mail:
        applier.error(None, *both(lambda web: bulk_left_out(applier.bulk_mail, web)))
    if applier.crowds:
        them = count(applier.crowds, "conversation")
        applier.error(None, f"{them} with more than {CROWD} people made no one new "
                      "(a mailing, an all-hands): those in them you know are "
                      "linked")  # fmt: skip


def photos_not_kept(photos: int) -> str:
    """What an import says of the photos its cards had: netweave keeps none."""
    them = "the card was" if photos == 1 else "the cards were"
    it = "it" if photos == 1 else "them"
    return f"photos are not kept: {photos} ({them} imported without {it})"


def _calendar_notes(applier: Applier, options: ImportOptions, *, first: bool) -> None:
    """What a calendar's import should say beside its counts: meetings skipped for want of
    anyone known in them, and (once a batch, when it took meetings in) that meetings the
    user declined could not be told apart."""
    if applier.strangers and not options.create_people:
        applier.error(None, *both(lambda web: strangers_skipped(applier.strangers, web)))
    if applier.alone:
        them = "it" if applier.alone == 1 else "them"
        applier.error(None, f"{count(applier.alone, 'event')} with no one else in {them} skipped")
    if first and not options.me and applier.counts.created:
        applier.error(None, *both(no_address_of_mine))


def _pending_requests(applier: Applier) -> None:
    """Say that connection requests from people not among the connections were left out."""
    requests = count(applier.requests, "connection request")
    applier.error(
        None,
        f"{requests} received from people not among your connections skipped (not accepted "
        "yet; accept on LinkedIn and import a new export to add them)",
    )


def _messages_with_strangers(applier: Applier) -> None:
    """Say that messages with no one among the connections (nor here) were left out: an
    older export's messages name people, and only the connections are made people."""
    messages = count(applier.strangers - applier.requests, "message")
    applier.error(
        None,
        f"{messages} with people not among your connections skipped (import the whole "
        "export, or its Connections.csv first, to have those who are)",
    )
