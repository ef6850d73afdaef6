"""A person's given and family names guessed from the name as it is written, for a name
that came with no parts (typed in, or from a source that gives only the whole name).

The given name is the one a person is called by ("Hi Zed" for Zed Q. Tester); the family
name runs from its particle to the end ("van Rossum", "de la Cruz"). Chinese, Japanese
and Korean names are written family name first ("山田 太郎", "王小明"), as ``full_name``
writes them from their parts.
"""

from __future__ import annotations

import re

from netweave.logic.normalize import clean, given_first, is_name_suffix

#: The longest given or family name kept (a display name holds twice as much).
NAME_PART_MAX = 150

#: Words that begin a family name inside a name ("Guido van Rossum", "Juan de la Cruz",
#: "Mohamed bin Rashid"): never the first word ("Van Morrison" is Van) nor the last.
PARTICLES = frozenset(
    {
        "van", "von", "der", "den", "ter", "ten", "de", "del", "della", "di", "da", "dos",
        "das", "du", "des", "la", "le", "bin", "binti", "bint", "ibn", "al", "st", "saint",
    }
)  # fmt: skip
#: Beginnings of a family name written as one word with it ("Ahmed al-Hassan").
_JOINED_PARTICLES = ("al-", "el-")
#: What ends a name without being part of it, written after a comma or not ("Jr.", "III",
#: "PhD").
SUFFIXES = frozenset(
    {"jr", "jnr", "sr", "snr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "cpa", "dds", "dvm"}
)
#: What goes before a name without being part of it ("Dr. Jane Doe", "Ms Lee").
TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof"})
#: An initial: "Q.", "Q", "J.R.".
_INITIAL = re.compile(r"^(?:[^\W\d_]\.?|(?:[^\W\d_]\.){2,})$")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HANGUL = "\uac00-\ud7af"
#: A word of a script whose names are written family name first.
_FAMILY_FIRST = re.compile(rf"^[\u3040-\u30ff{_HAN}{_HANGUL}]+$")
_ALL_HAN = re.compile(rf"^[{_HAN}]+$")
_ALL_HANGUL = re.compile(rf"^[{_HANGUL}]+$")
#: Family names of two characters, in Chinese (simplified and traditional) and Korean.
_TWO_CHARACTER_FAMILIES = frozenset(
    {
        "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟",
        "尉遲", "公孙", "公孫", "慕容", "令狐", "司徒", "夏侯", "남궁", "제갈", "선우", "황보",
        "독고", "사공",
    }
)  # fmt: skip


def split_name(display: str) -> tuple[str | None, str | None]:
    """A best guess at (given, family) from a display name; ``None`` where unknown.

    "Zed Q. Tester" → Zed, Tester (middle names and initials are neither); "Guido van
    Rossum" → Guido, van Rossum; "Sam Lee, Jr." → Sam, Lee; "Ortega, Tomás" → Tomás,
    Ortega; "Dr. Smith" → no given name, Smith; "Prince" → Prince alone; a phone number,
    neither. "山田 太郎" → 太郎, 山田, and a name of two to four Chinese characters or
    Hangul syllables without a space splits after its family name: one character ("王小明"
    → 小明, 王), or two when they are a family name of two or the name has four. A part
    longer than ``NAME_PART_MAX`` is no name part anyone has: it is not guessed, and the
    display name (up to twice as long) is kept whole."""
    words, titled = _words(display)
    if not any(c.isalpha() for w in words for c in w):
        return None, None  # a number, not a name: "+1 415 555 0100"
    if all(_FAMILY_FIRST.match(w) for w in words):
        given, family = _family_first(words)
    elif len(words) == 1:
        given, family = (None, words[0]) if titled else (words[0], None)
    else:
        given, family = _given_first(words)
    return _part(given), _part(family)


def _words(display: str) -> tuple[list[str], bool]:
    """The words of the name, given name first, without its suffixes and titles; and
    whether a title was taken off ("Dr. Smith" is Smith's family name)."""
    text = clean(display)
    while "," in text and is_name_suffix(text.rpartition(",")[2]):
        text = text.rpartition(",")[0].strip()
    words = text.split()
    while len(words) > 1 and _bare(words[-1]) in SUFFIXES:
        words.pop()
    words = given_first(" ".join(words).rstrip(",")).split()
    titled = len(words) > 1 and _bare(words[0]) in TITLES
    return words[1:] if titled else words, titled


def _bare(word: str) -> str:
    return word.replace(".", "").rstrip(",").casefold()


def _given_first(words: list[str]) -> tuple[str, str]:
    last = len(words) - 1
    start = next((i for i in range(1, last + 1) if _begins_family(words[i], i == last)), last)
    before = words[:start]
    full = [w for w in before if not _INITIAL.match(w)]
    return (full[0] if full else " ".join(before)), " ".join(words[start:])


def _begins_family(word: str, last: bool) -> bool:
    folded = word.casefold()
    return folded.startswith(_JOINED_PARTICLES) or (not last and _bare(word) in PARTICLES)


def _family_first(words: list[str]) -> tuple[str | None, str | None]:
    if len(words) > 1:
        return " ".join(words[1:]), words[0]
    name = words[0]
    if not (_ALL_HAN.match(name) or _ALL_HANGUL.match(name)) or not 2 <= len(name) <= 4:
        return name, None  # kana, or too long to tell: unknown
    cut = 2 if len(name) == 4 or (len(name) == 3 and name[:2] in _TWO_CHARACTER_FAMILIES) else 1
    return name[cut:], name[:cut]


def _part(text: str | None) -> str | None:
    return text if text is not None and len(text) <= NAME_PART_MAX else None


def initials(name: str, given: str | None, family: str | None) -> str:
    """The letters that stand for a person (the person page's badge): their given and
    family names' first letters, the family name's after its particles ("GR" for Guido van
    Rossum, "AH" for Ahmed al-Hassan, "GG" for Gabriel García Márquez); a name written
    family name first, its first letter alone ("李" for 李小龍); a name with no given name,
    its family name's ("S" for Dr. Smith)."""
    words = clean(name).split()
    if words and all(_FAMILY_FIRST.match(w) for w in words):
        return (family or words[0])[:1]
    family_words = (family or "").split()
    core = next((w for w in family_words if _bare(w) not in PARTICLES), "")
    for joined in _JOINED_PARTICLES:
        core = core[len(joined) :] if core.casefold().startswith(joined) else core
    first = given or ("" if family else name)
    return (first[:1] + core[:1]).upper()
