"""People services on both backends: add, edit, list, show, forget, resolve."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from factories import person, talk
from netweave.errors import Ambiguous, Conflict, InvalidInput, NotFound
from netweave.services.context import Context
from netweave.services.directory import PeopleFilter, list_people
from netweave.services.people import (
    PersonChanges,
    edit_person,
    forget_person,
    show_person,
)
from netweave.store.models import ContactPoint, Interaction, Person, Position, Task

CONTRACT_KEYS = {
    "id", "name", "emails", "phones", "company", "title", "linkedin", "tags", "circle",
    "interests", "needs", "offers", "first_met", "last_interaction", "strength", "strength_factors",
}  # fmt: skip


def _count(ctx: Context, model: type) -> int:
    with ctx.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_add_keeps_everything_given(ctx: Context) -> None:
    view = person(
        ctx,
        "Ada Lovelace",
        emails=["Ada@Example.com", "ada@work.example"],
        phones=["(415) 555-0100"],
        company="Analytical Engines",
        title="Mathematician",
        linkedin="https://www.linkedin.com/in/ada/",
        tags=["Mentor", "math"],
        interests=["professional:machine learning", "personal:poetry"],
        needs=["a publisher"],
        offers=["advice on algorithms"],
        met_at="PyCon",
        met_on=dt.date(2026, 5, 1),
        note="Knows Babbage.",
        circle="close",
    )
    assert view.keys() >= CONTRACT_KEYS
    assert view["emails"] == ["Ada@Example.com", "ada@work.example"]
    assert view["phones"] == ["(415) 555-0100"]
    assert (view["company"], view["title"]) == ("Analytical Engines", "Mathematician")
    assert view["linkedin"] == "https://www.linkedin.com/in/ada/"
    assert view["tags"] == ["math", "mentor"]
    assert view["interests"] == [
        {"category": "professional", "label": "machine learning"},
        {"category": "personal", "label": "poetry"},
    ]
    assert (view["needs"], view["offers"]) == (["a publisher"], ["advice on algorithms"])
    assert view["first_met"] == "2026-05-01"
    assert view["met"]["event"] == "PyCon"
    assert view["notes"] == "Knows Babbage."
    assert (view["circle"], view["cadence_days"], view["next_due"]) == ("close", 30, "2026-05-31")
    assert (view["strength"], view["last_interaction"]) == (0, None)
    assert set(view["strength_factors"]) == {
        "recency", "depth", "frequency", "two_way", "reciprocity", "duration", "shared"
    }  # fmt: skip


def test_contact_points_are_unique_across_people(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", emails=["ada@example.com"], phones=["+1 415 555 0100"])
    with pytest.raises(Conflict, match="already belongs to Ada Lovelace"):
        person(ctx, "Imposter", emails=["ADA@example.com"])
    with pytest.raises(Conflict):
        person(ctx, "Imposter", phones=["(415) 555-0100"])
    assert _count(ctx, Person) == 1
    assert _count(ctx, ContactPoint) == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"emails": ["not-an-email"]}, "not an email"),
        ({"interests": ["chess"]}, "CATEGORY:LABEL"),
        ({"circle": "besties"}, "unknown circle"),
        ({"title": "CTO"}, r"a title needs an organization \(--company\)"),
        ({"birthday": "Maytember 5"}, "birthday"),
        ({"birthday": "2026-06-16"}, "birthday 2026-06-16 is after today"),
        ({"birthday": "2027"}, "birthday 2027 is after today"),
        ({"birthday": "1815-12-10"}, "a year from 1900 to 2999"),
        ({"met_on": dt.date(2026, 6, 16)}, "the day you met"),
    ],
)
def test_bad_input_changes_nothing(ctx: Context, fields: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        person(ctx, "Grace Hopper", **fields)
    assert _count(ctx, Person) == 0


def test_a_birthday_without_a_year_or_this_year_is_fine(ctx: Context) -> None:
    assert person(ctx, "Ada", birthday="--12-10")["birthday"] == "--12-10"
    assert person(ctx, "Grace", birthday="2026")["birthday"] == "2026"
    met = person(ctx, "Linus", birthday="2026-06-15", met_on=dt.date(2026, 6, 15))
    assert met["first_met"] == "2026-06-15"


def test_edit_keeps_position_history(ctx: Context) -> None:
    person(ctx, "Grace Hopper", company="Harvard", title="Programmer", tags=["navy"])
    view = edit_person(
        ctx,
        "grace",
        PersonChanges(company="Remington Rand", title="Senior Mathematician", note="COBOL!"),
    )
    assert (view["company"], view["title"]) == ("Remington Rand", "Senior Mathematician")
    assert [(p["organization"], p["current"], p["end"]) for p in view["positions"]] == [
        ("Remington Rand", True, None),
        ("Harvard", False, "2026-06-15"),
    ]
    view = edit_person(
        ctx, "grace", PersonChanges(name="Rear Admiral Grace Hopper", remove_tags=["navy"])
    )
    assert view["name"] == "Rear Admiral Grace Hopper"
    assert view["tags"] == []
    assert _count(ctx, Position) == 2


def test_edit_appends_notes_and_refuses_missing_items(ctx: Context) -> None:
    person(ctx, "Grace Hopper", note="first")
    assert edit_person(ctx, "grace", PersonChanges(note="second"))["notes"] == "first\nsecond"
    with pytest.raises(InvalidInput, match="has no tag"):
        edit_person(ctx, "grace", PersonChanges(remove_tags=["nope"]))


def test_names_resolve_by_id_email_name_and_prefix(ctx: Context) -> None:
    ada = person(ctx, "Ada Lovelace", emails=["ada@example.com"])
    person(ctx, "Sam Lee")
    person(ctx, "Sam Leeds", company="Initech")
    assert show_person(ctx, str(ada["id"]))["name"] == "Ada Lovelace"
    assert show_person(ctx, f"#{ada['id']}")["name"] == "Ada Lovelace"
    assert show_person(ctx, "ADA@example.com")["name"] == "Ada Lovelace"
    assert show_person(ctx, "lovelace")["name"] == "Ada Lovelace"
    assert show_person(ctx, "Sam Lee")["name"] == "Sam Lee"
    with pytest.raises(Ambiguous) as info:
        show_person(ctx, "sam")
    assert info.value.exit_code == 2
    assert any("Sam Leeds" in c and "Initech" in c for c in info.value.candidates)
    with pytest.raises(NotFound):
        show_person(ctx, "Zelda")
    with pytest.raises(NotFound):
        show_person(ctx, "999")


def test_a_name_someone_goes_by_finds_them_when_no_ones_own_name_does(ctx: Context) -> None:
    """An address book's nickname, or another source's spelling, is kept as "Also known as
    …": naming someone by it finds them, unless someone's own name matches it."""
    jose = person(ctx, "José García", note="likes jazz\nAlso known as Pepe García (vcard)")
    person(ctx, "Roberto Díaz", note="Also known as Bob (nickname)")
    assert show_person(ctx, "pepe garcia")["id"] == jose["id"]
    assert show_person(ctx, "Pepe")["id"] == jose["id"]
    assert show_person(ctx, "bob")["name"] == "Roberto Díaz"
    person(ctx, "Bob Stone")  # his own name: it comes first
    assert show_person(ctx, "Bob")["name"] == "Bob Stone"
    with pytest.raises(NotFound):
        show_person(ctx, "jazz")  # the rest of the notes is not a name
    person(ctx, "Josefa Pérez", note="Also known as Pepe (nickname)")
    with pytest.raises(Ambiguous) as info:
        show_person(ctx, "Pepe")
    assert [c.split(" (#")[0] for c in info.value.candidates] == ["José García", "Josefa Pérez"]


def test_list_filters(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", tags=["mentor"], company="Initech", circle="close")
    person(ctx, "Grace Hopper", tags=["mentor"], circle="wide")
    person(ctx, "Linus", company="Initech Inc.")
    names = lambda f: [v["name"] for v in list_people(ctx, f)]  # noqa: E731
    assert names(PeopleFilter()) == ["Ada Lovelace", "Grace Hopper", "Linus"]
    assert names(PeopleFilter(tag="Mentor")) == ["Ada Lovelace", "Grace Hopper"]
    assert names(PeopleFilter(organization="initech")) == ["Ada Lovelace", "Linus"]
    assert names(PeopleFilter(tag="mentor", organization="Initech")) == ["Ada Lovelace"]
    assert names(PeopleFilter(circle="wide")) == ["Grace Hopper"]
    assert names(PeopleFilter(limit=1)) == ["Ada Lovelace"]


def test_overdue_counts_from_the_last_conversation(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1))
    person(ctx, "Grace Hopper", circle="inner", met_on=dt.date(2026, 1, 1))
    person(ctx, "Linus", circle="dormant", met_on=dt.date(2020, 1, 1))
    talk(ctx, "Ada", on=dt.date(2026, 6, 1))
    overdue = list_people(ctx, PeopleFilter(overdue=True))
    assert [v["name"] for v in overdue] == ["Grace Hopper"]
    talk(ctx, "Grace", on=dt.date(2026, 6, 10))
    assert list_people(ctx, PeopleFilter(overdue=True)) == []


def test_a_search_with_filters_ranks_then_filters_in_the_database(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", tags=["math"], circle="inner", met_on=dt.date(2026, 1, 1))
    person(ctx, "Adam Smith", tags=["economics"], circle="inner", met_on=dt.date(2026, 1, 1))
    person(ctx, "Ada Byron", tags=["math"], circle="close")
    person(ctx, "Me Ada", is_me=True, circle="inner", met_on=dt.date(2026, 1, 1))
    talk(ctx, "Adam", on=dt.date(2026, 6, 14))

    def names(**fields: object) -> list[str]:
        return [v["name"] for v in list_people(ctx, PeopleFilter(**fields))]

    assert set(names(text="ada")) == {"Ada Lovelace", "Adam Smith", "Ada Byron", "Me Ada"}
    assert names(text="ada", tag="math", limit=1) in (["Ada Lovelace"], ["Ada Byron"])
    assert sorted(names(text="ada", tag="MATH")) == ["Ada Byron", "Ada Lovelace"]
    assert names(text="ada", circle="inner", overdue=True) == ["Ada Lovelace"]  # never you
    assert names(text="lovelace smith") == []
    assert names(text="  ", circle="close") == ["Ada Byron"]


def test_forget_removes_what_is_only_about_them(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", emails=["ada@example.com"], tags=["mentor"])
    person(ctx, "Grace Hopper")
    talk(ctx, "Ada", on=dt.date(2026, 6, 1), note="alone")
    talk(ctx, "Ada", "Grace", on=dt.date(2026, 6, 2), note="together")
    assert forget_person(ctx, "ada") == "Ada Lovelace"
    assert _count(ctx, Person) == 1
    assert _count(ctx, ContactPoint) == 0
    assert _count(ctx, Interaction) == 1
    grace = show_person(ctx, "grace")
    assert [i["summary"] for i in grace["interactions"]] == ["together"]
    assert grace["last_interaction"] == "2026-06-02"


def test_a_job_change_typed_in_plans_one_congratulation(ctx: Context) -> None:
    """Hearing that someone moved is a reason to get back in touch, as a job change seen on
    import is; a first job, or a new title at the same employer, is not."""
    from netweave.services.agenda import compute_agenda

    def congratulations() -> list[tuple[str, str]]:
        items = compute_agenda(ctx)["items"]
        return [(i["person"], i["reason"]) for i in items if i["kind"] == "congratulate"]

    person(ctx, "Sofia Lind", company="Spotify", title="PM")
    edit_person(ctx, "Sofia Lind", PersonChanges(company="Spotify", title="Senior PM"))
    assert congratulations() == []
    edit_person(ctx, "Sofia Lind", PersonChanges(company="Figma", title="Senior PM"))
    assert congratulations() == [
        ("Sofia Lind", "Congratulate Sofia Lind on the new role as Senior PM at Figma")
    ]
    edit_person(ctx, "Sofia Lind", PersonChanges(company="Canva"))
    assert congratulations() == [("Sofia Lind", "Congratulate Sofia Lind on the new role at Canva")]
    person(ctx, "Me Myself", is_me=True, company="Acme")
    edit_person(ctx, "Me Myself", PersonChanges(company="Globex"))
    assert [p for p, _ in congratulations()] == ["Sofia Lind"]
    talk(ctx, "Sofia Lind", kind="note")  # a note to oneself says nothing to them
    assert [p for p, _ in congratulations()] == ["Sofia Lind"]
    said = talk(ctx, "Sofia Lind", kind="message", direction="out")["interaction"]
    assert said["tasks_done"] == ["Congratulate Sofia Lind on the new role at Canva"]
    assert congratulations() == []


def test_there_is_one_you_and_it_stays(ctx: Context) -> None:
    person(ctx, "Bob Me", is_me=True)
    with pytest.raises(Conflict, match=r"you are Bob Me \(#1\) already"):
        person(ctx, "Ann Other", is_me=True)
    assert [p["name"] for p in list_people(ctx, PeopleFilter())] == ["Bob Me"]
    person(ctx, "Ann Other")
    with pytest.raises(Conflict, match=r"you are Bob Me \(#1\) now: .* re-run with --yes"):
        edit_person(ctx, "ann", PersonChanges(is_me=True))
    assert show_person(ctx, "ann")["is_me"] is False
    moved = edit_person(ctx, "ann", PersonChanges(is_me=True), confirmed=True)
    assert moved["was_me"] == {"id": 1, "name": "Bob Me"}
    assert "was_me" not in edit_person(ctx, "ann", PersonChanges(is_me=True))
    with pytest.raises(InvalidInput, match=r"Ann Other \(#2\) is you"):
        forget_person(ctx, "ann")
    assert show_person(ctx, "ann")["is_me"] is True


def test_a_record_talked_with_is_not_made_you_by_an_edit(ctx: Context) -> None:
    """Its conversations would be the user's with themselves: refused, as "This is me" and a
    merge into the user's record refuse it, first own record or not."""
    person(ctx, "Omar Haddad")
    talk(ctx, "Omar Haddad")
    said = r"Omar Haddad \(#1\) has 1 conversation with you"
    with pytest.raises(InvalidInput, match=said):
        edit_person(ctx, "Omar", PersonChanges(is_me=True))
    person(ctx, "Bob Me", is_me=True)
    # refused for that before any --yes is asked for, naming the user's own record to keep
    for confirmed in (False, True):
        with pytest.raises(InvalidInput, match=said) as refused:
            edit_person(ctx, "Omar", PersonChanges(is_me=True), confirmed=confirmed)
        assert str(refused.value).endswith(": you are Bob Me (#2): keep that record")
    assert show_person(ctx, "Omar")["is_me"] is False
    assert show_person(ctx, "Bob Me")["is_me"] is True


def test_a_renamed_person_s_open_tasks_say_the_new_name(ctx: Context) -> None:
    from netweave.services.tasks import add_task, complete, list_tasks

    person(ctx, "Ada Lovelace", company="Analytical Engines")
    edit_person(ctx, "Ada Lovelace", PersonChanges(company="Babbage Labs"))  # a new role
    done = add_task(ctx, "Send Ada Lovelace the paper", person="Ada Lovelace")
    complete(ctx, done["id"])
    edit_person(ctx, "Ada Lovelace", PersonChanges(name="Ada King"))
    titles = [t["title"] for t in list_tasks(ctx)]
    assert titles == ["Congratulate Ada King on the new role at Babbage Labs"]
    with ctx.db.reading() as session:  # a task done stays as it was written then
        assert session.scalar(select(func.count()).where(Task.title.contains("Lovelace"))) == 1


def test_a_rename_changes_whole_names_in_task_titles_once(ctx: Context) -> None:
    from netweave.services.tasks import add_task, list_tasks

    person(ctx, "Al")
    add_task(ctx, "Follow up after Alpha Summit with Al", person="Al")
    add_task(ctx, "Thank Al", person="Al")
    edit_person(ctx, "Al", PersonChanges(name="Alan Turing"))
    titles = sorted(t["title"] for t in list_tasks(ctx))
    assert titles == ["Follow up after Alpha Summit with Alan Turing", "Thank Alan Turing"]
    person(ctx, "Bo Li")
    add_task(ctx, "Update Bo on the advice", person="Bo Li")
    add_task(ctx, "Congratulate Bo Li", person="Bo Li")
    edit_person(ctx, "Bo Li", PersonChanges(name="Li Bo"))
    titles = sorted(t["title"] for t in list_tasks(ctx) if "Alan" not in t["title"])
    assert titles == ["Congratulate Li Bo", "Update Li on the advice"]


def test_who_introduced_someone_is_set_changed_and_dropped(ctx: Context) -> None:
    from netweave.services.outreach import draft_message

    person(ctx, "Jordan Avery", is_me=True)
    person(ctx, "Priya Raman", company="Brightlane")
    person(ctx, "Sam Cole")
    victor = person(ctx, "Victor Hale", company="Meridian Pay", introduced_by="Priya Raman")
    assert victor["met"]["introduced_by"] == "Priya Raman"
    # the draft to someone you were introduced to opens with the introducer
    opening = draft_message(ctx, "Victor Hale")["text"].splitlines()[2]
    assert opening == "Priya Raman suggested I reach out to you."
    changed = edit_person(ctx, "Victor Hale", PersonChanges(introduced_by="#3"))
    assert changed["met"]["introduced_by"] == "Sam Cole"
    dropped = edit_person(ctx, "Victor Hale", PersonChanges(clear_introduced_by=True))
    assert dropped["met"]["introduced_by"] is None


@pytest.mark.parametrize(
    ("introducer", "message"),
    [
        ("Victor Hale", r"--introduced-by: Victor Hale cannot have introduced themselves"),
        ("Jordan Avery", r"--introduced-by: Jordan Avery is you: name who introduced you"),
        ("Nobody Known", r"--introduced-by: no person matches 'Nobody Known'"),
    ],
)
def test_an_introducer_who_cannot_be_one_is_refused_and_nothing_changes(
    ctx: Context, introducer: str, message: str
) -> None:
    person(ctx, "Jordan Avery", is_me=True)
    person(ctx, "Victor Hale", company="Meridian Pay", title="Head of Product")
    with pytest.raises((InvalidInput, NotFound), match=message):
        edit_person(ctx, "Victor Hale", PersonChanges(introduced_by=introducer, title="CTO"))
    now = show_person(ctx, "Victor Hale")
    assert (now["title"], now["met"]["introduced_by"]) == ("Head of Product", None)
    with pytest.raises((InvalidInput, NotFound), match=message.replace("Victor Hale", "Al Bo")):
        person(ctx, "Al Bo", introduced_by=introducer.replace("Victor Hale", "Al Bo"))
    assert [p["name"] for p in list_people(ctx, PeopleFilter())] == ["Jordan Avery", "Victor Hale"]
    with pytest.raises(InvalidInput, match="--introduced-by and --introduced-by none"):
        edit_person(
            ctx, "Victor Hale", PersonChanges(introduced_by="Jordan", clear_introduced_by=True)
        )
