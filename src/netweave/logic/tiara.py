"""TIARA question sheets for informational conversations (Dalton, The 2-Hour Job Search).

Trends, Insights, Advice, Resources, Assignments: questions that ask for the person's
knowledge and experience, never for a job. A conversation built on them leaves the
contact as someone who has helped, which is what makes a later referral natural.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netweave.logic.outreach import in_sentence, with_article

TIARA = ("trends", "insights", "advice", "resources", "assignments")


@dataclass(frozen=True)
class PrepFacts:
    """What is known about the person to prepare for (plain values)."""

    name: str
    given: str
    org: str | None = None
    title: str | None = None
    industry: str | None = None
    #: Their professional interests (a social or personal one is not asked about as work).
    interests: tuple[str, ...] = ()
    #: How the user knows them (a shared school, an introducer, an event).
    connection: str | None = None
    #: What the user is exploring (a role or field), when they said.
    focus: str | None = None
    #: A status written where an employer goes ("Self-employed", "Freelance", "Retired"):
    #: then there is no organization of theirs to ask about, only their line of work.
    status: str | None = None


@dataclass(frozen=True)
class Section:
    """One letter of TIARA with its questions."""

    key: str
    title: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    """The whole sheet: opening, the five sections, and the rules of the conversation."""

    opening: str
    sections: tuple[Section, ...]
    reminders: tuple[str, ...] = field(default_factory=tuple)


def question_sheet(facts: PrepFacts) -> Sheet:
    """A TIARA sheet tailored to the person and their organization."""
    at = f"at {facts.org}" if facts.org else "at your organization"
    if facts.org is None and facts.status:  # one person's business, or no workplace at all
        at = "in your line of work"
    field_ = in_sentence(facts.industry) if facts.industry else None  # "Climate tech", "AI"
    field_ = field_ or (f"work like yours at {facts.org}" if facts.org else "your field")
    role = in_sentence(facts.title) if facts.title else ""
    focus = facts.focus or field_
    opening = f"Thank {facts.given} for the time"
    opening += f" and mention {facts.connection}." if facts.connection else "."
    interest = facts.interests[0] if facts.interests else None
    sections = (
        *_trends_and_insights(field_, at, role, interest),
        *_advice_resources_assignments(field_, focus),
    )
    return Sheet(opening, sections, REMINDERS)


#: What every sheet reminds the user of.
REMINDERS = (
    "Ask for insight and advice, never for a job or a referral: let them offer.",
    "Keep to the time you asked for.",
    "Send a thank-you within 24 hours.",
    "Later, tell them what you did with their advice.",
)


def _trends_and_insights(
    field_: str, at: str, role: str, interest: str | None
) -> tuple[Section, Section]:
    """The questions about their field and their work: where it is going, what it is like."""
    return (
        Section(
            "trends",
            "Trends",
            (
                f"What trends are shaping {field_} right now?",
                f"What is changing {at} that an outsider would not see yet?",
            ),
        ),
        Section(
            "insights",
            "Insights",
            (
                f"What surprised you most about working as {with_article(role)}?"
                if role
                else "What surprised you most about your work?",
                f"What do the people who do well {at} have in common?",
                *(
                    (f"How does your interest in {interest} show up in your work?",)
                    if interest
                    else ()
                ),
            ),
        ),
    )


def _advice_resources_assignments(field_: str, focus: str) -> tuple[Section, Section, Section]:
    """The questions about what the user could do next: advice, whom to know, what to try."""
    return (
        Section(
            "advice",
            "Advice",
            (
                f"If you were starting out in {focus} today, what would you do first?",
                "If you were in my shoes, how would you prepare?",
            ),
        ),
        Section(
            "resources",
            "Resources",
            (
                f"Which people, groups or events should I know about in {field_}?",
                "Is there anyone else you think I should talk to?",
            ),
        ),
        Section(
            "assignments",
            "Assignments",
            (
                "What projects do people in a role like yours work on in their first year?",
                "What could I do or read in the next month to test my interest?",
            ),
        ),
    )


#: Words that turn a question into a job ask (checked by the tests on every sheet).
JOB_ASK_WORDS = ("job", "hiring", "opening", "position", "refer me", "referral", "vacanc", "resume")
