"""Needs and offers that complement each other across the demo network, to introduce.

Drawn with a random source of its own, so the rest of the demo stays as it was.
"""

from __future__ import annotations

import random

from netweave.demo.state import Net

#: (need, offer) pairs that match in meaning more than in words.
COMPLEMENTS = (
    (
        "A technical cofounder who knows machine learning",
        "AI researcher, open to joining an early-stage company",
    ),
    (
        "Someone who can explain how to price a subscription product",
        "Has run pricing experiments for SaaS startups",
    ),
    (
        "A mentor who has led engineering teams",
        "Coaching for first-time engineering managers",
    ),
    (
        "Investors for a community solar project",
        "Angel investor in renewable energy startups",
    ),
    (
        "A designer for a mobile app prototype",
        "Freelance UI designer taking on app projects",
    ),
    (
        "Advice on breaking into venture capital",
        "Partner at a climate fund, glad to talk about careers in investing",
    ),
)


def add_complements(net: Net, seed: int) -> None:
    """Give pairs of people who do not know each other (and need or offer nothing else) a
    need and the matching offer."""
    rng = random.Random(f"weave-{seed}")
    everyone = sorted(pid for pid in net.names if pid != net.me)
    # people with no needs or offers of their own yet, so that these are their best match
    free = [pid for pid in everyone if pid not in net.profiled]
    people = free if len(free) >= 2 * len(COMPLEMENTS) else everyone
    for need, offer in COMPLEMENTS:
        if len(people) < 2:
            return
        for _ in range(20):
            seeker, helper = rng.sample(people, 2)
            if (min(seeker, helper), max(seeker, helper)) not in net.pairs:
                break
        net.out.add("need", person_id=seeker, text=need)
        net.out.add("offer", person_id=helper, text=offer)
        if len(people) > 2 * len(COMPLEMENTS):  # each in one pair, the network allowing
            people = [pid for pid in people if pid not in (seeker, helper)]
