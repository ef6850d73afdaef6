"""Word pools and distribution tables for the synthetic demo network (all fictional)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sector:
    """A kind of organization: how its names are formed, its industry label and job titles."""

    key: str
    weight: int
    industry: str
    first: tuple[str, ...]
    second: tuple[str, ...]
    titles: tuple[str, ...]


SECTORS: tuple[Sector, ...] = (
    Sector(
        "climate", 16, "Climate tech",
        ("Verdant", "Helio", "Ampere", "Tidewater", "Cinder", "Gridline", "Solstice", "Terra",
         "Kelp", "Watershed", "Boreal", "Sunbeam", "Halcyon", "Fernleaf", "Carbonfield"),
        ("Energy", "Grid", "Carbon", "Power", "Climate", "Storage", "Mobility", "Materials",
         "Heat"),
        ("Product Manager, Grid Software", "Head of Product", "Battery Systems Engineer",
         "Carbon Accounting Lead", "Policy Analyst", "Founder & CEO", "Operations Lead",
         "Data Scientist", "Talent Partner", "Senior Product Designer", "Hardware Engineer",
         "Chief of Staff"),
    ),
    Sector(
        "software", 24, "Software",
        ("Lattice", "Quill", "Beacon", "Orbit", "Pylon", "Cobalt", "Fathom", "Nimbus", "Juniper",
         "Parallax", "Moss", "Tessellate", "Harbinger", "Kestrel", "Waypoint"),
        ("Software", "Labs", "Analytics", "AI", "Cloud", "Data", "Systems", "Works", "Learning"),
        ("Senior Software Engineer", "Staff Engineer", "Engineering Manager", "Product Manager",
         "Senior Product Designer", "Data Scientist", "Technical Recruiter", "VP of Product",
         "Developer Advocate", "Customer Success Manager", "UX Researcher", "CTO"),
    ),
    Sector(
        "finance", 12, "Financial services",
        ("Harbor", "Summit", "Keystone", "Meridian", "Granite", "Union Square", "Pioneer",
         "Coastline", "Larch", "Bridgewater Valley"),
        ("Bank", "Capital", "Financial", "Credit Union", "Pay", "Ventures", "Partners"),
        ("Risk Analyst", "Vice President, Payments", "Product Owner", "Credit Analyst",
         "Compliance Manager", "Recruiter", "Investment Associate", "Principal",
         "Head of Platform"),
    ),
    Sector(
        "nonprofit", 8, "Nonprofit",
        ("Open", "Common", "Bright", "Green", "Civic", "Hope", "Bridge", "Fair Futures",
         "Kinship", "Neighborly"),
        ("Foundation", "Alliance", "Collective", "Fund", "Project", "Institute", "Network"),
        ("Program Director", "Executive Director", "Development Manager", "Community Organizer",
         "Volunteer Coordinator", "Grants Manager", "Policy Fellow"),
    ),
    Sector(
        "university", 6, "Higher education",
        ("Bayview", "Lakeshore", "Northgate", "Riverside", "Eastfield", "Pacific Coast",
         "Mount Harlow", "Cedar Valley"),
        ("University", "College", "Institute of Technology", "State University"),
        ("Professor of Economics", "Career Advisor", "Alumni Relations Officer",
         "Research Scientist", "PhD Candidate", "Lecturer in Design", "Dean of Students"),
    ),
    Sector(
        "agency", 8, "Design & marketing",
        ("Fieldwork", "Paper Kite", "Signal", "Marigold", "Atlas", "Northstar", "Copper",
         "Ampersand"),
        ("Studio", "Design", "Creative", "Agency", "Collective"),
        ("UX Designer", "Creative Director", "Brand Strategist", "Account Director",
         "Content Designer", "Design Lead"),
    ),
    Sector(
        "government", 4, "Government",
        ("Regional", "Metro", "State", "County", "Bay Area"),
        ("Transit Authority", "Energy Commission", "Health Department", "Planning Office",
         "Climate Office"),
        ("Policy Advisor", "Program Manager", "Energy Analyst", "Urban Planner",
         "Chief of Staff", "Digital Services Lead"),
    ),
    Sector(
        "health", 6, "Healthcare",
        ("Mercy", "Cedar", "Kindred", "Bluebird", "Lumen", "Evergreen"),
        ("Health", "Medical Group", "Clinics", "Therapeutics", "Care"),
        ("Nurse Practitioner", "Clinical Operations Manager", "Health Data Analyst",
         "Product Manager, Patient Apps", "Medical Director"),
    ),
    Sector(
        "consulting", 6, "Consulting",
        ("Baird", "Larkspur", "Whitmore", "Ashby", "Fairweather", "Stonebridge"),
        ("& Partners", "Consulting", "Advisory", "Group", "Strategy"),
        ("Consultant", "Senior Associate", "Engagement Manager", "Partner",
         "Sustainability Consultant", "Research Analyst"),
    ),
)  # fmt: skip

#: Qualifiers that keep generated organization names distinct in very large networks.
REGIONS = (
    "West", "East", "Europe", "Asia Pacific", "Nordics", "Latin America", "Africa", "Canada",
    "Texas", "Midwest", "India", "Japan", "UK", "Iberia", "Benelux", "Australia",
)  # fmt: skip

#: The organizations the story is about: (name, sector). The user works at the first.
ANCHORS: tuple[tuple[str, str], ...] = (
    ("Ledgerline", "finance"),
    ("Brightpath Learning", "software"),
    ("Verdant Grid", "climate"),
    ("Helio Storage", "climate"),
    ("Tidewater Carbon", "climate"),
    ("Ampere Mobility", "climate"),
    ("Kelp Forest Labs", "climate"),
    ("Solstice Home Energy", "climate"),
    ("Gridline Analytics", "climate"),
    ("Watershed Materials", "climate"),
    ("Open Climate Fund", "nonprofit"),
    ("Boreal Heat Pumps", "climate"),
    ("Harbor Bank", "finance"),
    ("Fieldwork Studio", "agency"),
)

#: (name, kind, typical role); the first school and alumni group are the user's.
COMMUNITIES: tuple[tuple[str, str, str], ...] = (
    ("Bayview University", "school", "BA Economics"),
    ("Lakeshore Institute of Technology", "school", "MS Computer Science"),
    ("Northgate College", "school", "BA Communication"),
    ("Riverside State University", "school", "BS Mechanical Engineering"),
    ("Pacific Coast School of Business", "school", "MBA"),
    ("Eastfield University", "school", "MS Environmental Science"),
    ("Mount Harlow College", "school", "BFA Graphic Design"),
    ("Bayview Alumni — Bay Area Chapter", "alumni", "Member"),
    ("Lakeshore Tech Alumni Network", "alumni", "Member"),
    ("Pacific Coast MBA Alumni", "alumni", "Member"),
    ("Women in Product — Bay Area", "club", "Member"),
    ("Climate Designers Collective", "club", "Member"),
    ("Oakland Trail Runners", "club", "Member"),
    ("Downtown Toastmasters", "club", "Member"),
    ("Grid Software Guild", "club", "Member"),
    ("Product Leaders Circle", "club", "Member"),
    ("First-Gen Professionals Network", "club", "Volunteer"),
)

#: (name pattern, kind, place); ``{year}`` and ``{month}`` are filled from the date.
EVENTS: tuple[tuple[str, str, str], ...] = (
    ("Climate Tech Summit {year}", "conference", "Moscone West, San Francisco"),
    ("Product Camp Bay Area {year}", "conference", "Oakland Convention Center"),
    ("Grid Software Meetup — {month} {year}", "meetup", "Verdant Grid office, Oakland"),
    ("Women in Product Mixer — {month}", "meetup", "The Hall, San Francisco"),
    ("Bayview Alumni Networking Night {year}", "party", "Bayview Faculty Club"),
    ("Design Systems Night — {month}", "meetup", "Fieldwork Studio, San Francisco"),
    ("Carbon Accounting Workshop", "class", "Eastfield University"),
    ("Founders & Funders Breakfast — {month}", "other", "Ferry Building, San Francisco"),
    ("Energy Storage Forum {year}", "conference", "San Jose McEnery Convention Center"),
    ("Fintech Product Meetup — {month} {year}", "meetup", "Harbor Bank, San Francisco"),
    ("Climate Careers Fair {year}", "other", "Open Climate Fund, Berkeley"),
    ("Data for Good Hack Night — {month}", "meetup", "Civic Hall, Oakland"),
    ("Heat Pump Installers Expo {year}", "conference", "Sacramento Convention Center"),
    ("PM Leadership Dinner — {month}", "party", "Nopa, San Francisco"),
    ("UX Research Meetup — {month} {year}", "meetup", "Remote (Zoom)"),
    ("Clean Mobility Roundtable", "other", "Metro Transit Authority, Oakland"),
    ("Lakeshore Tech Alumni Reunion {year}", "party", "Lakeshore campus"),
    ("Responsible AI Summit {year}", "conference", "Seattle Convention Center"),
    ("Toastmasters Open House — {month}", "class", "Downtown Library, Oakland"),
    ("Climate Designers Happy Hour — {month}", "party", "Temescal Brewing, Oakland"),
    ("Startup Product Teardown — {month}", "meetup", "Beacon Labs, San Francisco"),
    ("Energy Policy Salon — {month} {year}", "other", "Bay Area Climate Office"),
    ("Women in Climate Breakfast — {month}", "meetup", "Blue Bottle, Oakland"),
    ("Bayview Career Panel {year}", "class", "Bayview University"),
    ("Hardware Startups Demo Day {year}", "conference", "Pier 27, San Francisco"),
)

INTERESTS: dict[str, tuple[str, ...]] = {
    "personal": (
        "trail running", "cycling", "ceramics", "rock climbing", "cooking", "jazz", "photography",
        "gardening", "chess", "yoga", "birdwatching", "sourdough baking", "surfing", "knitting",
        "sci-fi novels", "woodworking", "hiking", "learning Japanese", "salsa dancing",
        "film photography",
    ),
    "professional": (
        "climate tech", "product strategy", "energy markets", "UX research", "machine learning",
        "payments", "carbon accounting", "design systems", "developer tools", "public policy",
        "data visualization", "battery chemistry", "impact investing", "growth marketing",
        "open source", "supply chains", "health equity", "urban mobility", "fintech regulation",
        "mentoring",
    ),
    "social": (
        "board games", "community gardening", "book club", "volunteering at food banks",
        "pickup soccer", "trivia nights", "hosting dinners", "alumni events", "choir",
        "mentoring students", "local politics", "beach cleanups", "karaoke", "wine tasting",
        "running club",
    ),
}  # fmt: skip

NOTES = (
    "Prefers text over email.",
    "Two kids; coaches little-league soccer on weekends.",
    "Training for the Berkeley half marathon.",
    "Just moved back from Lisbon — ask how the transition went.",
    "Great at explaining technical trade-offs to non-engineers.",
    "Loves specialty coffee; suggest Blue Bottle when meeting.",
    "Writes a newsletter on energy markets.",
    "Mentioned wanting to move into a management role next year.",
    "Was very generous with time when I was job hunting in 2019.",
    "Vegetarian; likes the ramen place on Telegraph.",
    "Hosts a podcast about design leadership.",
    "Recently promoted — send congratulations.",
    "On parental leave until the fall.",
    "Knows everyone in the Oakland climate scene.",
    "Volunteers with a coding program for teens.",
)

TOPICS = (
    "grid-scale storage", "their new role", "hiring plans for next year", "product roadmaps",
    "moving into climate tech", "a podcast recommendation", "the fundraising market",
    "design systems", "mentoring junior PMs", "relocating to Berlin", "carbon accounting",
    "remote team rituals", "pricing experiments", "a conference talk",
    "the alumni mentoring program", "interview prep", "their startup's seed round",
    "heat-pump adoption", "a book on negotiation",
    "user research methods", "energy policy changes", "their team reorg", "a side project",
    "career paths in product", "salary benchmarks", "a job opening on their team",
)  # fmt: skip

#: Summary templates per interaction kind with the direction they imply.
SUMMARIES: dict[str, tuple[tuple[str, str], ...]] = {
    "coffee": (
        ("Coffee in {city}: talked about {topic}", "both"),
        ("Caught up over coffee — {topic}", "both"),
        ("Morning coffee; {given} shared thoughts on {topic}", "both"),
    ),
    "meeting": (
        ("Lunch with {given}: {topic}", "both"),
        ("Visited {given} at the office to talk about {topic}", "both"),
        ("Walk and talk about {topic}", "both"),
    ),
    "call": (
        ("Phone call about {topic}", "both"),
        ("{given} called to ask about {topic}", "in"),
        ("Quick call to catch up on {topic}", "out"),
    ),
    "video": (
        ("Video chat: {topic}", "both"),
        ("Informational interview about {topic} (TIARA questions)", "both"),
        ("Zoom catch-up on {topic}", "both"),
    ),
    "email": (
        ("Sent {given} an article about {topic}", "out"),
        ("{given} emailed about {topic}", "in"),
        ("Thank-you note after our chat about {topic}", "out"),
        ("Updated {given} on how the advice about {topic} worked out", "out"),
        ("Replied to {given}'s question about {topic}", "both"),
    ),
    "message": (
        ("LinkedIn message about {topic}", "out"),
        ("{given} texted about {topic}", "in"),
        ("Congratulated {given} on the new role", "out"),
        ("Quick check-in by text", "out"),
        ("{given} shared a job post related to {topic}", "in"),
    ),
    "note": (
        ("Note: {given} is thinking about {topic}", "out"),
        ("Note: {given} mentioned {topic}", "out"),
    ),
}

#: Short notes on exchanges, by kind.
EXCHANGE_NOTES: dict[str, tuple[str, ...]] = {
    "advice": ("Advice on a career move", "Feedback on a resume", "Tips for a salary negotiation"),
    "information": ("Salary bands for senior roles", "How their team interviews",
                    "Notes on the energy storage market"),
    "introduction": ("Intro to a hiring manager", "Intro to a founder", "Intro to an investor"),
    "referral": ("Referral for an open role", "Internal referral for a product role"),
    "job": ("Open role on their team", "Contract project"),
    "favor": ("Beta-tested their app", "Spoke at their meetup", "Reviewed a grant application"),
}  # fmt: skip

#: How people first met the user when not at an event or at work: text per mode.
MET_TEXT: dict[str, tuple[str, ...]] = {
    "online": (
        "Reached out on LinkedIn after a post about {topic}",
        "Cold email about {topic}",
        "Met in an online community for {topic}",
    ),
    "friend": (
        "Friend of a friend",
        "Neighbor in {city}",
        "Met through {club}",
        "Met on a hiking trip",
    ),
}

#: Tags and the words in a job title that imply them.
TITLE_TAGS: tuple[tuple[str, str], ...] = (
    ("Recruit", "recruiter"), ("Talent", "recruiter"), ("Design", "design"), ("UX", "design"),
    ("Product", "product"), ("Engineer", "engineering"), ("CTO", "engineering"),
    ("Founder", "founder"), ("Data", "data"), ("Policy", "policy"), ("Investment", "investor"),
    ("Principal", "investor"), ("Manager", "hiring-manager"), ("Head of", "hiring-manager"),
)  # fmt: skip
OTHER_TAGS = (
    "mentor", "friend", "speaker", "community", "booster", "conference", "nonprofit", "fintech",
    "climate", "alumni", "former-colleague",
)  # fmt: skip

#: A lead's next step, about the person it goes through (follow-ups and 3B7 second
#: contacts are the leads' tasks, not their steps: the agenda would say each twice).
LEAD_STEPS = (
    "Send a thank-you note within 24 hours",
    "Ask {given} for a 20-minute informational call",
    "Read up on {org}'s latest news before talking to {given}",
    "Prepare TIARA questions for the call with {given}",
    "Send an updated resume to {given}",
    "Send {given} a short update on your search",
)


DEGREES = (
    "BA Economics", "BS Computer Science", "BA Political Science", "BS Environmental Science",
    "BFA Design", "MBA", "MS Data Science", "BA Psychology", "BS Mechanical Engineering",
    "MPP", "BA English", "MS Electrical Engineering",
)  # fmt: skip
CLUB_ROLES = ("Member", "Member", "Member", "Organizer", "Volunteer", "Board member")
LEAD_ROLES = (
    "Senior Product Manager, Grid Software", "Product Lead, Carbon Markets",
    "Group Product Manager", "Senior PM, Home Energy", "Product Manager, Fleet Electrification",
    "Head of Product", "Principal PM, Energy Data Platform",
)  # fmt: skip
TARGET_NOTES = (
    "Series B; building out the grid software team",
    "Strong mission; alumni there",
    "Hiring slowly this year",
    "Great product culture according to friends",
    "Mostly hardware roles; watch for product openings",
    None,
    None,
)
INTRO_STEPS = ("proposed", "asked_a", "asked_b", "agreed", "introduced")

# --- the user ------------------------------------------------------------------------------

#: The user's own record: a product manager in fintech exploring a move into climate tech.
USER = {
    "display_name": "Maya Lindqvist",
    "given_name": "Maya",
    "family_name": "Lindqvist",
    "pronouns": "she/her",
    "headline": "Senior Product Manager at Ledgerline · exploring climate tech",
    "location": "Oakland, CA",
    "birthday": "--09-21",
}
#: (kind, value, normalized, label) of the user's contact points.
USER_CONTACTS = (
    ("email", "maya.lindqvist@example.com", "maya.lindqvist@example.com", "personal"),
    ("phone", "(510) 555-0142", "+15105550142", "mobile"),
    ("linkedin", "https://www.linkedin.com/in/maya-lindqvist", "linkedin.com/in/maya-lindqvist",
     None),
)  # fmt: skip
#: The user's career as (anchor index, title, start days ago, end days ago or None).
USER_CAREER: tuple[tuple[int, str, int, int | None], ...] = (
    (0, "Senior Product Manager", 1650, None),
    (1, "Product Manager", 3300, 1680),
    (12, "Business Analyst", 4400, 3320),
)
#: The user's communities as (community index, start years ago, end years ago or None).
USER_COMMUNITIES: tuple[tuple[int, int, int | None], ...] = (
    (0, 18, 14),
    (7, 14, None),
    (12, 3, None),
)
USER_INTERESTS = (
    ("personal", "trail running"), ("personal", "ceramics"), ("professional", "climate tech"),
    ("professional", "product strategy"), ("professional", "energy markets"),
    ("social", "board games"), ("social", "community gardening"),
)  # fmt: skip
USER_NEEDS = (
    "Introductions to product leaders in climate tech",
    "Advice on moving from fintech into climate product roles",
    "Insight into grid-software and carbon-accounting teams",
)
USER_OFFERS = (
    "Feedback on payments and risk product strategy",
    "Mock interviews for product managers",
    "Introductions to fintech founders in the Bay Area",
)

# --- shapes of the network -------------------------------------------------------------------

#: Share of people per circle (Dunbar-like layers; ``None``: not yet placed in a circle).
CIRCLE_SHARE: tuple[tuple[str | None, float], ...] = (
    ("inner", 0.02), ("close", 0.05), ("active", 0.17), ("wide", 0.40), ("dormant", 0.18),
    (None, 0.18),
)  # fmt: skip
#: How people first met the user, and its likelihood per circle.
MODES = ("colleague", "classmate", "event", "intro", "online", "friend")
MODE_WEIGHTS: dict[str | None, tuple[int, ...]] = {
    "inner": (30, 25, 0, 10, 0, 35),
    "close": (30, 20, 5, 15, 10, 20),
    "active": (20, 10, 25, 15, 20, 10),
    "wide": (12, 8, 30, 15, 28, 7),
    "dormant": (35, 20, 0, 0, 15, 30),  # no introductions: the introducer may be recent
    None: (5, 5, 35, 10, 40, 5),
}
#: Expected interactions over the whole history per circle (before per-person activity).
BASE_COUNT: dict[str | None, float] = {
    "inner": 66, "close": 38, "active": 22, "wide": 12, "dormant": 8, None: 6,
}  # fmt: skip
#: Chance that the user met someone of this circle within the history window.
RECENT_SHARE: dict[str | None, float] = {
    "inner": 0.05, "close": 0.2, "active": 0.55, "wide": 0.6, "dormant": 0.0, None: 0.7,
}  # fmt: skip
#: Chance that the last contact with someone of this circle is within their cadence today.
IN_TOUCH: dict[str | None, float] = {
    "inner": 0.9, "close": 0.85, "active": 0.72, "wide": 0.66, "dormant": 0.0, None: 0.8,
}  # fmt: skip
#: How far past due the others are, as (weight, low, high) fractions of their cadence:
#: mostly a little late, now and then most of a cadence or more (a tie slipping away).
LATENESS: tuple[tuple[float, float, float], ...] = (
    (0.6, 0.0, 0.25), (0.3, 0.25, 0.75), (0.1, 0.75, 1.5),
)  # fmt: skip
#: Interaction kinds with weights, for close relationships and for the rest.
KINDS_NEAR = (
    ("message", 30), ("call", 18), ("coffee", 15), ("meeting", 10), ("video", 8), ("email", 14),
    ("note", 5),
)  # fmt: skip
KINDS_FAR = (
    ("email", 30), ("message", 22), ("video", 12), ("coffee", 12), ("meeting", 8), ("call", 10),
    ("note", 6),
)  # fmt: skip
#: Earliest and latest hour (UTC) per interaction kind.
HOURS = {
    "coffee": (8, 10), "meeting": (11, 14), "call": (9, 17), "video": (9, 17),
    "email": (7, 21), "message": (7, 22), "event": (17, 20), "note": (8, 20),
}  # fmt: skip
EXCHANGE_DIRECTIONS = (("gave", 45), ("received", 35), ("asked", 20))
EXCHANGE_KINDS = (
    ("advice", 35), ("information", 25), ("introduction", 15), ("referral", 7), ("job", 3),
    ("favor", 15),
)  # fmt: skip
#: Cities close enough to the user for coffee.
LOCAL_CITIES = frozenset(("San Francisco, CA", "Oakland, CA", "Berkeley, CA", "San Jose, CA"))
#: Reserved domains (RFC 2606) for personal addresses; organizations get ``name.example``.
PERSONAL_DOMAINS = ("example.com", "example.org", "example.net")
#: US area codes for fictional 555 numbers.
PHONE_AREAS = (
    "415", "510", "650", "408", "925", "707", "212", "646", "718", "917", "206", "425", "512",
    "617", "312", "213", "310", "303", "503", "202",
)  # fmt: skip
SECTOR_TAGS = {"climate": "climate", "finance": "fintech", "nonprofit": "nonprofit"}
#: The usual order of a lead's stages (rejected and withdrawn can end it at any point).
LEAD_PIPELINE = (
    "lead", "researching", "networking", "referral_requested", "applied", "interviewing", "offer",
)  # fmt: skip
LEAD_SOURCES = ("referral", "network", "network", "recruiter", "posting", "other")
