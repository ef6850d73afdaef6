"""Google Contacts and Outlook CSV reader, and the shared text helpers it stands on."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import assert_golden
from netweave.errors import InvalidInput
from netweave.io.encoding import CHUNK, detect_encoding, open_text
from netweave.io.google_csv import read_google_csv
from netweave.io.records import FormatError, Labeled, PersonRecord
from netweave.io.text import date_parts, export_birthday
from netweave.io.vcard import read_vcards

DATA = Path(__file__).resolve().parent.parent / "data" / "google"
FIXTURES = ["contacts_google.csv", "contacts_google_old.csv", "contacts_outlook.csv"]
GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,Birthday,"
    "Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value"
)
OUTLOOK_HEADER = (
    "First Name,Last Name,E-mail Address,Mobile Phone,Company,Job Title,Birthday,Notes,Categories"
)
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + bytes(range(256)) * 8


def _read(path: Path) -> list[PersonRecord]:
    return list(read_google_csv(path))


def _one(tmp_path: Path, header: str, row: str) -> PersonRecord:
    path = tmp_path / "contacts.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    [record] = _read(path)
    return record


def _error(path: Path) -> FormatError:
    with pytest.raises(FormatError) as info:
        _read(path)
    return info.value


# --- golden outputs -------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_matches_golden(name: str) -> None:
    assert_golden(read_google_csv(DATA / name), f"google/{Path(name).stem}.json")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_outlook_in_windows_encodings_reads_the_same(tmp_path: Path, encoding: str) -> None:
    """Outlook on Windows writes UTF-16 LE with a BOM, or the ANSI code page."""
    text = (DATA / "contacts_outlook.csv").read_text(encoding="utf-8-sig")
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    elif encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "contacts_outlook.csv"
    path.write_bytes(data)
    assert_golden(read_google_csv(path), "google/contacts_outlook.json")


def test_latin1_file_with_bytes_cp1252_lacks(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    row = "Jos\xe9,M\xfcller,jose@example.com,,Caf\xe9\x81,,,,"
    path.write_bytes(f"{OUTLOOK_HEADER}\r\n{row}\r\n".encode("latin-1"))
    [jose] = _read(path)
    # read as Latin-1; the byte cp1252 lacks is a control character there, not kept
    assert (jose.name, jose.organization) == ("José Müller", "Café")


def test_outlook_in_the_czech_code_page_reads_its_letters() -> None:
    """Outlook's ANSI export on a Czech Windows is in Windows-1250: "Řehoř", not "Øehoø"."""
    people = _read(DATA / "code_pages" / "contacts_outlook_cp1250.csv")
    assert [p.name for p in people] == [
        "Řehoř Dvořák", "Šárka Žižková", "Jiří Nováček", "Věra Růžičková", "Ľubomír Šťastný",
    ]  # fmt: skip
    rehor = people[0]
    assert (rehor.organization, rehor.title) == ("Škoda Auto a.s.", "Vedoucí nákupu")
    assert rehor.location == "Mladá Boleslav, Česká republika"
    assert rehor.notes == "Potkali jsme se na veletrhu v Brně; zná Šárku."
    assert rehor.tags == ["Klienti", "Čechy"]


def test_outlook_in_the_turkish_code_page_reads_its_letters() -> None:
    """On a Turkish Windows it is Windows-1254: "Şükrü", not "Þükrü"; "İpek", not "Ýpek"."""
    people = _read(DATA / "code_pages" / "contacts_outlook_cp1254.csv")
    assert [p.name for p in people] == ["Şükrü Güçlü", "İpek Yıldız", "Ayşe Doğan", "Çağlar Öztürk"]
    assert (people[0].organization, people[0].location) == ("Türk Telekom", "İstanbul, Türkiye")
    assert people[2].organization == "Doğuş Holding"


# --- the tricky parts -----------------------------------------------------------------------


def test_joined_values_share_the_cell_label(tmp_path: Path) -> None:
    row = (
        "Ada,,Quill,,,,,,,* Work,a@example.com ::: b@example.com,Mobile,+1 555 0100 ::: +1 555 0101"
    )
    ada = _one(tmp_path, GOOGLE_HEADER, row)
    assert ada.emails == [Labeled("a@example.com", "work"), Labeled("b@example.com", "work")]
    assert ada.phones == [Labeled("+1 555 0100", "mobile"), Labeled("+1 555 0101", "mobile")]


@pytest.mark.parametrize(
    ("labels", "tags"),
    [
        ("* myContacts ::: Friends", ["Friends"]),
        ("* starred ::: * myContacts", []),
        ("Friends ::: Work ::: Friends", ["Friends", "Work"]),
        ("* My Contacts ::: * Coworkers", ["Coworkers"]),
        ("", []),
    ],
)
def test_google_labels_become_tags_without_system_groups(
    tmp_path: Path, labels: str, tags: list[str]
) -> None:
    assert _one(tmp_path, GOOGLE_HEADER, f'Ada,,,,,,,,"{labels}",,,,').tags == tags


@pytest.mark.parametrize(
    ("categories", "tags"),
    [("Clients;Spain", ["Clients", "Spain"]), (" Family ; ;Friends;", ["Family", "Friends"])],
)
def test_outlook_categories_become_tags(tmp_path: Path, categories: str, tags: list[str]) -> None:
    assert _one(tmp_path, OUTLOOK_HEADER, f'Ada,Quill,,,,,,,"{categories}"').tags == tags


def test_a_formula_cell_is_kept_as_text(tmp_path: Path) -> None:
    row = '"=HYPERLINK(""http://x.example"")",Quill,,,"=cmd|\' /C calc\'!A0",,,"=1+2",'
    mallory = _one(tmp_path, OUTLOOK_HEADER, row)
    assert mallory.given_name == '=HYPERLINK("http://x.example")'
    assert (mallory.organization, mallory.notes) == ("=cmd|' /C calc'!A0", "=1+2")


def test_a_nameless_contact_is_named_by_what_it_has(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    rows = [
        ",,,,,,,,,,x@example.com,,",
        ",,,Bru,,,,,,,,,",
        ",,,,,,,,* myContacts,,,,",
        ",,,Bru,Globex,,,,,,,,",  # a nickname is a person's name, at a company or not
    ]
    path.write_text("\n".join([GOOGLE_HEADER, *rows]), encoding="utf-8")
    assert [(r.name, r.line, r.organization) for r in _read(path)] == [
        ("x@example.com", 2, None),
        ("Bru", 3, None),
        ("Bru", 5, "Globex"),
    ]


def test_a_company_card_is_skipped_and_reported(tmp_path: Path) -> None:
    skipped: list[FormatError] = []
    path = DATA / "contacts_google.csv"
    names = [r.name for r in read_google_csv(path, on_skip=skipped.append)]
    assert "Northwind Analytics" not in names  # info@northwind.example is no one to know
    assert [(e.file, e.line, e.reason) for e in skipped] == [
        (str(path), 18, "a company without a person's name (Northwind Analytics): skipped")
    ]
    outlook = DATA / "contacts_outlook.csv"
    skipped.clear()
    assert "Globex Corporation" not in [
        r.name for r in read_google_csv(outlook, on_skip=skipped.append)
    ]
    assert [(e.line, e.reason) for e in skipped] == [
        (5, "a company without a person's name (Globex Corporation): skipped")
    ]
    names = [r.name for r in _read(outlook)]  # skipped without on_skip too
    assert names[names.index("Olu Okafor") + 1] == "Mei Chen"  # the row after it
    # "File As" naming someone else than the company is a person's name
    header = "First Name,Last Name,File As,Organization Name,E-mail 1 - Label,E-mail 1 - Value"
    costa = _one(tmp_path, header, ',,"Costa, Bruno",Acme,* Work,bruno@acme.example')
    assert (costa.name, costa.organization) == ("Costa, Bruno", "Acme")
    (tmp_path / "contacts.csv").write_text(
        f"{header}\n,,ACME,Acme,* Work,info@acme.example\n", encoding="utf-8"
    )
    assert _read(tmp_path / "contacts.csv") == []


def test_the_location_comes_from_the_work_address_first() -> None:
    google = {r.name: r.location for r in _read(DATA / "contacts_google.csv")}
    assert google["Ada Quill"] == "Oakland, CA, US"  # Address 2 (Work) before Address 1 (Home)
    assert google["Bruno Miguel Costa"] == "Lisboa, Portugal"
    # only the formatted address: all of it, on one line
    assert google["Zoë Ångström"] == "Drottninggatan 5, 111 51 Stockholm, Sweden"
    assert google["李伟"] is None
    old = {r.name: r.location for r in _read(DATA / "contacts_google_old.csv")}
    assert old["Kenji Watanabe"] == "豊田市, 愛知県, 日本"
    outlook = {r.name: r.location for r in _read(DATA / "contacts_outlook.csv")}
    assert outlook["José Ramírez"] == "Madrid, España"  # Business before Home
    assert outlook["Françoise Müller"] == "Berlin, Deutschland"  # Home; "Berlin" said once
    assert outlook["Olu Okafor"] == "Manchester, United Kingdom"  # Other


@pytest.mark.parametrize(
    ("cells", "location"),
    [
        (",,,", None),
        ("Springfield,,,", "Springfield"),
        (",IL,USA,", "IL, USA"),
        (",,,Home", None),
        ("Singapore,,Singapore,", "Singapore"),
    ],
)
def test_outlook_address_parts(tmp_path: Path, cells: str, location: str | None) -> None:
    header = "First Name,Last Name,Job Title,Business City,Business State,Business Country/Region"
    assert _one(tmp_path, header + ",Notes", f"Ada,Quill,,{cells}").location == location


@pytest.mark.parametrize(
    ("address", "free_text", "location"),
    [
        ("Leeds,,", "Yorkshire", "Leeds"),  # an address wins over the free text
        (",,", "Yorkshire, UK", "Yorkshire, UK"),
        (",,", "", None),
    ],
)
def test_the_location_column_when_no_address_says_where(
    tmp_path: Path, address: str, free_text: str, location: str | None
) -> None:
    # Outlook's "Location" and the old Google export's are one free-text cell.
    header = "First Name,Last Name,Job Title,Business City,Business State,Business Country/Region"
    row = f'Ada,Quill,,{address},"{free_text}"'
    assert _one(tmp_path, header + ",Location", row).location == location


def test_a_street_address_is_kept_whole_in_the_notes_as_a_cards_is(tmp_path: Path) -> None:
    """The line a vCard's ADR of the same address gives, for each of Google's joined ones."""
    google = {r.name: r.notes for r in _read(DATA / "contacts_google.csv")}
    assert (google["Priya Raman"] or "").split("\n\n") == [
        "Address (home): 12 MG Road, Bengaluru, KA 560001, IN",
        "Address (home): 4 Lake View Rd, PO Box 77, Kodaikanal, TN 624101, IN",
        "Address (work): Electronics City, Bengaluru, KA 560100, IN",
    ]
    card = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Priya Raman\r\n"
        "ADR;TYPE=home:;;12 MG Road;Bengaluru;KA;560001;IN\r\n"  # Google's "Formatted" is
        'ADR;TYPE=home;LABEL="4 Lake View Rd^nPO Box 77^nKodaikanal, TN 624101^nIN":'  # a LABEL
        "PO Box 77;;4 Lake View Rd;Kodaikanal;TN;624101;IN\r\n"
        "ADR;TYPE=work:;;Electronics City;Bengaluru;KA;560100;IN\r\nEND:VCARD\r\n"
    )
    (tmp_path / "priya.vcf").write_text(card, encoding="utf-8")
    [read] = read_vcards(tmp_path / "priya.vcf")
    assert read.notes == google["Priya Raman"]
    old = {r.name: r.notes for r in _read(DATA / "contacts_google_old.csv")}
    assert old["Marc Petit"] == (  # no "Formatted": the parts, in the order of a label
        "Address (work): BP 12, Bâtiment B, 99 rue de Rivoli, Paris, 75001, France"
    )
    assert old["Lena Vogel"] == (
        "Address (home): Lindenstraße 3, Aufgang B, 80331 München, Deutschland"
    )


def test_an_address_is_kept_once(tmp_path: Path) -> None:
    google = {r.name: r.notes for r in _read(DATA / "contacts_google.csv")}
    # in the notes already (a card netweave exported, brought into Google), and as Other
    assert google["Tomás Herrera"] == (
        "Met at the Bogotá meetup.\n\nAddress (home): Calle 50 # 12-34, Bogotá, DC 110111, CO"
    )
    outlook = {r.name: r for r in _read(DATA / "contacts_outlook.csv")}
    mei = outlook["Mei Chen"]
    assert mei.location == "Sydney, NSW, Australia"
    assert mei.notes == (  # Home and Other the same: once
        "Address (work): Level 12, 1 Harbour St, Sydney, NSW 2000, Australia\n\n"
        "Address (home): 3 Beach Rd, Bondi, NSW 2026, Australia"
    )
    # an address of a city alone is the location; another place is kept
    assert outlook["Olu Okafor"].notes == "=SUM(A1:A9)\n\nAlso known as Big O (nickname)"
    assert outlook["José Ramírez"].notes == (
        "Prefers Spanish; met at Web Summit 2024.\n\nAddress (home): Alcalá de Henares, España"
    )


def test_outlooks_street_lines_and_post_box(tmp_path: Path) -> None:
    """Outlook on Windows writes a street on three columns, and a post box of its own."""
    header = (
        "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
        "Business Street,Business Street 2,Business Street 3,Business City,Business State,"
        "Business Postal Code,Business Country/Region,Home Street,Home Street 2,Home Street 3,"
        "Home City,Home State,Home Postal Code,Home Country/Region,Business Address PO Box,"
        "E-mail Address,Home Address PO Box,Notes"
    )
    row = (
        ",Ada,,Quill,,Northwind,,Engineer,Northwind House,Floor 3,Desk 12,Leeds,,LS1 4AP,"
        "United Kingdom,,,,,,,,PO Box 9,ada@example.com,,"
    )
    ada = _one(tmp_path, header, row)
    assert ada.location == "Leeds, United Kingdom"
    assert ada.notes == (
        "Address (work): PO Box 9, Northwind House, Floor 3, Desk 12, Leeds, LS1 4AP, "
        "United Kingdom"
    )


def test_googles_joined_addresses_without_formatted_text(tmp_path: Path) -> None:
    """Each joined value of a part is the address's of its place; a part one of them lacks
    holds an empty place, or is left off at the end."""
    header = (
        "First Name,Last Name,Labels,Address 1 - Label,Address 1 - Street,Address 1 - City,"
        "Address 1 - Postal Code,Address 1 - Country"
    )
    row = "Ada,Quill,* myContacts,* Home,1 Elm St ::: 2 Oak Ave,Leeds ::: York, ::: YO1 7HH,UK"
    ada = _one(tmp_path, header, row)
    assert ada.location == "Leeds, UK"
    assert ada.notes == (
        "Address (home): 1 Elm St, Leeds, UK\n\nAddress (home): 2 Oak Ave, York, YO1 7HH"
    )


def test_a_linkedin_website_becomes_the_linkedin_field(tmp_path: Path) -> None:
    websites = "Website 1 - Label,Website 1 - Value,Website 2 - Label,Website 2 - Value"
    header = f"First Name,Last Name,{websites}"
    ada = _one(
        tmp_path, header, "Ada,Quill,Profile,https://linkedin.com/in/ada,* Blog,https://ada.example"
    )
    assert ada.linkedin == "https://linkedin.com/in/ada"
    assert ada.urls == [Labeled("https://ada.example", "blog")]


@pytest.mark.parametrize(
    ("value", "birthday"),
    [
        ("1990-05-17", "1990-05-17"),
        ("--05-17", "--05-17"),
        ("5/17/1990", "1990-05-17"),
        ("17/5/1990", "1990-05-17"),
        ("5/17/90", "--05-17"),
        ("11/2/1604", "--11-02"),
        ("0/0/00", None),
        ("1990", "1990"),
        ("May 17, 1990", "1990-05-17"),
        ("", None),
    ],
)
def test_birthday_formats(tmp_path: Path, value: str, birthday: str | None) -> None:
    assert export_birthday(value) == birthday
    assert _one(tmp_path, OUTLOOK_HEADER, f'Ada,Quill,,,,,"{value}",,').birthday == birthday


@pytest.mark.parametrize(
    ("others", "birthday"),
    [
        (["25/12/1985"], "1990-04-03"),  # a European Outlook: day first
        (["12/25/1985"], "1990-03-04"),  # a US one: month first
        (["1/2/1980"], "1990-03-04"),  # nothing tells: month first, as before
        (["25/12/1985", "12/25/1985"], "1990-03-04"),  # both: month first, as before
        (["25/12/1985", ";;;"], "1990-04-03"),  # a broken row after it
    ],
)
def test_a_date_that_reads_both_ways_follows_the_files_other_dates(
    tmp_path: Path, others: list[str], birthday: str
) -> None:
    """3/4/1990 is 3 April in a file that writes Christmas as 25/12: one file, one order."""
    rows = [f"Ann,Eight,,,,,{day},,\n" for day in others]
    path = tmp_path / "contacts.csv"
    text = f"{OUTLOOK_HEADER}\nHal,Four,,,,,3/4/1990,,\n" + "".join(rows)
    path.write_text(text.replace(",,,,,;;;,,", ',"never closed'), encoding="utf-8")
    errors: list[FormatError] = []
    hal = next(iter(read_google_csv(path, errors)))
    assert (hal.name, hal.birthday) == ("Hal Four", birthday)


@pytest.mark.parametrize("value", ["2/30/1990", "someday", "1990-13-01", "--02-30"])
def test_a_birthday_that_is_no_date_is_kept_in_the_notes(tmp_path: Path, value: str) -> None:
    """As the vCard reader does: the person comes in, the birthday as written in the notes."""
    row = f'Ada,Quill,,,,,{value},"Met at PyCon",'
    ada = _one(tmp_path, OUTLOOK_HEADER, row)
    assert (ada.birthday, ada.notes) == (None, f"Met at PyCon\n\nBirthday: {value}")
    with pytest.raises(InvalidInput):
        export_birthday(value)


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("08 Feb 2026", (2026, 2, 8)),
        ("Sept 8", (None, 9, 8)),
        ("2/8/26", (26, 2, 8)),
        ("30/1/2026", (2026, 1, 30)),
        ("Foo 8, 2026", None),
        ("Feb 8, 0000", (None, 2, 8)),
        ("0999-02-08", (None, 2, 8)),
        ("2/8/00", (0, 2, 8)),
        ("", None),
    ],
)
def test_date_parts(value: str, parts: tuple[int | None, int, int] | None) -> None:
    assert date_parts(value) == parts


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\r\n\r\n", "no header row"),
        (bytes(range(256)) * 16, "not a text file"),
        (JPEG, "not a text file"),
        (b"\x1b\x02\x03\x04" * 64, "not a text file"),
        (b"Date,Amount,Payee\n2026-01-02,12.50,Cafe\n", "not a Google or Outlook contacts CSV"),
        (b"First Name,Last Name\nAda,Quill\n", "not a Google or Outlook contacts CSV"),
        ("First Name,E-mail Address\n".encode("utf-16-le"), "not a text file"),
    ],
    ids=[
        "empty",
        "blank",
        "binary",
        "jpeg",
        "control bytes",
        "other csv",
        "bare names",
        "utf-16 no bom",
    ],
)
def test_bad_files_raise_one_format_error_naming_them(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(content)
    error = _error(path)
    assert error.file == str(path)
    assert reason in error.reason


def test_unknown_header_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("\n\nAlpha,Beta\n", encoding="utf-8")
    assert str(_error(path)) == f"{path}:3: not a Google or Outlook contacts CSV"


def test_a_missing_file_is_a_format_error(tmp_path: Path) -> None:
    assert "cannot read" in _error(tmp_path / "nope.csv").reason


def test_a_broken_quote_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    text = f'{OUTLOOK_HEADER}\nAda,Quill,,,,,,"unclosed {"x" * (csv.field_size_limit() + 10)}\n'
    path.write_text(text, encoding="utf-8")
    error = _error(path)
    assert error.file == str(path)
    assert error.line is not None


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.lists(st.text(max_size=15), max_size=14), max_size=6))
def test_arbitrary_rows_raise_nothing_but_format_error(rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(GOOGLE_HEADER.split(","))
            writer.writerows(rows)
        try:
            records = _read(path)
        except FormatError as exc:
            error: FormatError | None = exc
        else:
            error = None
            assert all(r.name for r in records)
        assert error is None or error.file == str(path)


# --- the shared text helpers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbfName\n", "utf-8-sig"),
        (b"\xff\xfeN\x00\n\x00", "utf-16"),
        (b"\xfe\xff\x00N\x00\n", "utf-16"),
        ("Zoë\n".encode(), "utf-8"),
        ("Zoë\n".encode("cp1252"), "cp1252"),
        (b"Zo\x81\n", "latin-1"),
        ("李伟,字节跳动\n".encode() * 10, "utf-8"),
        (b"", "utf-8"),
    ],
)
def test_detect_encoding(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    assert detect_encoding(lambda: path.open("rb"), str(path)) == encoding


def test_a_character_across_the_chunk_boundary_is_still_utf8(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(b"a" * (CHUNK - 1) + "é\n".encode())
    assert detect_encoding(lambda: path.open("rb"), str(path)) == "utf-8"


def test_a_latin1_byte_deep_in_the_file_is_found(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(b"a,b\n" * CHUNK + "Müller\n".encode("cp1252"))
    assert detect_encoding(lambda: path.open("rb"), str(path)) == "cp1252"
    with open_text(path) as stream:
        assert stream.readlines()[-1] == "Müller\n"


def test_a_nul_byte_deep_in_the_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(b"a,b\n" * CHUNK + b"x\x00y\n")
    with pytest.raises(FormatError) as info, open_text(path):
        pass
    assert (info.value.file, info.value.line) == (str(path), CHUNK + 1)


def test_invalid_utf16_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(b"\xff\xfeA\x00\x00\xd8")  # a lone high surrogate
    with pytest.raises(FormatError, match="not valid utf-16"), open_text(path):
        pass


# --- skipping bad rows (errors=[...]) ------------------------------------------------------


def test_european_and_asian_date_orders_are_read(tmp_path: Path) -> None:
    """Dotted dates are day first (15.04.1985); a year first is ISO order with any mark."""
    for value, birthday in (("15.04.1985", "1985-04-15"), ("1985/04/15", "1985-04-15"),
                            ("3.2.1990", "1990-02-03"), ("1985.4.5", "1985-04-05")):  # fmt: skip
        assert _one(tmp_path, OUTLOOK_HEADER, f"Ada,Quill,,,,,{value},,").birthday == birthday


@pytest.mark.parametrize(
    "content",
    [b"", b"\r\n\r\n", JPEG, b"Date,Amount,Payee\n2026-01-02,12.50,Cafe\n"],
    ids=["empty", "blank", "jpeg", "other csv"],
)
def test_a_bad_file_still_raises_with_an_error_list(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(content)
    errors: list[FormatError] = []
    with pytest.raises(FormatError) as info:
        list(read_google_csv(path, errors=errors))
    assert info.value.file == str(path)
    assert errors == []


# --- folders --------------------------------------------------------------------------------


def test_a_folder_of_csv_files_is_read_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b-outlook.csv").write_text(
        f"{OUTLOOK_HEADER}\nBo,Li,bo@example.com,,,,,,\n", encoding="utf-8"
    )
    (tmp_path / "a-google.CSV").write_text(
        f"{GOOGLE_HEADER}\nAda,,Quill,,,,,,,,ada@example.com,,\nCy,,Park,,,,,,,,,,\n",
        encoding="utf-8",
    )
    (tmp_path / ".hidden.csv").write_text(f"{OUTLOOK_HEADER}\nHid,Den,,,,,,,\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text(f"{OUTLOOK_HEADER}\nNo,Te,,,,,,,\n", encoding="utf-8")
    (tmp_path / "sub.csv").mkdir()
    (tmp_path / "sub.csv" / "deep.csv").write_text(
        f"{OUTLOOK_HEADER}\nDe,Ep,,,,,,,\n", encoding="utf-8"
    )
    assert [(r.name, r.line) for r in _read(tmp_path)] == [
        ("Ada Quill", 2),
        ("Cy Park", 3),
        ("Bo Li", 2),
    ]
    assert [r.name for r in _read(DATA)] == [
        r.name for name in sorted(FIXTURES) for r in _read(DATA / name)
    ]


def test_errors_in_a_folder_name_the_file_they_are_in(tmp_path: Path) -> None:
    (tmp_path / "1.csv").write_text(f"{OUTLOOK_HEADER}\nAda,Quill,,,,,,,\n", encoding="utf-8")
    second = tmp_path / "2.csv"
    second.write_text(f'{OUTLOOK_HEADER}\n"Bo,Li,,,,,,,\nCy,Park,,,,,,,\n', encoding="utf-8")
    errors: list[FormatError] = []
    # the quote left open takes the rest of 2.csv with it
    assert [r.name for r in read_google_csv(tmp_path, errors=errors)] == ["Ada Quill"]
    assert [(e.file, e.line) for e in errors] == [(str(second), 2)]
    assert (_error(tmp_path).file, _error(tmp_path).line) == (str(second), 2)
    third = tmp_path / "3.csv"
    third.write_bytes(JPEG)
    assert _error(tmp_path).file == str(second)  # the bad row comes first
    with pytest.raises(FormatError) as info:
        list(read_google_csv(tmp_path, errors=[]))
    assert (info.value.file, info.value.reason) == (str(third), "not a text file (binary data)")


def test_a_folder_without_csv_files_is_a_format_error(tmp_path: Path) -> None:
    (tmp_path / ".hidden.csv").write_text(f"{OUTLOOK_HEADER}\nHid,Den,,,,,,,\n", encoding="utf-8")
    (tmp_path / "contacts.vcf").write_text("BEGIN:VCARD\r\nEND:VCARD\r\n", encoding="utf-8")
    error = _error(tmp_path)
    assert (error.file, error.line) == (str(tmp_path), None)
    assert "no .csv files" in error.reason


_NOTES_HEADER = "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Notes,Labels\n"


@pytest.mark.parametrize(
    ("text", "line", "kept", "reason"),
    [
        pytest.param(  # a quote in a name, closed by a later row's: the name ate the row
            "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value\n"
            "Ada,Lovelace,* Work,ada@example.com\n"
            '"Broken Row,unterminated quote, more,x\n'
            'Rosalind,Franklin,Home,"rosalind@example.com"\n'
            "Mary,Somerville,Home,mary@example.com\n",
            3, ["Ada Lovelace", "Mary Somerville"], "the row runs on into the lines after it",
            id="in-a-name",
        ),
        pytest.param(  # Ben's notes open a quote that Dee's close: Cal and Dee in his notes
            _NOTES_HEADER + "Ana,One,Work,ana@x.example,fine,* myContacts\n"
            'Ben,Two,Work,ben@x.example,"never closed,* myContacts\n'
            "Cal,Three,Work,cal@x.example,ok,* myContacts\n"
            'Dee,Four,Work,dee@x.example,"quoted, notes",* myContacts\n'
            "Fay,Six,Work,fay@x.example,ok,* myContacts\n",
            3, ["Ana One", "Fay Six"], "the row runs on into the lines after it",
            id="closed-by-a-later-row",
        ),
        pytest.param(  # never closed: Bob and Cid would be in Ann's notes
            _NOTES_HEADER + 'Ann,Smith,Work,ann@x.example,"Met at the conference, x\n'
            "Bob,Jones,Work,bob@x.example,n,x\nCid,Wu,Work,cid@x.example,n,x\n",
            2, [], "it runs on to the end of the file",
            id="never-closed",
        ),
    ],
)  # fmt: skip
def test_a_quote_left_open_is_a_bad_row_that_takes_no_row_with_it(
    tmp_path: Path, text: str, line: int, kept: list[str], reason: str
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=rf"contacts\.csv:{line}: a quoted field is not closed"):
        list(read_google_csv(path))
    errors: list[FormatError] = []  # --skip-bad-rows: the row is bad, and said so
    assert [r.name for r in read_google_csv(path, errors=errors)] == kept
    assert [(e.line, e.reason) for e in errors] == [
        (line, f"a quoted field is not closed: {reason}")
    ]


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(";", "cp1252"), ("\t", "utf-16"), (";", "utf-8-sig")]
)
def test_excels_other_list_separators_are_read(
    tmp_path: Path, delimiter: str, encoding: str
) -> None:
    """European Excel saves with ";"; its "Unicode text" is UTF-16 with tabs."""
    import csv
    import io

    path = tmp_path / "contacts.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["First Name", "Last Name", "Labels", "E-mail 1 - Value", "Notes"])
    writer.writerow(["José", "Müller", "* myContacts", "jose@example.de", 'Sagt: "hallo; tschüss"'])
    path.write_bytes(buffer.getvalue().encode(encoding))
    [jose] = read_google_csv(path)
    assert (jose.name, [e.value for e in jose.emails]) == ("José Müller", ["jose@example.de"])
    assert jose.notes == 'Sagt: "hallo; tschüss"'


def test_a_long_cell_is_read_whole(tmp_path: Path) -> None:
    """Python's csv module stops at 128 KiB by default: notes from a long email go past it."""
    notes = "word " * 60_000
    path = tmp_path / "contacts.csv"
    path.write_text(f'{OUTLOOK_HEADER}\nAda,Quill,,,,,,"{notes}",\n', encoding="utf-8")
    [ada] = _read(path)
    assert ada.notes == notes.strip()


def test_a_file_cut_off_inside_its_last_row_is_refused_naming_that_line() -> None:
    """The download stopped inside Bob's row (no company after his cut address, no line
    end): the file is refused, not read with Bob half there; with the bad rows skipped,
    his row is listed and Ada is read."""
    cut = DATA / "cut" / "contacts_google_cut.csv"
    error = _error(cut)
    assert (error.line, error.reason) == (
        3,
        "the file ends inside this row (19 of its 49 fields, and no line end: cut off?)",
    )
    errors: list[FormatError] = []
    assert [r.name for r in read_google_csv(cut, errors)] == ["Ada Quill"]
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [
        (3, "the file ends inside this row")
    ]


def test_a_last_row_without_a_line_end_is_read_when_it_is_whole(tmp_path: Path) -> None:
    whole = (DATA / "cut" / "contacts_google_cut.csv").read_text(encoding="utf-8")
    whole = whole.replace("bob@smit", "bob@smith.example" + "," * 30)
    path = tmp_path / "whole.csv"
    path.write_text(whole, encoding="utf-8")
    assert [r.emails[0].value for r in _read(path)] == [
        "ada.quill@example.com",
        "bob@smith.example",
    ]


def test_netweave_s_own_csv_export_is_named_in_the_web_s_words_too(tmp_path: Path) -> None:
    """The web's import page has no export: its message names the command line's, and the
    cards' format as its own form names it."""
    path = tmp_path / "people.csv"
    path.write_text(
        "\ufeffid,name,emails,phones,company,title,linkedin,tags,circle,interests,needs,offers,"
        "first_met,last_interaction,strength,location,birthday,notes\r\n"
        "2,Ada Lovelace,ada@example.com,,,,,,,,,,,,12.5,,,\r\n",
        encoding="utf-8",
    )
    with pytest.raises(FormatError) as info:
        list(read_google_csv(path))
    assert "netweave's own `export csv`" in info.value.reason
    assert info.value.web_reason is not None
    assert "`" not in info.value.web_reason
    assert "import the cards here as “vCard (.vcf)”" in info.value.web_reason


@pytest.mark.parametrize("bob_last", [True, False])
def test_a_short_last_row_without_a_line_end_is_read_as_a_short_row_anywhere(
    tmp_path: Path, bob_last: bool
) -> None:
    """A file typed by hand: Bob has no phone (his row has 3 of the 4 fields) and the last
    line has no line end. No row before shows a writer of every cell (Ann's last cell is
    not empty), so Bob's row is whole wherever it sits, as a short row in the middle is."""
    ann, bob = "Ann,Ash,ann@x.com,+1 415 555 0100", "Bob,Birch,bob@x.com"
    rows = [ann, bob] if bob_last else [bob, ann]
    path = tmp_path / "short.csv"
    path.write_bytes(("First Name,Last Name,E-mail Address,Mobile Phone\r\n"
                      + "\r\n".join(rows)).encode())  # fmt: skip
    assert sorted(r.emails[0].value for r in _read(path)) == ["ann@x.com", "bob@x.com"]
    # a row before with its last cell written empty (an export's): the same row is cut off
    rows[0 if bob_last else 1] = "Cy,Cole,cy@x.com,"
    path.write_bytes(("First Name,Last Name,E-mail Address,Mobile Phone\r\n"
                      + "\r\n".join(rows)).encode())  # fmt: skip
    if bob_last:
        assert _error(path).reason.startswith("the file ends inside this row (3 of its 4")
    else:
        assert sorted(r.emails[0].value for r in _read(path)) == ["bob@x.com", "cy@x.com"]
