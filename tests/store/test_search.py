"""Full-text search over people, on both backends."""

from __future__ import annotations

import pytest

from netweave.services.context import Context
from netweave.services.people import (
    PersonChanges,
    add_person,
    edit_person,
    forget_person,
    show_person,
)
from netweave.store.search import query_terms, search_ids


def _add(ctx: Context, name: str, **fields: object) -> int:
    return int(add_person(ctx, PersonChanges(name=name, **fields))["id"])  # type: ignore[arg-type]


@pytest.fixture
def people(ctx: Context) -> dict[str, int]:
    return {
        "ada": _add(
            ctx,
            "Ada Lovelace",
            company="Analytical Engines",
            title="Mathematician",
            tags=["mentor"],
            interests=["professional:machine learning"],
            needs=["a publisher for her notes"],
        ),
        "jose": _add(
            ctx, "José Müller", company="Café Zürich", note="met through the climbing gym"
        ),
        "mei": _add(ctx, "王小明", offers=["introductions to hardware founders"]),
    }


def _find(ctx: Context, query: str) -> list[int]:
    with ctx.db.reading() as session:
        return search_ids(session, query)


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("lovelace", "ada"),
        ("analytical", "ada"),
        ("mathem", "ada"),
        ("machine learn", "ada"),
        ("mentor", "ada"),
        ("publisher", "ada"),
        ("jose muller", "jose"),
        ("JOSÉ", "jose"),
        ("zurich", "jose"),
        ("climbing", "jose"),
        ("王小明", "mei"),
        ("hardware founders", "mei"),
    ],
)
def test_finds_people_by_what_is_known(
    ctx: Context, people: dict[str, int], query: str, who: str
) -> None:
    assert _find(ctx, query) == [people[who]]


def test_every_word_must_match(ctx: Context, people: dict[str, int]) -> None:
    assert _find(ctx, "ada zurich") == []
    assert _find(ctx, "") == []
    assert _find(ctx, '"*() AND OR NEAR') == []


def test_index_follows_edits_and_forgetting(ctx: Context, people: dict[str, int]) -> None:
    edit_person(ctx, str(people["ada"]), PersonChanges(company="Babbage Labs"))
    assert _find(ctx, "babbage") == [people["ada"]]
    forget_person(ctx, str(people["ada"]))
    assert _find(ctx, "babbage") == []


def test_query_terms_are_folded_words() -> None:
    assert query_terms("  Ångström's  C++ ") == ["angstrom", "s", "c"]


def test_people_filters_compose(ctx: Context, people: dict[str, int]) -> None:
    from sqlalchemy import select

    from netweave.store.models import Person
    from netweave.store.queries import Everyone, HasTag, InCircle

    def ids(query: object) -> list[int]:
        with ctx.db.reading() as session:
            stmt = select(Person.id).where(query.clause()).order_by(Person.id)  # type: ignore[attr-defined]
            return list(session.scalars(stmt))

    everyone = sorted(people.values())
    assert ids(Everyone()) == everyone
    assert ids(HasTag("mentor")) == [people["ada"]]
    assert ids(~HasTag("mentor")) == [people["jose"], people["mei"]]
    assert ids(HasTag("mentor") | InCircle("close")) == [people["ada"]]
    assert ids(HasTag("mentor") & ~HasTag("mentor")) == []


#: Names whose letters do not decompose (ł, ø, đ, þ, ð), and how they are typed in ASCII.
UNDECOMPOSED = {
    "Łukasz Wójcik": "Lukasz Wojcik",
    "Søren Kjær": "Soren Kjaer",
    "Đorđe Petrović": "Dorde Petrovic",
    "Þórunn Guðmundsdóttir": "Thorunn Gudmundsdottir",
}


@pytest.fixture
def undecomposed(ctx: Context) -> dict[str, int]:
    people = {name: _add(ctx, name) for name in UNDECOMPOSED}
    edit_person(ctx, str(people["Søren Kjær"]), PersonChanges(company="Ørsted"))
    _add(ctx, "Lukas Weber")
    return people


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("lukasz", "Łukasz Wójcik"),
        ("LUKASZ WOJCIK", "Łukasz Wójcik"),
        ("łukasz", "Łukasz Wójcik"),
        ("soren kjaer", "Søren Kjær"),
        ("SØREN", "Søren Kjær"),
        ("orsted", "Søren Kjær"),
        ("dorde", "Đorđe Petrović"),
        ("thorunn gudmundsdottir", "Þórunn Guðmundsdóttir"),
    ],
)
def test_letters_that_do_not_decompose_are_found_in_ascii(
    ctx: Context, undecomposed: dict[str, int], query: str, who: str
) -> None:
    assert _find(ctx, query) == [undecomposed[who]]


def test_people_are_shown_by_their_name_typed_in_ascii(
    ctx: Context, undecomposed: dict[str, int]
) -> None:
    for name, typed in UNDECOMPOSED.items():
        assert show_person(ctx, typed)["id"] == undecomposed[name]


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("mueller", ["Jörg Müller", "Sarah Mueller"]),
        ("müller", ["Jörg Müller", "Tom Muller"]),
        ("muller", ["Jörg Müller", "Tom Muller"]),
        ("joerg", ["Jörg Müller"]),
        ("jorg mueller", ["Jörg Müller"]),
        ("JOERG MÜLLER", ["Jörg Müller"]),
        ("muenchen", ["Sarah Mueller"]),
        ("strasse", ["Tom Muller"]),
        ("manu", ["Manuel Ortiz"]),
        ("michael", ["Michael Brown"]),
        ("michal", []),
        ("samul", []),
    ],
)
def test_german_names_are_found_by_either_spelling(
    ctx: Context, query: str, who: list[str]
) -> None:
    """ä, ö, ü are written ae, oe, ue on an ASCII keyboard (ß as ss): "Mueller" finds
    "Müller"; "Muller" is another name; a name written with ae, oe or ue is not read as an
    umlaut ("michal" does not find Michael)."""
    people = {
        "Jörg Müller": _add(ctx, "Jörg Müller"),
        "Sarah Mueller": _add(ctx, "Sarah Mueller", location="München"),
        "Tom Muller": _add(ctx, "Tom Muller", location="Straße des 17. Juni"),
        "Manuel Ortiz": _add(ctx, "Manuel Ortiz"),
        "Michael Brown": _add(ctx, "Michael Brown"),
    }
    assert sorted(_find(ctx, query)) == sorted(people[name] for name in who)
