"""Counts as people read them: "1 day", "3 days", "once" — one place for every plural."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

_BIRTHDAY = re.compile(r"(\d{4}|-)-(0[1-9]|1[0-2])-(\d\d)")


def birthday_text(value: str | None) -> str | None:
    """A stored birthday for people: ``--01-12`` → 12 January, ``1990-05-17`` → 17 May 1990
    (a year alone, or anything else, as it is)."""
    match = _BIRTHDAY.fullmatch(value or "")
    if match is None:
        return value
    year, month, day = match.groups()
    text = f"{int(day)} {calendar.month_name[int(month)]}"
    return f"{text} {year}" if year != "-" else text


#: How much of a value a message echoes back: the rest is cut, with "…".
ECHOED = 40


def echoed(value: str, limit: int = ECHOED) -> str:
    """A value as a message quotes it (``repr``), cut after ``limit`` characters with "…", so
    that a pasted page of text is not said back in full."""
    return repr(value) if len(value) <= limit else f"{value[:limit]!r}…"


def sentence(text: str) -> str:
    """``text`` ended with a full stop, unless it ends with one already: a sentence whose
    last word is a name such as "Appleseed Jr." or "Acme Inc." ends once, not twice."""
    return text if text.endswith(".") else f"{text}."


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun, singular for exactly one: ``1 day``, ``0 days``, ``2 days``."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def days(n: int) -> str:
    """A number of days: ``1 day``, ``7 days``."""
    return count(n, "day")


def every(n: int | None) -> str:
    """How often, for a cadence of ``n`` days: ``every day``, ``every 7 days`` ("" for none)."""
    return "" if not n else "every day" if n == 1 else f"every {n} days"


def weekday(day: dt.date) -> str:
    """A day as the agenda says it: ``Wednesday 18 November``."""
    return f"{day:%A} {day.day} {day:%B}"


def elapsed(n: int) -> str:
    """A span of days as people say it: days up to 60 (``45 days``), then whole months of 30
    days up to two years (``7 months``), then whole years (``13 years``). Both round down,
    so the words never say more than the days: 108 days is "3 months", not "4 months" next
    to "90 + 18 days" in the same sentence."""
    if n < 60:
        return days(n)
    if n < 730:
        return count(n // 30, "month")
    return count(n // 365, "year")


def next_check_in(due: dt.date, today: dt.date) -> str:
    """A person's next check-in as the agenda words it: the day ahead, or "DAY, due today",
    or "due since DAY, N days past your cadence" once past (a snooze is said on its own)."""
    late = (today - due).days
    if late < 0:
        return due.isoformat()
    if late == 0:
        return f"{due.isoformat()}, due today"
    return f"due since {due.isoformat()}, {elapsed(late)} past your cadence"


def listed(items: list[str]) -> str:
    """Items as a sentence lists them: "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def times(n: int) -> str:
    """How often: ``once``, ``2 times`` (and ``0 times``)."""
    return "once" if n == 1 else f"{n} times"


#: Articles that open a typed phrase with a capital only because the phrase stands alone
#: ("A fractional CFO"): inside a sentence they are written small.
_ARTICLES = frozenset({"A", "An"})


def opening(text: str) -> str:
    """How a phrase's first word is written, the one rule for running a typed phrase into a
    sentence: ``"article"`` ("A", "An": one capital letter is not an acronym, and the
    article is written small), ``"acronym"`` (two capitals or more, a plural s aside: "CFO",
    "UX", "SREs": kept as typed), ``"capital"`` (a capital, then small letters only:
    "Advice", "Berlin", "I": the start of a sentence or a name, which only the reader can
    tell apart) or ``"other"`` (small letters, "iOS", "McKinsey", a digit: kept as typed)."""
    first = text.split(" ", 1)[0]
    stem = first.removesuffix("s")
    if first in _ARTICLES:
        return "article"
    if sum(c.isalpha() for c in stem) > 1 and stem.isupper():
        return "acronym"
    if first[:1].isupper() and not any(c.isupper() for c in first[1:]):
        return "capital"
    return "other"


def article_small(text: str) -> str:
    """``text`` with an opening article written small: "A fractional CFO" → "a fractional
    CFO"; anything else as it is."""
    if opening(text) != "article":
        return text
    first = text.split(" ", 1)[0]
    return first.lower() + text[len(first) :]


#: Words that open a need and are no name: written small inside a sentence ("they are
#: looking for advice on relocating to Lisbon").
ORDINARY_OPENINGS = frozenset((
    "some", "more", "any", "new", "good", "better", "first", "two", "three", "one", "other",
    "how", "what", "where", "who", "which", "to", "for", "with", "about", "on", "in",
    "advice", "help", "introductions", "introduction", "intros", "intro", "feedback",
    "candidates", "mentors", "mentor", "mentoring", "contacts", "referrals", "referral",
    "speakers", "volunteers", "beta", "investors", "investor", "recommendations", "insight",
    "insights", "guidance", "support", "tips", "ideas", "connections", "participants",
    "partners", "peers", "funding", "coaching", "hiring", "work", "jobs", "job", "roles",
    "role", "information", "reviewers", "testers", "pilot", "public", "case", "code",
    "industry", "illustrators", "usability", "suppliers", "startups", "climate", "data",
    "operators", "policy", "utility", "contract", "freelance", "part-time", "senior",
    "junior", "office", "space", "someone", "anyone", "people", "customers", "users",
    "questions", "answers", "input", "reviews", "review", "notes", "templates", "examples",
))  # fmt: skip


def looking_for(needs: list[str]) -> str:
    """What someone is looking for, as a clause: "they are looking for a co-founder; office
    space". A need written "Looking for …" loses those words, and one opening with an
    article reads "a fractional CFO …". One that starts as a sentence ("Advice on
    relocating") is written small when its first word is an ordinary one (of
    :data:`ORDINARY_OPENINGS`); any
    other capitalised opening may be a name ("Berlin", "Python") and follows a colon
    instead; an acronym ("UX mentors") needs neither (see ``opening``)."""
    items = [n[len("looking for ") :] if n.lower().startswith("looking for ") else n for n in needs]
    text = article_small("; ".join(item.strip() for item in items))
    if opening(text) == "capital":
        first = text.split(" ", 1)[0]
        word = first.strip(",;:").lower()
        if word not in ORDINARY_OPENINGS:
            return f"they are looking for: {text}"
        text = first.lower() + text[len(first) :]
    return f"they are looking for {text}"


def give_what(need: str | None, interest: str | None) -> str:
    """What to give someone, by what is known of them: what they are looking for; else
    what they care about; else the usual gifts."""
    if need:
        return looking_for([need])
    if interest:
        return f"they care about {interest}: share an article or an event on it"
    return "share an article, an introduction, or your own help"


def both_at(place: str, now: bool) -> str:
    """Two colleagues whose dates are unknown: "both work at Initrode" while both are there
    now, "both worked at Initrode" otherwise (one or both have left)."""
    return f"both {'work' if now else 'worked'} at {place}"


def met_text(v: dict[str, Any]) -> str | None:
    """How you met someone (a person's view), each fact once: "met at X" (how) and the
    event X read "at X"; an import's day the connection's ("imported from LinkedIn;
    connected on D"); else the day of the first contact."""
    met = v["met"]
    how = (met["how"] or "").strip()
    if how[:4].lower() == "met ":
        how = how[4:]  # after the "Met:" label
    said = how.lower()
    event, by = met["event"], met["introduced_by"]
    on = met["on"] and f"on {met['on']}"
    if on and said.startswith("imported from "):  # the day connected, not the import's
        how = f"{how}; {'connected' if said.endswith('linkedin') else 'first known'}"
    parts = [how, event and event.lower() not in said and f"at {event}", on,
             by and by.lower() not in said and f"introduced by {by}"]  # fmt: skip
    text = " ".join(p for p in parts if p)
    return text or (f"first contact {v['first_met']}" if v["first_met"] else None)


#: How the summaries of the messages a "Done" on the agenda logs end.
AGENDA_MARK = " (agenda)"


#: How the summaries of the messages a step of an introduction logs end: " (introduction #3)".
INTRO_MARK = " (introduction #"


def intro_note(note: str, intro_id: int) -> str:
    """The summary of the message a step of an introduction logs."""
    return f"{note}{INTRO_MARK}{intro_id})"


def greeting_note(campaign: str) -> str:
    """The summary of a campaign greeting marked done without a note of what was said."""
    return f"{campaign} check-in"
