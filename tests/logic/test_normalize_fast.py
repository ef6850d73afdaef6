"""The fast paths of ``clean`` and ``fold`` (plain ASCII text) give what the general rule gives."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from netweave.logic.normalize import clean, fold

#: ASCII with its white space and control characters, and some accented and spaced text.
TEXT = st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text(
    alphabet=st.sampled_from(" \t\n\u00a0\u2009abcAZé\u0301Åß\ufb01ÖΣ,.-")
)


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()


def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", value).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@given(TEXT)
def test_clean_is_the_general_rule(value: str) -> None:
    assert clean(value) == _clean(value)


@given(TEXT)
def test_fold_is_the_general_rule(value: str) -> None:
    assert fold(value) == _fold(value)


def test_examples() -> None:
    assert clean("  Ada\t Lovelace ") == "Ada Lovelace"
    assert clean("Ada  Lovelace") == "Ada Lovelace"
    assert fold("ACME Inc.") == "acme inc."
    assert fold("Ångström") == "angstrom"
