"""The fixed vocabularies: a word is taken however it is spelled out, and a near miss is named."""

from __future__ import annotations

import pytest

from netweave.errors import InvalidInput
from netweave.logic.vocab import (
    EXCHANGE_KINDS,
    INTERACTION_KINDS,
    TASK_KINDS,
    choose,
    exchange_words,
)


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


def test_choices_are_spelled_as_they_are_typed() -> None:
    from netweave.logic.vocab import LEAD_STAGES

    with pytest.raises(InvalidInput) as raised:
        choose("referal-requested", LEAD_STAGES, "stage")
    assert "(did you mean referral-requested?)" in str(raised.value)
    assert "referral-requested, applied" in str(raised.value)
    assert choose("Referral-Requested", LEAD_STAGES, "stage") == "referral_requested"


def test_an_exchange_kind_reads_naturally_in_a_sentence() -> None:
    said = {kind: f"you asked for {exchange_words(kind)}" for kind in EXCHANGE_KINDS}
    assert said == {
        "advice": "you asked for advice",
        "information": "you asked for information",
        "introduction": "you asked for an introduction",
        "referral": "you asked for a referral",
        "job": "you asked for a job",
        "favor": "you asked for a favor",
    }
