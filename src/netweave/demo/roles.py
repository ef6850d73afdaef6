"""What people in the demo need and offer, by the kind of work their job title says they do.

Each role reads a title by its words; a person's needs and offers come from the first role
whose words their title holds (people without a job from ``OTHERS``), the texts used least
so far first, so the same sentence comes back rarely. Needs and offers of different roles
answer each other (a founder needs pitch feedback an investor offers), and are drawn with
a random source of their own, so the rest of the demo stays as it was.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    """A kind of work: the title words that say it, and what such people need and offer."""

    words: tuple[str, ...]
    needs: tuple[str, ...]
    offers: tuple[str, ...]


ROLES: tuple[Role, ...] = (
    Role(
        ("Founder",),
        ("Feedback on a pitch deck before a seed round",
         "Intros to impact investors focused on carbon removal",
         "A co-founder with hardware experience",
         "Pilot customers among utilities for a grid product"),
        ("Office hours for early-stage climate founders",
         "Honest notes on what raising a first round was like",
         "Can introduce people to founders in energy storage"),
    ),
    Role(
        ("Investment", "Principal"),
        ("Climate startups raising a seed round",
         "Operators who could advise our portfolio companies on hiring",
         "A sharper view of the heat-pump installer market"),
        ("Feedback on pitch decks from an investor's side",
         "Can explain how early-stage investors read a cap table",
         "Can explain what a term sheet commits a founder to"),
    ),
    Role(
        ("Engineering Manager", "VP of Product", "Head of Product"),
        ("Candidates for a senior product manager opening",
         "Advice on growing a team from five to twenty people",
         "A peer group of new engineering leaders"),
        ("Coaching on the move from engineer to manager",
         "Can share how we run hiring loops for product teams",
         "Mock leadership interviews for first-time managers"),
    ),
    Role(
        ("CTO", "Engineer", "Developer"),
        ("Referrals for two engineers our team is hiring",
         "Advice on moving from software into hardware",
         "Code reviewers for an open-source battery-modelling library",
         "Contacts at cell manufacturers for sample batteries",
         "A test lab that can certify power electronics"),
        ("Mock system-design interviews for engineers",
         "Knows the Bay Area engineering hiring market well",
         "Happy to pair on debugging embedded firmware",
         "Can explain battery management systems to non-engineers",
         "Reviews of hardware designs before a prototype run"),
    ),
    Role(
        ("Design", "Creative", "Brand"),
        ("Feedback on a design portfolio before applying to senior roles",
         "Illustrators for an annual report on community solar",
         "A design systems mentor",
         "Usability testers for an energy dashboard"),
        ("Portfolio reviews for junior designers",
         "Happy to review resumes for product and design roles",
         "Accessibility reviews of web forms",
         "Can run a design critique for a small team",
         "Figma templates for climate data visuals"),
    ),
    Role(
        ("Product",),
        ("Advice on moving from fintech into climate product roles",
         "Beta testers for a home battery app",
         "A senior product role at a grid or storage startup",
         "Utility operators willing to talk about their outage tools"),
        ("Mock interviews for product managers",
         "Speaking slots at a monthly product meetup",
         "Happy to review product specs and roadmaps",
         "Can explain how grid operators buy software"),
    ),
    Role(
        ("UX Researcher", "Research Analyst"),
        ("Participants for interviews about home energy use",
         "A user research role at a climate company"),
        ("Feedback on user research plans",
         "Can show how to run a customer interview without leading questions"),
    ),
    Role(
        ("Data",),
        ("A data science role in healthcare",
         "Public datasets on grid emissions by hour",
         "A second reviewer for a forecasting model",
         "Advice on publishing a first data-science paper"),
        ("Mentoring for career switchers into data science",
         "Help with SQL and dashboards for small nonprofits",
         "Can review machine-learning models for load forecasting",
         "Happy to explain causal inference over coffee",
         "Office hours on building a first data pipeline"),
    ),
    Role(
        ("Recruit", "Talent"),
        ("Candidates for senior battery engineering roles",
         "Referrals for a product designer opening",
         "Data scientists open to a move into climate",
         "Policy analysts curious about working at a startup"),
        ("Intros to recruiters at large tech companies",
         "Can share salary benchmarks for fintech roles",
         "Happy to review resumes before a job search",
         "Tips on getting past applicant-tracking systems"),
    ),
    Role(
        ("Carbon Accounting", "Sustainability"),
        ("Suppliers' emissions data for a scope 3 inventory",
         "Peers to compare carbon-accounting software with",
         "Advice on getting an emissions audit ready"),
        ("Can explain carbon accounting standards in plain words",
         "Can help set up a first carbon inventory",
         "A framework for a first sustainability report"),
    ),
    Role(
        ("Risk", "Credit", "Compliance", "Payments", "Platform", "Product Owner"),
        ("Advice on moving from banking into climate finance",
         "Contacts in payments compliance at fintech startups",
         "A mentor who has moved from risk into product",
         "A reference check on a payments vendor"),
        ("Advice on payments and risk product strategy",
         "Can explain how lenders assess a young company's credit",
         "Can walk founders through a bank's compliance review",
         "Can review a loan application before it goes to a bank"),
    ),
    Role(
        ("Policy", "Planner", "Energy Analyst", "Digital Services", "Program Manager"),
        ("Contacts at utilities working on demand response",
         "Speakers for a public workshop on building electrification",
         "Startups willing to share data on EV charging use"),
        ("Introductions to state energy policy staff",
         "Can explain how state energy programs fund pilot projects",
         "Happy to explain how public comment on utility rates works"),
    ),
    Role(
        ("Nurse", "Clinical", "Medical", "Patient"),
        ("Introductions to hospital innovation teams",
         "Advice on moving from clinical work into health tech"),
        ("Can explain how clinics choose new software",
         "Insight into how hospitals buy new tools"),
    ),
    Role(
        ("Operations", "Chief of Staff", "Customer Success", "Account"),
        ("A playbook for onboarding enterprise customers",
         "Recommendations for a good accountant for a small company",
         "A warehouse partner in the East Bay",
         "Advice on setting up quarterly planning"),
        ("Happy to share hiring and onboarding templates",
         "Can review a customer-support setup",
         "Knows freight and logistics firms around Oakland",
         "Templates for board updates and quarterly plans"),
    ),
    Role(
        ("Director", "Development", "Grants", "Community", "Volunteer"),
        ("Volunteers with data skills for a food-bank project",
         "Introductions to family foundations funding climate education",
         "A venue for a neighborhood climate fair"),
        ("Guidance on grant writing for nonprofits",
         "Speaking slots at a monthly community climate night",
         "Can connect people with volunteer groups in Oakland"),
    ),
    Role(
        ("Professor", "Career Advisor", "Alumni", "PhD", "Lecturer", "Dean", "Research Scientist"),
        ("Mentors for first-generation students",
         "Speakers for a climate careers panel",
         "Industry partners for a student capstone project"),
        ("Happy to talk about doing a PhD in environmental science",
         "Connections to the Bayview alumni network",
         "Can point students to research assistant positions"),
    ),
    Role(
        ("Consultant", "Associate", "Engagement", "Partner"),
        ("Advice on leaving consulting for an operating role",
         "Case studies of companies that cut their emissions"),
        ("Frameworks for sizing a new market",
         "Mock case interviews for consulting applicants"),
    ),
)  # fmt: skip

#: The needs and offers of people without a job title.
OTHERS = Role(
    (),
    ("Advice on relocating to Berlin for work",
     "Advice on negotiating a first manager offer",
     "A part-time role while finishing a degree",
     "Advice on returning to work after a career break",
     "A mentor for a move into project management",
     "Contract work in operations or research"),
    ("Happy to review resumes before a job search",
     "Knows the Oakland climate volunteering scene well",
     "Can share what a career break taught about job hunting",
     "Happy to proofread cover letters",
     "Can explain how to freelance in the Bay Area"),
)  # fmt: skip

#: Titles one person holds at an organization: a second one there gets another title.
SINGLE_TITLES = frozenset(
    ("Founder & CEO", "CTO", "VP of Product", "Head of Product", "Head of Platform",
     "Executive Director", "Dean of Students", "Medical Director", "Chief of Staff")
)  # fmt: skip


def role_of(title: str | None) -> Role:
    """The role a job title says (``OTHERS`` without one, or for a title of no role)."""
    if title:
        for role in ROLES:
            if any(word in title for word in role.words):
                return role
    return OTHERS


def pick(
    rng: random.Random, used: Counter[str], title: str | None, need: bool, count: int
) -> list[str]:
    """``count`` distinct needs (else offers) for someone with ``title``: of their role's,
    the ones ``used`` least so far (counted in), ties broken by ``rng``."""
    role = role_of(title)
    pool: Sequence[str] = role.needs if need else role.offers
    ordered = sorted(pool, key=lambda t: (used[t], rng.random()))
    chosen = ordered[:count]
    used.update(chosen)
    return chosen
