"""vCard reader and writer: real client exports, golden records, bad files, round trips."""

from __future__ import annotations

import base64
import datetime as dt
import os
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from golden import GOLDEN, UPDATE_ENV, assert_golden
from netweave.io.records import SYSTEM_GROUPS, FormatError, Labeled, PersonRecord
from netweave.io.vcard import read_vcards
from netweave.io.vcard_person import VCardRecord
from netweave.io.vcard_writer import VCardPerson, vcard_bytes, write_vcards
from netweave.logic.normalize import clean, fold, normalize_linkedin

DATA = Path(__file__).parents[1] / "data" / "vcard"


def by_name(path: Path) -> dict[str, PersonRecord]:
    return {r.name: r for r in read_vcards(path)}


@pytest.mark.parametrize(
    "fixture",
    ["apple_contacts.vcf", "google_contacts.vcf", "outlook_21.vcf", "v4.vcf", "non_latin.vcf"],
)
def test_fixture_matches_golden(fixture: str) -> None:
    assert_golden(list(read_vcards(DATA / fixture)), f"vcard/{Path(fixture).stem}.json")


def test_vdir_is_read_in_file_name_order_and_matches_golden() -> None:
    records = list(read_vcards(DATA / "vdir"))
    assert [r.name for r in records] == ["Charlotte Brontë", "Alan Turing", "Rosalind Franklin"]
    assert all(r.line == 1 for r in records)
    assert_golden(records, "vcard/vdir.json")


def test_apple_item_groups_labels_photo_and_year_less_birthday() -> None:
    johnny = by_name(DATA / "apple_contacts.vcf")["Johnny Appleseed"]
    assert isinstance(johnny, VCardRecord)
    assert johnny.line == 1
    assert johnny.uid == "6A1F2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"
    assert johnny.emails == [
        Labeled("johnny@acme.example", "work"),
        Labeled("j.appleseed@orchard.example", "other"),
    ]
    assert [p.label for p in johnny.phones] == ["mobile", "Studio", "work fax"]
    assert johnny.urls == [Labeled("https://johnny.example.com", "homepage")]
    assert johnny.linkedin == "http://www.linkedin.com/in/johnnyappleseed"
    assert johnny.organization == "Acme, Inc."
    assert johnny.birthday == "--05-17"  # 1604 with X-APPLE-OMIT-YEAR: no year
    assert johnny.notes is not None
    assert johnny.notes.startswith("Met at PyCon, Pittsburgh; talked about orchards.\nFollow")
    assert johnny.tags == ["mentors", "pycon"]


def test_apple_card_after_a_photo_starts_on_its_own_line() -> None:
    lines = (DATA / "apple_contacts.vcf").read_bytes().split(b"\n")
    records = list(read_vcards(DATA / "apple_contacts.vcf"))
    assert [lines[r.line - 1].strip() for r in records if r.line] == [b"BEGIN:VCARD"] * 2


def test_company_cards_are_passed_over_and_reported(tmp_path: Path) -> None:
    skipped: list[FormatError] = []
    apple = list(read_vcards(DATA / "apple_contacts.vcf", on_skip=skipped.append))
    assert "Blue Bottle Roasters" not in {r.name for r in apple}  # X-ABShowAs:COMPANY
    assert [(s.line, s.reason) for s in skipped] == [
        (76, "a company without a person's name (Blue Bottle Roasters): skipped")
    ]
    cards = tmp_path / "cards.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Initech\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Globex\r\nORG:Globex;\r\n"
        "EMAIL:info@globex.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ann;;;\r\nFN:Ann Lee\r\nORG:Globex\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Bo\r\nORG:Globex\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    skipped.clear()
    people = [r.name for r in read_vcards(cards, on_skip=skipped.append)]
    assert people == ["Ann Lee", "Bo"]  # a person at Globex, and a first name alone
    assert [s.line for s in skipped] == [1, 6]


def test_a_card_shown_as_a_company_that_names_a_person_is_that_person(tmp_path: Path) -> None:
    """Apple's "Company" box on a sole trader's card: the person, under their own name."""
    cards = tmp_path / "showas.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Rivera;Luis;;;\r\nFN:Rivera Consulting\r\n"
        "ORG:Rivera Consulting;\r\nX-ABShowAs:COMPANY\r\nEMAIL:luis@rivera.example\r\n"
        "TITLE:Owner\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    skipped: list[FormatError] = []
    (luis,) = read_vcards(cards, on_skip=skipped.append)
    assert (luis.name, luis.organization) == ("Luis Rivera", "Rivera Consulting")
    assert luis.title == "Owner"
    assert skipped == []


def test_google_escaped_colons_linkedin_and_system_group() -> None:
    people = by_name(DATA / "google_contacts.vcf")
    amara = people["Amara Okafor"]
    assert amara.linkedin == "https://www.linkedin.com/in/amara-okafor"
    assert amara.urls == [Labeled("https://amara.example.org/blog", "blog")]
    assert amara.tags == ["Mentors", "Fintech"]  # Google's "myContacts" is not a tag
    assert people["Tomás Ferreira"].birthday == "--05-17"
    assert people["Tomás Ferreira"].title == "Associate Professor, Data Science"
    assert "someone.unnamed@example.com" in people  # no name: the address stands in


def test_outlook_21_quoted_printable_charsets_and_soft_breaks() -> None:
    people = by_name(DATA / "outlook_21.vcf")
    jurgen = people["Jürgen Müller"]
    assert (jurgen.given_name, jurgen.family_name) == ("Jürgen", "Müller")
    assert jurgen.notes == (
        "Kennengelernt auf der Messe in Köln.\nMöchte Kontakt zu unserem Einkauf; Termin im Herbst."
        "\n\nDepartment: Vertrieb\n\nAddress (work): Hauptstraße 5, Berlin, 10115, Deutschland"
    )
    assert jurgen.phones == [
        Labeled("+49 30 5550 1234", "work"),
        Labeled("+49 170 5550123", "mobile"),
    ]
    assert jurgen.birthday == "1975-03-12"
    amelie = people["Amélie Lévesque"]  # Windows-1252 quoted-printable
    assert amelie.organization == "Société Générale"
    assert amelie.notes == "À rappeler après l'été"
    assert amelie.line == 35


def test_the_location_is_city_region_country_of_the_work_address_first(tmp_path: Path) -> None:
    apple = by_name(DATA / "apple_contacts.vcf")
    assert apple["Johnny Appleseed"].location == "Palo Alto, CA, United States"  # work, not home
    assert apple["Kenji Nakamura"].location == "Shibuya-ku, Tokyo, Japan"
    google = by_name(DATA / "google_contacts.vcf")
    assert google["Amara Okafor"].location == "Lagos, Nigeria"
    assert google["Tomás Ferreira"].location == "Lisboa, Portugal"  # "Lisboa" said once
    outlook = by_name(DATA / "outlook_21.vcf")
    assert outlook["Jürgen Müller"].location == "Berlin, Deutschland"  # quoted-printable UTF-8
    cards = tmp_path / "cards.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann\r\n"
        "ADR;TYPE=home:;;1 Elm St;Boston;MA;02101;USA\r\n"
        'ADR;TYPE=work;LABEL="1600 Pennsylvania Ave":;;1600 Pennsylvania Ave;Washington\\, D.C.'
        ";;20500;USA\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo\r\nADR:;;Only a street;;;;\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    assert [(r.name, r.location) for r in read_vcards(cards)] == [
        ("Ann", "Washington, D.C., USA"),
        ("Bo", None),
    ]


@pytest.mark.parametrize(
    ("bday", "birthday", "noted"),
    [("0000-03-04", "--03-04", None), ("1990-05", None, "Birthday: 1990-05"),
     ("20260230", None, "Birthday: 20260230")],
)  # fmt: skip
def test_a_birthday_without_a_year_or_not_a_day_of_the_calendar(
    tmp_path: Path, bday: str, birthday: str | None, noted: str | None
) -> None:
    card = tmp_path / "b.vcf"
    card.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Day\r\nBDAY:{bday}\r\nEND:VCARD\r\n")
    bo = by_name(card)["Bo Day"]
    assert (bo.birthday, bo.notes) == (birthday, noted)  # never lost: kept in the notes


def test_v4_text_birthday_kept_in_notes_and_tel_uris() -> None:
    people = by_name(DATA / "v4.vcf")
    ada = people["Dr. Ada Lovelace"]
    assert ada.birthday is None
    assert ada.notes == "Wrote the first program; loved poetry, too.\n\nBirthday: circa 1815"
    assert ada.phones == [
        Labeled("+44-20-7946-0958", "mobile"),
        Labeled("+44-20-7946-0000;ext=12", "work"),
    ]
    assert ada.linkedin == "https://uk.linkedin.com/in/ada-lovelace-1815/"
    assert people["Grace Hopper"].birthday == "1906-12-09"
    assert people["Linus Year-Only"].birthday == "1969"
    assert people["Partial Dash"].birthday == "--12-24"


def test_non_latin_names_and_a_fold_inside_a_character() -> None:
    people = by_name(DATA / "non_latin.vcf")
    assert set(people) == {"山田 太郎", "ليلى حداد", "Иван Сергеевич Петров"}
    taro = people["山田 太郎"]
    assert (taro.family_name, taro.given_name) == ("山田", "太郎")
    assert (
        taro.notes
        == "ＰｙＣｏｎ ＪＰ で出会った。機械学習とオープンソースの話をした。次回は東京でお茶。"
        "\n\nDepartment: 開発部"
    )
    assert people["ليلى حداد"].notes == "التقينا في مؤتمر دبي للتقنية، وتحدثنا عن التوظيف."
    assert people["Иван Сергеевич Петров"].tags == ["Москва", "друзья,коллеги"]


def test_broken_card_raises_with_file_and_line() -> None:
    path = DATA / "broken.vcf"
    with pytest.raises(FormatError) as caught:
        list(read_vcards(path))
    assert (caught.value.file, caught.value.line) == (str(path), 9)
    assert str(caught.value).startswith(f"{path}:9: ")


def test_broken_card_is_skipped_and_reported_when_errors_are_collected() -> None:
    errors: list[FormatError] = []
    records = list(read_vcards(DATA / "broken.vcf", errors=errors))
    assert [r.name for r in records] == ["Good Before", "Good After"]
    assert [(e.file, e.line) for e in errors] == [(str(DATA / "broken.vcf"), 9)]


@pytest.mark.parametrize(
    ("fixture", "line"),
    [
        ("empty.vcf", None),
        ("garbage.vcf", 1),
        ("photo.vcf", 1),
        ("contacts.csv.vcf", 1),
        ("truncated.vcf", 1),
    ],
)
def test_bad_file_raises_one_format_error_naming_it(fixture: str, line: int | None) -> None:
    path = DATA / "bad" / fixture
    with pytest.raises(FormatError) as caught:
        list(read_vcards(path))
    assert caught.value.file == str(path)
    assert caught.value.line == line
    assert str(path) in str(caught.value)


def test_missing_file_and_empty_folder_raise_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot read"):
        list(read_vcards(tmp_path / "nope.vcf"))
    with pytest.raises(FormatError, match=r"no \.vcf files"):
        list(read_vcards(tmp_path))


def test_huge_photos_are_skipped(tmp_path: Path) -> None:
    photo = base64.b64encode(os.urandom(3_000_000)).decode()
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    unindented = "\r\n".join(photo[i : i + 76] for i in range(0, len(photo), 76))
    path = tmp_path / "photos.vcf"
    path.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Folded\r\nPHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\n"
        "EMAIL:folded@example.com\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Unindented\r\nPHOTO;JPEG;ENCODING=BASE64:\r\n"
        f"{unindented}\r\n\r\nEMAIL;INTERNET:plain@example.com\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:One Line\r\nPHOTO;ENCODING=b:{photo}\r\nEND:VCARD\r\n",
        encoding="ascii",
        newline="",
    )
    records = list(read_vcards(path))
    assert [(r.name, [e.value for e in r.emails]) for r in records] == [
        ("Folded", ["folded@example.com"]),
        ("Unindented", ["plain@example.com"]),
        ("One Line", []),
    ]


def test_reading_streams_card_by_card(tmp_path: Path) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {0}\r\nEMAIL:p{0}@example.com\r\nEND:VCARD\r\n"
    path = tmp_path / "many.vcf"
    path.write_text("".join(card.format(i) for i in range(5000)) + "garbage\r\n", newline="")
    records = read_vcards(path)
    assert next(records).name == "Person 0"  # yielded before the bad end is reached
    tracemalloc.start()
    try:
        count = sum(1 for _ in zip(range(4998), records, strict=False))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 4998
    assert peak < path.stat().st_size / 4  # one card at a time, not the whole file
    with pytest.raises(FormatError, match="outside a card"):
        list(records)


# --- the writer ---------------------------------------------------------------------------

ADA = VCardPerson(
    uid="netweave-person-7@local",
    name="Ada Lovelace",
    given="Ada",
    family="Lovelace",
    emails=[Labeled("ada@engines.example", "work"), Labeled("ada@byron.example", "Poetry; club")],
    phones=[Labeled("+442079460958", "mobile"), Labeled("020 7946 0000", None)],
    organization="Analytical Engines, Ltd.",
    title="Mathematician",
    birthday="--12-10",
    notes="Wrote the first program; loved poetry, too.\nFollow up about the Engine\\Notes.",
    tags=["history", "computing, early"],
    urls=[Labeled("https://engines.example/ada", "work")],
    linkedin="linkedin.com/in/ada-lovelace",
    location="London, England",
    rev=dt.datetime(2026, 6, 15, 12, 30, tzinfo=dt.UTC),
)


def test_written_card_matches_golden() -> None:
    golden = GOLDEN / "vcard" / "written_ada.vcf"
    actual = vcard_bytes(ADA)
    if os.environ.get(UPDATE_ENV) == "1":
        golden.write_bytes(actual)
    assert actual == golden.read_bytes()


def test_write_vcards_makes_a_vdir_of_uid_named_files(tmp_path: Path) -> None:
    grace = VCardPerson(uid="netweave-person-8@local", name="Grace Hopper", birthday="1906-12-09")
    assert write_vcards([ADA, grace], tmp_path / "vdir") == 2
    files = sorted(p.name for p in (tmp_path / "vdir").iterdir())
    assert files == ["netweave-person-7@local.vcf", "netweave-person-8@local.vcf"]
    text = (tmp_path / "vdir" / "netweave-person-8@local.vcf").read_bytes()
    assert b"VERSION:4.0\r\n" in text
    assert b"BDAY:19061209\r\n" in text
    assert b"UID:netweave-person-8@local\r\n" in text
    records = list(read_vcards(tmp_path / "vdir"))
    assert [r.name for r in records] == ["Ada Lovelace", "Grace Hopper"]
    assert [r.location for r in records] == ["London, England", None]  # read back as written


def test_written_lines_are_folded_at_75_octets_and_escaped() -> None:
    long = VCardPerson(uid="u1", name="Имя " * 40, notes="Ünïcödé, text; " * 20)
    for line in vcard_bytes(long).split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # no character split across a fold
    assert b"BDAY:--1210\r\n" in vcard_bytes(ADA)
    assert b"TEL;VALUE=uri;TYPE=cell:tel:+442079460958\r\n" in vcard_bytes(ADA)
    assert b"ORG:Analytical Engines\\, Ltd.\r\n" in vcard_bytes(ADA)
    assert b"item1.X-ABLabel:Poetry\\; club\r\n" in vcard_bytes(ADA)


def test_written_card_reads_back_into_vobject() -> None:
    """khard and vdirsyncer parse cards with vobject."""
    vobject = pytest.importorskip("vobject")
    card = vobject.readOne(vcard_bytes(ADA).decode("utf-8"))
    assert card.fn.value == "Ada Lovelace"
    assert card.n.value.family == "Lovelace"
    assert card.note.value == ADA.notes
    assert card.uid.value == ADA.uid
    assert [e.value for e in card.contents["email"]] == ["ada@engines.example", "ada@byron.example"]


def _clean_text(min_size: int = 1) -> st.SearchStrategy[str]:
    alphabet = st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"])
    text = st.text(alphabet | st.sampled_from(",;\\:\n\t'\"<>"), min_size=min_size, max_size=30)
    return text.map(clean).filter(lambda s: len(s) >= min_size)


def _note_text() -> st.SearchStrategy[str]:
    # no NUL: no text netweave stores holds one (PostgreSQL refuses it; readers reject it)
    alphabet = st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\r\x00")
    text = st.text(alphabet | st.sampled_from(",;\\\n"), max_size=200)
    return text.map(lambda s: unicodedata.normalize("NFC", s).strip())


LABELS = st.sampled_from([None, "work", "home", "mobile", "work fax", "Studio", "Poetry; club"])
E164 = st.from_regex(r"\+[1-9][0-9]{6,12}", fullmatch=True)
URLS = st.sampled_from(["https://ex.example/a,b;c", "http://x.example"])
PEOPLE = st.builds(
    VCardPerson,
    uid=st.from_regex(r"netweave-person-[0-9]{1,6}@local", fullmatch=True),
    name=_clean_text(),
    given=st.none() | _clean_text(),
    family=st.none() | _clean_text(),
    emails=st.lists(st.builds(Labeled, st.emails().map(clean), LABELS), max_size=3),
    phones=st.lists(st.builds(Labeled, E164 | _clean_text(), LABELS), max_size=3),
    organization=st.none() | _clean_text(),
    title=st.none() | _clean_text(),
    birthday=st.none() | st.sampled_from(["1990-05-17", "--02-29", "1969", "--12-31"]),
    notes=st.none() | _note_text().filter(bool),
    tags=st.lists(
        _clean_text().filter(lambda t: fold(t) not in SYSTEM_GROUPS), max_size=4, unique=True
    ),
    urls=st.lists(st.builds(Labeled, URLS, LABELS), max_size=2),
    linkedin=st.none() | st.from_regex(r"linkedin\.com/in/[a-z0-9-]{3,20}", fullmatch=True),
)


@settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(person=PEOPLE)
@example(person=VCardPerson(uid="netweave-person-0@local", name="Acme", organization="Acme"))
def test_write_then_read_back_is_the_same_person(tmp_path: Path, person: VCardPerson) -> None:
    folder = tmp_path / "roundtrip"
    for old in folder.glob("*.vcf"):
        old.unlink()
    write_vcards([person], folder)
    skipped: list[FormatError] = []
    records = list(read_vcards(folder, on_skip=skipped.append))
    if not (person.given or person.family) and person.name == person.organization:
        assert (records, len(skipped)) == ([], 1)  # named only by its organization: a company
        return
    (record,) = records
    assert isinstance(record, VCardRecord)
    assert record.uid == person.uid
    assert record.name == person.name
    assert (record.given_name, record.family_name) == (person.given, person.family)
    assert record.emails == person.emails
    assert record.phones == person.phones
    assert record.urls == person.urls
    assert (record.organization, record.title) == (person.organization, person.title)
    assert record.birthday == person.birthday
    assert record.notes == person.notes
    assert record.tags == person.tags
    assert (record.linkedin and normalize_linkedin(record.linkedin)) == person.linkedin


@settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(text=st.text(max_size=300), collect=st.booleans())
def test_arbitrary_text_raises_nothing_but_format_error(
    tmp_path: Path, text: str, collect: bool
) -> None:
    path = tmp_path / "arbitrary.vcf"
    path.write_text(text, encoding="utf-8", newline="")
    _read_or_format_error(path, collect)
    path.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{text}\r\nEND:VCARD\r\n", encoding="utf-8")
    _read_or_format_error(path, collect)


@settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_raise_nothing_but_format_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "arbitrary.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\n" + data + b"\r\nEND:VCARD\r\n")
    _read_or_format_error(path, True)


def _read_or_format_error(path: Path, collect: bool) -> None:
    """Read the file; only a FormatError naming it may come out."""
    error: FormatError | None = None
    try:
        list(read_vcards(path, errors=[] if collect else None))
    except FormatError as exc:
        error = exc
    assert error is None or error.file == str(path)


@pytest.mark.parametrize(
    "line", [b"FN:Nul\x00Name", b"NOTE;ENCODING=QUOTED-PRINTABLE:a=00b"], ids=["raw", "quoted"]
)
def test_a_nul_byte_is_a_broken_card_not_stored_text(tmp_path: Path, line: bytes) -> None:
    # SQLite stored the NUL; PostgreSQL refused the whole import with a database error.
    path = tmp_path / "nul.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Nul;Ann;;;\r\n" + line + b"\r\nEND:VCARD\r\n"
    )
    with pytest.raises(FormatError, match=r"nul\.vcf:4: .*NUL byte"):
        list(read_vcards(path))
    skipped: list[FormatError] = []
    assert list(read_vcards(path, errors=skipped)) == []
    assert [e.line for e in skipped] == [4]


def test_an_outlook_21_card_in_the_windows_code_page_is_read(tmp_path: Path) -> None:
    """Outlook writes 2.1 cards without CHARSET in the Windows code page: read as cp1252
    when the text is not UTF-8. A 3.0 card must be UTF-8 (or say its CHARSET)."""
    card = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Müller;Jörg\r\nFN:Jörg Müller\r\n"
        "ORG:Bäckerei Müller\r\nEND:VCARD\r\n"
    )
    cards = tmp_path / "outlook.vcf"
    cards.write_bytes(card.encode("cp1252"))
    (jorg,) = read_vcards(cards)
    assert (jorg.name, jorg.organization) == ("Jörg Müller", "Bäckerei Müller")
    cards.write_bytes(card.replace("2.1", "3.0").encode("cp1252"))
    with pytest.raises(FormatError, match="N value is not valid utf-8 text"):
        list(read_vcards(cards))


def test_a_utf16_file_is_refused_by_name(tmp_path: Path) -> None:
    cards = tmp_path / "utf16.vcf"
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n"
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):  # with a byte-order mark or none
        cards.write_bytes(text.encode(encoding))
        with pytest.raises(FormatError, match="UTF-16 text, not UTF-8: save the file as UTF-8"):
            list(read_vcards(cards))


def test_binary_data_is_not_taken_for_utf16(tmp_path: Path) -> None:
    cards = tmp_path / "photo.vcf"
    cards.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    with pytest.raises(FormatError, match=r"photo.vcf:1: not a vCard file \(binary data\)"):
        list(read_vcards(cards))


def test_googles_starred_flag_is_no_tag(tmp_path: Path) -> None:
    """Google writes its "starred" flag and "myContacts" among the categories."""
    cards = tmp_path / "google.vcf"
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amara Okafor\r\nCATEGORIES:myContacts,starred,"
    cards.write_text(card + "Friends\r\nEND:VCARD\r\n", encoding="utf-8")
    (amara,) = read_vcards(cards)
    assert amara.tags == ["Friends"]
