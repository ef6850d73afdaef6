"""The encoding of a text export: read right, or refused with what to do; never misread."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netweave.io.code_pages import _languages
from netweave.io.encoding import CHUNK, detect_encoding, is_text_head
from netweave.io.records import FormatError

HEADER = "First Name,Last Name,Company\n"
DATA = Path(__file__).resolve().parents[1] / "data"


def _detect(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "contacts.csv"
    path.write_bytes(data)
    return detect_encoding(lambda: path.open("rb"), str(path))


@pytest.mark.parametrize(
    ("text", "encoding", "codec"),
    [
        ("José,Müller,Señor Café\nZoë,Brontë,Ações SA\n", "cp1252", "cp1252"),
        ("Jürgen,Groß,„Müßiggang“ GmbH – Köln\n", "cp1252", "cp1252"),
        ("Ærøskøbing,Åse,Øl\n", "latin-1", "cp1252"),
        ("Hans,Müller,† 2019\nGreta,Weiß,† 2021\n", "cp1252", "cp1252"),  # two rare signs
        ("Jupp,Derwall,Leiter ‚Vertrieb‘\nJupp,Heynckes,‚Jupp‘\n", "cp1252", "cp1252"),
        ("Jan,de Vries,rente 3‰ en ƒ 100; ‚quote‘\n", "cp1252", "cp1252"),
        ('Zoé,Roux,"voir résumé…”"\n', "cp1252", "cp1252"),  # punctuation after a letter
        ("ANDRÉ’S,CAFÉ,Paris\n", "cp1252", "cp1252"),  # "É’" reads as one UTF-8 letter
        ("王,伟,阿里巴巴\nИван,Петров,Йота\n", "utf-8", "utf-8"),
        ("Þórður,Guðmundsdóttir,Jón ehf.\n", "cp1252", "cp1252"),  # Icelandic: not Turkish
        ("Hélène,Thérèse,Søren Kjær\n", "cp1252", "cp1252"),  # reads as Czech too: Western
        ("Řehoř,Dvořák,Škoda\nŠárka,Žižková,Plzeň\n", "cp1250", "cp1250"),
        ("Łukasz,Wałęsa,Żabka\nAgnieszka,Świątek,Gdańsk\n", "cp1250", "cp1250"),
        ("Ľubomír,Šťastný,Košice\n", "cp1250", "cp1250"),  # ť: a byte Windows-1252 lacks
        # ě is Western ì, which only Italian writes, and only last: "Vìra" is no word
        ("Věra,Ondřej\n", "cp1250", "cp1250"),
        ("Věra,Müllerová,Účetní\n", "cp1250", "cp1250"),
        ("Zdeněk,Pěkný,Město\n", "cp1250", "cp1250"),
        ("João,Simões,Ações SA\nTõnis,Mõttus,Tartu\n", "cp1252", "cp1252"),
        ("Città,Più,Nicolò\n", "cp1252", "cp1252"),
        ("Şükrü,Güçlü,Türk Telekom\nİpek,Yıldız,Aselsan\n", "cp1254", "cp1254"),
    ],
)
def test_text_in_an_encoding_read_is_read_so(
    tmp_path: Path, text: str, encoding: str, codec: str
) -> None:
    assert _detect(tmp_path, (HEADER + text).encode(encoding)) == codec


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("王,伟,阿里巴巴\n李,娜,工程师\n", "gbk"),
        ("佐藤,由紀,ソニー株式会社\n", "shift_jis"),
        ("Иван,Петров,Йота\nОльга,Смирнова,Яндекс\n", "cp1251"),
        ("Γιώργος,Παπαδόπουλος,Αθήνα\n", "cp1253"),
        ("Ayşe,Doğan,\n", "cp1254"),  # Romanian "Ayţe Dođan" in Windows-1250 just as well
        ("Ona,Žukauskaitė,Vilnius\n", "cp1257"),  # Lithuanian: "ë" and "Ž" in no one language
    ],
)
def test_text_in_another_code_page_is_refused_with_what_to_do(
    tmp_path: Path, text: str, encoding: str
) -> None:
    with pytest.raises(FormatError) as info:
        _detect(tmp_path, (HEADER + text).encode(encoding))
    message = str(info.value)
    assert message.startswith(f"{tmp_path / 'contacts.csv'}: ")
    assert "\n" not in message
    assert message.endswith(
        "the encoding is not recognised (neither UTF-8, UTF-16 nor Windows-1252 Western, "
        "1250 Central European or 1254 Turkish text): "
        "save it as UTF-8 (in Excel: CSV UTF-8) and import it again"
    )


def test_a_stray_byte_in_utf8_is_named_by_its_line_not_read_as_windows_1252(
    tmp_path: Path,
) -> None:
    rows = "José,Müller,Señor Café\n王,伟,阿里巴巴\n" * 3_000
    data = (HEADER + rows).encode() + b"Last,Row,A \x96 B\n"  # a dash pasted from Windows
    with pytest.raises(FormatError) as info:
        _detect(tmp_path, data)
    assert info.value.line == 6_002
    assert "a byte that is not UTF-8, in a file that otherwise is" in str(info.value)
    assert len(data) > 2 * CHUNK  # found past the first chunk read


def test_a_long_western_file_with_a_rare_sign_is_still_western(tmp_path: Path) -> None:
    rows = "Zoë,Brontë,Café ‰ ƒ\n" + "José,Müller,Señor Café\n" * 500
    assert _detect(tmp_path, (HEADER + rows).encode("cp1252")) == "cp1252"


# --- properties: Western text stays Western; other code pages are read right or refused --

#: Letters beyond ASCII of languages written in each code page (one language to a word).
_WESTERN = ("äöüß", "àâçéèêëîïôœùû", "áéíóúñ", "áâãàçéêíóôõú", "æøåé", "åäö", "áéíóúæö")
_CZECH_NAMES = ("Řehoř", "Dvořák", "Jiří", "Nováček", "Věra", "Růžičková", "Šárka", "Žižková",
                "Čapek", "Kuchař", "Přemysl", "Ondřej", "Hájek", "Kuběna", "Dušková")  # fmt: skip
_TURKISH_NAMES = ("Şükrü", "Güçlü", "İpek", "Yıldız", "Çağlar", "Öztürk", "Gülşen", "Kılıç",
                  "Işık", "Aydın", "Ateş", "Doğan", "Ayşe", "Şahin", "Ömer")  # fmt: skip


@st.composite
def _western_word(draw: st.DrawFn) -> str:
    """A word of one Western language: letters beyond ASCII one at a time between ASCII,
    where the language writes them (Portuguese õ before an e)."""
    letters = draw(st.sampled_from(_WESTERN))
    parts = draw(st.lists(st.tuples(st.sampled_from("bdklmnrstv"), st.sampled_from(letters)),
                          min_size=1, max_size=4))  # fmt: skip
    return "".join(a + b + ("e" if b == "õ" else "") for a, b in parts).capitalize()


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.lists(_western_word(), min_size=1, max_size=3), min_size=1, max_size=8))
def test_western_words_are_never_read_as_other_letters(rows: list[list[str]]) -> None:
    """Read as Western, or refused when another code page reads them as well (a Western
    "Bà Bå" is a Slovak "Bŕ Bĺ" too): never read as other letters."""
    text = HEADER + "".join(",".join(row) + "\n" for row in rows)
    try:
        codec: str | None = _detect_bytes(text.encode("cp1252"))
    except FormatError as exc:
        codec, error = None, str(exc)
    if codec is None:
        assert "the encoding is not recognised" in error
    else:
        assert codec in {"cp1252", "latin-1"}


def test_a_letter_read_as_a_sign_at_the_end_of_a_word_tells_the_code_page() -> None:
    """Polish "Michał" is a Western "Micha³": the sign ends the word, and no name does."""
    for text in ("Michał,Lewandowski\n", "Paweł,Nowak\n", "Łukasz,Żak\n", "Ján,Kráľ\n"):
        assert _detect_bytes((HEADER + text).encode("cp1250")) == "cp1250", text


def test_words_that_read_as_well_in_two_code_pages_are_refused() -> None:
    for text in ("Bà,Bå\n", "Carità,Åsa\n"):  # Western, and Slovak as well
        with pytest.raises(FormatError, match="the encoding is not recognised"):
            _detect_bytes((HEADER + text).encode("cp1252"))
    # Hungarian "Erdős Péter", or Estonian "Erdõs" beside a "Péter" no Estonian writes
    for text in ("Erdős,Péter\n", "Nagy,Gábor,Műszaki Kft\n"):
        with pytest.raises(FormatError, match="the encoding is not recognised"):
            _detect_bytes((HEADER + text).encode("cp1250"))
    assert _detect_bytes((HEADER + "Nicolò,Rossi\n").encode("cp1252")) == "cp1252"
    # Turkish throughout, and one word Romanian too ("Ateş" / "Ateţ"): not Central European
    turkish = "İpek,Kılıç\n" * 4 + "Aydın,Güçlü\nAteş,İpek\n"
    with pytest.raises(FormatError, match="the encoding is not recognised"):
        _detect_bytes((HEADER + turkish).encode("cp1254"))


@settings(max_examples=200, deadline=None)
@given(
    page=st.sampled_from(["cp1250", "cp1254"]),
    picks=st.lists(st.integers(0, 14), min_size=3, max_size=12),
)
def test_czech_and_turkish_names_are_read_right_or_refused(page: str, picks: list[int]) -> None:
    """Read in their own code page, or refused; read as other letters only when one Western
    language writes every word read differently (the known limit: "Řehoř" as "Øehoø")."""
    names = _CZECH_NAMES if page == "cp1250" else _TURKISH_NAMES
    rows = [f"{names[a]},{names[(a + 7) % 15]},Example\n" for a in picks]
    data = (HEADER + "".join(rows)).encode(page)
    try:
        codec = _detect_bytes(data)
    except FormatError as exc:
        codec, error = None, str(exc)
    if codec is None:
        assert "the encoding is not recognised" in error
    elif data.decode(codec) != data.decode(page):
        words = {w for row in rows for w in row.split(",")[:2]}
        western = [_languages(w.encode(page).decode("cp1252"), "cp1252") for w in words]
        common = frozenset.intersection(*(found for found in western if found is not None))
        assert common, (codec, sorted(words))


def _detect_bytes(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        return _detect(Path(folder), data)


@pytest.mark.parametrize(
    ("head", "text"),
    [
        (HEADER.encode("utf-16"), True),  # Excel's "Unicode text", Outlook
        ("\ufeff".encode("utf-16-be") + HEADER.encode("utf-16-be"), True),
        (("\ufeff" + HEADER).encode("utf-8"), True),
        ("Zoë,Müller,Café\n".encode("cp1252"), True),  # judged on the whole file when read
        (HEADER.encode("utf-16")[:-1], True),  # a character cut by the end of the head
        (("\ufeff" + "Zoë" * 9).encode("utf-8")[:-1], True),
        (HEADER.encode("utf-16-le"), False),  # UTF-16 without its mark: NUL bytes
        (b"\xff\xfe" + "Name\x00\x01\x02\x03".encode("utf-16-le") * 20, False),
        (b"\xff\xfe" + b"\x00\xd8A\x00" * 20, False),  # a lone surrogate: no UTF-16
        (bytes(range(256)) * 4, False),
        (b"\x01\x02\x03\x04 binary \x05\x06", False),
    ],
)
def test_the_head_of_a_file_tells_text_from_binary_data(head: bytes, text: bool) -> None:
    """How the web app checks an uploaded CSV before keeping it."""
    assert is_text_head(head) is text


@pytest.mark.parametrize(
    "data",
    [
        (DATA / "google" / "stray" / "contacts_google_stray.csv").read_bytes(),
        # one "é" in UTF-8, one Latin-1 "é" pasted in: nothing else beyond ASCII
        (HEADER + "Mei,Chen,Likes hiking ").encode() + b"\xe9t\xc3\xa9\n",
        (HEADER + "Mei,Chen,It’s fine\nBob,Smith,Caf").encode() + b"\xe9\n",  # a ’ in UTF-8
    ],
)
def test_a_stray_byte_in_a_file_with_little_utf8_is_refused_not_read_as_windows_1252(
    tmp_path: Path, data: bytes
) -> None:
    """Read as Windows-1252, its UTF-8 "é" would become "Ã©": refused, naming the line."""
    with pytest.raises(FormatError) as info:
        _detect(tmp_path, data)
    assert "a byte that is not UTF-8, in a file that otherwise is: save it as UTF-8" in str(
        info.value
    )
    assert info.value.line in (2, 3)
