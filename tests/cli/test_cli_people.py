"""``netweave people``: add, show, list, edit and forget, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re

PERSON_KEYS = {
    "id",
    "name",
    "emails",
    "phones",
    "company",
    "title",
    "linkedin",
    "tags",
    "circle",
    "interests",
    "needs",
    "offers",
    "first_met",
    "last_interaction",
    "strength",
    "strength_factors",
}


def test_add_with_every_option_then_show_json(cli):
    added = cli.add(
        "Ada Lovelace",
        "--email", "ada@example.com",
        "--email", "ada.l@engines.example.org",
        "--phone", "+1 415 555 0100",
        "--phone", "+44 20 7946 0958",
        "--company", "Analytical Engines",
        "--title", "Engineer",
        "--linkedin", "https://www.linkedin.com/in/ada-l/",
        "--tag", "Mentor",
        "--tag", "math",
        "--interest", "professional:machine learning",
        "--interest", "personal:poetry",
        "--need", "a co-founder",
        "--need", "office space",
        "--offer", "code review",
        "--met-at", "PyCon",
        "--met-on", "2026-05-01",
        "--note", "Met at the sprints.",
        "--circle", "close",
    )  # fmt: skip
    shown = cli.show("Ada Lovelace")
    assert set(shown) >= PERSON_KEYS
    assert shown["id"] == added["id"]
    assert shown["name"] == "Ada Lovelace"
    assert shown["emails"] == ["ada@example.com", "ada.l@engines.example.org"]
    assert [re.sub(r"\D", "", p) for p in shown["phones"]] == ["14155550100", "442079460958"]
    assert shown["company"] == "Analytical Engines"
    assert shown["title"] == "Engineer"
    assert "linkedin.com/in/ada-l" in shown["linkedin"]
    assert shown["tags"] == ["math", "mentor"]
    assert shown["circle"] == "close"
    assert shown["interests"] == [
        {"category": "professional", "label": "machine learning"},
        {"category": "personal", "label": "poetry"},
    ]
    assert shown["needs"] == ["a co-founder", "office space"]
    assert shown["offers"] == ["code review"]
    assert shown["first_met"] == "2026-05-01"
    assert shown["last_interaction"] is None
    assert_no_strength_yet(shown)
    assert shown["met"]["event"] == "PyCon"
    assert shown["met"]["on"] == "2026-05-01"
    assert shown["notes"] == "Met at the sprints."


def assert_no_strength_yet(view):
    """Before any conversation a tie has no strength, and every factor says so."""
    assert view["strength"] == 0
    assert view["strength_factors"]
    assert set(view["strength_factors"].values()) == {0}


def test_minimal_person_has_every_key_empty(cli):
    shown = cli.show(str(cli.add("Solo")["id"]))
    assert_no_strength_yet(shown)
    assert {k: shown[k] for k in PERSON_KEYS - {"id", "strength", "strength_factors"}} == {
        "name": "Solo",
        "emails": [],
        "phones": [],
        "company": None,
        "title": None,
        "linkedin": None,
        "tags": [],
        "circle": None,
        "interests": [],
        "needs": [],
        "offers": [],
        "first_met": None,
        "last_interaction": None,
    }


def test_add_and_show_print_text_without_json(cli):
    result = cli("people", "add", "Grace Hopper", "--company", "Navy", "--title", "Officer")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Added Grace Hopper (#1).\n"
    shown = cli("people", "show", "grace")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.splitlines()[0] == "Grace Hopper (#1) — Officer at Navy"


def test_show_puts_a_status_beside_the_title_not_after_at(cli):
    """Nobody works "at Retired": the status typed as the company reads beside the title,
    now and among the jobs before."""
    cli.add("Carlos Mendes", "--company", "Retired", "--title", "Former plant manager")
    shown = cli("people", "show", "Carlos")
    assert shown.stdout.splitlines()[0] == "Carlos Mendes (#1) — Former plant manager, Retired"
    cli("people", "edit", "Carlos", "--company", "Harbor Sailing School", "--title", "Instructor")
    shown = cli("people", "show", "Carlos").stdout
    assert "Before: Former plant manager, Retired" in shown, shown
    assert "at Retired" not in shown


def _three_people(cli):
    cli.add("Ada", "--tag", "mentor", "--company", "Acme", "--circle", "close",
            "--met-on", cli.days_ago(10))  # fmt: skip
    cli.add("Bob", "--tag", "Mentor", "--company", "Globex", "--circle", "wide",
            "--met-on", cli.days_ago(10))  # fmt: skip
    cli.add("Cy", "--company", "ACME, Inc.", "--circle", "close", "--met-on", cli.days_ago(100))


LIST_CASES = [
    ((), ["Ada", "Bob", "Cy"]),
    (("--tag", "mentor"), ["Ada", "Bob"]),
    (("--tag", "MENTOR"), ["Ada", "Bob"]),
    (("--org", "acme"), ["Ada", "Cy"]),
    (("--circle", "close"), ["Ada", "Cy"]),
    (("--tag", "mentor", "--org", "Acme Inc"), ["Ada"]),
    (("--overdue",), ["Cy"]),
    (("--tag", "mentor", "--overdue"), []),
]


def test_list_filters(cli):
    _three_people(cli)
    got = {options: cli.names(*options) for options, _ in LIST_CASES}
    assert got == dict(LIST_CASES)
    assert "Umbrella" in cli.error_line(cli("people", "list", "--org", "Umbrella", "--json"))


def test_list_overdue_moves_with_as_of_and_resets_on_log(cli):
    _three_people(cli)
    later = cli.today + dt.timedelta(days=25)
    # Close circle, every 30 days: by then Cy is 95 days overdue and Ada 5; most overdue first.
    assert cli.names("--overdue", as_of=later) == ["Cy", "Ada"]
    assert cli.names("--overdue", as_of=cli.today - dt.timedelta(days=80)) == []
    assert cli("log", "Cy", "--on", cli.days_ago(1)).exit_code == 0
    assert cli.names("--overdue") == []
    assert cli.names("--overdue", as_of=later) == ["Ada"]


def test_list_table_and_empty_messages(cli):
    empty = cli("people", "list")
    assert empty.exit_code == 0
    assert "No people yet" in empty.stdout
    _three_people(cli)
    table = cli("people", "list")
    assert table.exit_code == 0, table.stderr
    assert table.stdout.splitlines()[0].split() == [
        "#", "Name", "Company", "Title", "Circle", "Last", "contact", "Tags",
    ]  # fmt: skip
    assert [line.split()[1] for line in table.stdout.splitlines()[1:]] == ["Ada", "Bob", "Cy"]
    none = cli("people", "list", "--tag", "mentor", "--circle", "wide", "--org", "acme")
    assert none.exit_code == 0
    assert none.stdout == "No people match.\n"
    assert "no tag 'nobody-has-this'" in cli.error_line(
        cli("people", "list", "--tag", "nobody-has-this")
    )


def test_edit_rename_company_history_tags_and_notes(cli):
    cli.add("Grace Hopper", "--company", "Navy", "--title", "Officer", "--tag", "a", "--tag", "b",
            "--note", "first")  # fmt: skip
    edited = cli.json(
        "people", "edit", "Grace Hopper",
        "--name", "Amazing Grace",
        "--company", "Remington Rand",
        "--title", "Programmer",
        "--remove-tag", "A",
        "--tag", "c",
        "--note", "second",
    )  # fmt: skip
    assert edited["name"] == "Amazing Grace"
    shown = cli.show("Amazing Grace")
    assert shown["id"] == edited["id"]
    assert (shown["company"], shown["title"]) == ("Remington Rand", "Programmer")
    assert shown["tags"] == ["b", "c"]
    assert shown["notes"] == "first\nsecond"
    positions = [
        (p["organization"], p["title"], p["current"], p["end"]) for p in shown["positions"]
    ]
    assert positions == [
        ("Remington Rand", "Programmer", True, None),
        ("Navy", "Officer", False, cli.today.isoformat()),
    ]
    cli.error_line(cli("people", "show", "Hopper"))


def test_edit_title_alone_updates_the_current_position(cli):
    cli.add("Lin", "--company", "Acme", "--title", "Engineer")
    cli.json("people", "edit", "Lin", "--title", "Staff Engineer")
    shown = cli.show("Lin")
    assert (shown["company"], shown["title"]) == ("Acme", "Staff Engineer")
    assert len(shown["positions"]) == 1


def test_none_drops_a_title_a_birthday_or_a_linkedin_profile(cli):
    cli.add("Lin", "--company", "Acme", "--title", "Engineer", "--birthday", "1990-05-17",
            "--linkedin", "https://www.linkedin.com/in/lin")  # fmt: skip
    cli.json("people", "edit", "Lin", "--title", "none", "--birthday", "None", "--linkedin", "none")
    shown = cli.show("Lin")
    assert (shown["company"], shown["title"], shown["birthday"], shown["linkedin"]) == (
        "Acme", None, None, None
    )  # fmt: skip
    cli.json("people", "edit", "Lin", "--title", "Staff")
    cli.json("people", "edit", "Lin", "--company", "Acme", "--title", "none")  # the same job
    assert cli.show("Lin")["title"] is None
    line = cli.error_line(
        cli("people", "edit", "Lin", "--birthday", "none", "--linkedin", "https://x.example")
    )
    assert "not a LinkedIn profile URL" in line
    assert cli.show("Lin")["birthday"] is None


def test_an_empty_value_is_refused_naming_its_option_and_none_drops_a_single_value(cli):
    """One rule for ``""`` in `people edit`: refused with its option named, nothing changed
    (an unset variable in a script drops nothing, and "Updated" is never said for nothing);
    ``none`` drops a single value, a location, pronouns or a headline too."""
    cli.add("Lin", "--company", "Acme", "--title", "Engineer", "--location", "Paris",
            "--pronouns", "she/her", "--headline", "CTO", "--birthday", "1990-05-17",
            "--linkedin", "https://www.linkedin.com/in/lin")  # fmt: skip
    before = cli.show("Lin")
    for option in ("--title", "--linkedin", "--location", "--pronouns", "--headline",
                   "--birthday", "--circle", "--cadence", "--introduced-by", "--need", "--tag",
                   "--email", "--note", "--met-at", "--remove-tag"):  # fmt: skip
        refused = cli("people", "edit", "Lin", option, " ")
        assert refused.exit_code == 1, option
        assert cli.error_line(refused).startswith(f"netweave: error: {option} is empty"), option
    assert cli.show("Lin") == before
    cli.json("people", "edit", "Lin", "--location", "none", "--pronouns", "None",
             "--headline", "NONE")  # fmt: skip
    shown = cli.show("Lin")
    assert [shown.get(k) for k in ("location", "pronouns", "headline")] == [None, None, None]


def test_company_none_ends_the_current_job_and_keeps_it_as_history(cli):
    cli.add("Sam Rivera", "--me", "--company", "Acme", "--title", "Engineer")
    cli.json("people", "edit", "Sam Rivera", "--company", "None")
    shown = cli.show("Sam Rivera")
    assert (shown["company"], shown["title"]) == (None, None)
    positions = [(p["organization"], p["current"], p["end"]) for p in shown["positions"]]
    assert positions == [("Acme", False, cli.today.isoformat())]
    assert [o["name"] for o in cli.json("orgs", "list")] == ["Acme"]  # no company "None"
    assert "Before: Engineer at Acme" in cli("people", "show", "Sam Rivera").stdout
    # an empty name, or a title with no job, is refused and changes nothing
    assert "--company needs" in cli.error_line(cli("people", "edit", "Sam", "--company", " "))
    line = cli.error_line(cli("people", "edit", "Sam", "--company", "none", "--title", "CTO"))
    assert "contradict" in line
    assert cli.show("Sam Rivera")["positions"] == shown["positions"]
    cli.add("Bo Li", "--company", "none")  # nothing to end: no job at all
    assert cli.show("Bo Li")["positions"] == []


def test_your_own_record_has_no_tie_strength_and_profiles_read_plainly(cli):
    cli.add("Sam Rivera", "--me")
    cli.add("Zoë Dupont", "--linkedin", "https://www.linkedin.com/in/zo%C3%AB-dupont")
    mine = cli("people", "show", "Sam Rivera").stdout
    assert "Strength" not in mine
    assert "Reciprocity" not in mine
    theirs = cli("people", "show", "Zoë").stdout
    assert "Strength: 0/100" in theirs
    assert "linkedin.com/in/zoë-dupont" in theirs


def test_edit_refuses_to_remove_a_missing_tag(cli):
    cli.add("Lin", "--tag", "a")
    line = cli.error_line(cli("people", "edit", "Lin", "--remove-tag", "zzz", "--note", "x"))
    assert "zzz" in line
    shown = cli.show("Lin")
    assert (shown["tags"], shown["notes"]) == (["a"], None)


def test_edit_removes_and_corrects_needs_offers_and_interests(cli):
    cli.add("Lin", "--need", "A bass teacher", "--need", "an intro to Acme",
            "--offer", "Rust reviews", "--offer", "SQL help",
            "--interest", "personal:Jazz", "--interest", "social:jazz",
            "--interest", "professional:compilers")  # fmt: skip
    edited = cli.json(
        "people", "edit", "Lin",
        "--remove-need", "a BASS teacher",
        "--remove-offer", "  rust   reviews ",
        "--offer", "Rust mentoring",  # a correction: the old one goes, the new one comes
        "--remove-interest", "JAZZ",  # no category: every interest with that label
        "--remove-interest", "Professional:Compilers",
    )  # fmt: skip
    assert set(edited) >= PERSON_KEYS
    assert edited["needs"] == ["an intro to Acme"]
    assert edited["offers"] == ["SQL help", "Rust mentoring"]
    assert edited["interests"] == []
    shown = cli.show("Lin")
    assert (shown["needs"], shown["offers"], shown["interests"]) == (
        edited["needs"], edited["offers"], [])  # fmt: skip
    assert cli.json("search", "bass") == []  # the search row forgets it too


def test_edit_removes_an_interest_of_one_category_only(cli):
    cli.add("Lin", "--interest", "personal:jazz", "--interest", "social:jazz")
    edited = cli.json("people", "edit", "Lin", "--remove-interest", "social:JAZZ")
    assert edited["interests"] == [{"category": "personal", "label": "jazz"}]


def test_edit_refuses_to_remove_a_value_they_do_not_have(cli):
    cli.add("Lin", "--need", "a mentor", "--offer", "advice", "--interest", "social:chess")
    for option, value, kind in (
        ("--remove-need", "a bass teacher", "need"),
        ("--remove-offer", "money", "offer"),
        ("--remove-interest", "personal:chess", "interest"),
    ):
        result = cli("people", "edit", "Lin", "--remove-need", "A MENTOR", option, value,
                     "--note", "x")  # fmt: skip
        assert cli.error_line(result) == f"netweave: error: Lin has no {kind} {value!r}"
    shown = cli.show("Lin")
    assert (shown["needs"], shown["offers"], shown["notes"]) == (["a mentor"], ["advice"], None)
    assert shown["interests"] == [{"category": "social", "label": "chess"}]


def test_forget_removes_person_and_their_solo_history(cli):
    ann = cli.add("Ann Archer")["id"]
    ben = cli.add("Ben Baker")["id"]
    cli.json("log", "Ann", "--on", cli.days_ago(5), "--note", "solo", "--gave", "advice")
    cli.json("log", "Ann", "Ben", "--on", cli.days_ago(2), "--note", "shared",
             "--received", "information")  # fmt: skip
    result = cli("people", "forget", "Ann Archer", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Forgot Ann Archer. An import of a file that holds them")
    cli.error_line(cli("people", "show", str(ann)))
    assert cli.names() == ["Ben Baker"]
    assert cli.json("search", "archer") == []
    kept = cli.show("Ben")
    assert kept["last_interaction"] == cli.days_ago(2)
    assert [(i["summary"], i["participants"]) for i in kept["interactions"]] == [("shared", [ben])]
    assert cli.scalar("SELECT count(*) FROM interaction") == 1
    assert cli.scalar(f"SELECT count(*) FROM exchange WHERE person_id = {ann}") == 0
    assert cli.scalar(f"SELECT count(*) FROM exchange WHERE person_id = {ben}") == 1


def test_forget_without_yes_and_without_a_tty_changes_nothing(cli):
    cli.add("Ann Archer")
    line = cli.error_line(cli("people", "forget", "Ann Archer"))
    assert "--yes" in line
    # A "y" piped in is not a person at a terminal answering the question.
    assert cli.error_line(cli("people", "forget", "Ann Archer", input="y\n")) == line
    assert cli.names() == ["Ann Archer"]


def test_show_says_how_you_met_once_and_birthdays_in_words(cli):
    assert cli("events", "add", "PyData Jan", "--on", "2025-01-08").exit_code == 0
    met = cli("events", "meet", "PyData Jan", "Ada Lovelace")
    assert met.stdout.splitlines()[0] == "Added Ada Lovelace (#1), met at PyData Jan (2025-01-08)."
    assert met.stdout.splitlines()[-1] == (  # long past: due already
        "Follow-ups planned for 1 person, due 2025-01-10 (on today's list now)."
    )
    cli("people", "edit", "Ada", "--birthday", "--01-12")
    cli.add("Bob", "--birthday", "1990-05-17", "--met-at", "PyCon", "--met-on", "2026-05-01")
    cli.add("Cy", "--birthday", "1990")
    ada = cli.show_lines("Ada")
    assert ada["Met"] == "at PyData Jan on 2025-01-08"
    assert ada["Birthday"] == "12 January"
    bob = cli.show_lines("Bob")
    assert bob["Met"] == "at PyCon on 2026-05-01"
    assert bob["Birthday"] == "17 May 1990"
    assert cli.show_lines("Cy")["Birthday"] == "1990"
    assert cli.show("Ada")["birthday"] == "--01-12"  # --json keeps the stored value
    assert cli.show("Bob")["birthday"] == "1990-05-17"


def test_introduced_by_is_set_shown_changed_and_dropped(cli):
    cli.add("Jordan Avery", "--me")
    cli.add("Priya Raman", "--company", "Brightlane")
    cli.add("Sam Cole")
    for command in ("add", "edit"):
        helped = cli("people", command, "--help")
        assert "--introduced-by" in helped.stdout, command
    victor = cli.add("Victor Hale", "--company", "Meridian Pay", "--introduced-by", "Priya")
    assert victor["met"]["introduced_by"] == "Priya Raman"
    assert cli.show_lines("Victor Hale")["Met"] == "introduced by Priya Raman"
    drafted = cli("draft", "Victor Hale", "--broad", "payments product", "--narrow", "payouts")
    assert drafted.stdout.splitlines()[2] == "Priya Raman suggested I reach out to you."
    cli("people", "edit", "Victor Hale", "--introduced-by", "#3")
    assert cli.show("Victor Hale")["met"]["introduced_by"] == "Sam Cole"
    cli("people", "edit", "Victor Hale", "--introduced-by", "none")
    assert cli.show("Victor Hale")["met"]["introduced_by"] is None
    # themselves or you: one clear line, nothing changed
    for who, said in (
        ("Victor", "--introduced-by: Victor Hale cannot have introduced themselves"),
        ("Jordan Avery", "--introduced-by: Jordan Avery is you: name who introduced you"),
        ("Zed", "--introduced-by: no person matches 'Zed'"),
    ):
        refused = cli("people", "edit", "Victor Hale", "--introduced-by", who, "--title", "CTO")
        assert said in cli.error_line(refused)
    assert cli.show("Victor Hale")["title"] is None
    refused = cli("people", "add", "Al Bo", "--introduced-by", "Al Bo")
    assert "Al Bo cannot have introduced themselves" in cli.error_line(refused)
    assert "Al Bo" not in cli.names()


def test_show_says_where_the_keep_in_touch_interval_comes_from(cli):
    cli.add("Ada", "--circle", "active", "--tag", "mentor")
    cli.add("Bob", "--circle", "active", "--cadence", "21")
    cli.add("Cy", "--circle", "active")
    cli.add("Dee", "--circle", "dormant")
    assert cli("tags", "cadence", "mentor", "21").exit_code == 0
    assert cli.show_lines("Ada")["Circle"] == "active; keep in touch every 21 days (tag mentor)"
    assert cli.show_lines("Bob")["Circle"] == "active; keep in touch every 21 days (own cadence)"
    assert cli.show_lines("Cy")["Circle"] == "active; keep in touch every 90 days (circle)"
    assert cli.show_lines("Dee")["Circle"] == "dormant"
    sources = {n: cli.show(n) for n in ("Ada", "Bob", "Cy", "Dee")}
    assert {n: (v["cadence_source"], v["cadence_tag"]) for n, v in sources.items()} == {
        "Ada": ("tag", "mentor"),
        "Bob": ("own", None),
        "Cy": ("circle", None),
        "Dee": (None, None),
    }


def test_circle_names_whose_own_or_tag_cadence_comes_first(cli):
    """``people circle`` says the circle's cadence only of those it applies to: someone
    with their own cadence, or a tag's, keeps it, and is named with it."""
    cli.add("Ada", "--tag", "mentor")
    cli.add("Bob", "--cadence", "21")
    cli.add("Cy")
    assert cli("tags", "cadence", "mentor", "45").exit_code == 0
    put = cli("people", "circle", "active", "Ada", "Bob", "Cy")
    assert put.stdout.splitlines() == [
        "Put 3 people in the active circle (check-ins every 90 days for 1 of them); for the "
        "others their own cadence or a tag's comes first:",
        "  Ada: every 45 days (tag mentor)",
        "  Bob: every 21 days (own cadence)",
    ]
    assert cli.show_lines("Bob")["Circle"] == "active; keep in touch every 21 days (own cadence)"
    put = cli("people", "circle", "dormant", "Bob")
    assert put.stdout.splitlines() == [
        "Put 1 person in the dormant circle; their own cadence or a tag's comes first, not the "
        "circle's (no check-ins):",
        "  Bob: every 21 days (own cadence)",
    ]
    assert cli.show_lines("Bob")["Circle"] == "dormant; keep in touch every 21 days (own cadence)"
    put = cli("people", "circle", "close", "Cy")
    assert put.stdout == "Put 1 person in the close circle (check-ins every 30 days).\n"
    assert cli.json("people", "circle", "wide", "Bob")["not_by_circle"] == [
        {"id": 2, "name": "Bob", "cadence_days": 21, "cadence_source": "own", "cadence_tag": None}
    ]


def test_show_gives_the_reciprocity_balance(cli):
    cli.add("Ada")
    cli.json("log", "Ada", "--ask", "advice", "--received", "information")
    text = " ".join(cli("people", "show", "Ada").stdout.split())  # one line, however wrapped
    assert "Reciprocity: you gave 0, received 1, asked 1 (balance -2) — you have only taken" in text
    cli.json("log", "Ada", "--gave", "introduction", "--gave", "information", "--gave", "advice")
    assert cli.show_lines("Ada")["Reciprocity"] == (
        "you gave 3, received 1, asked 1 (balance +1); 1 open ask (`netweave asks list`)"
    )
    assert cli.show("Ada")["reciprocity"]["balance"] == 1


def test_list_refuses_an_unknown_circle(cli):
    cli.add("Ada", "--circle", "close")
    line = cli.error_line(cli("people", "list", "--circle", "galaxy"))
    assert line == (
        "netweave: error: unknown circle 'galaxy'; "
        "choose one of: inner, close, active, wide, dormant"
    )
    assert cli.names("--circle", "CLOSE") == ["Ada"]


def test_edit_refuses_pinning_and_unpinning_at_once(cli):
    cli.add("Ada")
    line = cli.error_line(cli("people", "edit", "Ada", "--strength", "50", "--unpin-strength"))
    assert "--strength and --unpin-strength contradict each other" in line
    assert cli.scalar("SELECT strength_override FROM person") is None


def test_edit_refuses_a_value_added_and_removed_at_once(cli):
    """Every add/remove pair of the same value is refused as --strength/--unpin-strength is:
    nothing changes (no tag row made, no removal remembered for a later import)."""
    cli.add("Ada", "--email", "ada@example.com", "--phone", "+1 415 555 0100")
    tags = cli.scalar("SELECT count(*) FROM tag")
    for added, removed, value in (
        ("--tag", "--remove-tag", "x"),
        ("--email", "--remove-email", "a@b.com"),
        ("--phone", "--remove-phone", "+1 415 555 0100"),
        ("--need", "--remove-need", "a job"),
        ("--offer", "--remove-offer", "advice"),
        ("--interest", "--remove-interest", "personal:chess"),
    ):
        line = cli.error_line(cli("people", "edit", "Ada", added, value, removed, value))
        assert line.endswith(f"{added} {value!r} and {removed} {value!r} contradict each other; "
                             "give one of them"), line  # fmt: skip
    assert cli.scalar("SELECT count(*) FROM tag") == tags
    assert cli.show("Ada")["emails"] == ["ada@example.com"]


def test_edit_cadence_none_and_circle_none_clear_them(cli):
    cli.add("Ada", "--circle", "close", "--cadence", "21", "--met-on", cli.days_ago(5))
    assert cli.show("Ada")["cadence_days"] == 21
    cleared = cli.json("people", "edit", "Ada", "--cadence", "none")
    assert (cleared["cadence_days"], cleared["circle"]) == (30, "close")  # the circle's again
    assert cleared["next_due"] == (cli.today + dt.timedelta(days=25)).isoformat()
    left = cli.json("people", "edit", "Ada", "--circle", "None")
    assert (left["circle"], left["cadence_days"], left["next_due"]) == (None, None, None)
    assert cli.scalar("SELECT count(*) FROM person WHERE circle IS NULL") == 1
    bad = cli.error_line(cli("people", "edit", "Ada", "--cadence", "often"), 2)
    assert "Invalid value for '--cadence': 'often' is not a whole number of days, or none" in bad


def test_merging_your_own_record_says_who_you_are_now(cli):
    contact = cli.add("Jane Doe")["id"]
    me = cli.add("Jane D.", "--me")["id"]
    result = cli("people", "merge", str(contact), str(me))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"#{me} was your own record, so Jane Doe (#{contact}) is now you."
    )


def test_an_edit_with_nothing_to_change_says_so(cli):
    cli.add("Ada Lovelace")
    assert "nothing to change" in cli.error_line(cli("people", "edit", "ada"))


def test_adding_someone_under_a_name_already_here_says_so(cli):
    first = cli.add("Priya Raman")["id"]
    again = cli("people", "add", "PRIYA RAMAN")
    assert again.exit_code == 0, again.stderr
    second = int(again.stdout.split("(#")[1].split(")")[0])
    assert again.stdout.splitlines()[1] == (
        f"  Priya Raman (#{first}) was here already: if they are one person, "
        f"`netweave people merge {first} {second}`."
    )
    assert cli("people", "add", "Priya Ramanujan").stdout.count("\n") == 1  # another name
    third = cli.json("people", "add", "Priya  Raman", "--json")
    assert third["namesakes"] == [
        {"id": first, "name": "Priya Raman"},
        {"id": second, "name": "PRIYA RAMAN"},
    ]
    assert cli.json("people", "add", "Sofia Marin", "--json")["namesakes"] == []


def test_one_of_two_namesakes_met_at_an_event_is_told_apart_by_employer(cli):
    cli("events", "add", "PyData", "--on", cli.days_ago(1))
    cli.add("Casey Foster", "--company", "Acme")
    cli.add("Casey Foster", "--company", "Globex")
    line = cli.error_line(cli("events", "meet", "PyData", "Casey Foster"), code=2)
    assert "Acme" in line
    assert "Globex" in line


def test_a_past_job_without_a_title_is_its_employer_alone(cli):
    cli.add("Gina Ray", "--company", "SunCo")
    cli("people", "edit", "gina", "--company", "WindCo", "--title", "PM")
    cli("people", "edit", "gina", "--company", "TideCo")
    assert cli.show_lines("gina")["Before"] == "SunCo; PM at WindCo"


def test_an_event_shows_who_was_met_there_and_their_follow_ups(cli):
    cli("events", "add", "PyData", "--on", cli.days_ago(1))
    cli.add("Lee Vale", "--company", "Acme", "--title", "CTO")
    cli("events", "meet", "PyData", "Lee Vale", "Mia Wong")
    shown = cli.json("events", "show", "pydata")
    assert [(p["name"], p["works"]) for p in shown["people"]] == [
        ("Lee Vale", "CTO at Acme"),
        ("Mia Wong", None),
    ]
    assert all(p["follow_up"]["done"] is False for p in shown["people"])
    text = cli("events", "show", "PyData").stdout.splitlines()
    assert text[0] == f"PyData (#1) on {cli.days_ago(1)}: 2 people met."


def test_forgetting_yourself_is_refused_before_any_question(cli):
    cli.add("Me Myself", "--me")
    line = cli.error_line(cli("people", "forget", "me myself"))
    assert "is you: your own record stays" in line


def test_a_person_renamed_as_someone_here_already_is_said_as_people_add_says_it(cli):
    aditya = cli.add("Aditya Reddy")["id"]
    adi = cli.add("Adi Levi")["id"]
    out = cli("people", "edit", "Adi Levi", "--name", "Aditya Reddy").stdout
    assert f"Aditya Reddy (#{aditya}) was here already: if they are one person, " in out
    assert f"`netweave people merge {aditya} {adi}`" in out
    view = cli.json("people", "edit", f"#{adi}", "--name", "Aditya Reddy")
    assert view["namesakes"] == [{"id": aditya, "name": "Aditya Reddy"}]
    assert "was here already" not in cli("people", "edit", f"#{adi}", "--note", "x").stdout


def test_merging_your_own_record_with_another_name_needs_yes(cli):
    me = cli.add("Alex Rivera", "--me")["id"]
    mike = cli.add("Michael Chen")["id"]
    line = cli.error_line(cli("people", "merge", str(me), str(mike)))
    assert line.endswith("if you are one person, add --yes")
    assert cli.scalar("SELECT count(*) FROM person") == 2
    result = cli("people", "merge", str(me), str(mike), "--yes")
    assert result.exit_code == 0, result.stderr


def test_making_someone_else_you_needs_yes_as_a_merge_of_your_record_does(cli):
    cli.add("Alex Rivera")
    cli.add("Michael Chen")
    assert cli.json("people", "edit", "Alex", "--me")["is_me"] is True  # the first: no --yes
    said = "netweave: error: you are Alex Rivera (#1) now: to be Michael Chen (#2) instead, "
    for json_out in ((), ("--json",)):
        line = cli.error_line(cli("people", "edit", "Michael", "--me", "--title", "CTO", *json_out))
        assert line == said + "re-run with --yes"
        assert cli.scalar("SELECT id FROM person WHERE is_me") == 1
        assert cli.show("Michael")["title"] is None  # nothing of the edit was made
    moved = cli.json("people", "edit", "Michael", "--me", "--yes")
    assert moved["was_me"] == {"id": 1, "name": "Alex Rivera"}
    assert cli.scalar("SELECT id FROM person WHERE is_me") == 2
    assert "was_me" not in cli.json("people", "edit", "Michael", "--me")  # already you
