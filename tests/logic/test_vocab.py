"""The fixed vocabularies: a word is taken however it is spelled out, and a near miss is named."""

from __future__ import annotations

import pytest

from netweave.errors import InvalidInput
from netweave.logic.vocab import INTERACTION_KINDS, TASK_KINDS, choose


@pytest.mark.parametrize("typed", ["thank_you", "Thank-You", " thank you "])
def test_a_word_is_taken_with_dashes_spaces_or_capitals(typed: str) -> None:
    assert choose(typed, TASK_KINDS, "task kind") == "thank_you"


def test_a_near_miss_names_the_word_meant() -> None:
    with pytest.raises(InvalidInput) as raised:
        choose("coffe", INTERACTION_KINDS, "interaction kind")
    assert str(raised.value) == (
        "unknown interaction kind 'coffe' (did you mean coffee?); "
        "choose one of: coffee, meeting, call, video, email, message, event, note"
    )


def test_a_word_like_none_of_them_gets_the_list_alone() -> None:
    with pytest.raises(InvalidInput) as raised:
        choose("galaxy", INTERACTION_KINDS, "interaction kind")
    assert "did you mean" not in str(raised.value)
    assert str(raised.value).endswith("choose one of: " + ", ".join(INTERACTION_KINDS))
