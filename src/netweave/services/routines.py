"""The agenda's routines beyond cadence, one module each, gathered under one name.

Dormant-tie refreshes (``dormant``), give-backs (``give_backs``), the 3B7 steps of
unanswered outreach (``followup_steps``) and campaign greetings (``campaign_agenda``).
"""

from __future__ import annotations

from netweave.services.campaign_agenda import campaign_items
from netweave.services.dormant import (
    DORMANT_AFTER_DAYS,
    REFRESH_EVERY_WEEKS,
    REFRESH_SHOWN_DAYS,
    REFRESH_SPARE,
    REFRESHES_PER_WEEK,
    refresh_items,
    week_number,
)
from netweave.services.followup_steps import (
    FOLLOW_UPS_PER_DAY,
    OUTREACH_WINDOW_DAYS,
    FollowUps,
    followup_items,
    followup_steps,
    second_contacts_made,
    steps_held,
)
from netweave.services.give_backs import (
    GIVE_BACK_WINDOW_DAYS,
    GIVE_REST_DAYS,
    GIVE_SHOWN_DAYS,
    GIVES_PER_DAY,
    give_items,
)

__all__ = [
    "DORMANT_AFTER_DAYS",
    "FOLLOW_UPS_PER_DAY",
    "GIVES_PER_DAY",
    "GIVE_BACK_WINDOW_DAYS",
    "GIVE_REST_DAYS",
    "GIVE_SHOWN_DAYS",
    "OUTREACH_WINDOW_DAYS",
    "REFRESHES_PER_WEEK",
    "REFRESH_EVERY_WEEKS",
    "REFRESH_SHOWN_DAYS",
    "REFRESH_SPARE",
    "FollowUps",
    "campaign_items",
    "followup_items",
    "followup_steps",
    "give_items",
    "refresh_items",
    "second_contacts_made",
    "steps_held",
    "week_number",
]
