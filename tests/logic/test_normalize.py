"""Normalization of names, organizations and contact points."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netweave.errors import InvalidInput
from netweave.logic.normalize import (
    fold,
    full_name,
    given_first,
    is_web_address,
    legacy_fold,
    legacy_normalize_org,
    name_from_address,
    names_agree,
    names_disagree,
    normalize_contact,
    normalize_domain,
    normalize_email,
    normalize_linkedin,
    normalize_org,
    normalize_phone,
    normalize_url,
    other_given_names,
    two_people,
    written_name,
)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("ACME, Inc.", "acme"),
        ("Acme Corporation", "acme"),
        ("acme", "acme"),
        ("Société Générale S.A.", "societe generale"),
        ("Co", "co"),
        ("Procter & Gamble Co.", "procter & gamble"),
        ("Müller GmbH", "muller"),
        ("Ørsted A/S", "orsted a s"),
        ("Ελληνικά ΑΕ", "ελληνικα αε"),  # a Greek accent goes, as a Latin one does
        ("Ёлка", "елка"),  # ё is written е
        ("ガス株式会社", "ガス株式会社"),  # a mark that makes another letter stays
        ("Йота", "йота"),
        ("हिन्दी Labs", "हिन्दी labs"),  # vowel signs are part of the word
        ("hello_world", "hello_world"),
    ],
)
def test_organizations_share_a_key(raw: str, key: str) -> None:
    assert normalize_org(raw) == key


def test_emails() -> None:
    assert normalize_email(" Ada@Example.COM ") == "ada@example.com"
    assert normalize_email("mailto:ada@example.com") == "ada@example.com"
    with pytest.raises(InvalidInput, match="not an email"):
        normalize_email("ada at example")
    assert normalize_email("o'brien+news@example.co.uk") == "o'brien+news@example.co.uk"
    assert normalize_email("jürgen@bücher.example") == "jürgen@bücher.example"
    for markup in ('"><script>alert(1)</script>@x.example', "a<b@x.example", "a@x.example,b"):
        with pytest.raises(InvalidInput, match="not an email"):
            normalize_email(markup)


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("(415) 555-0100", "US", "+14155550100"),
        ("+44 20 7946 0958", "US", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("030 901820", "DE", "+4930901820"),
        ("0031 (6) 12-34-56-78", "US", "+31612345678"),  # 00 for +, though the US dials 011
        ("0049 30 901820", "DE", "+4930901820"),
        ("011 44 20 7946 0958", "US", "+442079460958"),
    ],
)
def test_phones_become_e164(raw: str, region: str, e164: str) -> None:
    assert normalize_phone(raw, region) == e164


@pytest.mark.parametrize("raw", ["12", "call me", "", "00", "0012"])
def test_bad_phones_are_refused(raw: str) -> None:
    with pytest.raises(InvalidInput):
        normalize_phone(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.linkedin.com/in/Ada-L/",
        "http://linkedin.com/in/ada-l?trk=foo",
        "linkedin.com/in/ada-l",
        "https://de.linkedin.com/in/ada-l#about",
        "https://www.linkedin.com/mwlite/in/ada-l",  # LinkedIn's light mobile site
    ],
)
def test_linkedin_urls(raw: str) -> None:
    assert normalize_linkedin(raw) == "linkedin.com/in/ada-l"


def test_a_linkedin_address_is_one_key_escaped_or_not() -> None:
    """LinkedIn's exports escape the letters of a slug; an address book keeps them."""
    escaped = "https://www.linkedin.com/in/%E7%8E%8B%E4%BC%9F-1234/"
    assert normalize_linkedin(escaped) == normalize_linkedin("linkedin.com/in/王伟-1234")
    assert normalize_linkedin("linkedin.com/in/J%C3%9CRGEN") == "linkedin.com/in/jürgen"
    # escapes that are not UTF-8, or would make a separator, stay as written
    assert normalize_linkedin("linkedin.com/in/ada%FF") == "linkedin.com/in/ada%ff"
    assert normalize_linkedin("linkedin.com/in/a%2Fb") == "linkedin.com/in/a%2fb"


def test_not_a_linkedin_url() -> None:
    with pytest.raises(InvalidInput):
        normalize_linkedin("https://example.com/in/ada")


def test_urls_and_other_kinds() -> None:
    assert normalize_url("HTTPS://www.Example.com/Path/") == "example.com/Path"
    assert normalize_contact("other", " Ádá ") == "ada"


@pytest.mark.parametrize(
    ("letters", "ascii"),
    [
        ("łŁ", "l"), ("øØ", "o"), ("đĐ", "d"), ("æÆ", "ae"), ("œŒ", "oe"), ("ßẞ", "ss"),
        ("þÞ", "th"), ("ðÐ", "d"), ("ı", "i"), ("ħĦ", "h"), ("ŧŦ", "t"), ("ŀĿ", "l"),
    ],
)  # fmt: skip
def test_letters_without_a_decomposition_fold_to_ascii(letters: str, ascii: str) -> None:
    for letter in letters:
        assert fold(letter) == ascii
        assert fold(f"x{letter}y") == f"x{ascii}y"


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Łukasz Wójcik", "lukasz wojcik"),
        ("Søren Kjær", "soren kjaer"),
        ("Đorđe Petrović", "dorde petrovic"),
        ("Þórunn Guðmundsdóttir", "thorunn gudmundsdottir"),
        ("Yılmaz", "yilmaz"),
        ("Marcel·lí", "marcelli"),
        ("ŒUVRE", "oeuvre"),
    ],
)
def test_names_fold_as_they_are_written_in_ascii(name: str, folded: str) -> None:
    assert fold(name) == folded


def test_the_legacy_fold_is_the_fold_of_schema_0013() -> None:
    """Frozen: the keys of earlier imports were made with it."""
    assert legacy_fold("Łukasz WÓJCIK") == "łukasz wojcik"
    assert legacy_fold("Søren Kjær") == "søren kjær"
    assert legacy_fold("Ångström") == "angstrom"
    assert legacy_normalize_org("Ørsted A/S") == "ørsted a s"


def _uppercase_letters(text: str) -> list[str]:
    """Capital letters, Cherokee's apart: Unicode case-folds Cherokee to its capitals (so
    both cases still fold alike)."""
    return [
        c
        for c in text
        if c.isupper()
        and unicodedata.category(c).startswith("L")
        and not unicodedata.name(c, "").startswith("CHEROKEE")
    ]


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text() | st.text(alphabet=st.sampled_from("łŁøØđĐæÆœŒßþÞðÐıİħĦŧŦŀĿ·aZé\u0301 ")))
def test_fold_leaves_no_capitals_and_case_does_not_matter(text: str) -> None:
    folded = fold(text)
    assert _uppercase_letters(folded) == []
    assert fold(text.upper()) == folded == fold(text.lower())


@given(st.text())
def test_org_key_is_stable(text: str) -> None:
    key = normalize_org(text)
    assert normalize_org(key) == key


@pytest.mark.parametrize(
    ("a", "b", "disagree"),
    [
        ("Ann One", "Bob Two", True),
        ("Lena Fischer", "Lenora Fischer", False),  # a word in common
        ("Jon Smith", "John Smith", False),
        ("Jose Nunez", "José Núñez", False),  # the same once folded
        ("Katherine", "Kathrine", False),  # alike as a whole
        ("+1 212 555 0000", "Ann One", False),  # a contact named by its number
        ("ann@example.com", "Bob Two", False),  # or by its address
        ("", "Bob Two", False),
    ],
)
def test_names_that_cannot_be_one_persons(a: str, b: str, disagree: bool) -> None:
    assert names_disagree(a, b) is disagree
    assert names_disagree(b, a) is disagree


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("Ann Lee", "Ann Lee-Park", True),  # a name grown by a word
        ("Ann Lee", "Lee, Ann", True),
        ("Jon Smith", "John Smith", True),
        ("María García", "Maria Garcia", True),
        ("李 雷", "李雷", True),  # spaced or not
        ("Ann Lee", "Ann Smith", False),  # only a first name in common
        ("Ann One", "Bob Two", False),
        ("", "", False),
    ],
)
def test_names_that_plainly_are_one_persons(a: str, b: str, agree: bool) -> None:
    assert names_agree(a, b) is agree
    assert names_agree(b, a) is agree


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("tom.ford@ford.example", "Tom Ford"),
        ("ana_maria-silva@x.example", "Ana Maria Silva"),
        ("tom@ford.example", "tom@ford.example"),  # one word: not surely a name
        ("info@acme.example", "info@acme.example"),
        ("jsmith1987@gmail.example", "jsmith1987@gmail.example"),
        ("j.smith@x.example", "j.smith@x.example"),  # an initial
    ],
)
def test_a_name_from_an_address_only_when_it_reads_as_one(address: str, name: str) -> None:
    assert name_from_address(address) == name


@pytest.mark.parametrize(
    ("given", "family", "name"),
    [
        ("Ada", "Lovelace", "Ada Lovelace"),
        ("伟", "李", "李伟"),  # Chinese: the family name first, no space
        ("花子", "山田", "山田花子"),  # Japanese
        ("민준", "김", "김민준"),  # Korean in Hangul
        ("Wei", "Li", "Wei Li"),
        ("伟", None, "伟"),
    ],
)
def test_a_full_name_in_the_order_of_its_script(given: str, family: str | None, name: str) -> None:
    assert full_name(given, family) == name
    assert written_name(f"{given} {family}" if family else given) == name


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("https://globex.example/jobs/7", True),
        ("HTTP://Globex.example", True),
        ("  https://globex.example/a?b=c#d  ", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("https:alert(1)", False),  # no host
        ("http:///path", False),
        ("//globex.example/jobs", False),
        ("globex.example/jobs", False),
        ("https://globex.example/a b", False),
        ("https://globex.example/\x00", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_addresses_with_a_host_are_web_addresses(text: str | None, link: bool) -> None:
    assert is_web_address(text) is link


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Ortega, Tomás", "Tomás Ortega"),
        ("  Jones,Carol ", "Carol Jones"),
        ("van der Berg, Anna Maria", "Anna Maria van der Berg"),
        ("Sam Lee, Jr.", "Sam Lee, Jr."),
        ("Dana Whitfield, PhD", "Dana Whitfield, PhD"),
        ("Acme, Inc.", "Acme, Inc."),
        ("Smith, John, Jr.", "Smith, John, Jr."),
        ("Ada Lovelace", "Ada Lovelace"),
        (",Carol", ",Carol"),
        ("Sales, 2", "Sales, 2"),
        ("jones, carol@example.com", "jones, carol@example.com"),
    ],
)
def test_a_last_first_name_is_read_given_name_first(name: str, said: str) -> None:
    assert given_first(name) == said


@pytest.mark.parametrize(
    ("pasted", "domain"),
    [
        ("ACME.com", "acme.com"),
        ("https://www.acme.com/about?x=1", "acme.com"),
        ("http://acme.com:8080", "acme.com"),
        ("ada@Acme.co.uk", "acme.co.uk"),
        ("münchen.de", "münchen.de"),
        ("acme.com.", "acme.com"),
        ("https://acme.com/?ref=a@b.example", "acme.com"),
        ("https://medium.com/@acme", "medium.com"),
        ("https://ada:secret@acme.com:8443/x", "acme.com"),
    ],
)
def test_a_domain_is_the_host_of_what_was_pasted(pasted: str, domain: str) -> None:
    assert normalize_domain(pasted) == domain


@pytest.mark.parametrize("bad", ["acme", "acme .com", "-acme.com", "acme..com", "a/b"])
def test_a_domain_without_a_dot_or_with_a_bad_label_is_refused(bad: str) -> None:
    with pytest.raises(InvalidInput, match="not a domain"):
        normalize_domain(bad)


@pytest.mark.parametrize(
    ("a", "b", "two"),
    [
        ("John Doe", "Jane Doe", True),  # a family's mailbox
        ("Alice Family", "Bob Family", True),
        ("Ann Smith", "Bob Jones", True),
        ("Jon Doe", "John Doe", False),  # one name written two ways
        ("J. Doe", "John Doe", False),
        ("Chris Doe", "Christine Doe", False),
        ("Doe, John", "John Doe", False),
        ("Bob", "Robert Smith", False),  # a first name alone may be a nickname
        ("Ada Lovelace", "Ada King", False),  # a family name may change
    ],
)
def test_two_people_by_their_names(a: str, b: str, two: bool) -> None:
    assert two_people(a, b) is two


@pytest.mark.parametrize(
    ("a", "b", "other"),
    [
        ("Chris Martin", "Christine Martin", True),  # a household's phone
        ("Jan Novak", "Jana Novak", True),
        ("Mark Jones", "Marc Jones", True),
        ("Chris Martin", "Christopher Martin", True),  # a phone alone cannot tell
        ("Chris Martin", "CHRIS MARTIN", False),
        ("Chris Martin", "Chris J. Martin", False),
        ("C. Martin", "Chris Martin", False),  # an initial may be his
        ("Martin, Chris", "Chris Martin", False),
        ("Chris", "Christine Martin", False),  # a name of one word may be anyone's
    ],
)
def test_other_given_names(a: str, b: str, other: bool) -> None:
    assert other_given_names(a, b) is other


@pytest.mark.parametrize(
    ("a", "b"), [("ガス", "カス"), ("バス", "パス"), ("Йота", "Иота"), ("हिंदी", "ह द")]
)
def test_organizations_told_apart_by_a_letters_mark_are_two(a: str, b: str) -> None:
    assert normalize_org(a) != normalize_org(b)
