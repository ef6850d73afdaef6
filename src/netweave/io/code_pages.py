"""Which Windows code page an 8-bit text is in, judged by its words: Western (1252),
Central European (1250) or Turkish (1254), or none that can be told.

The three share ASCII and most bytes beyond it, but give some bytes to different letters:
a Czech "Dvořák" written in Windows-1250 reads as "Dvoøák" in Windows-1252, a Turkish
"Şükrü" in Windows-1254 as "Þükrü". Each reading is tried on every word holding a byte
beyond ASCII: a word is plausible in a code page when one language written in it has all
of its letters beyond ASCII (ø and á are in no one language's alphabet; ř and á are in
Czech), and it has no sign inside it ("Wa³êsa" is Polish "Wałęsa" read as Western).
Some languages place some letters only so (``_PLACED``): Italian writes its accents on a
word's last letter only ("città"), so a Czech "Věra" read as Western "Vìra" is no Italian
word; Portuguese writes õ only before e ("Simões"), so a Hungarian "Erdős" read as
"Erdõs" is no Portuguese one.

Western is the default: another code page is taken only when, among the words the two
read differently, Western makes a tenth or more implausible and the other makes none (or
ten times fewer). A file whose words no code page reads plausibly is refused; so is one
that two other code pages read equally well; one whose words Western reads as Icelandic
only ("Ayþe Doðan") and Turkish as plausibly ("Ayşe Doğan"); and one whose words all read
plausibly both ways, one language of the other writing them all and no Western one ("Vìra
Ondøej" needs Italian and Danish, "Věra Ondřej" only Czech — but a Western "Carità Åsa"
reads as Slovak "Caritŕ Ĺsa" as well). A refusal asks for the file in UTF-8: reading
names in the wrong letters would change them without a word.

Known limit: a short file whose words one Western language reads plausibly ("Řehoř" alone
reads as a Danish-looking "Øehoø") is read as Western; a contact list rarely is one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

WESTERN = "cp1252"
#: The other code pages a file may be in.
OTHERS = ("cp1250", "cp1254")

#: The letters beyond ASCII of the languages each code page is made for (each language's
#: own; lower case).
_WESTERN_LANGUAGES = {
    "german": "äöüß",
    "french": "àâæçéèêëîïôœùûüÿ",
    "spanish": "áéíóúñü",
    "portuguese": "áâãàçéêíóôõúü",
    "italian": "àèéìíîòóùú",
    "catalan": "àçèéíïòóúü",
    "dutch": "éèêëïóöüô",
    "danish-norwegian": "æøåéèêóòôüäö",
    "swedish": "åäöéü",
    "finnish-estonian": "äöåõüšž",
    "icelandic": "áðéíóúýþæö",
    "albanian": "çë",
    "hungarian": "áéíóöúü",
    "turkish": "çöüâîû",  # without the letters Windows-1252 lacks
}
_LANGUAGES = {
    WESTERN: _WESTERN_LANGUAGES,
    "cp1250": {
        "czech": "áčďéěíňóřšťúůýž",
        "slovak": "áäčďéíĺľňóôŕšťúýž",
        "polish": "ąćęłńóśźż",
        "hungarian": "áéíóöőúüű",
        "slovene-croatian": "čćđšž",
        "romanian": "ăâîşţ",
        "german": "äöüß",
        "albanian": "çë",
    },
    "cp1254": {
        **{k: v for k, v in _WESTERN_LANGUAGES.items() if k != "icelandic"},
        "turkish": "çğıöşüâîû",
    },
}
#: Each language's alphabet, both cases (Turkish's dotted capital I is its own letter).
_ALPHABETS = {
    page: tuple(
        (name, frozenset(letters + letters.upper() + ("İ" if name == "turkish" else "")))
        for name, letters in languages.items()
    )
    for page, languages in _LANGUAGES.items()
}
#: Letters no language needs, that the code pages hold alike: ordinal signs and micro.
_NEUTRAL = frozenset("ªºµ")
#: Signs that may stand inside a word: apostrophes and the Catalan middle dot.
_INSIDE = frozenset("’'·")


def _char(byte: int, page: str) -> str | None:
    """The character ``byte`` is in ``page`` (``None`` where the page has none)."""
    try:
        return bytes([byte]).decode(page)
    except UnicodeDecodeError:
        return None


#: Bytes beyond ASCII that are a letter in at least one of the code pages (the others, signs
#: in all of them, end a word; so does ƒ, a florin sign in Western text).
_LETTER_BYTES = bytes(
    b
    for b in range(0x80, 0x100)
    if b != 0x83 and any((_char(b, page) or " ").isalpha() for page in (WESTERN, *OTHERS))
)
_LETTER_CLASS = b"".join(b"\\x%02x" % b for b in _LETTER_BYTES)
#: A word with a byte beyond ASCII that is a letter in some code page.
_WORD = re.compile(rb"[A-Za-z]*[" + _LETTER_CLASS + rb"][A-Za-z" + _LETTER_CLASS + rb"]*")
#: The bytes each code page leaves undefined: a file holding one is not in it.
_UNDEFINED = {
    page: frozenset(b for b in range(0x80, 0x100) if _char(b, page) is None)
    for page in (WESTERN, *OTHERS)
}


@dataclass
class Evidence:
    """What the words of a file say about its code page, gathered a chunk at a time."""

    #: The bytes beyond ASCII the file holds.
    present: set[int] = field(default_factory=set)
    #: Words with letters beyond ASCII, and those implausible, read as Western.
    words: int = 0
    odd: int = 0
    #: For each other code page, how the words it reads differently from Western read.
    differ: dict[str, _Readings] = field(
        default_factory=lambda: {page: _Readings() for page in OTHERS}
    )
    #: The words met lately, judged (names, places and companies come again).
    judged: dict[bytes, _Judged] = field(default_factory=dict)

    def add(self, chunk: bytes) -> None:
        """Take in a chunk of whole words (its last word may be cut: it counts as two)."""
        self.present.update(chunk.translate(None, bytes(range(0x80))))
        for word in _WORD.findall(chunk):
            self._word(word)

    def _word(self, word: bytes) -> None:
        judged = self.judged.get(word)
        if judged is None:
            if len(self.judged) >= _REMEMBERED:  # a file of ever new words: start again
                self.judged.clear()
            judged = self.judged[word] = _judge(word)
        languages, readings = judged
        if languages is None:
            return
        self.words += 1
        self.odd += not languages
        for page, (here, differs) in zip(OTHERS, readings, strict=True):
            self.differ[page].add(languages, here, differs=differs)

    def verdict(self) -> str | None:
        """The code page (``latin-1`` for Western text with bytes Windows-1252 lacks), or
        ``None`` when none can be told."""
        possible = [page for page in OTHERS if not self.present & _UNDEFINED[page]]
        better = [page for page in possible if self.differ[page].better()]
        rivals = [page for page in possible if self.differ[page].rivals()]
        if len(better) == 1 and not set(rivals) - set(better):
            return better[0]
        if len(better) == 1:  # a Turkish "Ateş" is a Romanian "Ateţ", and the rest Turkish
            return None
        if better or self.odd * 20 > self.words:  # two equally good, or none good
            return None
        if any(self.differ[page].as_good() or self.differ[page].rivals() for page in possible):
            return None
        return "latin-1" if self.present & _UNDEFINED[WESTERN] else WESTERN


@dataclass
class _Readings:
    """How the words another code page reads differently from Western read, in either: how
    many are odd (no language writes them); and the languages, Western and of the other,
    that write every word of the file."""

    words: int = 0
    odd_western: int = 0
    odd_here: int = 0
    western: frozenset[str] | None = None
    here: frozenset[str] | None = None

    def add(self, western: frozenset[str], here: frozenset[str] | None, *, differs: bool) -> None:
        if here is not None:
            self.here = here if self.here is None else self.here & here
        # the Western languages that write every word, as ``here``: a Czech "Hájek Věra"
        # needs Spanish and Italian read as Western "Hájek Vìra", and Czech alone
        self.western = western if self.western is None else self.western & western
        if not differs:
            return
        self.words += 1
        self.odd_western += not western
        self.odd_here += not here

    def better(self) -> bool:
        """Whether the other code page reads them clearly better than Western does: a tenth
        of them or more odd in Western and ten times fewer in the other."""
        odd = self.odd_western
        return odd >= 1 and odd * 10 >= self.words and self.odd_here * 10 <= odd

    def rivals(self) -> bool:
        """Whether every word reads plausibly both ways, but one language of the other
        writes every word of the file and no Western one writes all of them: "Vìra Ondøej"
        needs Italian and Danish, "Věra Ondřej" Czech alone — and a Western "Carità Åsa"
        reads as Slovak "Caritŕ Ĺsa" just as well. No telling: neither is taken."""
        return self.words > 0 and bool(self.here) and self.western == frozenset()

    def as_good(self) -> bool:
        """Whether the other code page reads them as well as Western, which needs Icelandic
        for them: no telling (Turkish "Ayşe Doğan" or Icelandic "Ayþe Doðan")."""
        return self.odd_here == 0 and self.western == frozenset({"icelandic"})


#: A word's languages in Western, and for each other code page its languages there and
#: whether it reads differently.
_Judged = tuple[frozenset[str] | None, tuple[tuple[frozenset[str] | None, bool], ...]]
#: How many judged words are kept.
_REMEMBERED = 50_000


def _judge(word: bytes) -> _Judged:
    western = _decode(word, WESTERN)
    readings = []
    for page in OTHERS:
        other = _decode(word, page)
        readings.append((_languages(other, page), other != western))
    return _languages(western, WESTERN), tuple(readings)


def _decode(word: bytes, page: str) -> str:
    """The word in ``page``; a byte it lacks becomes a sign (the word is then odd in it)."""
    return word.decode(page, errors="replace")


def _languages(word: str, page: str) -> frozenset[str] | None:
    """The languages written in ``page`` that write ``word``: those whose alphabet has all
    of its letters beyond ASCII, where the language places them (``_PLACED``); none if a
    sign stands inside it or a sign beyond ASCII at its edge; ``None`` for a word with no
    letter beyond ASCII (it says nothing)."""
    core = _strip_signs(word)
    if any(not c.isalpha() and c not in _INSIDE for c in core):
        return frozenset()
    # a sign beyond ASCII at the word's edge is a byte another code page reads as a letter:
    # Polish "Michał" read as Western "Micha³" (and a byte the page lacks, read as "�")
    if any(not c.isascii() and not c.isalpha() and c not in _INSIDE for c in word):
        return frozenset()
    letters = {c for c in core if not c.isascii()} - _NEUTRAL
    if not letters:
        return None
    return frozenset(
        name
        for name, alphabet in _ALPHABETS[page]
        if letters <= alphabet and (name not in _PLACED or _PLACED[name](core))
    )


#: Where some languages write some of their letters, beyond having them: Icelandic þ only
#: first, Italian accents only last ("città", "Nicolò"), Portuguese õ only before e
#: ("Simões", "põe").
_PLACED: dict[str, Callable[[str], bool]] = {
    "icelandic": lambda core: "þ" not in core[1:].lower(),
    "italian": lambda core: core[:-1].isascii(),
    "portuguese": lambda core: all(
        core[at + 1 : at + 2].lower() == "e" for at, c in enumerate(core) if c in "õÕ"
    ),
}


def _strip_signs(word: str) -> str:
    start, end = 0, len(word)
    while start < end and not word[start].isalpha():
        start += 1
    while end > start and not word[end - 1].isalpha():
        end -= 1
    return word[start:end]
