"""The messages of a double opt-in introduction, and what to do next at each step."""

from __future__ import annotations

import re
from dataclasses import dataclass

from netweave.logic.employer import work_line


@dataclass(frozen=True)
class Side:
    """What a message needs to know about one side of an introduction."""

    name: str
    given: str
    title: str | None = None
    organization: str | None = None

    def described(self) -> str:
        """``Name (title at Org)``, with whatever is known."""
        role = work_line(self.title, self.organization)  # "UX designer, Freelance"
        return f"{self.name} ({role})" if role else self.name


def ask_message(asked: Side, other: Side, why: str) -> str:
    """The private opt-in question: easy to decline, and nothing is said to the other side.

    The reason speaks to the person asked: "Grace needs a compiler expert" reads "You need a
    compiler expert" in the message to Grace."""
    return (
        f"Hi {asked.given}, I'd like to introduce you to {other.described()}. "
        f"{_sentence(to_you(why, asked))} Would you be open to an introduction? "
        f"No pressure at all: if the timing isn't right, just say so and "
        f"I won't mention it to {other.given}."
    )


def intro_message(a: Side, b: Side, why: str) -> str:
    """The introduction itself, sent to both once both said yes."""
    return (
        f"{a.given}, meet {b.described()}. {b.given}, meet {a.described()}. "
        f"{_sentence(why)} You both said you'd welcome the introduction, "
        f"so I'll let you two take it from here."
    )


#: Verbs said otherwise of "you" than of one person.
_IRREGULAR = {"is": "are", "has": "have", "was": "were", "does": "do", "goes": "go"}


#: Where a clause starts: the name there is its subject.
_CLAUSE = r"(^|[.;:!?,]\s*|\b(?:and|but|so|because|as|since|while)\s+)"


def to_you(text: str, side: Side) -> str:
    """``text`` as said to ``side``: their name (full, else given) becomes "you" ("your" for
    "Grace's"); where it starts a clause, the verb right after it loses its third-person -s
    ("Grace needs" → "you need"; "Ada could help Grace" → "Ada could help you")."""
    for name in dict.fromkeys(n.strip() for n in (side.name, side.given) if n.strip()):
        pattern = re.escape(name)
        text = re.sub(rf"\b{pattern}['’]s\b", "your", text)
        text = re.sub(rf"{_CLAUSE}{pattern}\b(\s+)([a-z]+)", _you_and_verb, text)
        text = re.sub(rf"\b{pattern}\b", "you", text)
    return re.sub(r"([.!?]\s+)(you|your)\b", lambda m: m[1] + m[2].capitalize(), text)


def _you_and_verb(match: re.Match[str]) -> str:
    start, space, verb = match.group(1), match.group(2), match.group(3)
    return start + _conjugated(space, verb)


def _conjugated(space: str, verb: str) -> str:
    if verb in _IRREGULAR:
        return f"you{space}{_IRREGULAR[verb]}"
    if verb.endswith("ies") and len(verb) > 4:
        return f"you{space}{verb[:-3]}y"
    if verb.endswith(("ches", "shes", "sses", "xes")):
        return f"you{space}{verb[:-2]}"
    if verb.endswith("s") and not verb.endswith("ss"):
        return f"you{space}{verb[:-1]}"
    return f"you{space}{verb}"


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[0].upper() + text[1:] if text else text
    return text if text.endswith((".", "!", "?")) else text + "."


def draft(state: str, a_agreed: bool, a: Side, b: Side, why: str) -> dict[str, str] | None:
    """The message to send at this step (``{to, text}``), or ``None`` when nothing is due.

    A declined introduction has no message: the other side is never told.
    """
    if state == "proposed":
        return {"to": a.name, "text": ask_message(a, b, why)}
    if state == "asked_a" and a_agreed:
        return {"to": b.name, "text": ask_message(b, a, why)}
    if state == "agreed":
        return {"to": f"{a.name} and {b.name}", "text": intro_message(a, b, why)}
    return None


def next_step(state: str, a_agreed: bool, a: str, b: str, number: int) -> str | None:
    """What the user does next, in words naming the commands (for introduction ``number``)."""
    answer = f"`netweave intros agree {number}` or `netweave intros decline {number}`"
    steps = {
        "proposed": f"send the opt-in question to {a}, then `netweave intros ask {number}`",
        "asked_a": f"wait for {a}'s answer: {answer}",
        "asked_b": f"wait for {b}'s answer: {answer}",
        "agreed": f"send the introduction to both, then `netweave intros introduce {number}`",
        "introduced": f"later, ask how it went: `netweave intros outcome {number} --met --helped`",
    }
    if state == "asked_a" and a_agreed:
        return f"send the opt-in question to {b}, then `netweave intros ask {number}`"
    return steps.get(state)


def outcome_text(met: bool | None, helped: bool | None, note: str | None) -> str:
    """One line summing up the outcome."""
    parts = []
    if met is not None:
        parts.append("they met" if met else "they did not meet")
    if helped is not None:
        parts.append("it helped" if helped else "it did not help")
    if note and note.strip():
        parts.append(note.strip())
    return "; ".join(parts) or "outcome recorded"
