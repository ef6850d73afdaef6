"""Outreach messages by Dalton's six-point rules: a writer and a checker.

The rules for a first message asking someone for an informational conversation:

1. ``short``: under 75 words.
2. ``connection_first``: the first sentence states the connection.
3. ``no_job_ask``: it asks for insight and advice, not a job (nor a referral).
4. ``question``: the request is phrased as a question.
5. ``interest``: the interest is defined both broadly (a field) and narrowly (a
   specific part of it: "especially", "in particular", …).
6. ``about_them``: more than half of the words are about the contact: sentences that
   speak of them ("you", "your") at least as much as of the writer ("I", "my").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from netweave.logic.wording import opening

MAX_WORDS = 75
RULES = ("short", "connection_first", "no_job_ask", "question", "interest", "about_them")
RULE_TEXT = {
    "short": f"keep it under {MAX_WORDS} words",
    "connection_first": "state your connection in the first sentence",
    "no_job_ask": "ask for insight and advice, not for a job or a referral",
    "question": "phrase the request as a question",
    "interest": "define your interest broadly (the field) and narrowly (especially …)",
    "about_them": "make more than half of the words about them",
}
_WORD = re.compile(r"[A-Za-z0-9\u00C0-\uFFFF]+(?:['’][A-Za-z]+)?")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_CONNECTION = re.compile(
    r"\b(fellow|alum\w*|we met|met you|met at|introduc\w*|suggested|recommended|referred me"
    r"|mutual|both|classmate|colleague|worked with|worked together|also (?:studied|worked)"
    r"|found you|found your|through|thanks again|good to (?:see|talk to) you again"
    r"|our (?:last )?(?:coffees?|calls?|video calls?|meetings?|chats?|conversations?|talks?"
    r"|emails?|messages?))\b",
    re.IGNORECASE,
)
_JOB_ASK = re.compile(
    r"\b(jobs?|hiring|openings?|positions?|vacanc\w*|refer me|referral|resum[eé]|cv"
    r"|hire me|apply|application|employ me|open roles?)\b",
    re.IGNORECASE,
)
_BROAD = re.compile(
    r"\b(interested in|curious about|exploring|passionate about|moving into|learning about"
    r"|drawn to|focus(?:ing)? on)\b",
    re.IGNORECASE,
)
_NARROW = re.compile(
    r"\b(especially|particularly|specifically|in particular|notably|above all)\b", re.IGNORECASE
)
_YOU = {"you", "your", "yours", "yourself", "you're", "you’ve", "you've", "you’re"}
_ME = {"i", "me", "my", "mine", "myself", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d"}


@dataclass(frozen=True)
class Finding:
    """One rule the message breaks, with what was seen."""

    rule: str
    message: str


def words(text: str) -> list[str]:
    """The words of a text (contractions count as one)."""
    return _WORD.findall(text)


def _body(text: str) -> str:
    """The message without a greeting line ("Hi Mei,") or a sign-off ("Best, Ada")."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if lines and re.match(r"^(hi|hello|dear|hey)\b[^.!?]{0,40},?$", lines[0], re.IGNORECASE):
        lines = lines[1:]
    if lines and re.match(r"^(best|thanks|thank you|cheers|regards|warmly)\b", lines[-1], re.I):
        lines = lines[:-1]
    text = " ".join(lines)
    # A greeting on the same line as the first sentence: "Hi Mei, we met at …"
    return re.sub(r"^(hi|hello|dear|hey)\s+[^,]{1,40},\s*", "", text, flags=re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """The sentences of the message body."""
    return [s.strip() for s in _SENTENCE.findall(_body(text)) if words(s)]


def about_them_share(text: str) -> float:
    """The share of words in sentences about the contact (among sentences about anyone)."""
    them = total = 0
    for sentence in sentences(text):
        tokens = [w.lower() for w in words(sentence)]
        you = sum(t in _YOU for t in tokens)
        me = sum(t in _ME for t in tokens)
        if you == 0 and me == 0:
            continue
        total += len(tokens)
        if you >= me:
            them += len(tokens)
    return them / total if total else 0.0


def job_asks(text: str, known: tuple[str, ...] = ()) -> list[str]:
    """The words of ``text`` that ask for a job or a referral ("refer me", "hiring"), in
    lower case and sorted; ``known`` as ``check`` takes them."""
    scanned = text
    for phrase in sorted((k for k in known if k), key=len, reverse=True):
        scanned = re.sub(re.escape(phrase), " ", scanned, flags=re.IGNORECASE)
    return sorted({m.group(0).lower() for m in _JOB_ASK.finditer(scanned)})


def check(text: str, known: tuple[str, ...] = ()) -> list[Finding]:
    """The rules ``text`` breaks (an empty list: it follows all six).

    ``known`` are names from the contact's context (their organization, their title) that
    are not asks even when they contain such a word ("Hiring Manager", "Open Positions Ltd").
    """
    out: list[Finding] = []
    count = len(words(text))
    if count >= MAX_WORDS:
        out.append(Finding("short", f"{count} words; {RULE_TEXT['short']}"))
    parts = sentences(text)
    if not parts or not _CONNECTION.search(parts[0]):
        out.append(Finding("connection_first", RULE_TEXT["connection_first"]))
    asks = job_asks(text, known)
    if asks:
        out.append(Finding("no_job_ask", f"mentions {', '.join(asks)}; {RULE_TEXT['no_job_ask']}"))
    if not any(s.endswith("?") for s in parts):
        out.append(Finding("question", RULE_TEXT["question"]))
    if not (_BROAD.search(text) and _NARROW.search(text)):
        out.append(Finding("interest", RULE_TEXT["interest"]))
    share = about_them_share(text)
    if share <= 0.5:
        out.append(Finding("about_them", f"{share:.0%} about them; {RULE_TEXT['about_them']}"))
    return out


@dataclass(frozen=True)
class DraftFacts:
    """What the draft is filled from."""

    given: str
    me: str | None = None
    org: str | None = None
    title: str | None = None
    #: How the user is connected: ("introducer", NAME), ("school", NAME), ("community", NAME),
    #: ("event", NAME), ("coworker", ORG) or None.
    connection: tuple[str, str] | None = None
    broad: str | None = None
    narrow: str | None = None


#: How conversations of each kind are named in a message, one and several ("our coffee in
#: May 2026", "our emails in February 2024"); any other kind is a conversation.
_TALKED = {
    "coffee": ("coffee", "coffees"),
    "meeting": ("meeting", "meetings"),
    "call": ("call", "calls"),
    "video": ("video call", "video calls"),
    "message": ("message", "messages"),
    "email": ("email", "emails"),
    "event": ("chat at the event", "chats at the events"),
}


def talked(kind: str, count: int) -> str:
    """The conversations recalled, counted: "email" for one, "emails" for more."""
    one, several = _TALKED.get(kind, ("conversation", "conversations"))
    return one if count <= 1 else several


def connection_sentence(facts: DraftFacts) -> str:
    """The opening sentence: how the user is connected to the contact."""
    kind, name = facts.connection or ("", "")
    if kind == "talked":  # no stranger: the conversation you had opens it
        return f"Thanks again for our {name}."
    if kind == "introducer":
        return f"{name} suggested I reach out to you."
    if kind == "school":
        return f"As a fellow {name} alum, I found you through our alumni network."
    if kind == "community":
        return f"We are both part of {name}, which is how I found you."
    if kind == "event":
        return f"We met at {name}, and I enjoyed talking with you."
    if kind == "coworker":
        return f"We both worked at {name}, and I have followed your work since."
    where = f" at {facts.org}" if facts.org else ""
    return f"I found you through your work{where} and hope you don't mind a note."


def draft(facts: DraftFacts) -> str:
    """A first message asking for insight and advice, by the six-point rules.

    Long names can push it past the word limit: then the organization is named once only.
    """
    text = _draft(facts, brief=False)
    return text if len(words(text)) < MAX_WORDS else _draft(facts, brief=True)


def follow_up(given: str, sent: dt.date, me: str | None = None) -> str:
    """The one short follow-up to an ask for advice not answered yet (3B7): it recalls the
    note of ``sent`` and asks again for the same, nothing new."""
    lines = [
        f"Hi {given},",
        "",
        f"I wanted to follow up on my note of {sent:%B} {sent.day}, in case it got buried.",
        "Would you have 20 minutes in the coming weeks to share your insight and advice?",
        "I know you are busy, and any time you can spare would mean a lot.",
    ]
    if me:
        lines += ["", f"Thanks, {me}"]
    return "\n".join(lines)


def _draft(facts: DraftFacts, *, brief: bool) -> str:
    org = ("your team" if brief else facts.org) if facts.org else None
    broad = facts.broad or (f"the work at {facts.org}" if facts.org and not brief else "your field")
    title = in_sentence(facts.title) if facts.title else None
    narrow = facts.narrow or (
        f"what {with_article(title)} does" if title else "how teams like yours work"
    )
    path = " ".join(
        part
        for part in ("Your path", title and f"as {with_article(title)}", org and f"at {org}")
        if part
    )
    lines = [
        f"Hi {facts.given},",
        "",
        connection_sentence(facts),
        f"{path} is one you clearly thought about.",
        f"I'm interested in {broad}, especially {narrow}.",
        "Would you be open to a 20-minute call to share your insight and advice on how you see it?",
    ]
    if facts.me:
        lines += ["", f"Thanks, {facts.me}"]
    return "\n".join(lines)


def in_sentence(title: str) -> str:
    """A job title inside a sentence: one written in sentence case loses its capital
    (``Data scientist`` → ``data scientist``, ``Engineer`` → ``engineer``). A title written
    in title case keeps it, for its words may be names (``Google Cloud Architect``, ``Head
    of Sales, Stripe``), and so do acronyms (``HR``, ``iOS``)."""
    first, *rest = title.split(" ")
    sentence_case = opening(title) == "capital" and not any(w[:1].isupper() for w in rest)
    return first.lower() + title[len(first) :] if sentence_case else title


#: Letters whose spoken name starts with a vowel: "an HR partner", "an MBA".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")


def with_article(noun: str) -> str:
    """``noun`` after "a" or "an", by its sound as far as spelling tells: "an engineer",
    "a UX researcher", "an HR business partner", "a NASA engineer"."""
    first = noun.split(" ", 1)[0]
    stem = first.removesuffix("s")  # SREs, KPIs
    if opening(noun) == "acronym" and not _said_as_a_word(stem):
        vowel = first[0] in _VOWEL_LETTERS  # read letter by letter
    else:
        vowel = _starts_with_a_vowel_sound(first.lower())
    return ("an " if vowel else "a ") + noun


def _starts_with_a_vowel_sound(word: str) -> bool:
    """Whether a word is said with a vowel first, as far as spelling tells: a "u" said
    "you" (user, unit, utility, university) and "eu" (European) start with a consonant's
    sound; un- (unpaid, unusual), up-, ul-, ur- and the like do not."""
    if word.startswith(("unid", "unim", "unin")):
        return True  # un- before i: unidentified, unimportant, uninsured
    if word.startswith(("eu", "uni")):
        return False
    if word.startswith("u") and not word.startswith("un"):
        return not (len(word) > 2 and word[1] not in "aeiou" and word[2] in "aeiouy")
    return word[:1] in "aeiou"


def _said_as_a_word(acronym: str) -> bool:
    """Whether an acronym is spoken as a word (NASA, NATO, UNICEF, FAANG) rather than letter
    by letter (HR, MBA, HTML, NYSE): four letters or more, two vowels at least, and no more
    than two consonants together but at the start."""
    if len(acronym) < 4 or not acronym.isalpha() or sum(c in "AEIOU" for c in acronym) < 2:
        return False
    runs = re.findall(r"[^AEIOU]+", acronym)
    start = len(runs[0]) if runs and acronym[0] not in "AEIOU" else 0
    return start <= 3 and all(len(run) <= 2 for run in runs[1 if start else 0 :])
