"""``netweave orgs``: add, list and show organizations, as JSON and as tables."""

from __future__ import annotations


def _acme_with_people(cli):
    org = cli.json(
        "orgs", "add", "Acme Corp",
        "--domain", "ACME.com", "--industry", "Rockets", "--location", "Mojave", "--note", "anvils",
    )  # fmt: skip
    cli.add("Wile Coyote", "--company", "acme", "--title", "Genius")
    cli.add("Road Runner", "--company", "Acme, Inc.", "--title", "Tester")
    cli.json("people", "edit", "Road Runner", "--company", "Globex")
    return org


def test_add_returns_the_organization_and_refuses_a_second_spelling(cli):
    org = _acme_with_people(cli)
    assert {k: org[k] for k in ("name", "domain", "industry", "location", "notes")} == {
        "name": "Acme Corp",
        "domain": "acme.com",
        "industry": "Rockets",
        "location": "Mojave",
        "notes": "anvils",
    }
    assert (org["people_now"], org["alumni"]) == ([], [])
    line = cli.error_line(cli("orgs", "add", "ACME, Inc."))
    assert "Acme Corp" in line
    assert [o["name"] for o in cli.json("orgs", "list")] == ["Acme Corp", "Globex"]


def test_list_and_show_json(cli):
    _acme_with_people(cli)
    listed = cli.json("orgs", "list")
    assert [(o["name"], o["people_now"], o["target"]) for o in listed] == [
        ("Acme Corp", 1, False),
        ("Globex", 1, False),
    ]
    shown = cli.json("orgs", "show", "acme")
    assert shown["name"] == "Acme Corp"
    assert [(p["name"], p["title"]) for p in shown["people_now"]] == [("Wile Coyote", "Genius")]
    assert [(p["name"], p["title"], p["until"]) for p in shown["alumni"]] == [
        ("Road Runner", "Tester", cli.today.isoformat())
    ]
    assert cli.json("orgs", "show", str(shown["id"]))["name"] == "Acme Corp"
    assert "Umbrella" in cli.error_line(cli("orgs", "show", "Umbrella"))


def test_list_and_show_tables(cli):
    empty = cli("orgs", "list")
    assert empty.exit_code == 0
    assert "No organizations yet" in empty.stdout
    _acme_with_people(cli)
    listed = cli("orgs", "list")
    assert listed.exit_code == 0, listed.stderr
    rows = [line.split() for line in listed.stdout.splitlines()]
    assert rows[0][:3] == ["#", "Organization", "People"]
    assert [r[1:4] for r in rows[1:]] == [["Acme", "Corp", "1"], ["Globex", "1", "—"]]
    shown = cli("orgs", "show", "Acme Corp")
    assert shown.exit_code == 0, shown.stderr
    text = shown.stdout
    assert text.splitlines()[0].startswith("Acme Corp (#")
    for expected in (
        "Industry: Rockets",
        "Location: Mojave",
        "Wile Coyote",
        "Genius",
        "Road Runner",
    ):
        assert expected in text
    assert text.index("There now") < text.index("Wile Coyote") < text.index("Worked there")
    assert text.index("Worked there") < text.index("Road Runner")


def test_edit_renames_and_says_so(cli):
    _acme_with_people(cli)
    result = cli("orgs", "edit", "acme", "--name", "Acme Rockets", "--location", "none")
    assert result.exit_code == 0, result.output
    assert "Changed Acme Rockets" in result.output
    shown = cli.json("orgs", "show", "Acme Rockets")
    assert (shown["location"], shown["domain"]) == (None, "acme.com")
    assert [p["name"] for p in shown["people_now"]] == ["Wile Coyote"]
    line = cli.error_line(cli("orgs", "edit", "Acme Rockets", "--name", "Globex"))
    assert "'Globex' already exists" in line
    line = cli.error_line(cli("orgs", "edit", "Acme Rockets", "--domain", "acme rockets"))
    assert line.endswith("not a domain: 'acme rockets' (a domain looks like acme.com)")
    assert cli.json("orgs", "show", "Acme Rockets")["domain"] == "acme.com"
    edited = cli.json("orgs", "edit", "Acme Rockets", "--domain", "https://www.acme-rockets.com/")
    assert edited["domain"] == "acme-rockets.com"
    assert "not a domain" in cli.error_line(cli("orgs", "add", "Initech", "--domain", "initech"))
    assert [o["name"] for o in cli.json("orgs", "list")] == ["Acme Rockets", "Globex"]


# --- an organization typed by name: the same hint and the same lookup everywhere ----------


def test_a_company_close_to_one_here_is_said_as_targets_add_says_it(cli):
    first = cli.add("Ann Lee", "--company", "Kelp Forest Labs")
    assert first["new_org"] == {"name": "Kelp Forest Labs", "similar": []}
    edited = cli("people", "edit", "Ann Lee", "--company", "kelp forest")
    assert edited.exit_code == 0, edited.stderr
    assert edited.stdout.splitlines() == [
        "Updated Ann Lee (#1).",
        "kelp forest is a new organization; did you mean Kelp Forest Labs (#1)?",
    ]
    # the line targets add says of a name like it, and the JSON leads add gives
    target = cli("targets", "add", "kelp fores", "--new-org").stdout.splitlines()[1]
    assert target.startswith("kelp fores is a new organization; did you mean Kelp Forest Labs")
    added = cli.add("Bo Chen", "--company", "Kelp Labs")
    assert added["new_org"]["name"] == "Kelp Labs"
    assert "Kelp Forest Labs (#1)" in added["new_org"]["similar"]
    text = cli("people", "add", "Cy Dorn", "--company", "Globex").stdout.splitlines()
    assert text == ["Added Cy Dorn (#3)."]  # a new company like none here: everyday news
    # an organization already here is no news
    known = cli("people", "edit", "Cy Dorn", "--company", "kelp forest labs")
    assert known.stdout.splitlines() == ["Updated Cy Dorn (#3)."]
    assert "new_org" not in cli.json("people", "edit", "Bo Chen", "--company", "Globex")


def test_orgs_add_names_the_organizations_a_new_name_is_close_to(cli):
    cli.add("Ann Lee", "--company", "Kelp Forest Labs")
    added = cli("orgs", "add", "Kelp Forest").stdout.splitlines()
    assert added[0].startswith("Added Kelp Forest (#")
    assert added[1:] == ["Kelp Forest is a new organization; did you mean Kelp Forest Labs (#1)?"]
    assert cli("orgs", "add", "Globex").stdout.splitlines() == ["Added Globex (#3)."]
    assert cli.json("orgs", "add", "Initech")["new_org"] == {"name": "Initech", "similar": []}


def test_an_org_filter_several_organizations_match_is_ambiguous_as_elsewhere(cli):
    cli.add("Ana Ruiz", "--company", "Kelp Power")
    cli.add("Bo Chen", "--company", "Kelp Forest Labs")
    lines = {
        args: cli.error_line(cli(*args), 2)
        for args in (
            ("people", "list", "--org", "Kelp"),
            ("people", "list", "--org", "Kelp", "--json"),
            ("orgs", "show", "Kelp"),
            ("paths", "Kelp"),
        )
    }
    assert set(lines.values()) == {
        "netweave: error: organization 'Kelp' is ambiguous; candidates: "
        "Kelp Power (#1); Kelp Forest Labs (#2)"
    }, lines
    assert cli.names("--org", "kelp pow") == ["Ana Ruiz"]
    assert cli.names("--org", "Kelp Forest Labs") == ["Bo Chen"]
