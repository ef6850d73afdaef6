"""LinkedIn messages from no person (an advertiser, a company page, a member LinkedIn no
longer names) make no one, and the import says why each was skipped."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from netweave.services.context import Context
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.store.models import Interaction, Person

MESSAGES = """\
CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,\
SUBJECT,CONTENT,FOLDER,ATTACHMENTS
2-AAA,,LinkedIn Member,,Maya Lindqvist,https://www.linkedin.com/in/mayalindqvist,\
2026-05-01 10:00:00 UTC,,"hello from a deleted account",INBOX,
2-BBB,Team lunch,Maya Lindqvist,https://www.linkedin.com/in/mayalindqvist,"Priya Raman,Li Wei",\
https://www.linkedin.com/in/priyaraman https://www.linkedin.com/in/liwei88,\
2026-05-20 12:00:00 UTC,,"Lunch Friday?
Bring ideas.",INBOX,
2-CCC,Sponsored Conversation,Acme Ads,https://www.linkedin.com/company/acmeads,Maya Lindqvist,\
https://www.linkedin.com/in/mayalindqvist,2026-05-01 10:00:00 UTC,Try our product,"<p>buy</p>",\
INBOX,
2-DDD,,Acme Labs,https://www.linkedin.com/showcase/acme-labs,Maya Lindqvist,\
https://www.linkedin.com/in/mayalindqvist,2026-05-02 10:00:00 UTC,,"Our news",INBOX,
2-EEE,,Zoë Müller,https://www.linkedin.com/in/zo%C3%AB-m%C3%BCller-12345,Maya Lindqvist,\
https://www.linkedin.com/in/mayalindqvist,2026-05-25 08:00:00 UTC,,"Danke!",INBOX,
"""


def _names(ctx: Context) -> set[str]:
    with ctx.db.reading() as session:
        return set(session.scalars(select(Person.display_name)))


def _conversations(ctx: Context) -> int:
    with ctx.db.reading() as session:
        return len(list(session.scalars(select(Interaction.id))))


def test_messages_from_no_person_are_skipped_with_why(ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(MESSAGES, encoding="utf-8")
    options = ImportOptions(me=["Maya Lindqvist"])
    first = run_import(ctx, "linkedin", [path], options)
    assert _names(ctx) == {"Priya Raman", "Li Wei", "Zoë Müller"}  # no Acme, no Member
    assert (first["people"], first["skipped"]) == (3, 3)
    assert [(e["line"], e["error"]) for e in first["errors"]] == [  # type: ignore[union-attr]
        (2, "a message from “LinkedIn Member” (a member whose account was closed, or who "
            "hides their name from exports): skipped"),
        (5, "a sponsored message (an advertisement, no conversation with a person): skipped"),
        (6, "a message from a company page, not a person: skipped"),
    ]  # fmt: skip
    assert _conversations(ctx) == 2
    again = run_import(ctx, "linkedin", [path], options)
    assert (again["created"], again["skipped"]) == (0, 5)
    undo_batch(ctx, int(again["batch"]))
    undo_batch(ctx, int(first["batch"]))
    assert _names(ctx) == set()
    assert _conversations(ctx) == 0


#: messages.csv of 2024 on: an InMail kept as HTML, one with a line break in its markup, a
#: message in plain text that has a "<" and an "&" of its own, and a draft never sent.
MARKED_UP = """\
CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,\
SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT
2-FFF,,Tom Ford,https://www.linkedin.com/in/tomford,Maya Lindqvist,\
https://www.linkedin.com/in/mayalindqvist,2026-05-21 10:00:00 UTC,,\
"<p>Hey &amp; hello</p><p>Coffee at <b>Blue&nbsp;Door</b>?<br>Tuesday 10:00</p>",INBOX,,No
2-GGG,,Maya Lindqvist,https://www.linkedin.com/in/mayalindqvist,Tom Ford,\
https://www.linkedin.com/in/tomford,2026-05-21 11:00:00 UTC,,"Sure <3 & see you
at 10 (if 2 < 3), press <Enter> at the door",SENT,,No
2-HHH,,Maya Lindqvist,https://www.linkedin.com/in/mayalindqvist,Grace Hopper,\
https://www.linkedin.com/in/gracehopper,2026-05-22 10:00:00 UTC,,"Draft I never sent",DRAFT,,Yes
2-III,,Grace Hopper,https://www.linkedin.com/in/gracehopper,Maya Lindqvist,\
https://www.linkedin.com/in/mayalindqvist,2026-05-23 10:00:00 UTC,,"Tom &amp; Jerry
say hi",INBOX,,No
"""


def test_markup_is_kept_as_text_and_a_draft_is_skipped_with_why(
    ctx: Context, tmp_path: Path
) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(MARKED_UP, encoding="utf-8")
    result = run_import(ctx, "linkedin", [path], ImportOptions(me=["Maya Lindqvist"]))
    with ctx.db.reading() as session:
        summaries = list(session.scalars(select(Interaction.summary).order_by(Interaction.id)))
    assert summaries == [
        "Hey & hello\nCoffee at Blue Door?\nTuesday 10:00",
        "Sure <3 & see you\nat 10 (if 2 < 3), press <Enter> at the door",
        "Tom & Jerry\nsay hi",
    ]
    assert result["skipped"] == 1
    assert [(e["line"], e["error"]) for e in result["errors"]] == [  # type: ignore[union-attr]
        (5, "a draft, never sent: skipped")
    ]
