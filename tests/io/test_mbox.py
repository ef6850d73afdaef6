"""The mbox reader: real-format fixtures, golden output, bulk mail, bad input, streaming."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import email.generator
import email.policy
import io
import json
import os
import re
import tracemalloc
import zipfile
from collections.abc import Iterable
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netweave.io import mbox_split
from netweave.io.mbox import BODY_EXCERPT_CHARS, SKIP_REASONS, SkippedMessage, read_mbox
from netweave.io.records import FormatError, InteractionRecord
from netweave.logic.normalize import clean

DATA = Path(__file__).parents[1] / "data" / "mbox"
GOLDEN = Path(__file__).parents[1] / "golden"
TAKEOUT = DATA / "gmail-takeout.mbox"
ME = ["dana.whitfield@example.com", "Dana@Whitfield.dev"]
SEPARATOR = "From sender@example.com Mon Mar  2 17:04:11 2026"


# --- golden files (the format of tests/io/golden.py, so either helper reads them) -------


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {value!r}")


def assert_golden(records: Iterable[object], name: str) -> None:
    """The records equal ``tests/golden/<name>``; with NETWEAVE_UPDATE_GOLDEN=1, rewrite it."""
    rows = [
        {"type": type(r).__name__, **dataclasses.asdict(r)}  # type: ignore[call-overload]
        for r in records
    ]
    text = json.dumps(rows, default=_iso, ensure_ascii=False, indent=2) + "\n"
    path = GOLDEN / name
    if os.environ.get("NETWEAVE_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run with NETWEAVE_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    if json.loads(text) != json.loads(expected):
        diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), lineterm="")
        pytest.fail(f"records differ from {path}:\n" + "\n".join(diff))


# --- tiny factories ---------------------------------------------------------------------


def message(
    *extra: str,
    sender: str = "Alex Kim <alex@kim.example>",
    to: str = "Dana Whitfield <dana.whitfield@example.com>",
    date: str | None = "Mon, 2 Mar 2026 09:00:00 +0000",
    subject: str = "Hello",
    body: str = "Hi Dana.\n",
    separator: str = SEPARATOR,
) -> str:
    """One message in mbox form (separator line included), with the given header lines;
    ``date=None`` writes no Date header."""
    dated = [] if date is None else [f"Date: {date}"]
    headers = [f"From: {sender}", f"To: {to}", *dated, f"Subject: {subject}", *extra]
    return f"{separator}\n" + "\n".join(headers) + f"\n\n{body}\n"


def write_mbox(tmp_path: Path, *messages: str, newline: str = "\n") -> Path:
    path = tmp_path / "mail.mbox"
    path.write_bytes("".join(messages).replace("\n", newline).encode("utf-8"))
    return path


Skipped = list[SkippedMessage | FormatError]


def read_all(path: Path, **options: object) -> tuple[list[InteractionRecord], Skipped]:
    skipped: Skipped = []
    records = list(read_mbox(path, me=ME, on_skip=skipped.append, **options))  # type: ignore[arg-type]
    return records, skipped


def outcome(path: Path, **options: object) -> tuple[list[InteractionRecord], list[object]]:
    """``read_all`` in a form two reads can be compared in (an exception equals only itself)."""
    records, skipped = read_all(path, **options)
    return records, [
        (s.file, s.line, s.reason) if isinstance(s, FormatError) else s for s in skipped
    ]


# --- the Gmail Takeout fixture ----------------------------------------------------------


def test_default_output_matches_golden() -> None:
    records, _ = read_all(TAKEOUT)
    assert_golden(records, "mbox/gmail-takeout.json")


def test_keep_bodies_output_matches_golden() -> None:
    records, _ = read_all(TAKEOUT, keep_bodies=True)
    assert_golden(records, "mbox/gmail-takeout-bodies.json")


def test_skipped_messages_are_reported_with_line_and_reason() -> None:
    records, skipped = read_all(TAKEOUT)
    assert len(records) == 7
    assert all(isinstance(s, SkippedMessage) for s in skipped)
    bulk = [s for s in skipped if isinstance(s, SkippedMessage)]
    assert [(s.line, s.reason) for s in bulk] == [(81, "bulk"), (94, "bulk")]
    assert "List-Id" in bulk[0].detail
    assert "no-reply@calendar.example" in bulk[1].detail
    assert all(s.reason in SKIP_REASONS for s in bulk)


def test_a_bad_date_header_gives_way_to_the_date_of_the_from_line() -> None:
    records, _ = read_all(TAKEOUT)
    [undated] = [r for r in records if r.line == 153]
    assert undated.occurred_at == dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def test_without_a_callback_skipped_messages_are_dropped_silently() -> None:
    assert len(list(read_mbox(TAKEOUT, me=ME))) == 7


def test_a_thread_shares_the_root_message_id_and_keeps_each_direction() -> None:
    records, _ = read_all(TAKEOUT)
    thread = [r for r in records if r.thread_id == "mbox:CAD1thread0001@mail.gmail.com"]
    assert [r.external_id for r in thread] == [
        "mbox:CAD1thread0001@mail.gmail.com",
        "mbox:CAE2reply0002@mail.gmail.com",
        "mbox:CAF3reply0003@mail.gmail.com",
    ]
    assert [r.direction for r in thread] == ["out", "in", "out"]


def test_rfc2047_names_and_subjects_are_decoded() -> None:
    records, _ = read_all(TAKEOUT)
    names = {p.email: p.name for r in records for p in r.participants}
    assert names["alicia.nunez@example.org"] == "Alicia Núñez"  # UTF-8, B encoding
    assert names["jmueller@example.de"] == "Jürgen Müller"  # ISO-8859-1, Q encoding
    summaries = {r.summary for r in records}
    assert {"Re: Coffee next week? ☕", "Grüße aus München"} <= summaries


def test_the_user_is_never_a_participant_whatever_the_case() -> None:
    records, _ = read_all(TAKEOUT)
    emails = {p.email for r in records for p in r.participants}
    assert not emails & {"dana.whitfield@example.com", "dana@whitfield.dev"}
    assert all(e == e.lower() for e in emails if e)


def test_dates_are_aware_utc() -> None:
    records, _ = read_all(TAKEOUT)
    assert all(r.occurred_at.tzinfo is dt.UTC for r in records)
    first, _, minus_zero = records[:3]
    assert first.occurred_at == dt.datetime(2026, 3, 2, 17, 4, 11, tzinfo=dt.UTC)  # -0800
    assert minus_zero.occurred_at == dt.datetime(2026, 3, 4, 8, 0, tzinfo=dt.UTC)  # -0000


def test_a_message_without_message_id_gets_a_stable_hash_id() -> None:
    first = {r.summary: r for r in read_all(TAKEOUT)[0]}["Intro to Priya?"]
    again = {r.summary: r for r in read_all(TAKEOUT)[0]}["Intro to Priya?"]
    assert re.fullmatch(r"mbox:sha256:[0-9a-f]{32}", first.external_id)
    assert first.external_id == again.external_id == first.thread_id


def test_quoted_from_lines_stay_in_the_body_unquoted() -> None:
    records, skipped = read_all(TAKEOUT, keep_bodies=True)
    assert len(records) + len(skipped) == 9
    reply = records[1].summary or ""
    assert "From what I hear, your team is hiring" in reply
    assert ">From" not in reply
    # ">>From" stands for a quoted ">From" line, which the excerpt leaves out.
    assert "archive" not in (records[2].summary or "")


def test_keep_bodies_uses_the_first_plain_text_part() -> None:
    records, _ = read_all(TAKEOUT, keep_bodies=True)
    notes = next(r for r in records if r.external_id == "mbox:priya-notes-8@raman.example")
    assert notes.summary is not None
    assert notes.summary.startswith("Notes from our call\n\nDana, thanks for the call.")
    assert "<p>" not in notes.summary  # not the HTML alternative
    assert "Northwind" not in notes.summary  # the signature is cut
    assert "PDF" not in notes.summary  # nor the attachment


def test_include_bulk_keeps_newsletters_and_notifications() -> None:
    records, skipped = read_all(TAKEOUT, include_bulk=True)
    senders = {p.email for r in records for p in r.participants}
    assert {"editor@weeklybrief.example", "no-reply@calendar.example"} <= senders
    assert skipped == []


# --- bulk and automated mail ------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "sender"),
    [
        (["List-Id: <team.lists.example>"], None),
        (["List-Unsubscribe: <https://example.com/u>"], None),
        (["Precedence: bulk"], None),
        (["Precedence: List"], None),
        (["Precedence: junk"], None),
        (["Auto-Submitted: auto-replied"], None),
        (["Auto-Submitted: auto-generated; owner-email=x@y.example"], None),
        ([], "noreply@github.example"),
        ([], "GitHub <no-reply@github.example>"),
        ([], "donotreply@bank.example"),
        ([], "do-not-reply@bank.example"),
        ([], "notifications@service.example"),
        ([], "LinkedIn <notifications-noreply@linkedin.example>"),
        ([], "MAILER-DAEMON@mx.example"),
        ([], "bounces+12345@mail.example"),
        ([], "newsletter@shop.example"),
        ([], "Newsletter <news@digest.example>"),
        ([], "weekly-digest@forum.example"),
        ([], "alerts@bank.example"),
        ([], "updates@app.example"),
        ([], "marketing@shop.example"),
    ],
)
def test_bulk_and_automated_mail_is_skipped(
    tmp_path: Path, extra: list[str], sender: str | None
) -> None:
    path = write_mbox(tmp_path, message(*extra, sender=sender or "Alex Kim <alex@kim.example>"))
    records, skipped = read_all(path)
    assert records == []
    assert [s.reason for s in skipped] == ["bulk"]
    assert len(list(read_mbox(path, me=ME, include_bulk=True))) == 1


@pytest.mark.parametrize(
    ("extra", "sender"),
    [
        (["Auto-Submitted: no"], None),
        (["Precedence: first-class"], None),
        ([], "Noreen Ortiz <noreen@ortiz.example>"),
        ([], "notes.team@company.example"),
        ([], "replyto@person.example"),
        ([], "Newton Hale <newton@hale.example>"),
        ([], "Gavin Newsom <newsom@state.example>"),
        ([], "Jane Doe <jane.marketing@firm.example>"),
        ([], "news.desk@paper.example"),
    ],
)
def test_personal_mail_is_kept(tmp_path: Path, extra: list[str], sender: str | None) -> None:
    path = write_mbox(tmp_path, message(*extra, sender=sender or "Alex Kim <alex@kim.example>"))
    assert len(read_all(path)[0]) == 1


# --- participants, direction, skips -----------------------------------------------------


def test_participants_come_from_from_to_cc_and_bcc_once_each(tmp_path: Path) -> None:
    path = write_mbox(
        tmp_path,
        message(
            "Cc: bob@marsh.example, ALEX@kim.example",
            "Bcc: Carol <carol@example.net>",
            sender="Dana <Dana.Whitfield@Example.com>",
            to='"Kim, Alex" <alex@kim.example>, Bob Marsh <bob@marsh.example>',
        ),
    )
    [record] = read_all(path)[0]
    assert record.direction == "out"
    assert [(p.name, p.email) for p in record.participants] == [
        ("Kim, Alex", "alex@kim.example"),
        ("Bob Marsh", "bob@marsh.example"),
        ("Carol", "carol@example.net"),
    ]


def test_complex_address_headers_go_through_the_email_package(tmp_path: Path) -> None:
    path = write_mbox(
        tmp_path,
        message(
            "Cc: team: Ann <ann@example.org>, ben@example.org (Ben Ode);",
            to='"Quoted \\"Nick\\" Name" <nick@example.org>',
        ),
    )
    [record] = read_all(path)[0]
    assert [(p.name, p.email) for p in record.participants] == [
        ("Alex Kim", "alex@kim.example"),
        ('Quoted "Nick" Name', "nick@example.org"),
        ("Ann", "ann@example.org"),
        (None, "ben@example.org"),
    ]


@pytest.mark.parametrize("date", ["sometime last week", "", "Mon, 32 Foo 2026 99:00", None])
@pytest.mark.parametrize(
    ("separator", "when"),
    [
        ("From tom@ford.example  Thu Nov  5 10:00:00 2026", (2026, 11, 5, 10, 0)),
        ("From 1791234567890123456@xxx Mon Mar 02 17:04:11 +0000 2026", (2026, 3, 2, 17, 4, 11)),
        ("From tom@ford.example Thu Nov  5 10:00:00 -0500 2026", (2026, 11, 5, 15, 0)),
        ("From tom@ford.example Thu Nov 5 10:00 2026", (2026, 11, 5, 10, 0)),
        ("From MAILER@x.example Sat Jan 31 23:59:59 2026 remote from x", (2026, 1, 31, 23, 59, 59)),
    ],
)
def test_without_a_usable_date_header_the_from_line_dates_the_message(
    tmp_path: Path, date: str | None, separator: str, when: tuple[int, ...]
) -> None:
    path = write_mbox(tmp_path, message(date=date, separator=separator))
    [record], skipped = read_all(path)
    assert skipped == []
    assert record.occurred_at == dt.datetime(*when, tzinfo=dt.UTC)


def test_the_date_header_wins_over_the_from_line(tmp_path: Path) -> None:
    [record] = read_all(write_mbox(tmp_path, message()))[0]
    assert record.occurred_at == dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("date", "separator", "reason"),
    [
        ("sometime last week", "From sam@okafor.example", "unusable Date 'sometime last week'"),
        (None, "From sam@okafor.example", "no Date header"),
        ("", "From sam@okafor.example Tue Feb 30 09:00:00 2026", "unusable Date ''"),
        (None, "From sam@okafor.example Tue Foo 10 09:00:00 2026", "no Date header"),
        (None, "From sam@okafor.example Mon Jan  1 00:30:00 +0100 0001", "no Date header"),
    ],
)
def test_a_message_nothing_dates_is_a_problem_with_its_file_and_line(
    tmp_path: Path, date: str | None, separator: str, reason: str
) -> None:
    undated = message(date=date, separator=separator, subject="undated")
    path = write_mbox(tmp_path, message(subject="kept"), undated, message(subject="also kept"))
    records, skipped = read_all(path)
    assert [r.summary for r in records] == ["kept", "also kept"]
    [problem] = skipped
    assert isinstance(problem, FormatError)
    assert (problem.file, problem.line) == (str(path), 9)
    assert problem.reason.startswith(reason)
    assert "nor a date on its From line" in problem.reason
    assert str(problem).startswith(f"{path}:9: ")


def test_undated_bulk_mail_is_still_only_bulk(tmp_path: Path) -> None:
    bulk = message("List-Id: <team.lists.example>", date=None, separator="From x@y.example")
    [skipped] = read_all(write_mbox(tmp_path, bulk))[1]
    assert isinstance(skipped, SkippedMessage)
    assert skipped.reason == "bulk"


def test_mail_between_the_users_own_addresses_is_skipped(tmp_path: Path) -> None:
    path = write_mbox(tmp_path, message(sender="dana@whitfield.dev"))
    records, skipped = read_all(path)
    assert records == []
    assert [s.reason for s in skipped] == ["no-participants"]


def test_a_message_without_mail_headers_is_skipped_as_malformed(tmp_path: Path) -> None:
    path = write_mbox(tmp_path, f"{SEPARATOR}\njust some text\n\n", message())
    records, skipped = read_all(path)
    assert len(records) == 1
    assert [(s.line, s.reason) for s in skipped] == [(1, "malformed")]


def test_folded_and_raw_utf8_and_latin1_headers(tmp_path: Path) -> None:
    latin1 = f"{SEPARATOR}\nFrom: Ren\xe9 <rene@example.fr>\nTo: dana@whitfield.dev\n"
    latin1 += "Date: Tue, 3 Mar 2026 10:00:00 +0000\nSubject: caf\xe9\n\nx\n\n"
    path = tmp_path / "mixed.mbox"
    path.write_bytes(
        message(
            subject="A long subject\n  folded onto\n\ttwo lines", sender="Zoë <zoe@example.org>"
        ).encode("utf-8")
        + latin1.encode("latin-1")
    )
    records = read_all(path)[0]
    assert [r.summary for r in records] == ["A long subject folded onto two lines", "café"]
    assert [r.participants[0].name for r in records] == ["Zoë", "René"]


def test_a_long_body_is_truncated_in_the_summary(tmp_path: Path) -> None:
    path = write_mbox(tmp_path, message(body="word " * 2000 + "\n"))
    [record] = read_all(path, keep_bodies=True)[0]
    assert record.summary is not None
    excerpt = record.summary.split("\n\n", 1)[1]
    assert len(excerpt) == BODY_EXCERPT_CHARS
    assert excerpt.endswith("…")


def test_an_8bit_body_with_no_charset_is_read_as_utf8_or_the_windows_code_page(
    tmp_path: Path,
) -> None:
    """Many mailboxes hold 8-bit bodies that say no charset (or say US-ASCII)."""
    utf8 = message(body="Hi Jürgen, do you have time?\n")
    declared = message("Content-Type: text/plain; charset=us-ascii", body="Grüße aus Köln\n")
    path = write_mbox(tmp_path, utf8, declared)
    with path.open("ab") as fh:  # and one written in the Windows code page
        fh.write(message(subject="cp", body="Café crème\n").encode("cp1252"))
    records, _ = read_all(path, keep_bodies=True)
    excerpts = [r.summary.split("\n\n", 1)[1] for r in records if r.summary]
    assert excerpts == ["Hi Jürgen, do you have time?", "Grüße aus Köln", "Café crème"]


# --- splitting --------------------------------------------------------------------------


def test_crlf_files_read_like_lf_files(tmp_path: Path) -> None:
    text = TAKEOUT.read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.mbox"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    for options in ({}, {"keep_bodies": True}):
        assert read_all(crlf, **options) == read_all(TAKEOUT, **options)


def test_a_from_line_inside_a_paragraph_is_not_a_separator(tmp_path: Path) -> None:
    body = "Some news.\nFrom now on I work at Contoso.\n"
    path = write_mbox(tmp_path, message(body=body), message(subject="second"))
    records = read_all(path, keep_bodies=True)[0]
    assert [r.line for r in records] == [1, 10]
    assert "From now on I work at Contoso." in (records[0].summary or "")


def test_a_full_separator_line_needs_no_blank_line_before_it(tmp_path: Path) -> None:
    path = write_mbox(tmp_path, message().rstrip("\n") + "\n", message(subject="second"))
    assert [r.summary for r in read_all(path)[0]] == ["Hello", "second"]


def test_leading_blank_lines_are_fine(tmp_path: Path) -> None:
    assert len(read_all(write_mbox(tmp_path, "\n\n", message()))[0]) == 1
    assert len(read_all(write_mbox(tmp_path, " \t\r\n\n  \n", message()))[0]) == 1


@pytest.mark.parametrize("block", [1, 3, 1 << 20])
def test_leading_white_space_does_not_depend_on_the_block_size(tmp_path: Path, block: int) -> None:
    path = write_mbox(tmp_path, " " * 500 + "\n\r\n\t\n", message())
    with mock.patch.object(mbox_split, "_BLOCK", block):
        [record] = read_all(path)[0]
    assert record.line == 4
    path.write_bytes(b" " * 500 + b"From x@example.com Mon Mar  2 17:04:11 2026\n")
    with mock.patch.object(mbox_split, "_BLOCK", block), pytest.raises(FormatError, match="From "):
        read_all(path)


@pytest.mark.parametrize("content", [b"", b"\n", b"\r\n\r\n", b"   ", b" \t\n\x0b\x0c\r\n  "])
def test_an_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "mail.mbox"
    path.write_bytes(content)
    with pytest.raises(FormatError, match="is empty") as caught:
        list(read_mbox(path, me=ME))
    assert caught.value.file == str(path)
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b"Name,Email\nAnn,ann@example.org\n", 1),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", 1),
        (b"\n\nReceived: from x\nFrom: a@b.example\n", 3),
        (b"BEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARD\r\n", 1),
        (b"From: Ann <ann@example.org>\nSubject: a single .eml message\n\nHi\n", 1),
    ],
)
def test_a_file_that_is_not_an_mbox_is_a_format_error(
    tmp_path: Path, content: bytes, line: int
) -> None:
    path = tmp_path / "contacts.mbox"
    path.write_bytes(content)
    with pytest.raises(FormatError, match="not an mbox") as caught:
        list(read_mbox(path, me=ME))
    assert caught.value.file == str(path)
    assert caught.value.line == line
    assert str(path) in str(caught.value)


def test_a_csv_or_a_zip_given_as_mbox_is_refused(tmp_path: Path) -> None:
    data = Path(__file__).parents[1] / "data"
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as opened:
        opened.write(data / "linkedin" / "new" / "Connections.csv", "Connections.csv")
    for path in (data / "google" / "contacts_google.csv", archive):
        with pytest.raises(
            FormatError, match="not an mbox file: expected a 'From ' line"
        ) as caught:
            list(read_mbox(path, me=ME))
        assert (caught.value.file, caught.value.line) == (str(path), 1)


def test_a_missing_file_is_a_format_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "nope.mbox"
    with pytest.raises(FormatError, match=r"nope\.mbox"):
        list(read_mbox(path, me=ME))


def _reference_starts(data: bytes) -> list[int]:
    """Message start lines by the plain line-by-line rule the splitter implements."""
    starts: list[int] = [1]
    prev_blank = False
    for number, line in enumerate(io.BytesIO(data), start=1):
        bare = prev_blank and mbox_split.ADDRESS_SEPARATOR.match(line)
        if number > 1 and (mbox_split.FULL_SEPARATOR.match(line) or bare):
            starts.append(number)
        prev_blank = line in (b"\n", b"\r\n")
    return starts


_LINES = st.sampled_from(
    [
        b"\n",
        b"\r\n",
        b"From a@b Mon Mar  2 17:04:11 2026\n",
        b"From x\n",
        b"From x@b.example\n",
        b"From my point of view\n",
        b">From x\n",
        b"From: Ann <ann@example.org>\n",
        b"To: dana@whitfield.dev\n",
        b"Date: Mon, 2 Mar 2026 09:00:00 +0000\n",
        b"Subject: hi\n",
        b" folded\n",
        b"body text\n",
        b"Fro",
        b"\r",
        b"Subject: " + b"long " * 12 + b"\n",
        b"From " + b"x" * 60 + b" Mon Mar  2 17:04:11 2026\n",
        b"From " + b"x" * 300 + b" Mon Mar  2 17:04:11 2026\n",
        b"From " + b"y" * 300 + b"\n",
        b"z" * 500 + b"\n",
    ]
)


@settings(
    max_examples=150,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lines=st.lists(_LINES, max_size=30), block=st.integers(1, 12), long=st.integers(1, 600))
def test_splitting_does_not_depend_on_block_or_line_limits(
    tmp_path: Path, lines: list[bytes], block: int, long: int
) -> None:
    path = tmp_path / "gen.mbox"
    path.write_bytes(b"From start Mon Mar  2 17:04:11 2026\n" + b"".join(lines))
    for options in ({}, {"keep_bodies": True, "include_bulk": True}):
        expected = outcome(path, **options)
        with (
            mock.patch.object(mbox_split, "_BLOCK", block),
            mock.patch.object(mbox_split, "_MAX_LINE", long),
        ):
            assert outcome(path, **options) == expected
    records, skipped = read_all(path, include_bulk=True)
    starts = sorted([r.line or 0 for r in records] + [s.line for s in skipped])
    assert starts == _reference_starts(path.read_bytes())


def _texts(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _texts(item)


def assert_storable(records: Iterable[InteractionRecord]) -> None:
    """Every text a record holds can go into SQLite and PostgreSQL (UTF-8, no NUL)."""
    for record in records:
        for text in _texts(dataclasses.asdict(record)):
            assert "\x00" not in text
            text.encode("utf-8")  # no lone surrogates


@settings(
    max_examples=200,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.binary(max_size=400), prefix=st.sampled_from([b"", b"From x\n", SEPARATOR.encode()]))
def test_arbitrary_bytes_raise_nothing_but_format_error(
    tmp_path: Path, data: bytes, prefix: bytes
) -> None:
    path = tmp_path / "fuzz.mbox"
    path.write_bytes(prefix + data)
    for keep_bodies in (False, True):
        error: FormatError | None = None
        try:
            assert_storable(read_mbox(path, me=ME, keep_bodies=keep_bodies, include_bulk=True))
        except FormatError as exc:  # the only exception allowed out
            error = exc
        assert error is None or error.file == str(path)


_HEADER_BYTES = st.binary(max_size=60).map(lambda b: b.replace(b"\n", b" "))


@settings(
    max_examples=200,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sender=_HEADER_BYTES,
    to=_HEADER_BYTES,
    subject=_HEADER_BYTES,
    message_id=_HEADER_BYTES,
    body=st.binary(max_size=200),
)
def test_arbitrary_header_bytes_give_storable_records(
    tmp_path: Path, sender: bytes, to: bytes, subject: bytes, message_id: bytes, body: bytes
) -> None:
    headers = [
        b"From: " + sender + b" <a@b.example>",
        b"To: " + to,
        b"Cc: =?utf-8?q?" + to + b"?= <c@d.example>",
        b"Subject: =?x-unknown?b?" + subject + b"?= " + subject,
        b"Message-ID: " + message_id,
        b"References: <" + message_id + b">",
        b"Date: Mon, 2 Mar 2026 09:00:00 +0000",
        b"Content-Type: text/plain; charset=" + subject[:10],
    ]
    body = re.sub(rb"(?m)^From ", b">From ", body)  # as an mbox writer quotes it
    path = tmp_path / "fuzz.mbox"
    path.write_bytes(SEPARATOR.encode() + b"\n" + b"\n".join(headers) + b"\n\n" + body + b"\n")
    for keep_bodies in (False, True):
        skipped: Skipped = []
        records = list(read_mbox(path, me=ME, keep_bodies=keep_bodies, on_skip=skipped.append))
        assert len(records) + len(skipped) == 1
        assert_storable(records)


# Line and paragraph separators (Zl, Zp) are line breaks to the email package, which
# refuses them in a header value it writes.
_HEADER_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
)
# The email package folds a long header at a space between two encoded words, and so
# loses that space (RFC 2047 says to ignore white space between encoded words; its own
# display-name parser breaks that rule to compensate). Folded values are tested with
# words without white space; arbitrary text is written unfolded.
_WORD = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=80,
)
_UNFOLDED = email.policy.default.clone(max_line_length=10_000)


def _a_plain_name(name: str) -> bool:
    """Not one of the names the reader tidies (tests/io/test_mbox_edges.py): quoted whole,
    ending in a comment, or an email address."""
    text = clean(name)
    quoted = len(text) > 1 and text[0] == text[-1] and text[0] in "\"'"
    return not (quoted or text.endswith(")") or "@" in text)


_NAME = _HEADER_TEXT.filter(_a_plain_name)
_NAME_WORD = _WORD.filter(_a_plain_name)


def _round_trip(
    tmp_path: Path, policy: EmailPolicy[EmailMessage], name: str, subject: str, cc_name: str
) -> None:
    msg = EmailMessage(policy=policy)
    msg["From"] = Address(display_name=name, addr_spec="sender@example.org")
    msg["To"] = Address(display_name="Dana", addr_spec="dana.whitfield@example.com")
    msg["Cc"] = Address(display_name=cc_name, addr_spec="copy@example.org")
    msg["Subject"] = subject
    msg["Date"] = "Mon, 2 Mar 2026 09:00:00 +0000"
    msg.set_content("Hello.\n")
    out = io.BytesIO()
    out.write(SEPARATOR.encode() + b"\n")
    email.generator.BytesGenerator(out, mangle_from_=True).flatten(msg)
    path = tmp_path / "roundtrip.mbox"
    path.write_bytes(out.getvalue() + b"\n")
    [record] = read_all(path, include_bulk=True)[0]
    assert record.summary == (clean(subject) or None)
    assert [(p.name, p.email) for p in record.participants] == [
        (clean(name) or None, "sender@example.org"),
        (clean(cc_name) or None, "copy@example.org"),
    ]


@settings(
    max_examples=150,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=_NAME, subject=_HEADER_TEXT, cc_name=_NAME)
def test_header_values_round_trip_through_the_email_package(
    tmp_path: Path, name: str, subject: str, cc_name: str
) -> None:
    _round_trip(tmp_path, _UNFOLDED, name, subject, cc_name)


@settings(
    max_examples=100,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=_NAME_WORD, subject=_HEADER_TEXT, cc_name=_NAME_WORD)
def test_folded_header_values_round_trip_through_the_email_package(
    tmp_path: Path, name: str, subject: str, cc_name: str
) -> None:
    _round_trip(tmp_path, email.policy.default, name, subject, cc_name)


def test_white_space_between_encoded_words_is_ignored(tmp_path: Path) -> None:
    sender = "=?utf-8?q?J=C3=BCr?=\n =?utf-8?q?gen?= <j@example.de>"  # RFC 2047, section 6.2
    path = write_mbox(
        tmp_path, message(sender=sender, subject="=?utf-8?q?Gr=C3=BC?= =?utf-8?q?=C3=9Fe?=")
    )
    [record] = read_all(path)[0]
    assert (record.participants[0].name, record.summary) == ("Jürgen", "Grüße")


# --- streaming --------------------------------------------------------------------------


def _write_big_mbox(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for i in range(count):
            out.write(
                f"From person{i}@example.com Mon Mar  2 17:04:11 2026\n"
                f"From: =?UTF-8?Q?J=C3=BCrgen_{i % 997}?= <person{i % 997}@example.com>\n"
                f'To: Dana <dana.whitfield@example.com>, "Smith, Jo" <jo{i % 13}@example.org>\n'
                f"Subject: Message number {i}\n"
                f"Date: Tue, 03 Mar 2026 09:15:00 +0100\n"
                f"Message-ID: <m{i}@example.com>\n"
                f"References: <m{i // 3}@example.com>\n"
                f"\nHello,\n>From the quoted line\nBye.\n\n"
            )


@pytest.mark.slow
def test_fifty_thousand_messages_stream_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.mbox"
    _write_big_mbox(path, 50_000)
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_mbox(path, me=ME))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 50_000
    assert peak < 30 * 1024 * 1024


@pytest.mark.parametrize("charset", [b"\x80TF-8", b"\x00TF-8"], ids=["non-ascii", "nul"])
def test_an_encoded_word_with_a_broken_charset_name_is_read_as_text(
    tmp_path: Path, charset: bytes
) -> None:
    # Found by the soak fuzzing: CharsetError and "embedded null character" escaped the reader.
    path = tmp_path / "broken.mbox"
    path.write_bytes(
        b"From ann@example.com Mon Mar  2 17:04:11 2026\nFrom: Ann <ann@example.com>\n"
        b"To: =?" + charset + b"?B?QWxpY2lh?= <alicia@example.org>\n"
        b"Subject: =?" + charset + b"?Q?hi?=\nDate: Mon, 2 Mar 2026 17:04:11 +0000\n\nhello\n\n"
    )
    [record] = read_mbox(path, me=["ann@example.com"])
    assert [p.email for p in record.participants] == ["alicia@example.org"]
    assert record.summary is not None
    assert "\x00" not in record.summary


# --- folders ------------------------------------------------------------------------------


def test_a_folder_of_mboxes_is_read_in_name_order(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "2-sent.MBOX").write_text(message(subject="sent"), encoding="utf-8")
    (folder / "1-inbox.mbx").write_text(
        message(subject="inbox") + message("List-Id: <news.example>", subject="news"),
        encoding="utf-8",
    )
    (folder / ".hidden.mbox").write_text(message(subject="hidden"), encoding="utf-8")
    # a file that starts as an mbox does is one, whatever its name (Thunderbird's
    # "Jobs.2025"); one that does not is passed over
    (folder / "old.txt").write_text(message(subject="old"), encoding="utf-8")
    (folder / "notes.txt").write_text("From my point of view, not mail\n", encoding="utf-8")
    (folder / "Archive.mbox").mkdir()  # Apple Mail's export bundle: not looked into here
    (folder / "Archive.mbox" / "mbox").write_text(message(subject="deep"), encoding="utf-8")
    records, skipped = read_all(folder)
    assert [(r.summary, r.line) for r in records] == [("inbox", 1), ("sent", 1), ("old", 1)]
    assert [(s.line, s.reason) for s in skipped] == [(9, "bulk")]
    assert [r.summary for r in read_mbox(folder / "Archive.mbox", me=ME)] == ["deep"]
    assert read_all(DATA) == read_all(TAKEOUT)


def test_an_apple_mail_export_folder_is_read(tmp_path: Path) -> None:
    bundle = tmp_path / "Inbox.mbox"
    bundle.mkdir()
    (bundle / "mbox").write_bytes(TAKEOUT.read_bytes())
    (bundle / "table_of_contents").write_bytes(b"\x00\x01binary index")
    assert read_all(bundle) == read_all(TAKEOUT)


def test_errors_in_a_folder_name_the_file_they_are_in(tmp_path: Path) -> None:
    (tmp_path / "a.mbox").write_text(message(), encoding="utf-8")
    bad = tmp_path / "b.mbox"
    bad.write_text("Name,Email\nAnn,ann@example.org\n", encoding="utf-8")
    with pytest.raises(FormatError, match="not an mbox") as caught:
        list(read_mbox(tmp_path, me=ME))
    assert (caught.value.file, caught.value.line) == (str(bad), 1)
    bad.write_bytes(b"")
    with pytest.raises(FormatError, match="is empty") as caught:
        list(read_mbox(tmp_path, me=ME))
    assert caught.value.file == str(bad)


def test_a_folder_without_mbox_files_is_a_format_error(tmp_path: Path) -> None:
    (tmp_path / ".hidden.mbox").write_text(message(), encoding="utf-8")
    (tmp_path / "mail.eml").write_text(message(), encoding="utf-8")
    with pytest.raises(FormatError, match=r"no \.mbox or \.mbx files") as caught:
        list(read_mbox(tmp_path, me=ME))
    assert (caught.value.file, caught.value.line) == (str(tmp_path), None)
