"""Normalization of names, organizations and contact points, so the same thing matches itself."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any
from urllib.parse import unquote, urlsplit

from netweave.errors import InvalidInput

_SPACE = re.compile(r"\s+")
#: Control characters that are not white space (escape sequences, bells): never kept.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_ORG_PUNCT = re.compile(r"[^\w\s&]+", re.UNICODE)
_ORG_SUFFIXES = {
    "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company",
    "plc", "gmbh", "ag", "sa", "sarl", "bv", "nv", "oy", "ab", "pty", "srl", "spa", "kk",
}  # fmt: skip
#: An address: no spaces, and none of the characters that only a quoted local part (which
#: no address book writes) may hold, so markup never passes for an address.
_EMAIL = re.compile(r"^[^@\s<>()\[\]\\,;:\"]+@[^@\s<>()\[\]\\,;:\"']+\.[^@\s<>()\[\]\\,;:\"']+$")
_LINKEDIN = re.compile(
    r"^(?:https?://)?(?:[\w-]+\.)?linkedin\.com/(?:mwlite/)?(in|pub|company)/([^/?#\s]+)", re.I
)


def clean(value: str) -> str:
    """Trim and collapse white space (NFC-normalized); control characters (a terminal's
    escape sequences in a mail sender's name, say) are dropped."""
    if value.isascii() and value.isprintable() and "  " not in value:
        return value.strip()  # already NFC, and no white space but single spaces
    return _SPACE.sub(" ", unicodedata.normalize("NFC", _CONTROL.sub("", value))).strip()


#: Letters with no decomposition, written as they usually are in ASCII: "Łukasz" is found
#: by "lukasz", "Søren" by "soren", "Đorđe" by "dorde". Capitals are case-folded to these
#: first (ß folds to "ss" already). "ŀ" decomposes to "l" and a middle dot (U+00B7), so the
#: dot goes: the Catalan "l·l" reads "ll" ("Marcel·lí" is found by "marcelli").
FOLDED_LETTERS = {
    "ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ı": "i",
    "ħ": "h", "ŧ": "t", "\u00b7": "",
}  # fmt: skip


class _FoldTable(dict[int, int | str | None]):
    """The ``str.translate`` table of ``fold``: the letters above, and every combining mark
    (an accent, once decomposed) dropped. A character is looked up in ``unicodedata`` the
    first time it is seen, then remembered: one entry per character the text has used."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_FOLD = _FoldTable({ord(letter): ascii for letter, ascii in FOLDED_LETTERS.items()})
_MARKS = _FoldTable()  # combining marks only: ``legacy_fold``'s
_LETTERS = {ord(letter): ascii for letter, ascii in FOLDED_LETTERS.items()}  # ``org_fold``'s


def fold(value: str) -> str:
    """Lower case without accents, for matching and search (``"Ångström"`` → ``"angstrom"``,
    ``"Łukasz Wójcik"`` → ``"lukasz wojcik"``)."""
    if value.isascii():  # nothing to decompose: the same result, much sooner
        return value.lower()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", value).casefold())
    return decomposed.translate(_FOLD)


def legacy_fold(value: str) -> str:
    """``fold`` as it was up to schema revision 0013: accents dropped, but letters that do
    not decompose (ł, ø, đ, æ, …) left as they are.

    Frozen: never change it. The keys of earlier imports were made with it (a person known
    only by name, ``import_apply``), and revision 0014 tells by it whose search text changed.
    """
    if value.isascii():
        return value.lower()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", value).casefold())
    return decomposed.translate(_MARKS)


@functools.lru_cache(maxsize=8192)
def normalize_org(name: str) -> str:
    """The key two spellings of one organization share (``"ACME, Inc."`` → ``"acme"``)."""
    return _org_key(org_fold(clean(name)))


def org_fold(value: str) -> str:
    """``fold`` for the key of an organization: the accents of Latin and Greek letters go
    ("Müller" is "Muller"), and so do the marks Arabic and Hebrew leave out in writing,
    but a mark that makes another letter stays: Japanese ガ is not カ nor パ バ, Cyrillic Й
    is not И (only Ё, often written Е, is). Two names told apart by one are two employers.
    """
    if value.isascii():
        return value.lower()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", value).casefold())
    kept: list[str] = []
    base = ""
    for char in decomposed:
        if not unicodedata.combining(char):
            base = char
            kept.append(char)
        elif not _mark_makes_a_letter(base, char):
            continue
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).translate(_LETTERS)


@functools.lru_cache(maxsize=4096)
def _mark_makes_a_letter(base: str, mark: str) -> bool:
    """Whether ``mark`` on ``base`` makes a letter of its own (kept by ``org_fold``)."""
    if "\u0591" <= mark <= "\u05c7" or "\u0610" <= mark <= "\u061a" or "\u064b" <= mark <= "\u065f":
        return False  # Hebrew points, Arabic vowel marks
    if not base or unicodedata.category(base)[0] not in "LM":
        return False  # a mark on nothing, or on a sign, a digit or a space
    script = unicodedata.name(base, "").split(" ", 1)[0]
    if script in ("LATIN", "GREEK"):
        return False
    if script == "CYRILLIC":
        return not (base == "е" and mark == "\u0308")  # ё is written е
    return True


def legacy_normalize_org(name: str) -> str:
    """``normalize_org`` made with ``legacy_fold`` (frozen with it, for the same keys)."""
    return legacy_org_key(legacy_fold(clean(name)))


def legacy_org_key(folded: str) -> str:
    """The key of a folded organization name up to schema revision 0016, whose punctuation
    took the vowel signs of Indic and Thai scripts with it ("हिंदी" was "ह द").

    Frozen: never change it (``legacy_normalize_org`` and revision 0017 read it)."""
    words = _ORG_PUNCT.sub(" ", folded.replace(".", "")).split()
    while len(words) > 1 and words[-1] in _ORG_SUFFIXES:
        words.pop()
    return " ".join(words)


def _org_key(folded: str) -> str:
    """A folded name's words without punctuation or symbols (a letter's marks stay: the
    vowel signs of Hindi or Thai are part of their words), and without a legal form at the
    end ("Inc.", "GmbH")."""
    words = folded.replace(".", "").translate(_NOT_WORDS).split()
    while len(words) > 1 and words[-1] in _ORG_SUFFIXES:
        words.pop()
    return " ".join(words)


class _PunctuationTable(dict[int, int | str | None]):
    """The ``str.translate`` table of ``_org_key``: punctuation and symbols (but "&") become
    spaces; looked up once per character seen."""

    def __missing__(self, code: int) -> int | str | None:
        kept = " " if unicodedata.category(chr(code))[0] in "PS" and chr(code) not in "&_" else code
        self[code] = kept
        return kept


_NOT_WORDS = _PunctuationTable()


def normalize_email(value: str) -> str:
    """A lower-cased address; raises ``InvalidInput`` if it is not an address."""
    email = clean(value).lower()
    if email.startswith("mailto:"):
        email = email[len("mailto:") :]
    if not _EMAIL.match(email):
        raise InvalidInput(f"not an email address: {value!r}")
    return email


def domain_key(domain: str) -> str:
    """A (lower-case) domain's labels from the top down, each followed by a dot:
    ``mail.acme.com`` → ``com.acme.mail.``. A domain and its subdomains share the start of
    their keys (``com.acme.``), so one range of an index finds everyone at them."""
    return "".join(label + "." for label in reversed(domain.strip(".").split(".")))


def email_domain_key(address: str) -> str | None:
    """The ``domain_key`` of a normalized address's domain (``None`` if it has none)."""
    local, at, domain = address.rpartition("@")
    return domain_key(domain) if at and local and domain.strip(".") else None


def normalize_phone(value: str, region: str = "US") -> str:
    """E.164 form (``+14155550100``); numbers without a country code use ``region``."""
    import phonenumbers

    # a number without a country code is read in ``region``: say so when that fails
    hint = (
        ""
        if clean(value).startswith(("+", "00"))
        else (
            f" (read as a {region} number; for another country's local numbers: "
            "`netweave config set phone_region XX`)"
        )
    )
    text = clean(value)
    number = _phone(text, region)
    if number is None and text.startswith("00"):  # 00 for +, as most of the world dials
        number = _phone("+" + text[2:], region)
    if number is None:
        # the web app has no setting of the region: there, the country code is the way
        web = f" (read as a {region} number; give another country's with its code: +44 …)"
        raise InvalidInput(
            f"not a phone number: {value!r}{hint}",
            web=f"not a phone number: {value!r}{web}" if hint else None,
        )
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _phone(text: str, region: str) -> Any:
    """The possible phone number ``text`` is in ``region``, or ``None``."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def normalize_linkedin(value: str) -> str:
    """The canonical profile address ``linkedin.com/in/slug`` of a LinkedIn URL."""
    match = _LINKEDIN.match(clean(value))
    if not match:
        raise InvalidInput(f"not a LinkedIn profile URL: {value!r}")
    kind, slug = match.groups()
    return f"linkedin.com/{kind.lower()}/{linkedin_slug(slug)}"


def linkedin_slug(slug: str) -> str:
    """A profile's slug as a key: percent-escapes decoded (LinkedIn writes "王伟" as
    "%E7%8E%8B%E4%BC%9F" in its exports; an address book keeps what the browser showed),
    lower case. Escapes that are not UTF-8, or decode to a separator, stay as written."""
    try:
        decoded = unquote(slug, errors="strict")
    except UnicodeDecodeError:
        decoded = slug
    if any(c in "/?#" or c.isspace() or not c.isprintable() for c in decoded):
        decoded = slug
    return unicodedata.normalize("NFC", decoded).lower()


def normalize_url(value: str) -> str:
    """A URL without scheme, ``www.`` or trailing slash, lower-cased host."""
    url = clean(value)
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url, flags=re.I)
    host, _, rest = url.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{rest}".rstrip("/") if rest else host


#: One label of a host name: letters (any script), digits and inner hyphens.
_LABEL = re.compile(r"(?!-)[^\W_](?:[\w-]{0,61}[^\W_])?", re.UNICODE)


def normalize_domain(value: str) -> str:
    """An organization's domain, ``acme.com``, from what a user may paste: a web address
    (``https://www.acme.com/about``) or a mail address keep only their host; raises
    ``InvalidInput`` for anything that is not a host name with a dot."""
    text = clean(value).lower()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    text = re.split(r"[/?#]", text, maxsplit=1)[0]  # the authority: user@host:port
    text = text.rpartition("@")[2]
    host = text.partition(":")[0].removeprefix("www.").rstrip(".")
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels) or len(host) > 253:
        raise InvalidInput(f"not a domain: {value!r} (a domain looks like acme.com)")
    return host


def is_web_address(value: str | None) -> bool:
    """Whether a text is an ``http(s)://`` address with a host: the only kind of address a
    page makes a link of (``javascript:``, ``data:`` and the like stay text)."""
    if not value:
        return False
    text = value.strip()
    if any(c.isspace() or not c.isprintable() for c in text):
        return False
    parts = urlsplit(text)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def normalize_contact(kind: str, value: str, region: str = "US") -> str:
    """Normalize a contact point value of the given kind."""
    if kind == "email":
        return normalize_email(value)
    if kind == "phone":
        return normalize_phone(value, region)
    if kind == "linkedin":
        return normalize_linkedin(value)
    if kind == "url":
        return normalize_url(value)
    return fold(clean(value))


#: What follows a comma in a name without being a given name ("Sam Lee, Jr.", "Acme, Inc.").
_AFTER_COMMA = frozenset(
    {
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
        "v",
        "phd",
        "md",
        "mba",
        "esq",
        "cpa",
        "pe",
        "rn",
        "dds",
        "dvm",
        "inc",
        "llc",
        "ltd",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "bv",
        "co",
        "corp",
        "team",
    }
)


def is_name_suffix(part: str) -> bool:
    """Whether what follows a comma in a name is a suffix or degree, not another name
    ("Jr.", "PhD", "MBA, CPA")."""
    words = part.split()
    return bool(words) and all(w.strip(".").lower() in _AFTER_COMMA for w in words)


def given_first(name: str) -> str:
    """A display name as the name is said: "Ortega, Tomás" (the "Last, First" of Outlook,
    Exchange and many directories) becomes "Tomás Ortega". A name with no comma, with more
    than one, or whose part after the comma is a suffix ("Jr.", "PhD", "Inc.") is kept."""
    text = clean(name)
    family, comma, given = text.partition(",")
    family, given = family.strip(), given.strip()
    if not comma or "," in given or not family or not given or "@" in text:
        return text
    if any(w.strip(".").lower() in _AFTER_COMMA for w in given.split()):
        return text
    if not all(any(c.isalpha() for c in part) for part in (family, given)):
        return text
    return f"{given} {family}"


def names_disagree(a: str, b: str) -> bool:
    """Whether two names cannot be one person's: no word in common once folded, and little
    alike as a whole ("Ann One" and "Bob Two"; not "Lena Fischer" and "Lenora Fischer", nor
    "Jon Smith" and "John Smith"). A name that is only a number or an address (a contact
    named by what it has) disagrees with nothing."""
    from rapidfuzz import fuzz

    words = [re.findall(r"\w+", fold(name)) for name in (a, b)]
    if any(
        "@" in name or not any(w.isalpha() for w in ws)
        for name, ws in zip((a, b), words, strict=True)
    ):
        return False
    if set(words[0]) & set(words[1]):
        return False
    return fuzz.token_sort_ratio(" ".join(words[0]), " ".join(words[1])) < 60


def two_people(a: str, b: str) -> bool:
    """Whether two full names are plainly two people's even where they share an address (a
    family's, a team's): names that disagree, or one family name with two first names
    that are not one name written two ways ("John Doe" and "Jane Doe"; not "Jon Doe" and
    "John Doe", nor "J. Doe" and "John Doe", nor "Chris Doe" and "Christine Doe"). A name
    of one word ("Bob", "Mum") may be anyone's: it is not two people with any name."""
    from rapidfuzz import fuzz

    words_a, words_b = (re.findall(r"\w+", fold(given_first(name))) for name in (a, b))
    if len(words_a) < 2 or len(words_b) < 2:
        return False
    if names_disagree(a, b):
        return True
    if words_a[-1] != words_b[-1]:
        return False
    first_a, first_b = words_a[0], words_b[0]
    if first_a.startswith(first_b) or first_b.startswith(first_a):
        return False
    return fuzz.ratio(first_a, first_b) < 60


def other_given_names(a: str, b: str) -> bool:
    """Whether two full names give their people other given names, whatever the family name
    ("Chris Martin" and "Christine Martin", "Jan Novak" and "Jana Novak", "Mark Jones" and
    "Marc Jones", and "Chris Martin" and "Christopher Martin" too; not "C. Martin" and "Chris
    Martin", whose initial may be his): with an address of each their own, two contacts on
    one phone (a household's, an office's line) are two people. A name of one word ("Mum")
    may be anyone's: it has no other given name than any."""
    words_a, words_b = (re.findall(r"\w+", fold(given_first(name))) for name in (a, b))
    if len(words_a) < 2 or len(words_b) < 2:
        return False
    first_a, first_b = words_a[0], words_b[0]
    if first_a == first_b:
        return False
    if len(first_a) == 1 or len(first_b) == 1:  # an initial
        return bool(first_a[0] != first_b[0])
    return True


def names_agree(a: str, b: str) -> bool:
    """Whether two names plainly are one person's: the words of one are the other's, or
    nearly ("Ann Lee" and "Ann Lee-Park", "Jon Smith" and "John Smith", "李 雷" and "李雷";
    not "Ann Lee" and "Ann Smith", who only share a first name)."""
    from rapidfuzz import fuzz

    words_a, words_b = (re.findall(r"\w+", fold(name)) for name in (a, b))
    if words_a and "".join(words_a) == "".join(words_b):
        return True  # spaced or not ("李 雷", "李雷")
    return fuzz.token_set_ratio(" ".join(words_a), " ".join(words_b)) >= 90


def name_from_address(address: str) -> str:
    """A name for someone known only by an email address: the part before the @ when it
    reads as a name ("tom.ford" → "Tom Ford", two to four words of letters), else the
    whole address ("tom@…", "info@…", "jsmith1987@…" name no one)."""
    local = address.strip().split("@")[0]
    words = [w for w in re.split(r"[._-]+", local) if w]
    if 2 <= len(words) <= 4 and all(w.isalpha() and len(w) > 1 for w in words):
        return " ".join(w.capitalize() for w in words)
    return address.strip()


#: Scripts whose names are written family name first, with no space (Chinese, Japanese,
#: Korean in Hangul).
_FAMILY_FIRST = re.compile(
    r"^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+$"
)


def full_name(given: str | None, family: str | None, middle: str | None = None) -> str:
    """A display name from its parts, in the order of their script: "Ada Lovelace", but
    "王小明" (Chinese, Japanese and Korean names put the family name first, no space)."""
    if middle:
        return clean(f"{given or ''} {middle} {family or ''}")
    if given and family:
        # the first test is a cheap one: most names begin below the scripts asked about
        if given.lstrip()[:1] >= "\u3040" and _FAMILY_FIRST.match(given.strip() + family.strip()):
            return clean(family + given)
        return clean(f"{given} {family}")
    return clean(given or family or "")


def written_name(name: str) -> str:
    """A name as ``full_name`` writes it, from "given family" text: "伟 李" → "李伟"; any
    other name as it is."""
    parts = clean(name).split(" ")
    return full_name(parts[0], parts[1]) if len(parts) == 2 else clean(name)
