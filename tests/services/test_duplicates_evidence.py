"""What the duplicates finder weighs beside names: two LinkedIn profiles are two people,
and of pairs alike by name, one at the same employer comes first."""

from __future__ import annotations

from factories import person
from netweave.services.context import Context
from netweave.services.duplicates import duplicates, find
from netweave.services.people import PersonChanges, edit_person


def test_two_linkedin_profiles_are_two_people_and_a_shared_employer_comes_first(
    ctx: Context,
) -> None:
    for n, company in enumerate(("Acme", "Initech", "Globex"), 1):
        person(ctx, "John Smith", company=company, linkedin=f"https://www.linkedin.com/in/js-{n}")
    person(ctx, "Zoe Martinez", company="Vertex Bio", title="SRE",
           linkedin="https://www.linkedin.com/in/zm-1")  # fmt: skip
    person(ctx, "Zoe Martinez", company="Vertex Bio", title="SRE", emails=["zoe@vertexbio.example"])
    person(ctx, "Ada Lovelace", company="Analytical Engines")
    person(ctx, "Ada Lovelace", company="Babbage & Co")
    person(ctx, "Ada Lovelace", emails=["ada@example.com"])
    pairs = duplicates(ctx)
    names = [(p["a"]["name"], p["b"]["name"]) for p in pairs]
    assert ("John Smith", "John Smith") not in names  # three profiles: three people
    assert names[0] == ("Zoe Martinez", "Zoe Martinez")
    assert pairs[0]["reason"].endswith("both at Vertex Bio")
    ada = [p["reason"] for p in pairs if p["a"]["name"] == "Ada Lovelace"]
    assert len(ada) == 3
    assert "one at Analytical Engines, one at Babbage & Co" in ada[-1]  # two employers: last


def test_a_pair_s_reason_names_where_each_works_now_or_once(ctx: Context) -> None:
    """The reason names the employer each has now, as the page beside it shows; one with
    past jobs alone worked there once."""
    person(ctx, "Ada Lovelace", company="Analytical Engines")
    edit_person(ctx, "#1", PersonChanges(company="Babbage Labs"))  # Analytical Engines: past
    person(ctx, "Ada Lovelace", company="Navy")
    person(ctx, "Ada Lovelace", company="Harbor Bank")
    edit_person(ctx, "#3", PersonChanges(end_job=True))  # no job now
    reasons = {(p["a"]["id"], p["b"]["id"]): p["reason"] for p in duplicates(ctx)}
    assert reasons[1, 2].endswith("; one at Babbage Labs, one at Navy")
    assert reasons[1, 3].endswith("; one at Babbage Labs, one once at Harbor Bank")


def test_the_same_profile_on_two_records_is_still_proposed(ctx: Context) -> None:
    """A profile written two ways by two sources is the same person: still a pair."""
    person(ctx, "Grace Hopper", linkedin="https://www.linkedin.com/in/gracehopper")
    person(ctx, "Grace Hopper", emails=["grace@navy.example"])
    [pair] = duplicates(ctx)
    assert (pair["a"]["name"], pair["b"]["name"]) == ("Grace Hopper", "Grace Hopper")


def test_the_same_name_at_one_employer_is_found_by_name_and_employer(ctx: Context) -> None:
    """When the pairs asked for are all one name at one employer, they come without any
    names compared: still never two LinkedIn profiles, still the lowest numbers first."""
    for n in (1, 2):
        person(ctx, "Zoe Martinez", company="Vertex Bio",
               linkedin=f"https://www.linkedin.com/in/zm-{n}")  # fmt: skip
    person(ctx, "Martinez Zoe", company="Vertex Bio")
    person(ctx, "Ada Lovelace", company="Analytical Engines")
    person(ctx, "Ada Lovelace", company="Analytical Engines")
    person(ctx, "Ada Lovelace")
    person(ctx, "Ada Lovelacee", company="Analytical Engines")
    found = find(ctx, 3)
    assert found.compared == 0
    assert [(p["a"]["name"], p["b"]["name"], p["score"], p["reason"]) for p in found.pairs] == [
        ("Zoe Martinez", "Martinez Zoe", 100, "names 100% alike; both at Vertex Bio"),
        ("Zoe Martinez", "Martinez Zoe", 100, "names 100% alike; both at Vertex Bio"),
        ("Ada Lovelace", "Ada Lovelace", 100, "names 100% alike; both at Analytical Engines"),
    ]
    assert found.pairs[0]["a"]["id"] < found.pairs[1]["a"]["id"]
    more = find(ctx, 10).pairs  # past them, names are compared as ever
    assert [p["score"] for p in more][:3] == [100, 100, 100]
    assert any(p["b"]["name"] == "Ada Lovelacee" for p in more)
    assert len({(p["a"]["id"], p["b"]["id"]) for p in more}) == len(more)
