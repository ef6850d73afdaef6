"""The introduction's messages: the reason speaks to whom it is sent."""

from __future__ import annotations

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


def test_the_opt_in_to_each_side_speaks_to_them_and_the_introduction_to_both() -> None:
    why = "Grace needs a compiler expert"
    to_grace = ask_message(GRACE, ADA, why)
    assert to_grace.startswith(
        "Hi Grace, I'd like to introduce you to Ada Lovelace. You need a compiler expert."
    )
    assert "Grace needs a compiler expert." in ask_message(ADA, GRACE, why)
    assert "Grace needs a compiler expert." in intro_message(ADA, GRACE, why)
