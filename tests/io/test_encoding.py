"""The encoding of a text export: read right, or refused with what to do; never misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from netweave.io.encoding import CHUNK, detect_encoding
from netweave.io.records import FormatError

HEADER = "First Name,Last Name,Company\n"


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
        ("Łukasz,Wałęsa,Żabka\nAgnieszka,Świątek,Gdańsk\n", "cp1250"),  # signs inside words
    ],
)
def test_text_in_another_code_page_is_refused_with_what_to_do(
    tmp_path: Path, text: str, encoding: str
) -> None:
    with pytest.raises(FormatError) as info:
        _detect(tmp_path, (HEADER + text).encode(encoding))
    assert str(info.value).endswith(
        "neither UTF-8, UTF-16 nor Western (Windows-1252) text: "
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
