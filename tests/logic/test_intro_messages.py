"""The introduction's messages: the reason speaks to whom it is sent."""

from __future__ import annotations

import dataclasses

import pytest

from netweave.logic.intro_messages import Side, ask_message, intro_message, to_you

GRACE = Side("Grace Hopper", "Grace", "Rear Admiral", "US Navy")
ADA = Side("Ada Lovelace", "Ada")


@pytest.mark.parametrize(
    ("why", "said"),
    [
        ("Grace needs a compiler expert", "you need a compiler expert"),
        (
            "Grace Hopper is hiring, and Ada knows compilers",
            "you are hiring, and Ada knows compilers",
        ),
        ("Grace's team teaches COBOL", "your team teaches COBOL"),
        ("Ada could help Grace", "Ada could help you"),
        ("both love chess; Grace teaches it", "both love chess; you teach it"),
        ("Grace studies graph theory", "you study graph theory"),
        (
            "Ada builds compilers and Grace watches the field",
            "Ada builds compilers and you watch the field",
        ),
        ("Gracefully done", "Gracefully done"),
        ("both want to build ML tools", "both want to build ML tools"),
        (
            "Grace needs climate advice. Grace wants a mentor! Grace's team agrees.",
            "you need climate advice. You want a mentor! Your team agrees.",
        ),
    ],
)
def test_the_reason_is_said_to_the_person_asked(why: str, said: str) -> None:
    assert to_you(why, GRACE) == said


@pytest.mark.parametrize(
    ("why", "said"),
    [
        (
            "Grace is a new COO and needs executive coaching; Ada coaches new COOs",
            "you are a new COO and need executive coaching; Ada coaches new COOs",
        ),
        ("Grace writes and speaks about compilers", "you write and speak about compilers"),
        ("Grace also needs a mentor", "you also need a mentor"),
        (
            "Grace needs a coach, and also wants a mentor",
            "you need a coach, and also want a mentor",
        ),
        # not a verb of hers, or perhaps a noun: as typed
        ("Grace runs sales and operations", "you run sales and operations"),
        ("Grace knows the wants and needs of founders", "you know the wants and needs of founders"),
        (
            "Grace needs a coach who knows COBOL and has time",
            "you need a coach who knows COBOL and has time",
        ),
        ("Grace needs help and Ada has time", "you need help and Ada has time"),
    ],
)
def test_verbs_coordinated_with_the_first_speak_to_the_person_asked(why: str, said: str) -> None:
    assert to_you(why, GRACE) == said


GRACE_SHE = dataclasses.replace(GRACE, pronouns="she/her")
ADA_SHE = dataclasses.replace(ADA, pronouns="she/her")
ALAN = Side("Alan Turing", "Alan")
ALAN_HE = dataclasses.replace(ALAN, pronouns="he/him")


@pytest.mark.parametrize(
    ("why", "asked", "other", "said"),
    [
        ("Grace needs help with her thesis", GRACE, ADA, "you need help with your thesis"),
        ("Grace is new. She needs a mentor", GRACE, ADA, "you are new. You need a mentor"),
        ("Grace wants a job; Ada could help her", GRACE, ADA, "you want a job; Ada could help her"),
        ("Grace is in Boston and he can help", GRACE, ADA, "you are in Boston and he can help"),
        # the other side named in the sentence: only recorded, different pronouns tell
        ("Ada could help Alan on his move", ALAN_HE, ADA_SHE, "Ada could help you on your move"),
        ("Ada could help Alan on his move", ALAN, ADA_SHE, "Ada could help you on his move"),
        # "his" may be Alan's: not "you" beside it, the sentence stays as typed
        ("Ada could help Alan on his move", ALAN_HE, ADA, "Ada could help Alan on his move"),
        ("Ada can help Grace on her move", GRACE_SHE, ADA_SHE, "Ada can help Grace on her move"),
        # recorded pronouns that are not theirs, a verb with two objects, a contraction
        ("Grace needs help with his thesis", GRACE_SHE, ADA, "you need help with his thesis"),
        ("Ada could give Grace her notes", GRACE, ADA, "Ada could give you her notes"),
        ("Grace's team is hiring; she's busy", GRACE, ADA, "your team is hiring; she's busy"),
    ],
)  # fmt: skip
def test_pronouns_that_surely_mean_the_person_asked_speak_to_them(
    why: str, asked: Side, other: Side, said: str
) -> None:
    assert to_you(why, asked, other) == said


def test_the_opt_in_to_each_side_speaks_to_them_and_the_introduction_to_both() -> None:
    why = "Grace needs a compiler expert"
    to_grace = ask_message(GRACE, ADA, why)
    assert to_grace.startswith(
        "Hi Grace, I'd like to introduce you to Ada Lovelace. You need a compiler expert."
    )
    assert "Grace needs a compiler expert." in ask_message(ADA, GRACE, why)
    assert "Grace needs a compiler expert." in intro_message(ADA, GRACE, why)


def test_a_sentence_that_would_mix_you_with_their_own_pronoun_stays_as_typed():
    bo = Side("Bo Chen", "Bo", pronouns="he/him")
    uma = Side("Uma Rao", "Uma", pronouns="she/her")
    why = "Bo Chen wants to meet Uma; he has questions about her team. Bo needs a mentor."
    assert to_you(why, bo, uma) == (
        "Bo Chen wants to meet Uma; he has questions about her team. You need a mentor."
    )
    assert to_you("Bo says Uma should meet him", bo, uma) == "Bo says Uma should meet him"
    assert to_you("Bo needs help with his thesis", bo, uma) == "you need help with your thesis"
    assert to_you("Bo is new. He needs a mentor", bo, uma) == "you are new. You need a mentor"
