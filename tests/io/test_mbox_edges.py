"""The mbox reader at the edges real archives reach: Gmail's labels, unquoted "From " body
lines, broken encoded words, clocks never set, odd display names and HTML-only mail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netweave.io.mbox import BODY_EXCERPT_CHARS, SKIP_REASONS, SkippedMessage, read_mbox
from netweave.io.mbox_folders import PASSED_REASONS, PassedFile
from netweave.io.records import FormatError, InteractionRecord

ME = ["maya@example.com"]
SEPARATOR = "From ada@example.com Mon Jun  1 10:00:00 2026"

Skipped = list[SkippedMessage | FormatError]


def message(
    *extra: str,
    sender: str = "Ada <ada@example.com>",
    date: str | None = "Mon, 1 Jun 2026 10:00:00 +0000",
    subject: str = "Hello",
    body: str = "Hi Maya.\n",
    separator: str = SEPARATOR,
) -> str:
    """One message in mbox form (its From_ line first); ``date=None`` writes no Date."""
    dated = [] if date is None else [f"Date: {date}"]
    headers = [f"From: {sender}", "To: Maya <maya@example.com>", *dated, f"Subject: {subject}"]
    return f"{separator}\n" + "\n".join([*headers, *extra]) + f"\n\n{body}\n"


def write_mbox(tmp_path: Path, *messages: str, newline: str = "\n") -> Path:
    path = tmp_path / "mail.mbox"
    path.write_bytes("".join(messages).replace("\n", newline).encode("utf-8"))
    return path


def read_all(path: Path, **options: object) -> tuple[list[InteractionRecord], Skipped]:
    skipped: Skipped = []
    records = list(read_mbox(path, me=ME, on_skip=skipped.append, **options))  # type: ignore[arg-type]
    return records, skipped


def one_name(tmp_path: Path, sender: str) -> str | None:
    """The name the reader gives the sender of a message ``From: sender``."""
    [record] = read_all(write_mbox(tmp_path, message(sender=sender)))[0]
    [participant] = record.participants
    return participant.name


def excerpt(tmp_path: Path, *headers: str, body: str) -> str | None:
    """The body excerpt ``--keep-bodies`` keeps of one message (without its subject)."""
    path = write_mbox(tmp_path, message(*headers, subject="", body=body))
    [record] = read_all(path, keep_bodies=True)[0]
    return record.summary


# --- Gmail Takeout labels -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "why"),
    [
        ("Spam", "Spam"),
        ("Trash", "Trash"),
        ("Drafts", "Drafts"),
        ("Draft", "Draft"),
        ("Inbox,Spam,Category Promotions", "Spam"),
        ('"Clients, 2026",Opened,Trash', "Trash"),
        ("Opened, Drafts", "Drafts"),
    ],
)
def test_gmail_spam_trash_and_drafts_are_skipped(tmp_path: Path, labels: str, why: str) -> None:
    path = write_mbox(tmp_path, message(f"X-Gmail-Labels: {labels}"), message(subject="kept"))
    records, skipped = read_all(path)
    assert [r.summary for r in records] == ["kept"]
    [passed] = skipped
    assert isinstance(passed, SkippedMessage)
    assert (passed.line, passed.reason) == (1, "label")
    assert passed.reason in SKIP_REASONS
    assert why in passed.detail


def test_gmail_labels_skip_even_what_include_bulk_keeps(tmp_path: Path) -> None:
    path = write_mbox(tmp_path, message("X-Gmail-Labels: Spam"))
    records, skipped = read_all(path, include_bulk=True)
    assert records == []
    assert [s.reason for s in skipped if isinstance(s, SkippedMessage)] == ["label"]


@pytest.mark.parametrize(
    "labels", ["Opened", "Inbox,Important", "Spammers I know", "Trash talk", "Chat", ""]
)
def test_other_gmail_labels_keep_the_message(tmp_path: Path, labels: str) -> None:
    path = write_mbox(tmp_path, message(f"X-Gmail-Labels: {labels}"))
    records, skipped = read_all(path)
    assert (len(records), skipped) == (1, [])


def test_mail_gmail_labels_sent_is_the_users_from_whatever_address(tmp_path: Path) -> None:
    """Its From is one of the user's addresses, for every message of the file: mail to it
    read before is theirs too; the address is told once, before the first message."""
    old = "Maya Lindqvist <maya@old.example>"
    path = write_mbox(
        tmp_path,
        message("X-Gmail-Labels: Inbox", "Cc: maya@old.example", subject="to both"),
        message("X-Gmail-Labels: Opened,Sent", "Cc: Ada <ada@example.com>", sender=old),
    )
    told: list[str] = []
    records = list(read_mbox(path, me=ME, on_mine=told.append))
    assert told == ["maya@old.example"]
    assert [(r.direction, [p.email for p in r.participants], r.names_me) for r in records] == [
        ("in", ["ada@example.com"], True),
        ("out", ["ada@example.com"], True),
    ]
    assert [r.direction for r in read_mbox(path, me=[*ME, "Maya@Old.example"])] == ["in", "out"]


def test_a_mailbox_not_from_takeout_is_not_read_for_sent_labels(tmp_path: Path) -> None:
    """Takeout labels every message: a file whose first message has no labels is not read
    a second time for them (a label further on, written by another program, is not Gmail's)."""
    old = "Maya Lindqvist <maya@old.example>"
    path = write_mbox(
        tmp_path,
        message("Cc: maya@old.example", subject="no labels"),
        message("X-Gmail-Labels: Sent", "Cc: Ada <ada@example.com>", sender=old),
    )
    told: list[str] = []
    records = list(read_mbox(path, me=ME, on_mine=told.append))
    assert told == []
    assert [r.direction for r in records] == ["in", "in"]


def test_a_takeout_file_with_crlf_and_gmail_from_lines_skips_by_label(tmp_path: Path) -> None:
    def gmail(n: int, labels: str) -> str:
        line = f"From 178000000000000000{n}@xxx Mon Jun 01 1{n}:00:00 +0000 2026"
        return message(f"X-Gmail-Labels: {labels}", subject=f"m{n}", separator=line)

    path = write_mbox(
        tmp_path,
        gmail(0, "Important,Opened"),
        gmail(1, "Spam"),
        gmail(2, "Drafts"),
        gmail(3, "Trash"),
        gmail(4, "Inbox"),
        newline="\r\n",
    )
    records, skipped = read_all(path)
    assert [r.summary for r in records] == ["m0", "m4"]
    assert [(s.line, s.reason) for s in skipped if isinstance(s, SkippedMessage)] == [
        (10, "label"),
        (19, "label"),
        (28, "label"),
    ]


# --- From_ lines ----------------------------------------------------------------------------


def test_a_body_line_starting_with_from_after_a_blank_line_stays_in_the_body(
    tmp_path: Path,
) -> None:
    body = "Hello,\n\nFrom my point of view this is fine.\nCheers\n"
    path = write_mbox(tmp_path, message(body=body), message(subject="second"))
    records, skipped = read_all(path, keep_bodies=True)
    assert skipped == []
    assert [r.line for r in records] == [1, 12]
    assert records[0].summary == "Hello\n\nHello, From my point of view this is fine. Cheers"


@pytest.mark.parametrize(
    "line",
    [
        "From here on, I work at Contoso.",
        "From Monday to Friday the office is closed.",
        "From Alice: hello",
        "From 9 to 5 every day",
        "From me",
        "From the team at Acme Mon Jun 1 10:00",
        "From -",
    ],
)
def test_prose_starting_with_from_is_not_a_separator(tmp_path: Path, line: str) -> None:
    path = write_mbox(tmp_path, message(body=f"Hi.\n\n{line}\n"), message(subject="second"))
    records, skipped = read_all(path, keep_bodies=True)
    assert (len(records), skipped) == (2, [])
    assert line in (records[0].summary or "")


@pytest.mark.parametrize(
    ("separator", "when"),
    [
        ("From MAILER-DAEMON Fri Jul  8 12:08:34 2011", (2011, 7, 8, 12, 8, 34)),
        ("From ada@example.com Mon Jun  1 10:00:00 2026", (2026, 6, 1, 10, 0)),
        ("From - Mon Jun 01 10:00:00 2026", (2026, 6, 1, 10, 0)),
        ("From 1780000000000000000@xxx Mon Jun 01 10:00:00 +0000 2026", (2026, 6, 1, 10, 0)),
        ("From ada@example.com Mon Jun  1 10:00:00 2026 +0200", (2026, 6, 1, 8, 0)),
        ("From ada@example.com Mon Jun  1 10:00 2026", (2026, 6, 1, 10, 0)),
        ("From ada@example.com Mon Jun  1 10:00:00 2026 remote from x", (2026, 6, 1, 10, 0)),
        ('From "Alice Smith" Mon Jun  1 10:00:00 2026', (2026, 6, 1, 10, 0)),  # readpst
        (
            'From "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS'
            '/CN=BOB" Mon Jun  1 10:00:00 2026',
            (2026, 6, 1, 10, 0),
        ),
    ],
)
def test_a_real_from_line_after_a_blank_line_starts_a_message(
    tmp_path: Path, separator: str, when: tuple[int, ...]
) -> None:
    second = message(date=None, subject="second", separator=separator)
    path = write_mbox(tmp_path, message(body="Hi.\n"), second)
    records, skipped = read_all(path)
    assert skipped == []
    assert [r.summary for r in records] == ["Hello", "second"]
    assert records[1].occurred_at == dt.datetime(*when, tzinfo=dt.UTC)


# --- encoded words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sender",
    [
        "=?UTF-8?B?broken?= <broken@example.com>",
        "=?x-unknown?Q?Weird=E9?= <broken@example.com>",
        "=?UTF-8?Q?J=C3=BCrgen?= =?UTF-8?Q?=FF=FE?= <broken@example.com>",
        '"=?utf-8?b?broken?=" <broken@example.com>',
        "Team: =?UTF-8?B?broken?= <broken@example.com>;",
    ],
)
def test_a_name_that_does_not_decode_is_left_to_the_address(tmp_path: Path, sender: str) -> None:
    assert one_name(tmp_path, sender) is None


@pytest.mark.parametrize(
    ("subject", "shown"),
    [
        ("=?UTF-8?B?broken?=", "=?UTF-8?B?broken?="),
        ("Hi =?x-unknown?Q?Weird=E9?= there", "Hi =?x-unknown?Q?Weird=E9?= there"),
        ("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= =?UTF-8?B?broken?=", "Grüße =?UTF-8?B?broken?="),
        ("=?x-unknown?Q?plain_ASCII?=", "plain ASCII"),
        ("=?utf-8*en?Q?caf=C3=A9?=", "café"),
        ("=?iso-8859-1?q?M=FCller?=", "Müller"),
    ],
)
def test_a_subject_word_that_does_not_decode_is_kept_as_written(
    tmp_path: Path, subject: str, shown: str
) -> None:
    [record] = read_all(write_mbox(tmp_path, message(subject=subject)))[0]
    assert record.summary == shown


def test_a_good_encoded_name_still_decodes(tmp_path: Path) -> None:
    assert one_name(tmp_path, "=?UTF-8?B?SsO8cmdlbg==?= <j@example.de>") == "Jürgen"


def test_a_character_cut_between_two_encoded_words_decodes(tmp_path: Path) -> None:
    """A mailer may end a word in the middle of a character: the run decodes as one."""
    subject = "=?UTF-8?B?5pel5pw=?= =?UTF-8?B?rOiqnuOBruS7tuWQjeODhuOCueODiA==?="
    [record] = read_all(write_mbox(tmp_path, message(subject=subject)))[0]
    assert record.summary == "日本語の件名テスト"
    assert one_name(tmp_path, f"{subject} <taro@example.jp>") == "日本語の件名テスト"


def test_a_separator_with_an_rfc_2822_date_starts_a_message(tmp_path: Path) -> None:
    second = message(
        subject="second", separator="From bob@x.example Mon, 1 Jun 2026 11:00:00 +0000"
    )
    records, _ = read_all(write_mbox(tmp_path, message(body="Hi.\n"), second))
    assert [r.summary for r in records] == ["Hello", "second"]


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "date",
    [
        "Thu, 1 Jan 1970 00:00:00 +0000",
        "Wed, 31 Dec 1969 19:00:00 -0500",
        "Mon, 31 Dec 1979 23:59:59",
    ],
)
def test_a_date_before_1980_gives_way_to_the_from_line(tmp_path: Path, date: str) -> None:
    [record], skipped = read_all(write_mbox(tmp_path, message(date=date)))
    assert skipped == []
    assert record.occurred_at == dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)


def test_a_date_of_1980_is_a_date(tmp_path: Path) -> None:
    path = write_mbox(tmp_path, message(date="Tue, 1 Jan 1980 00:00:00 +0000"))
    [record] = read_all(path)[0]
    assert record.occurred_at == dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("date", "separator"),
    [
        ("Thu, 1 Jan 1970 00:00:00 +0000", "From ada@example.com"),
        ("Thu, 1 Jan 1970 00:00:00 +0000", "From ada@example.com Thu Jan  1 00:00:00 1970"),
        (None, "From ada@example.com Thu Jan  1 00:00:00 1970"),
    ],
)
def test_mail_dated_only_before_1980_is_a_problem_with_its_file_and_line(
    tmp_path: Path, date: str | None, separator: str
) -> None:
    epoch = message(date=date, subject="epoch", separator=separator)
    path = write_mbox(tmp_path, message(subject="kept"), epoch)
    records, skipped = read_all(path)
    assert [r.summary for r in records] == ["kept"]
    [problem] = skipped
    assert isinstance(problem, FormatError)
    assert (problem.file, problem.line) == (str(path), 9)
    assert "1970" in problem.reason
    assert "before 1980" in problem.reason


# --- display names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "name"),
    [
        ("'Jane Roe' <jane@roe.example>", "Jane Roe"),
        ("\"'Jane Roe'\" <jane@roe.example>", "Jane Roe"),
        ('"Müller, Hans (ext)" <hans@ext.example>', "Müller, Hans"),
        ("Hans Müller (ext) <hans@ext.example>", "Hans Müller"),
        ('"Dr. Alex Kim (via Google Docs)" <alex@docs.example>', "Dr. Alex Kim"),
        ('"Pat Lee (Acme)" <pat@acme.example>', "Pat Lee"),
        ('"Sam (Sammy) Lee" <sam@lee.example>', "Sam (Sammy) Lee"),
        ('"(Acme)" <info@acme.example>', None),
        ('"kim.lee@lee.example" <kim.lee@lee.example>', None),
        ("'kim.lee@lee.example' <kim.lee@lee.example>", None),
        ('"old@lee.example" <kim.lee@lee.example>', None),
        ("O'Brien <ob@example.ie>", "O'Brien"),
    ],
)
def test_display_names_lose_quotes_comments_and_addresses(
    tmp_path: Path, sender: str, name: str | None
) -> None:
    assert one_name(tmp_path, sender) == name


# --- HTML-only bodies -----------------------------------------------------------------------------

_HTML = (
    "<html><head><title>T</title><style>p{color:red}</style><script>alert(1)</script></head>"
    "<body><p>Hello&nbsp;Maya &amp; team,</p><div>caf&eacute; at&#160;10&#8217;s?</div>"
    "<br>See<b>you</b>\n   there.<!-- a comment --></body></html>\n"
)


def test_html_only_mail_keeps_its_text(tmp_path: Path) -> None:
    kept = excerpt(tmp_path, "Content-Type: text/html; charset=utf-8", body=_HTML)
    assert kept == "Hello Maya & team, café at 10’s? Seeyou there."


def test_html_in_a_multipart_without_plain_text_keeps_its_text(tmp_path: Path) -> None:
    body = (
        "--b\nContent-Type: text/html; charset=iso-8859-1\nContent-Transfer-Encoding: "
        "quoted-printable\n\n<p>Gr=FC=DFe aus K=F6ln</p>\n--b\nContent-Type: application/pdf\n"
        "Content-Disposition: attachment; filename=a.pdf\n\nPDF\n--b--\n"
    )
    headers = ("MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="b"')
    assert excerpt(tmp_path, *headers, body=body) == "Grüße aus Köln"


def test_plain_text_wins_over_html(tmp_path: Path) -> None:
    body = (
        "--b\nContent-Type: text/plain\n\nplain words\n"
        "--b\nContent-Type: text/html\n\n<p>html words</p>\n--b--\n"
    )
    headers = ("MIME-Version: 1.0", 'Content-Type: multipart/alternative; boundary="b"')
    assert excerpt(tmp_path, *headers, body=body) == "plain words"


def test_an_html_reply_loses_its_quoted_part_and_signature(tmp_path: Path) -> None:
    body = (
        "<div>Sure, Tuesday works.</div><div>On Mon, 1 Jun 2026, Maya wrote:</div>"
        "<blockquote><p>PRIVATE QUOTED TEXT</p><blockquote>older</blockquote></blockquote>"
        "<div>Thanks</div><pre>-- \nAda, Analytical Engines</pre>"
    )
    kept = excerpt(tmp_path, "Content-Type: text/html", body=body)
    assert kept == "Sure, Tuesday works. Thanks"


def test_a_long_html_body_is_cut_like_plain_text(tmp_path: Path) -> None:
    body = "<p>" + "word " * 2000 + "</p>"
    kept = excerpt(tmp_path, "Content-Type: text/html", body=body)
    assert kept is not None
    assert len(kept) == BODY_EXCERPT_CHARS
    assert kept.endswith("…")


@pytest.mark.parametrize(
    "body",
    [
        "<p",
        "<![CDATA[x",
        "<![foo[",
        "<![",
        "<!x",
        "</",
        "<a href='&#99999999;'>x</a>",
        "&#xd800;",
        "<<>>",
    ],
)
def test_broken_html_gives_text_or_nothing(tmp_path: Path, body: str) -> None:
    kept = excerpt(tmp_path, "Content-Type: text/html", body=body)
    assert kept is None or ("\x00" not in kept and kept.encode("utf-8"))


def test_outlook_marked_sections_are_passed_over(tmp_path: Path) -> None:
    body = "<p><![if !supportLists]>1.<![endif]> First point</p><![foo[ x ]]><p>Second</p>"
    kept = excerpt(tmp_path, "Content-Type: text/html", body=body)
    assert kept == "1. First point Second"


def test_an_html_attachment_is_not_the_body(tmp_path: Path) -> None:
    body = (
        "--b\nContent-Type: text/html\nContent-Disposition: attachment; filename=a.html\n\n"
        "<p>attached page</p>\n--b--\n"
    )
    headers = ("MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="b"')
    assert excerpt(tmp_path, *headers, body=body) is None


# --- Thunderbird: deleted messages, drafts, its mail folders ----------------------------

DRAFT_INFO = "X-Mozilla-Draft-Info: internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0"


@pytest.mark.parametrize("status", ["0009", "0008", "000B", "1008"])
def test_a_message_thunderbird_deleted_but_kept_until_compacted_is_skipped(
    tmp_path: Path, status: str
) -> None:
    path = write_mbox(
        tmp_path, message(f"X-Mozilla-Status: {status}"), message("X-Mozilla-Status: 0001")
    )
    for options in ({}, {"include_bulk": True}):
        records, skipped = read_all(path, **options)
        assert len(records) == 1
        [passed] = skipped
        assert isinstance(passed, SkippedMessage)
        assert (passed.line, passed.reason) == (1, "deleted")
        assert passed.reason in SKIP_REASONS


@pytest.mark.parametrize("status", ["0000", "0001", "0007", "1000", "", "zz"])
def test_other_thunderbird_statuses_keep_the_message(tmp_path: Path, status: str) -> None:
    path = write_mbox(tmp_path, message(f"X-Mozilla-Status: {status}"))
    assert [len(part) for part in read_all(path)] == [1, 0]


@pytest.mark.parametrize("folder", ["Drafts", "Templates", "Unsent Messages", "Drafts.mbox"])
def test_thunderbirds_unsent_drafts_are_skipped(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder
    path.write_text(message(DRAFT_INFO, sender="Maya <maya@example.com>", subject="draft"))
    records, skipped = read_all(path)
    assert records == []
    [passed] = skipped
    assert isinstance(passed, SkippedMessage)
    assert (passed.line, passed.reason) == (1, "draft")
    assert passed.reason in SKIP_REASONS


def test_mail_sent_later_keeps_its_draft_header_in_the_sent_folder_and_counts(
    tmp_path: Path,
) -> None:
    """Thunderbird writes X-Mozilla-Draft-Info on mail sent in the background or later too,
    and files that copy in Sent: there, it is mail the user sent."""
    path = tmp_path / "Sent"
    cc = "Cc: Bo <bo@example.org>"
    path.write_text(message(DRAFT_INFO, cc, sender="Maya <maya@example.com>", subject="sent"))
    [record] = read_all(path)[0]
    assert (record.summary, record.direction) == ("sent", "out")


def test_a_thunderbird_template_is_skipped_wherever_it_is(tmp_path: Path) -> None:
    path = write_mbox(tmp_path, message("X-Mozilla-Status2: 01000000"))
    assert [s.reason for s in read_all(path)[1] if isinstance(s, SkippedMessage)] == ["draft"]


def test_a_thunderbird_mail_folder_is_read_with_its_subfolders_without_trash_junk_indexes(
    tmp_path: Path,
) -> None:
    """Thunderbird's Local Folders: each folder an mbox file without extension, an .msf
    index beside it, subfolders in a .sbd folder (read after the folder's own files)."""
    folder = tmp_path / "Local Folders"
    folder.mkdir()
    (folder / "Inbox").write_text(message(subject="inbox"))
    (folder / "Inbox.msf").write_text('// <!-- <mdb:mork:z v="1.4"/> -->')
    (folder / "Sent").write_text(message(DRAFT_INFO, "Cc: bo@example.org", subject="sent"))
    (folder / "Drafts").write_text(message(DRAFT_INFO, sender="maya@example.com"))
    (folder / "Trash").write_text(message(subject="thrown away"))
    (folder / "Junk").write_text(message(subject="junk"))
    (folder / "Unsent Messages").write_text("")
    (folder / "Inbox.sbd").mkdir()
    (folder / "Inbox.sbd" / "Work").write_text(message(subject="deeper"))
    (folder / "Inbox.sbd" / "Work.msf").write_text("index")
    (folder / "Inbox.sbd" / "Work.sbd").mkdir()
    (folder / "Inbox.sbd" / "Work.sbd" / "Acme").write_text(message(subject="deepest"))
    (folder / "Trash.sbd").mkdir()
    (folder / "Trash.sbd" / "Old").write_text(message(subject="thrown away too"))
    (folder / "Empty.sbd").mkdir()
    records, skipped = read_all(folder)
    assert [r.summary for r in records] == ["inbox", "sent", "deeper", "deepest"]
    assert [(s.reason, s.line) for s in skipped if isinstance(s, SkippedMessage)] == [("draft", 1)]


def test_a_folder_of_neither_mbox_files_nor_mail_folders_says_so(tmp_path: Path) -> None:
    (tmp_path / "Inbox.msf").write_text("index")
    (tmp_path / "Trash").write_text(message())
    (tmp_path / "notes").write_text("Not mail\n")
    with pytest.raises(FormatError, match=r"no \.mbox or \.mbx files, nor a mail folder"):
        list(read_mbox(tmp_path, me=ME))


# --- a Thunderbird profile: folders named with dots, files that are not mail ---------------

PROFILE = Path(__file__).parent.parent / "data" / "mbox" / "thunderbird-profile"


def _passed(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    """The subjects read from ``path``, and the files passed over by why (as within it)."""
    passed: list[PassedFile] = []
    records = list(read_mbox(path, me=ME, on_passed=passed.append))
    why: dict[str, list[str]] = {}
    for p in passed:
        assert p.why in PASSED_REASONS
        why.setdefault(p.why, []).append(str(p.path.relative_to(path)))
    return [r.summary or "" for r in records], why


def test_mail_folders_named_with_dots_are_read_beside_their_indexes() -> None:
    """Thunderbird's "Jobs.2025" and "Clients.old" are mail folders (mbox files without an
    extension of their own); "Jobs.2025.msf" beside each is its index."""
    subjects, why = _passed(PROFILE / "Mail" / "Local Folders")
    assert subjects == [
        "Invoice for the spring workshop",  # Clients.old
        "Coffee on Thursday",  # Inbox
        "The product role at Acme",  # Jobs.2025
        "Re: The product role at Acme",
        "A role you may like",  # Inbox.sbd/Recruiters.2024
    ]
    assert why == {
        "index": ["Clients.old.msf", "Inbox.msf", "Jobs.2025.msf", "Trash.msf",
                  "Unsent Messages.msf", "Inbox.sbd/Recruiters.2024.msf"],
        "data": ["msgFilterRules.dat", "popstate.dat"],
        "discarded": ["Trash"],
        "empty": ["Unsent Messages"],
    }  # fmt: skip


def test_a_whole_profile_is_read_through_its_accounts_folders() -> None:
    subjects, why = _passed(PROFILE)
    assert subjects[0] == "Notes from the meetup"  # ImapMail/imap.example.com/INBOX
    assert len(subjects) == 6
    assert why["data"] == [
        "folderTree.json", "global-messages-db.sqlite", "prefs.js",
        "ImapMail/imap.example.com/msgFilterRules.dat", "Mail/Local Folders/msgFilterRules.dat",
        "Mail/Local Folders/popstate.dat",
    ]  # fmt: skip
    assert why["folder"] == ["extensions"]
    assert _passed(PROFILE / "Mail")[0] == subjects[1:]  # its Mail folder given


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("Clients.old.json", SEPARATOR + "\n", "data"),  # never opened, whatever it holds
        ("Archive.sqlite", "SQLite format 3\x00", "data"),
        ("notes.txt", "Not mail\n", "not-mbox"),
        ("one.eml", "From: ada@example.com\nSubject: hi\n\nHi.\n", "message"),
        ("Templates", "", "empty"),
        ("Junk", message(), "discarded"),
    ],
)
def test_other_files_are_passed_over_and_said(
    tmp_path: Path, name: str, content: str, why: str
) -> None:
    (tmp_path / "Work.v2").write_text(message(subject="kept"))
    (tmp_path / name).write_text(content)
    subjects, passed = _passed(tmp_path)
    assert subjects == ["kept"]
    assert passed == {why: [name]}


def test_a_broken_link_in_a_mail_folder_is_passed_over_unopened(tmp_path: Path) -> None:
    (tmp_path / "Inbox").write_text(message(subject="kept"))
    (tmp_path / "lock").symlink_to(tmp_path / "127.0.0.1:+4242")  # as Thunderbird's lock
    passed: list[PassedFile] = []
    assert len(list(read_mbox(tmp_path, me=ME, on_passed=passed.append))) == 1
    [lock] = passed
    assert (lock.path.name, lock.why) == ("lock", "unreadable")
    assert lock.detail.startswith("a broken link")
