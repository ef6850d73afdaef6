"""The fast paths of ``clean`` and ``fold`` (plain ASCII text) give what the general rule gives."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from netweave.logic.normalize import clean, fold, legacy_fold

#: ASCII with its white space and control characters, some accented and spaced text, and
#: any text at all.
TEXT = (
    st.text()
    | st.text(alphabet=st.characters(max_codepoint=0x7F))
    | st.text(alphabet=st.sampled_from(" \t\n\u00a0\u2009abcAZé\u0301Åß\ufb01ÖΣ,.-łŁøØÆœŀ·ı"))
)
LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "þ": "th",
                         "ð": "d", "ı": "i", "ħ": "h", "ŧ": "t", "·": ""})  # fmt: skip


def _clean(value: str) -> str:
    shown = "".join(c for c in value if c.isspace() or unicodedata.category(c) != "Cc")
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", shown)).strip()


def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", value).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(LETTERS)


@given(TEXT)
def test_clean_is_the_general_rule(value: str) -> None:
    assert clean(value) == _clean(value)


def _legacy_fold(value: str) -> str:
    """``fold`` as netweave wrote it up to schema revision 0013."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", value).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@given(TEXT)
def test_fold_is_the_general_rule(value: str) -> None:
    assert fold(value) == _fold(value)


@given(TEXT)
def test_the_legacy_fold_is_the_rule_of_revision_0013(value: str) -> None:
    assert legacy_fold(value) == _legacy_fold(value)


def test_examples() -> None:
    assert clean("  Ada\t Lovelace ") == "Ada Lovelace"
    assert clean("Ada  Lovelace") == "Ada Lovelace"
    assert clean("Spam\x1b[2J\x1b]0;pwned\x07 Sender\x9b") == "Spam[2J]0;pwned Sender"
    assert fold("ACME Inc.") == "acme inc."
    assert fold("Ångström") == "angstrom"
    assert fold("Łukasz Wójcik") == "lukasz wojcik"
