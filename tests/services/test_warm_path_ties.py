"""Warm paths on both backends: introducers, introductions made, dismissed pairs, titles."""

from __future__ import annotations

import datetime as dt

from factories import person, talk
from netweave.services import intros, knows
from netweave.services.context import Context
from netweave.services.paths import warm_paths

D = dt.date


def _by_target(ctx: Context, org: str) -> dict[str, dict[str, object]]:
    return {str(p["target_person"]): p for p in warm_paths(ctx, org, limit=50)}


def test_a_path_goes_through_whoever_introduced_the_user_to_the_person(ctx: Context) -> None:
    person(ctx, "Me Myself", is_me=True)
    person(ctx, "Al Bee")
    person(ctx, "Ed Fox", company="Zeta", introduced_by="Al Bee")
    talk(ctx, "Al Bee", on=D(2026, 6, 1), kind="coffee")
    ed = _by_target(ctx, "Zeta")["Ed Fox"]
    assert ed["hops"] == ["Al Bee"]
    assert str(ed["reason"]).startswith("Al Bee introduced you to Ed Fox; your tie to Al Bee")
    # and the other way round: Al at the organization, reached through Ed
    person(ctx, "Cy Dee", company="Yotta")
    person(ctx, "Di Eck", introduced_by="Cy Dee")
    talk(ctx, "Di Eck", on=D(2026, 6, 1), kind="coffee")
    cy = _by_target(ctx, "Yotta")["Cy Dee"]
    assert cy["hops"] == ["Di Eck"]
    assert str(cy["reason"]).startswith("Cy Dee introduced you to Di Eck")


def test_a_pair_said_not_to_know_each_other_is_no_way_in(ctx: Context) -> None:
    person(ctx, "Me Myself", is_me=True)
    person(ctx, "Carla Diaz", company="Globex", title="Recruiter")
    person(ctx, "Vic Stone", company="Globex", title="Designer")
    person(ctx, "Al Bee")
    person(ctx, "Ed Fox", company="Zeta", introduced_by="Al Bee")
    talk(ctx, "Carla Diaz", on=D(2026, 6, 1), kind="coffee")
    talk(ctx, "Al Bee", on=D(2026, 6, 1), kind="coffee")
    assert _by_target(ctx, "Globex")["Vic Stone"]["hops"] == ["Carla Diaz"]
    knows.dismiss(ctx, "Carla Diaz", "Vic Stone")
    assert _by_target(ctx, "Globex")["Vic Stone"]["hops"] == []
    knows.dismiss(ctx, "Al Bee", "Ed Fox")
    assert _by_target(ctx, "Zeta")["Ed Fox"]["hops"] == []
    knows.add_knows(ctx, "Carla Diaz", "Vic Stone")  # recorded by hand after all
    assert _by_target(ctx, "Globex")["Vic Stone"]["hops"] == ["Carla Diaz"]


def test_someone_the_user_introduced_is_reached_directly_not_through_the_other(
    ctx: Context,
) -> None:
    person(ctx, "Me Myself", is_me=True)
    person(ctx, "Hugo Park", company="Studio Hugo")
    person(ctx, "Iris Wong", company="Globex")
    talk(ctx, "Iris Wong", on=D(2026, 6, 1), kind="meeting")
    intro = intros.propose(ctx, "Hugo Park", "Iris Wong", "both love jazz")["id"]
    intros.ask(ctx, intro)
    intros.agree(ctx, intro)  # Hugo, asked first, said yes to the user
    assert _by_target(ctx, "Studio Hugo")["Hugo Park"]["hops"] == []
    for step in (intros.ask, intros.agree, intros.introduce):
        step(ctx, intro)
    hugo = _by_target(ctx, "Studio Hugo")["Hugo Park"]
    assert hugo["hops"] == []
    assert str(hugo["reason"]).startswith("You know Hugo Park, who works at Studio Hugo now")


def test_a_job_title_is_kept_as_typed_in_every_reason(ctx: Context) -> None:
    person(ctx, "Me Myself", is_me=True)
    for name, title in (("Ana Ruiz", "Recruiter"), ("Bo Chen", "Engineering Manager"),
                        ("Cy Dorn", "CTO"), ("Di Eck", "data analyst")):  # fmt: skip
        person(ctx, name, company="Globex", title=title)
    reasons = {str(p["reason"]) for p in warm_paths(ctx, "Globex")}
    assert {r.split(" now ")[1].split(" (")[0] for r in reasons} == {
        "as a Recruiter",
        "as an Engineering Manager",
        "as a CTO",
        "as a data analyst",
    }


def test_a_slight_acquaintance_weighs_less_than_knowing_someone_well(ctx: Context) -> None:
    person(ctx, "Me Myself", is_me=True)
    person(ctx, "Dev Patel")
    person(ctx, "Quinn Adams", company="Globex")
    person(ctx, "Ray Bell", company="Globex")
    talk(ctx, "Dev Patel", on=D(2026, 6, 1), kind="coffee")
    knows.add_knows(ctx, "Dev Patel", "Quinn Adams", context="Toastmasters", how="slightly")
    knows.add_knows(ctx, "Dev Patel", "Ray Bell", context="old friends")
    found = _by_target(ctx, "Globex")
    quinn, ray = found["Quinn Adams"], found["Ray Bell"]
    assert quinn["hops"] == ray["hops"] == ["Dev Patel"]
    assert float(quinn["score"]) == round(float(ray["score"]) * 0.4, 1)
