"""Whether a company typed for someone is an employer, or a status written where one goes.

People often fill the company field with how they work rather than where: "Freelance",
"Self-employed", "Retired", "Student", "Stealth startup", "Open to work", or a blank
written "None", "N/A", "-". Such a word is kept as typed (it is what the person said of
themselves), but it is not an employer: two freelancers do not work together, nobody is
"at Retired", and no warm path runs through "Self-employed". This module is the one rule;
everything that treats a shared organization as a shared workplace asks it.
"""

from __future__ import annotations

from netweave.logic.normalize import normalize_org

#: The organization keys (``normalize_org``) of words that say how someone works, not where.
NOT_EMPLOYER_KEYS = frozenset(
    {
        "",  # "-", "—", "/": nothing but punctuation
        "freelance",
        "freelancer",
        "freelancing",
        "self employed",
        "selfemployed",
        "self",
        "independent",
        "independent consultant",
        "independent contractor",
        "retired",
        "unemployed",
        "student",
        "stealth",
        "stealth startup",
        "stealth mode",
        "stealth mode startup",
        "open to work",
        "looking for work",
        "between jobs",
        "career break",
        "none",
        "n a",
        "na",
        "no company",
        "unknown",
    }
)


def is_employer(name: str | None) -> bool:
    """Whether an organization's name names a workplace: "Initrode" does; "Freelance",
    "Self-employed", "Retired", "Stealth startup", "N/A" and "-" do not (see
    ``NOT_EMPLOYER_KEYS``; case, accents, punctuation and a legal form are ignored)."""
    return name is not None and normalize_org(name) not in NOT_EMPLOYER_KEYS


def work_line(title: str | None, company: str | None) -> str:
    """A person's work in one phrase: "Photographer at Initrode", but "Photographer,
    Freelance" and "Former plant manager, Retired" when the company is a status rather than
    an employer (it reads inside brackets too); the one of them given alone; "" without
    either."""
    if title and company:
        return f"{title} at {company}" if is_employer(company) else f"{title}, {company}"
    return title or company or ""


def not_an_employer(name: str, so: str) -> str:
    """The one line refusing a status taken for an employer: "Freelance is a status, not an
    employer: it cannot be a target"."""
    return f"{name} is a status, not an employer: {so}"
