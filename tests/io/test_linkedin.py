"""LinkedIn export reader: real-format fixtures, golden outputs, bad input and properties."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from golden import assert_golden
from netweave.io.linkedin import latest_connection, read_linkedin
from netweave.io.records import (
    FormatError,
    InteractionRecord,
    Labeled,
    PersonRecord,
    Record,
    SchoolRecord,
)
from netweave.logic.normalize import clean, full_name

DATA = Path(__file__).resolve().parent.parent / "data" / "linkedin"
NOTE = '"When exporting your connection data, you may notice that some of the email addresses…"'
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# A JPEG's first bytes (SOI, APP0/JFIF, a quantization table) and some entropy-coded data.
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + bytes(range(256)) * 8


def _zip(folder: Path, target: Path, prefix: str = "") -> Path:
    """The export zip LinkedIn would send for ``folder`` (members under ``prefix``)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, prefix + file.name)
    return target


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _error(path: Path, **kwargs: str) -> FormatError:
    """The one FormatError reading ``path`` raises."""
    with pytest.raises(FormatError) as info:
        list(read_linkedin(path, **kwargs))
    return info.value


# --- golden outputs -------------------------------------------------------------------------


@pytest.mark.parametrize("export", ["new", "old"])
def test_export_folder_matches_golden(export: str) -> None:
    assert_golden(read_linkedin(DATA / export), f"linkedin/{export}.json")


@pytest.mark.parametrize("export", ["new", "old"])
def test_export_zip_reads_like_its_folder(export: str, tmp_path: Path) -> None:
    archive = _zip(DATA / export, tmp_path / "Basic_LinkedInDataExport_02-09-2026.zip")
    assert_golden(read_linkedin(archive), f"linkedin/{export}.json")


def test_zip_members_in_a_top_folder_are_found(tmp_path: Path) -> None:
    archive = _zip(DATA / "new", tmp_path / "export.zip", prefix="Complete_LinkedInDataExport/")
    assert list(read_linkedin(archive)) == list(read_linkedin(DATA / "new"))


def test_an_export_unzipped_into_a_folder_of_its_own_is_found(tmp_path: Path) -> None:
    shutil.copytree(DATA / "new", tmp_path / "Complete_LinkedInDataExport")
    assert list(read_linkedin(tmp_path)) == list(read_linkedin(DATA / "new"))
    shutil.copytree(DATA / "old", tmp_path / "Another_Export")  # two exports: which one?
    assert _error(tmp_path).reason == (
        "its folders hold several exports (Another_Export, Complete_LinkedInDataExport): "
        "import one of them"
    )


def _kind(record: Record) -> str:
    if isinstance(record, PersonRecord):
        return "me" if record.is_me else "person"
    if isinstance(record, SchoolRecord):
        return "school"
    return record.external_id.split(":")[1]


def test_order_is_profile_education_connections_invitations_messages() -> None:
    kinds = [_kind(r) for r in read_linkedin(DATA / "new")]
    assert kinds == sorted(kinds, key=["me", "school", "person", "inv", "msg"].index)
    assert set(kinds) == {"me", "school", "person", "inv", "msg"}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Connections.csv", "person"),
        ("Profile.csv", "me"),
        ("Education.csv", "school"),
        ("Invitations.csv", "inv"),
    ],
)
def test_a_single_csv_reads_like_its_part_of_the_export(name: str, kind: str) -> None:
    whole = [r for r in read_linkedin(DATA / "new") if _kind(r) == kind]
    assert list(read_linkedin(DATA / "new" / name)) == whole


def test_file_names_are_case_insensitive(tmp_path: Path) -> None:
    shutil.copy(DATA / "new" / "Connections.csv", tmp_path / "CONNECTIONS.csv")
    shutil.copy(DATA / "new" / "Profile.csv", tmp_path / "profile.CSV")
    assert list(read_linkedin(tmp_path)) == [
        r for r in read_linkedin(DATA / "new") if _kind(r) in ("me", "person")
    ]
    assert list(read_linkedin(tmp_path / "CONNECTIONS.csv")) == list(read_linkedin(tmp_path))[1:]


# --- Education.csv --------------------------------------------------------------------------


def test_education_rows_are_the_users_schools(tmp_path: Path) -> None:
    text = (
        "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
        '"Bayview University, Oakland",Sep 2014,2018-06,"A note\non two lines",BA Economics,\n'
        ",2010,2012,,,\n"  # no school: passed over
        "Harbor College,,,,,Chess\n"
    )
    path = _write(tmp_path / "my_schools.csv", text)  # renamed: told by its header
    assert list(read_linkedin(path)) == [
        SchoolRecord("Bayview University, Oakland", 2, "BA Economics", 2014, 2018),
        SchoolRecord("Harbor College", 5),
    ]


# --- Connections.csv ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "preamble",
    [
        [],
        ["Notes:"],
        ["Notes:", NOTE, ""],
        ["Notes:", "", '"A note, with ""quotes"" and', 'a second line"', "", ""],
    ],
    ids=["none", "one line", "three lines", "quoted multi-line note"],
)
def test_the_header_is_found_after_any_preamble(tmp_path: Path, preamble: list[str]) -> None:
    lines = [
        *preamble,
        HEADER,
        "Ada,Quill,https://www.linkedin.com/in/ada,,Initech,CTO,08 Feb 2026",
    ]
    path = _write(tmp_path / "Connections.csv", "\n".join(lines) + "\n")
    [ada] = read_linkedin(path)
    assert isinstance(ada, PersonRecord)
    assert (ada.name, ada.line, ada.first_known) == ("Ada Quill", len(lines), dt.date(2026, 2, 8))


def test_a_quoted_field_spanning_lines_keeps_physical_line_numbers(tmp_path: Path) -> None:
    rows = [HEADER, 'Ada,Quill,,,"Initech,\nInc.",CTO,08 Feb 2026', "Bo,Li,,,,,09 Feb 2026"]
    path = _write(tmp_path / "Connections.csv", "\r\n".join(rows))
    ada, bo = read_linkedin(path)
    assert isinstance(ada, PersonRecord)
    assert isinstance(bo, PersonRecord)
    assert (ada.line, ada.organization, bo.line) == (2, "Initech, Inc.", 4)


def test_a_row_without_names_is_skipped_and_told(tmp_path: Path) -> None:
    text = f"{HEADER}\n,,,,Initech,,\n,Li,,,,,\n,,,,,,12 Apr 2023\n"
    path = _write(tmp_path / "Connections.csv", text)
    assert [r.name for r in read_linkedin(path)] == ["Li"]
    skipped: list[FormatError] = []
    assert [r.name for r in read_linkedin(path, on_skip=skipped.append)] == ["Li"]
    assert [(e.line, e.reason) for e in skipped] == [
        (2, "a connection without a name (a member who hides it from exports): skipped"),
        (4, "a connection without a name (a member who hides it from exports): skipped"),
    ]


def test_no_header_row_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "Connections.csv", 'Notes:\n"Nothing to see"\n\nAda,Quill\n')
    error = _error(path)
    assert error.file == str(path)
    assert "no header row" in str(error)


@pytest.mark.parametrize(
    "value", ["2026-02-30", "yesterday", "31 Foo 2026", "13/13/2026", "01 Jan 0000", "0000-01-01"]
)
def test_a_bad_connected_on_names_file_and_line(tmp_path: Path, value: str) -> None:
    path = _write(tmp_path / "Connections.csv", f"Notes:\n\n{HEADER}\nAda,Quill,,,,,{value}\n")
    error = _error(path)
    assert (error.file, error.line) == (str(path), 4)
    assert str(error).startswith(f"{path}:4: ")


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("08 Feb 2026", dt.date(2026, 2, 8)),
        ("8 February 2026", dt.date(2026, 2, 8)),
        ("Feb 8, 2026", dt.date(2026, 2, 8)),
        ("2/8/26", dt.date(2026, 2, 8)),
        ("2026-02-08", dt.date(2026, 2, 8)),
        ("8-Feb-26", dt.date(2026, 2, 8)),  # as Excel writes it again
        ("", None),
    ],
)
def test_connected_on_formats(tmp_path: Path, value: str, date: dt.date | None) -> None:
    path = _write(tmp_path / "Connections.csv", f'{HEADER}\nAda,Quill,,,,,"{value}"\n')
    [ada] = read_linkedin(path)
    assert isinstance(ada, PersonRecord)
    assert ada.first_known == date


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "cp1252"])
def test_connections_in_other_encodings(tmp_path: Path, encoding: str) -> None:
    text = f"{HEADER}\r\nJosé,Müller,,,Café Œuvre,Gérant,08 Feb 2026\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "Connections.csv").write_bytes(data)
    [jose] = read_linkedin(tmp_path / "Connections.csv")
    assert isinstance(jose, PersonRecord)
    assert (jose.name, jose.organization) == ("José Müller", "Café Œuvre")


@pytest.mark.parametrize("separator", [";", "\t"])
def test_an_export_saved_again_by_excel_with_its_list_separator(
    tmp_path: Path, separator: str
) -> None:
    """Excel in much of Europe saves a CSV with ";" between cells, and "Unicode text" with
    tabs; the header says which."""
    header = HEADER.replace(",", separator)
    row = separator.join(["Ada", "Quill", "", "", "Acme, Inc.", "Engineer", "8-Feb-26"])
    path = _write(tmp_path / "Connections.csv", f"Notes:\nSome text\n\n{header}\n{row}\n")
    [ada] = read_linkedin(path)
    assert isinstance(ada, PersonRecord)
    assert (ada.name, ada.organization, ada.first_known) == (
        "Ada Quill",
        "Acme, Inc.",
        dt.date(2026, 2, 8),
    )
    renamed = _write(tmp_path / "contacts.csv", path.read_text())
    assert [r.name for r in read_linkedin(renamed) if isinstance(r, PersonRecord)] == ["Ada Quill"]


# --- messages.csv and Invitations.csv -------------------------------------------------------


def _messages() -> list[InteractionRecord]:
    return [r for r in read_linkedin(DATA / "new") if isinstance(r, InteractionRecord)]


def test_message_directions_and_participants() -> None:
    by_line = {r.line: r for r in _messages() if ":msg:" in r.external_id}
    assert by_line[2].direction == "in"
    assert by_line[3].direction == "out"
    assert [p.name for p in by_line[3].participants] == ["Ada Quill"]
    group = by_line[7]  # Bruno to the user and Wei: the others are Bruno and Wei
    assert [p.name for p in group.participants] == ["Bruno Costa", "李伟"]
    assert group.thread_id
    assert group.occurred_at == dt.datetime(2026, 1, 30, 16, 45, 12, tzinfo=dt.UTC)
    assert 6 not in by_line  # the draft


def test_message_ids_are_stable_and_unique() -> None:
    ids = [r.external_id for r in _messages()]
    assert ids == [r.external_id for r in _messages()]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith(("linkedin:msg:", "linkedin:inv:")) for i in ids)


def test_messages_alone_need_to_know_the_user() -> None:
    path = DATA / "new" / "messages.csv"
    error = _error(path)
    assert (error.file, error.line) == (str(path), 2)
    assert "me" in error.reason
    assert _error(path, me="dana@example.com").line == 2  # an email address says nothing here


@pytest.mark.parametrize("me", ["Dana Okafor", "https://www.linkedin.com/in/dana-okafor/"])
def test_messages_alone_with_me(me: str) -> None:
    alone = list(read_linkedin(DATA / "new" / "messages.csv", me=me))
    assert alone == [r for r in _messages() if ":msg:" in r.external_id]


def test_a_group_messages_names_are_paired_with_their_urls_though_one_has_a_comma(
    tmp_path: Path,
) -> None:
    """A name with a suffix ("Ada Lovelace, PhD") is one name; and once the user's URL is
    seen by their name, a row whose names cannot be paired (three commas for two URLs)
    still knows it as theirs, not as someone new named by a URL."""
    header = "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
    rows = (
        'g1,Grace Hopper,https://www.linkedin.com/in/grace,"Dana Okafor, Ada Lovelace, PhD",'
        '"https://www.linkedin.com/in/dana-o,https://www.linkedin.com/in/ada-l",'
        "2026-02-10 10:15:02 UTC,Hello both\n"
        'g2,Grace Hopper,https://www.linkedin.com/in/grace,"Okafor, Dana, Lovelace, Ada",'
        '"https://www.linkedin.com/in/dana-o,https://www.linkedin.com/in/ada-l",'
        "2026-02-11 10:15:02 UTC,Again\n"
    )
    path = _write(tmp_path / "messages.csv", header + rows)
    first, second = read_linkedin(path, me="Dana Okafor")
    assert isinstance(first, InteractionRecord)
    assert isinstance(second, InteractionRecord)
    assert [(p.name, p.linkedin) for p in first.participants] == [
        ("Grace Hopper", "https://www.linkedin.com/in/grace"),
        ("Ada Lovelace, PhD", "https://www.linkedin.com/in/ada-l"),
    ]
    assert [p.linkedin for p in second.participants] == [
        "https://www.linkedin.com/in/grace",
        "https://www.linkedin.com/in/ada-l",
    ]


def test_old_message_layout_with_a_direction_column(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "messages.csv",
        "From,To,Date,Subject,Content,Direction\n"
        "Ada Quill,Dana Okafor,2018-06-01 09:00:00 UTC,Hello,Hi Dana,INCOMING\n"
        'Dana Okafor,Ada Quill,"6/1/18, 10:30 AM",Re: Hello,"Hi Ada, thanks",OUTGOING\n',
    )
    first, second = read_linkedin(path)
    assert isinstance(first, InteractionRecord)
    assert isinstance(second, InteractionRecord)
    assert (first.direction, first.participants[0].name, first.thread_id) == (
        "in",
        "Ada Quill",
        None,
    )
    assert (second.direction, second.participants[0].name) == ("out", "Ada Quill")
    assert second.occurred_at == dt.datetime(2018, 6, 1, 10, 30, tzinfo=dt.UTC)
    assert second.summary == "Re: Hello\n\nHi Ada, thanks"


def test_the_sent_folder_marks_outgoing_messages(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "messages.csv",
        "CONVERSATION ID,FROM,TO,DATE,CONTENT,FOLDER\n"
        "c1,Dana,Ada,2020-01-01 10:00:00 UTC,Hi,SENT\n",
    )
    [message] = read_linkedin(path)
    assert isinstance(message, InteractionRecord)
    assert message.direction == "out"


@pytest.mark.parametrize(
    ("sent_at", "when"),
    [
        ("1/29/26, 2:37 PM", dt.datetime(2026, 1, 29, 14, 37, tzinfo=dt.UTC)),
        ("1/29/26, 2:37\u202fPM", dt.datetime(2026, 1, 29, 14, 37, tzinfo=dt.UTC)),
        ("12/31/2025 11:59 PM", dt.datetime(2025, 12, 31, 23, 59, tzinfo=dt.UTC)),
        ("2026-01-29 14:37:00 UTC", dt.datetime(2026, 1, 29, 14, 37, tzinfo=dt.UTC)),
        ("2026-01-29T14:37:00+01:00", dt.datetime(2026, 1, 29, 13, 37, tzinfo=dt.UTC)),
    ],
)
def test_invitation_times(tmp_path: Path, sent_at: str, when: dt.datetime) -> None:
    path = _write(
        tmp_path / "Invitations.csv",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        f'Ada Quill,Dana Okafor,"{sent_at}","Hi, let\'s connect",INCOMING,,\n',
    )
    [invitation] = read_linkedin(path)
    assert isinstance(invitation, InteractionRecord)
    assert invitation.occurred_at == when
    assert (invitation.direction, invitation.summary) == (
        "in",
        "connection request: Hi, let's connect",
    )


@pytest.mark.parametrize(
    ("row", "line"),
    [("Ada,Dana,not a time,,INCOMING,,", 2), ('Ada,Dana,"1/29/26, 2:37 PM",,SIDEWAYS,,', 2)],
)
def test_bad_invitation_rows_name_the_line(tmp_path: Path, row: str, line: int) -> None:
    header = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
    path = _write(tmp_path / "Invitations.csv", f"{header}\n{row}\n")
    assert _error(path).line == line


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\n\n",
        bytes(range(256)) * 16,
        JPEG,
        b"Alpha,Beta,Gamma\n1,2,3\n",
        b"\x01\x02\x03" * 50,
    ],
    ids=["empty", "blank lines", "binary", "jpeg", "other csv", "control bytes"],
)
@pytest.mark.parametrize("name", ["Connections.csv", "messages.csv", "Invitations.csv"])
def test_bad_files_raise_one_format_error_naming_them(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = _error(path, me="Dana Okafor")
    assert error.file == str(path)
    assert str(error).startswith(str(path))


def test_a_truncated_zip_names_the_file(tmp_path: Path) -> None:
    archive = _zip(DATA / "new", tmp_path / "export.zip")
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    error = _error(archive)
    assert error.file == str(archive)
    assert "zip" in error.reason


def test_a_damaged_zip_member_names_the_member(tmp_path: Path) -> None:
    archive = _zip(DATA / "new", tmp_path / "export.zip")
    with zipfile.ZipFile(archive) as opened:
        info = opened.getinfo("Connections.csv")
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 10, start + info.compress_size - 10, 7):
        data[offset] ^= 0x5A
    archive.write_bytes(bytes(data))
    error = _error(archive)
    assert error.file == f"{archive}/Connections.csv"


@pytest.mark.parametrize("name", ["Connections.txt", "photo.jpg"])
def test_other_file_names_are_refused(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, f"{HEADER}\n")
    assert "not a LinkedIn export" in _error(path).reason


@pytest.mark.parametrize(
    ("name", "renamed"),
    [
        ("Connections.csv", "my_connections.csv"),
        ("Profile.csv", "me.csv"),
        ("Invitations.csv", "requests 2026.CSV"),
        ("messages.csv", "inbox.csv"),
    ],
)
def test_a_renamed_csv_is_told_by_its_header(tmp_path: Path, name: str, renamed: str) -> None:
    for layout in ("new", "old"):
        if (DATA / layout / name).exists():
            path = tmp_path / layout / renamed
            path.parent.mkdir(exist_ok=True)
            shutil.copy(DATA / layout / name, path)
            expected = list(read_linkedin(DATA / layout / name, me="Dana Okafor"))
            assert expected
            assert list(read_linkedin(path, me="Dana Okafor")) == expected


def test_a_renamed_connections_csv_with_a_bad_row_names_it(tmp_path: Path) -> None:
    path = _write(tmp_path / "my_connections.csv", f"Notes:\n\n{HEADER}\nAda,Quill,,,,,never\n")
    assert (_error(path).file, _error(path).line) == (str(path), 4)


@pytest.mark.parametrize(
    "content",
    [
        b"Name,Given Name,Family Name,E-mail 1 - Value\nAda Quill,Ada,Quill,ada@example.com\n",
        b"Alpha,Beta,Gamma\n1,2,3\n",
        JPEG,
    ],
    ids=["google csv", "other csv", "jpeg"],
)
def test_a_csv_of_another_kind_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(content)
    reason = _error(path).reason
    assert reason.startswith("not a LinkedIn export: expected the export .zip")
    assert "header row" in reason


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf\r\n", b"  \n\n"])
def test_an_empty_csv_is_said_to_be_empty_as_the_other_importers_say(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(content)
    assert _error(path).reason == "empty file"


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    assert "no such file" in _error(tmp_path / "nope.zip").reason
    assert "no LinkedIn export files" in _error(tmp_path).reason
    empty = tmp_path / "empty.zip"
    zipfile.ZipFile(empty, "w").close()
    assert "no LinkedIn export files" in _error(empty).reason


# --- skipping bad rows (errors=[...]) ------------------------------------------------------

INVITATIONS = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
MESSAGES = "CONVERSATION ID,FROM,TO,DATE,SUBJECT,CONTENT,FOLDER"


def test_a_bad_connection_row_is_skipped_into_the_error_list(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "Connections.csv",
        f"Notes:\n{NOTE}\n\n{HEADER}\n"
        "Ada,Quill,,ada@example.com,Initech,CTO,08 Feb 2026\n"
        "Bo,Li,,,,,31 Feb 2026\n"
        "Cy,Park,,,,,09 Feb 2026\n",
    )
    errors: list[FormatError] = []
    records = list(read_linkedin(path, errors=errors))
    assert [(r.name, r.line) for r in records if isinstance(r, PersonRecord)] == [
        ("Ada Quill", 5),
        ("Cy Park", 7),
    ]
    [error] = errors
    assert (error.file, error.line) == (str(path), 6)
    assert "31 Feb 2026" in error.reason
    # Without a list the same row raises, as it always did.
    assert (_error(path).file, _error(path).line) == (str(path), 6)
    with pytest.raises(FormatError):
        list(read_linkedin(path, errors=None))


def test_bad_invitation_rows_are_skipped_into_the_error_list(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "Invitations.csv",
        f"{INVITATIONS}\n"
        'Ada Quill,Dana Okafor,"1/29/26, 2:37 PM",,INCOMING,,\n'
        "Bo Li,Dana Okafor,not a time,,INCOMING,,\n"
        'Cy Park,Dana Okafor,"1/30/26, 9:00 AM",,SIDEWAYS,,\n'
        'Dana Okafor,Eve Adams,"1/31/26, 9:00 AM",,OUTGOING,,\n',
    )
    errors: list[FormatError] = []
    records = list(read_linkedin(path, errors=errors))
    assert [r.line for r in records] == [2, 5]
    assert [(e.file, e.line) for e in errors] == [(str(path), 3), (str(path), 4)]
    assert "not a time" in errors[0].reason
    assert "SIDEWAYS" in errors[1].reason
    assert _error(path).line == 3


def test_a_bad_message_date_is_skipped_and_leaves_the_other_ids_alone(tmp_path: Path) -> None:
    rows = [
        "c1,Ada Quill,Dana Okafor,2026-02-09 08:14:55 UTC,,Coffee?,INBOX",
        "c1,Dana Okafor,Ada Quill,yesterday-ish,,Sure,SENT",
        "c1,Dana Okafor,Ada Quill,2026-02-09 09:02:10 UTC,,Tuesday?,SENT",
        "c1,Dana Okafor,Ada Quill,2026-02-09 09:02:10 UTC,,Or Wednesday,SENT",
    ]
    path = _write(tmp_path / "messages.csv", "\n".join([MESSAGES, *rows]) + "\n")
    errors: list[FormatError] = []
    records = list(read_linkedin(path, me="Dana Okafor", errors=errors))
    assert [(e.file, e.line) for e in errors] == [(str(path), 3)]
    assert "yesterday-ish" in errors[0].reason
    assert [r.line for r in records] == [2, 4, 5]
    assert _error(path, me="Dana Okafor").line == 3
    # The good rows get the ids they would get were the bad row not there.
    (tmp_path / "fixed").mkdir()
    fixed = _write(tmp_path / "fixed" / "messages.csv", "\n".join([MESSAGES, *rows[::2], rows[3]]))
    kept = list(read_linkedin(fixed, me="Dana Okafor"))
    assert [_id(r) for r in records] == [_id(r) for r in kept]


def _id(record: Record) -> str:
    assert isinstance(record, InteractionRecord)
    return record.external_id


def test_not_knowing_the_user_is_never_a_skipped_row() -> None:
    errors: list[FormatError] = []
    path = DATA / "new" / "messages.csv"
    with pytest.raises(FormatError, match="--me"):
        list(read_linkedin(path, errors=errors))
    assert errors == []


def test_a_bad_profile_birthday_skips_the_profile_but_still_names_the_user(
    tmp_path: Path,
) -> None:
    shutil.copy(DATA / "new" / "messages.csv", tmp_path / "messages.csv")
    profile = (DATA / "new" / "Profile.csv").read_text(encoding="utf-8")
    _write(tmp_path / "Profile.csv", profile.replace(",Mar 5,", ",Mar 35,"))
    errors: list[FormatError] = []
    records = list(read_linkedin(tmp_path, errors=errors))
    assert [(e.file, e.line) for e in errors] == [(str(tmp_path / "Profile.csv"), 2)]
    assert not any(isinstance(r, PersonRecord) for r in records)
    assert records == [r for r in _messages() if ":msg:" in r.external_id]


def test_a_bad_row_in_the_zip_names_the_member(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    _write(folder / "Connections.csv", f"{HEADER}\nAda,Quill,,,,,08 Feb 2026\nBo,Li,,,,,soon\n")
    archive = _zip(folder, tmp_path / "export.zip", prefix="Basic_LinkedInDataExport/")
    errors: list[FormatError] = []
    [ada] = read_linkedin(archive, errors=errors)
    assert isinstance(ada, PersonRecord)
    assert ada.name == "Ada Quill"
    assert [(e.file, e.line) for e in errors] == [
        (f"{archive}/Basic_LinkedInDataExport/Connections.csv", 3)
    ]


@pytest.mark.parametrize(
    "content",
    [b"", b"\n\n", JPEG, b"Alpha,Beta,Gamma\n1,2,3\n"],
    ids=["empty", "blank lines", "jpeg", "other csv"],
)
def test_a_bad_file_still_raises_with_an_error_list(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(content)
    errors: list[FormatError] = []
    with pytest.raises(FormatError) as info:
        list(read_linkedin(path, errors=errors))
    assert info.value.file == str(path)
    assert errors == []
    other = _write(tmp_path / "contacts.csv", "Alpha,Beta,Gamma\n1,2,3\n")
    with pytest.raises(FormatError, match="not a LinkedIn export"):
        list(read_linkedin(other, errors=errors))


# --- a browser's duplicate downloads ------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Connections (1).csv", "Connections(2).csv", "connections (13).CSV"]
)
def test_a_second_download_of_a_file_is_read_like_the_first(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    shutil.copy(DATA / "new" / "Connections.csv", path)
    expected = list(read_linkedin(DATA / "new" / "Connections.csv"))
    assert expected
    assert list(read_linkedin(path)) == expected
    bad = _write(tmp_path / f"bad {name}", "Alpha,Beta,Gamma\n1,2,3\n")
    assert "not a LinkedIn export" in _error(bad).reason
    (tmp_path / "x").mkdir()
    bad = _write(tmp_path / "x" / name, f"{HEADER}\nAda,Quill,,,,,never\n")
    assert (_error(bad).file, _error(bad).line) == (str(bad), 2)


def test_duplicate_download_names_in_a_folder_and_a_zip(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    copies = {
        "Connections.csv": "Connections (1).csv",
        "Profile.csv": "Profile(1).csv",
        "Education.csv": "Education (1).csv",
        "Invitations.csv": "invitations (2).csv",
        "messages.csv": "messages.csv",
    }
    for exact, name in copies.items():
        shutil.copy(DATA / "new" / exact, folder / name)
    expected = list(read_linkedin(DATA / "new"))
    assert list(read_linkedin(folder)) == expected
    assert list(read_linkedin(_zip(folder, tmp_path / "export.zip"))) == expected


def test_the_exact_name_wins_over_a_duplicate_download(tmp_path: Path) -> None:
    shutil.copy(DATA / "new" / "Connections.csv", tmp_path / "Connections.csv")
    _write(tmp_path / "Connections (1).csv", f"{HEADER}\nZed,Other,,,,,08 Feb 2026\n")
    expected = list(read_linkedin(DATA / "new" / "Connections.csv"))
    assert list(read_linkedin(tmp_path)) == expected
    assert list(read_linkedin(_zip(tmp_path, tmp_path.parent / "dup.zip"))) == expected


def test_a_zip_of_two_exports_is_refused_as_a_folder_of_two_is(tmp_path: Path) -> None:
    connections = (DATA / "new" / "Connections.csv").read_bytes()
    side_by_side = tmp_path / "two.zip"
    with zipfile.ZipFile(side_by_side, "w") as archive:
        archive.writestr("a/Connections.csv", connections)
        archive.writestr("b/Connections.csv", connections)
    assert "holds several exports (a/, b/)" in _error(side_by_side).reason
    twice = tmp_path / "twice.zip"
    with zipfile.ZipFile(twice, "w") as archive:
        archive.writestr("Connections.csv", connections)
        with pytest.warns(UserWarning, match="Duplicate"):
            archive.writestr("Connections.csv", connections)
    assert "holds Connections.csv twice" in _error(twice).reason


@pytest.mark.parametrize(
    "name",
    ["Connections 1.csv", "Connections (a).csv", "Connections (1) (2).csv", "Connections_1.csv"],
)
def test_other_suffixes_are_not_export_files(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, "Alpha,Beta,Gamma\n1,2,3\n")
    assert "not a LinkedIn export" in _error(path).reason
    _write(path, f"{HEADER}\nAda,Quill,,,,,08 Feb 2026\n")  # told by its header instead
    assert [r.name for r in read_linkedin(path)] == ["Ada Quill"]  # type: ignore[union-attr]


# --- properties -----------------------------------------------------------------------------

_cells = st.lists(st.text(max_size=20), max_size=8)


@settings(max_examples=150, deadline=None)
@given(
    preamble=st.lists(st.text(max_size=30), max_size=3),
    header=st.booleans(),
    rows=st.lists(_cells, max_size=8),
)
def test_arbitrary_rows_raise_nothing_but_format_error(
    preamble: list[str], header: bool, rows: list[list[str]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Connections.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            file.writelines(line + "\n" for line in preamble)
            writer = csv.writer(file)
            if header:
                writer.writerow(HEADER.split(","))
            writer.writerows(rows)
        try:
            records = list(read_linkedin(path))
        except FormatError as exc:
            error: FormatError | None = exc
        else:
            error = None
            assert all(isinstance(r, PersonRecord) for r in records)
        assert error is None or error.file == str(path)


_letters = st.characters(categories=("L", "M", "N"))
_word = st.text(st.one_of(_letters, st.sampled_from(",\"'-.&")), min_size=1, max_size=10)
_name = st.lists(_word, min_size=1, max_size=3).map(" ".join).filter(lambda n: clean(n) == n)
_optional = st.one_of(st.just(""), _name)
_profile_url = st.from_regex(r"https://www\.linkedin\.com/in/[a-z0-9-]{3,20}", fullmatch=True)
_person = st.fixed_dictionaries(
    {
        "first": _name,
        "last": _optional,
        "url": st.one_of(st.just(""), _profile_url),
        "email": st.one_of(st.just(""), st.emails()),
        "company": _optional,
        "position": _optional,
        "connected": st.dates(dt.date(2003, 5, 5), dt.date(2030, 12, 31)),
    }
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(_person, min_size=1, max_size=15))
def test_round_trip_through_the_linkedin_layout(people: list[dict[str, object]]) -> None:
    expected = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Connections.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as file:
            file.write(f"Notes:\r\n{NOTE}\r\n\r\n")
            writer = csv.writer(file)
            writer.writerow(HEADER.split(","))
            for line, p in enumerate(people, start=5):
                day: dt.date = p["connected"]  # type: ignore[assignment]
                connected = f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"
                fields = ("first", "last", "url", "email", "company", "position")
                writer.writerow([*(p[f] for f in fields), connected])
                expected.append(_expected(p, line, day))
        assert list(read_linkedin(path)) == expected


def _expected(p: dict[str, object], line: int, day: dt.date) -> PersonRecord:
    first, last = str(p["first"]), str(p["last"])
    return PersonRecord(
        name=full_name(first, last),  # "Ada Lovelace", "王小明": in the order of the script
        line=line,
        given_name=first,
        family_name=last or None,
        emails=[Labeled(str(p["email"]))] if p["email"] else [],
        linkedin=str(p["url"]) or None,
        organization=str(p["company"]) or None,
        title=str(p["position"]) or None,
        first_known=day,
    )


@pytest.mark.slow
def test_a_large_export_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    rows = 200_000
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        file.write(f"Notes:\r\n{NOTE}\r\n\r\n{HEADER}\r\n")
        for i in range(rows):
            file.write(
                f"Person{i},Ñúñez {i},https://www.linkedin.com/in/p{i},p{i}@example.com,"
                f'"Company {i % 977}, Inc.",Engineer,{i % 28 + 1:02d} Feb 2026\r\n'
            )
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_linkedin(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == rows
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_a_quote_never_closed_fails_the_file_rather_than_make_one_person(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(
        "Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        '"Ann,Smith,,,,,05 Mar 2024\nBob,Jones,,,,,05 Mar 2024\n',
        encoding="utf-8",
    )
    with pytest.raises(FormatError, match=r"Connections\.csv:4: a quoted field is not closed"):
        list(read_linkedin(path))


def test_one_line_of_a_hundred_megabytes_is_refused_without_holding_it(tmp_path: Path) -> None:
    """A zip of a few hundred kilobytes can hold a line of any length: it is refused before
    it is in memory whole."""
    path = tmp_path / "export.zip"
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("Connections.csv", "w") as member,
    ):
        member.write(header.encode())
        for _ in range(100):
            member.write(b" " * (1 << 20))
    tracemalloc.start()
    try:
        with pytest.raises(FormatError, match=r"Connections\.csv:2: a line longer than 16 MB"):
            list(read_linkedin(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_a_line_too_long_is_refused_even_when_its_cells_are_short(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Read in pieces, such a line would become rows of cells out of place."""
    import io

    from netweave.io import text

    monkeypatch.setattr(text, "MAX_CELL", 30)
    stream = io.StringIO("A,B,C\n" + "x," * 20 + "y\np,q,r\n")
    with pytest.raises(FormatError, match=r"f\.csv:3: a line longer than 0 MB"):
        list(text.csv_rows(stream, "f.csv", 1))


def test_the_latest_connection_tells_how_old_an_export_is(tmp_path: Path) -> None:
    """The latest "Connected On" of Connections.csv, in the zip, the folder, the file (under
    another name too); a bad date or one after today is passed over; an export without
    connections, or a file that is not one, tells none."""
    today = dt.date(2026, 6, 15)
    assert latest_connection(DATA / "new", today) == dt.date(2026, 2, 8)
    assert latest_connection(_zip(DATA / "new", tmp_path / "export.zip"), today) == dt.date(
        2026, 2, 8
    )
    rows = [
        "Ada,Quill,,,Initech,Engineer,14 Mar 2019",
        "Bo,Li,,,Hooli,Engineer,someday",
        "Cy,Ng,,,Acme,Engineer,01 Jan 2030",
        "Di,Oh,,,Acme,Engineer,",
    ]
    renamed = _write(tmp_path / "my_connections.csv", "\n".join([HEADER, *rows]) + "\n")
    assert latest_connection(renamed, today) == dt.date(2019, 3, 14)
    assert latest_connection(DATA / "new" / "messages.csv", today) is None
    assert latest_connection(_write(tmp_path / "notes.csv", "a,b\n1,2\n"), today) is None


# --- messages from no person --------------------------------------------------------------

FULL_MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS"
)
MAYA = "Maya Lindqvist,https://www.linkedin.com/in/mayalindqvist"


def test_pages_sponsored_conversations_and_closed_accounts_are_skipped_with_why(
    tmp_path: Path,
) -> None:
    """LinkedIn's own rows for an advertiser, a company page and a member it no longer names
    become no one; a group message keeps its people and leaves the page out."""
    rows = [
        f"2-A,,LinkedIn Member,,{MAYA},2026-07-01 10:00:00 UTC,,hello,INBOX,",
        f"2-B,Sponsored Conversation,Acme Ads,https://www.linkedin.com/in/acme-ads,{MAYA},"
        "2026-06-01 10:00:00 UTC,Try it,<p>buy</p>,INBOX,",
        f"2-C,,Acme,https://www.linkedin.com/company/acme/,{MAYA},2026-06-02 10:00:00 UTC,,"
        "Our news,INBOX,",
        f"2-D,,Acme Labs,https://linkedin.com/showcase/acme-labs,{MAYA},2026-06-03 10:00:00 UTC,,"
        "Labs news,INBOX,",
        f"2-E,,Ad,https://www.linkedin.com/in/ad,{MAYA},2026-06-04 10:00:00 UTC,,x,SPONSORED,",
        f"2-F,,{MAYA},LinkedIn Member,,2026-06-05 10:00:00 UTC,,Still there?,INBOX,",
        f"2-G,,{MAYA},Acme,https://www.linkedin.com/company/acme,2026-06-06 10:00:00 UTC,,Hi,"
        "INBOX,",
        f'2-H,Launch,{MAYA},"Acme,Ada Quill",https://www.linkedin.com/company/acme '
        "https://www.linkedin.com/in/ada-quill,2026-06-07 10:00:00 UTC,,Launch?,INBOX,",
    ]
    path = _write(tmp_path / "messages.csv", "\n".join([FULL_MESSAGES, *rows]) + "\n")
    skipped: list[FormatError] = []
    records = list(read_linkedin(path, me="Maya Lindqvist", on_skip=skipped.append))
    [launch] = records
    assert isinstance(launch, InteractionRecord)
    assert [p.name for p in launch.participants] == ["Ada Quill"]
    reasons = {e.line: e.reason for e in skipped}
    hidden = "(a member whose account was closed, or who hides their name from exports)"
    assert reasons == {
        2: f"a message from “LinkedIn Member” {hidden}: skipped",
        3: "a sponsored message (an advertisement, no conversation with a person): skipped",
        4: "a message from a company page, not a person: skipped",
        5: "a message from a company page, not a person: skipped",
        6: "a sponsored message (an advertisement, no conversation with a person): skipped",
        7: f"a message to “LinkedIn Member” {hidden}: skipped",
        8: "a message to a company page, not a person: skipped",
    }
    assert all(e.file == str(path) for e in skipped)


def test_a_sponsored_message_is_skipped_even_when_the_user_is_not_known(tmp_path: Path) -> None:
    """It is nobody's conversation: it does not fail the file for want of the user's name."""
    row = ("2-B,Sponsored Conversation,Acme Ads,https://www.linkedin.com/company/acmeads,"
           f"{MAYA},2026-06-01 10:00:00 UTC,Try it,buy,INBOX,")  # fmt: skip
    path = _write(tmp_path / "messages.csv", f"{FULL_MESSAGES}\n{row}\n")
    skipped: list[FormatError] = []
    assert list(read_linkedin(path, on_skip=skipped.append)) == []
    assert [e.line for e in skipped] == [2]


def test_an_export_cut_off_inside_its_last_row_is_refused(tmp_path: Path) -> None:
    """Connections.csv ends inside Wei Li's row (in his profile URL, no line end), or
    inside a quoted company: refused, naming that row, not read with a cut profile URL."""
    cut = DATA / "cut" / "Connections.csv"
    with pytest.raises(FormatError) as info:
        list(read_linkedin(cut))
    assert (info.value.line, info.value.reason) == (
        7,
        "the file ends inside this row (3 of its 7 fields, and no line end: cut off?)",
    )
    errors: list[FormatError] = []
    people = [r for r in read_linkedin(cut, errors=errors) if isinstance(r, PersonRecord)]
    assert [p.name for p in people] == ["Ada Quill", "Bruno Costa"]
    assert [e.line for e in errors] == [7]
    text = cut.read_bytes()
    quoted = tmp_path / "Connections.csv"
    quoted.write_bytes(text[: text.index(b'"Acme, In') + len(b'"Acme, In')])
    with pytest.raises(FormatError, match=r"Connections.csv:6: a quoted field is not closed"):
        list(read_linkedin(quoted))


def test_a_renamed_connections_file_with_a_stray_byte_gets_the_encoding_advice(
    tmp_path: Path,
) -> None:
    """Its header row is there: it is told by it, and its stray byte is named by its line,
    as under its own name; not "not a LinkedIn export"."""
    text = (DATA / "new" / "Connections.csv").read_bytes()
    stray = text.replace(b"Staff Data Engineer", b"Staff Data Engin\xe9er")
    for name in ("Connections.csv", "my_connections.csv"):
        path = tmp_path / name
        path.write_bytes(stray)
        with pytest.raises(FormatError) as info:
            list(read_linkedin(path))
        assert (info.value.line, info.value.reason) == (
            5,
            "a byte that is not UTF-8, in a file that otherwise is: save it as UTF-8 "
            "(in Excel: CSV UTF-8) and import it again",
        )
