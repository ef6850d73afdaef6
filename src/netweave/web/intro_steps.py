"""The Introductions page's steps in words: each step's button naming whom it is about, and
what a step just did, said once on the page it lands on, with where the page lands.

Two steps in a row ask, or hear from, a different side: "Asked Quang", then "Asked Zed".
Sides are called by the first word of their given names ("Zed" for Zed Q. Tester, "Guido"
for Guido van Rossum), or by their full names when both would be called the same.
"""

from __future__ import annotations

from typing import Any

#: The element the page lands on after a suggestion is set aside: the Suggested heading.
SUGGESTED = "suggested"


def short_names(intro: dict[str, Any]) -> tuple[str, str]:
    """What to call A and B on the page: their given names' first words, unless those are
    the same."""
    a, b = (str(intro[f"{side}_given"]).split()[0] for side in ("a", "b"))
    return (a, b) if a.casefold() != b.casefold() else (intro["a"], intro["b"])


def buttons(intro: dict[str, Any]) -> list[tuple[str, str]]:
    """Each step the introduction can take now, with its button's words (``(action, words)``)."""
    a, b = short_names(intro)
    state = intro["state"]
    asked = {"asked_a": a, "asked_b": b}.get(state)
    words = {
        "ask": f"Asked {b if state == 'a_agreed' else a}",
        "agree": f"{asked} agreed",
        "introduce": f"Introduced {a} and {b}",
        "decline": f"{asked} declined" if asked else "Declined by you",
        "tell": f"Told {a}",
    }
    return [(act, words[act]) for act in intro["actions"]]


def landing(intro: dict[str, Any]) -> str:
    """The id of what the page lands on after a step: the next step's button, or the
    introduction's heading when no step is left (the outcome form follows it, or it is
    finished)."""
    return f"intro-{intro['id']}-{intro['actions'][0]}" if intro["actions"] else heading(intro)


def heading(intro: dict[str, Any]) -> str:
    """The id of the introduction's heading (its place on the page is ``intro-ID``)."""
    return f"intro-{intro['id']}-head"


def moved(action: str, view: dict[str, Any]) -> dict[str, Any]:
    """What ``action`` did to the introduction, now ``view``, for the page it lands on:
    ``{id, focus, text, logged}`` (``logged``: whose timeline got the step's message,
    ``{id, name}`` each)."""
    a, b = view["a"], view["b"]
    short = dict(zip(("a", "b"), short_names(view), strict=True))
    written: list[str] = []
    if action == "propose":
        text = f"Proposed introducing {a} to {b}: nothing is sent yet"
    elif action == "ask":
        asked, other = ("b", a) if view["state"] == "asked_b" else ("a", b)
        text, written = f"Asked {view[asked]} whether they'd like to meet {other}", [asked]
    elif action == "agree":
        both = view["state"] == "agreed"
        text = f"{b} agreed to meet {a}: both said yes" if both else f"{a} agreed to meet {b}"
    elif action == "introduce":
        text, written = f"Introduced {a} and {b}: they now know each other", ["a", "b"]
    elif action == "decline":
        text = _declined(view)
    elif action == "tell":
        text, written = f"Let {a} know the introduction to {b} will not go ahead", ["a"]
    else:  # the outcome
        text = f"Recorded how the introduction of {a} to {b} went: {view['outcome']}"
    logged = [{"id": view[f"{side}_id"], "name": short[side]} for side in written]
    return {"id": view["id"], "focus": landing(view), "text": text, "logged": logged}


def _declined(view: dict[str, Any]) -> str:
    a, b = view["a"], view["b"]
    by = view["history"][-1].get("by") if view["history"] else None
    if by == "a":
        return f"{a} declined to meet {b}: nothing goes to {b}"
    said = f"{b} declined to meet {a}" if by == "b" else f"Withdrew the introduction of {a} to {b}"
    waiting = view["actions"] == ["tell"]
    return said + (f"; {a} said yes and waits to hear it will not happen" if waiting else "")


def set_aside(result: dict[str, Any]) -> dict[str, Any]:
    """A suggestion set aside ("Not these two"), for the page it lands on."""
    text = f"{result['a']} and {result['b']} will not be suggested again"
    return {"id": None, "focus": SUGGESTED, "text": text, "logged": []}
