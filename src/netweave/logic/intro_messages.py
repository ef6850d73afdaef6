"""The messages of a double opt-in introduction, and what to do next at each step."""

from __future__ import annotations

import re
from dataclasses import dataclass

from netweave.logic.employer import work_line
from netweave.logic.lexical import STOPWORDS


@dataclass(frozen=True)
class Side:
    """What a message needs to know about one side of an introduction."""

    name: str
    given: str
    title: str | None = None
    organization: str | None = None
    #: As recorded ("she/her", "he/him"), if at all.
    pronouns: str | None = None

    def pronoun(self) -> str | None:
        """ "he" or "she" when the recorded pronouns say so, else ``None``."""
        first = re.split(r"[/,\s]+", (self.pronouns or "").strip().lower(), maxsplit=1)[0]
        return first if first in ("he", "she") else None

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
        f"{_sentence(to_you(why, asked, other))} Would you be open to an introduction? "
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
#: The space between a subject and its verb, with an adverb in it ("Grace also needs").
_TO_VERB = r"(\s+(?:(?:also|now|still|often|really|already|usually|just|currently)\s+)?)"

#: Marks (private-use characters, removed before the text is returned): where a clause said
#: to "you" goes on after its verb, and where the person asked was named.
_GOES_ON, _NAMED = "\ue000", "\ue001"

#: Verbs a reason commonly coordinates ("… and needs coaching"): only these are conjugated
#: after "and", "but" or "or", since a word ending in -s there may as well be a noun
#: ("runs sales and operations").
_COORDINATED_VERBS = (
    "advise", "build", "buy", "care", "chair", "coach", "create", "deserve", "design",
    "develop", "enjoy", "go", "help", "hire", "hope", "host", "invest", "keep", "know",
    "lead", "like", "live", "look", "love", "make", "manage", "mentor", "need", "offer",
    "organise", "organize", "own", "play", "reach", "research", "run", "seek", "sell",
    "serve", "speak", "spend", "start", "study", "support", "teach", "think", "train",
    "try", "volunteer", "want", "wish", "work", "write",
)  # fmt: skip


def _third_person(verb: str) -> str:
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    if verb.endswith(("ch", "sh", "ss", "x", "o")):
        return verb + "es"
    return verb + "s"


_BASE_OF = {_third_person(v): v for v in _COORDINATED_VERBS} | _IRREGULAR
_AND_VERB = re.compile(
    r"\b(and|but|or)(\s+(?:also\s+|then\s+|now\s+)?)([a-z]+)\b(?!\s+of\b)(?=\s+\S)"
)
#: Where a clause with a subject of its own starts: the verbs after it are not "you"'s.
_NEW_SUBJECT = re.compile(
    r"(?:[,(]|\b(?:and|but|or|so|because|as|since|while|if|when|where)\b)\s*"
    r"(?:[A-Z]|(?:he|she|they|we|i|it|there|this|these|those|you)\b)"
    r"|\b(?:who|whom|whose|which|that)\b"  # "a coach who knows … and has time"
)

#: Pronouns that may stand for the person asked, as said to them.
_PRONOUN = re.compile(r"\b([Hh]e|[Ss]he|[Hh]is|[Hh]im|[Hh]er|[Hh]imself|[Hh]erself)\b")
# fmt: off
_PREPOSITIONS = frozenset((
    "to", "with", "for", "about", "on", "in", "at", "from", "into", "through", "over", "by",
    "and", "or", "but", "if", "when", "because", "as",
))
_DETERMINERS = frozenset((
    "a", "an", "the", "some", "her", "his", "their", "its", "this", "that", "these", "those",
))
#: Verbs taking two objects: "give her advice" is not "give your advice".
_TWO_OBJECTS = frozenset((
    "give", "send", "show", "offer", "tell", "lend", "owe", "get", "buy", "bring", "pay",
    "teach", "ask", "promise", "wish",
))
# fmt: on


def to_you(text: str, side: Side, other: Side | None = None) -> str:
    """``text`` as said to ``side``: their name (full, else given) becomes "you" ("your" for
    "Grace's"); where it starts a clause, the verb right after it loses its third-person -s
    ("Grace needs" → "you need"; "Ada could help Grace" → "Ada could help you"), and so do
    the verbs coordinated with it ("Grace is new and needs a mentor" → "you are new and need
    a mentor"). A "he", "she", "his", "him" or "her" after the name, with no other name
    between, is theirs too ("Grace needs help with her thesis" → "You need help with your
    thesis") unless it may mean someone else: it must match the pronouns recorded for
    ``side``, if any, and where ``other`` (the other side, the only other person the
    sentence may name) is named before it, both sides' pronouns must be recorded and differ
    ("Ada could help Grace with her thesis" stays as it is when Ada's are "she/her" or not
    recorded). What it cannot tell for sure stays as typed; and a sentence that would call
    them "you" and still hold one of their own recorded pronouns ("Bo wants to meet Uma; he
    has questions", to Bo, he/him) stays as typed whole, rather than mix "you" and "he"."""
    said = _to_you(text, side, other)
    mine = side.pronoun()
    typed, out = _SENTENCES.split(text), _SENTENCES.split(said)
    if mine is None or len(typed) != len(out):
        return said
    return "".join(
        was if now != was and mine in _pronoun_kinds(now) else now
        for was, now in zip(typed, out, strict=True)
    )


#: Where a sentence ends (the space after it kept as a part of its own).
_SENTENCES = re.compile(r"(?<=[.!?])(\s+)")


def _pronoun_kinds(text: str) -> set[str]:
    """The "he" and "she" of the pronouns left in ``text``."""
    return {
        "she" if m[1].lower() in ("she", "her", "herself") else "he"
        for m in _PRONOUN.finditer(text)
    }


def _to_you(text: str, side: Side, other: Side | None) -> str:
    text = text.replace(_GOES_ON, "").replace(_NAMED, "")
    for name in dict.fromkeys(n.strip() for n in (side.name, side.given) if n.strip()):
        pattern = re.escape(name)
        text = re.sub(rf"\b{pattern}['’]s\b", "your" + _NAMED, text)
        text = re.sub(rf"{_CLAUSE}{pattern}\b{_TO_VERB}([a-z]+)", _you_and_verb, text)
        text = re.sub(rf"\b{pattern}\b", "you" + _NAMED, text)
    text = _pronouns(text, side, other)
    text = re.sub(rf"{_GOES_ON}([^.;:!?{_GOES_ON}]*)", lambda m: _coordinated(m[1]), text)
    text = text.replace(_NAMED, "")
    return re.sub(r"([.!?]\s+)(you|your)\b", lambda m: m[1] + m[2].capitalize(), text)


def _you_and_verb(match: re.Match[str]) -> str:
    start, space, verb = match.group(1), match.group(2), match.group(3)
    return start + _conjugated(space, verb) + _NAMED + _GOES_ON


def _coordinated(rest: str) -> str:
    """The rest of a clause whose subject is "you": the verbs coordinated with the first one
    conjugated, up to where a clause with a subject of its own starts."""
    stop = _NEW_SUBJECT.search(rest)
    cut = stop.start() if stop else len(rest)
    head = _AND_VERB.sub(
        lambda m: m[1] + m[2] + _BASE_OF[m[3]] if m[3] in _BASE_OF else m[0], rest[:cut]
    )
    return head + rest[cut:]


def _pronouns(text: str, side: Side, other: Side | None) -> str:
    """Each pronoun that surely means the person asked, said to them."""
    out, last = [], 0
    for match in _PRONOUN.finditer(text):
        if match.start() < last:
            continue  # the verb after "he" or "she", already said
        if not _means_them(text, match, side, other):
            continue
        said = _pronoun_said(text, match)
        if said is not None:
            out.append(text[last : match.start()] + said[0])
            last = said[1]
    return "".join(out) + text[last:]


def _means_them(text: str, match: re.Match[str], side: Side, other: Side | None) -> bool:
    """Whether the pronoun surely means the person asked: their name comes before it with
    no other name between, and nobody else it may mean is named in its sentence."""
    named = text.rfind(_NAMED, 0, match.start())
    if named < 0 or _names(text[named + 1 : match.start()]):
        return False
    if _after_two_objects(text, named, match.start()):
        return False
    pronoun = "she" if match[1].lower() in ("she", "her", "herself") else "he"
    if side.pronoun() not in (None, pronoun):
        return False
    opening = max(m.end() for m in re.finditer(r"^|[.!?]\s+", text[:named]))
    others = _names(text[opening:named])
    if not others:
        return True
    words = set((other.name + " " + other.given).split()) if other is not None else set()
    return (
        other is not None
        and others <= words
        and side.pronoun() == pronoun
        and other.pronoun() not in (None, pronoun)
    )


def _after_two_objects(text: str, named: int, start: int) -> bool:
    """Whether the pronoun follows the name right after a verb taking two objects: in "Ada
    could give Grace her notes" the notes may well be Ada's."""
    verb = re.search(r"\b([a-z]+)\s+you\Z", text[:named])
    return verb is not None and verb[1] in _TWO_OBJECTS and not text[named + 1 : start].strip()


def _names(between: str) -> set[str]:
    """The capitalised words that may name someone: not an acronym ("COO"), nor a common
    word starting a sentence ("She", "The")."""
    found = set()
    for word in re.finditer(r"\b[A-Z][\w'’-]*", between):
        if word[0].isupper():  # an acronym, or "I"
            continue
        if word[0].lower() in STOPWORDS and re.search(r"(^|[.!?]\s+)$", between[: word.start()]):
            continue
        found.add(word[0])
    return found


def _pronoun_said(text: str, match: re.Match[str]) -> tuple[str, int] | None:
    """The pronoun said to the person it means and where the words it replaces end, or
    ``None`` when unsure."""
    word, end = match[1].lower(), match.end()
    after = re.match(rf"{_TO_VERB}([A-Za-z'’]+)(?:\s+([A-Za-z]+))?", text[end:])
    before = re.search(r"([A-Za-z]+)\s+$", text[: match.start()])
    if word in ("he", "she"):
        if after is None or not after[2].isalpha() or not after[2].islower():
            return None  # "he's", "she'd": which verb it is cannot be told
        said, end = _conjugated(after[1], after[2]) + _GOES_ON, end + len(after[1] + after[2])
    elif word in ("himself", "herself"):
        said = "yourself"
    elif word == "him":
        said = "you"
    elif word == "his":
        if after is None or not after[2].islower():
            return None  # "the idea is his"
        said = "your"
    else:
        her = _her(after, before)
        if her is None:
            return None
        said = her
    return (said[0].upper() + said[1:] if match[1][0].isupper() else said), end


def _her(after: re.Match[str] | None, before: re.Match[str] | None) -> str | None:
    """ "her" as "you" (an object) or "your" (a possessive), or ``None`` when unsure."""
    if after is None or after[2].lower() in _PREPOSITIONS:
        return "you"  # "help her", "introduce her to"
    if after[3] is not None and after[3].lower() in _DETERMINERS:
        return "you"  # "help her find a job"
    if before is not None and before[1].lower() in _TWO_OBJECTS:
        return None  # "give her advice"
    return "your"


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

    A declined introduction has no message, but for A when A said yes and waits to hear
    (``a_agreed``): that it will not go ahead, never why.
    """
    if state == "proposed":
        return {"to": a.name, "text": ask_message(a, b, why)}
    if state == "asked_a" and a_agreed:
        return {"to": b.name, "text": ask_message(b, a, why)}
    if state == "agreed":
        return {"to": f"{a.name} and {b.name}", "text": intro_message(a, b, why)}
    if state == "declined" and a_agreed:  # A said yes and still waits to hear
        return {"to": a.name, "text": not_happening_message(a, b)}
    return None


def not_happening_message(a: Side, b: Side) -> str:
    """To A, who said yes, once the introduction stopped: it will not go ahead. It does not
    say why: B's "no" is not passed on."""
    return (
        f"Hi {a.given}, a quick update on the introduction to {b.given} I mentioned: it won't "
        f"go ahead this time. Thank you for being open to it; I'll keep you in mind."
    )


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
    if state == "declined" and a_agreed:
        return (
            f"let {a} know the introduction to {b} will not happen, without saying why, "
            f"then `netweave intros tell {number}`"
        )
    return steps.get(state)


def outcome_text(
    met: bool | None, helped: bool | None, note: str | None, *, empty: str = "outcome recorded"
) -> str:
    """One line summing up the outcome: "they met; it helped — <the note as typed>"
    (``empty`` when it says nothing)."""
    parts = []
    if met is not None:
        parts.append("they met" if met else "they did not meet")
    if helped is not None:
        parts.append("it helped" if helped else "it did not help")
    said, note = "; ".join(parts), (note or "").strip()
    if said and note:
        return f"{said} — {note}"
    return said or note or empty
