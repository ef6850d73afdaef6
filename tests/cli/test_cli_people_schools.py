"""``people add``/``edit`` --school, --community and --remove-community, on SQLite and
PostgreSQL: what the shared factor, paths and advocacy then read."""

from __future__ import annotations


def test_schools_and_communities_added_shown_shared_and_removed(cli):
    cli.add("Maya Lindqvist", "--me", "--school", "Bayview University:BA Economics:2010-2014")
    added = cli.add(
        "Ben Lee",
        "--school", "bayview university:MBA:2016-",
        "--community", "club:Toastmasters Downtown:member",
        "--community", "alumni:Bayview Alumni",
    )  # fmt: skip
    assert [(a["community"], a["kind"], a["role"], a["years"]) for a in added["affiliations"]] == [
        ("Bayview University", "school", "MBA", [2016, None]),  # one community, spelt otherwise
        ("Toastmasters Downtown", "club", "member", [None, None]),
        ("Bayview Alumni", "alumni", None, [None, None]),
    ]
    assert cli.show("Ben")["strength_factors"]["shared"] > 0  # the user's school
    lines = cli.show_lines("Ben")
    assert lines["Schools and communities"] == (
        "Bayview University (school, MBA, from 2016); Toastmasters Downtown (club, member); "
        "Bayview Alumni (alumni group)"
    )
    # a correction: the old one goes, the new one comes; the school is no longer shared
    edited = cli.json(
        "people", "edit", "Ben",
        "--remove-school", "BAYVIEW UNIVERSITY",
        "--remove-community", "toastmasters downtown",
        "--community", "club:Toastmasters Uptown",
    )  # fmt: skip
    assert [a["community"] for a in edited["affiliations"]] == [
        "Bayview Alumni", "Toastmasters Uptown"]  # fmt: skip
    assert cli.show("Ben")["strength_factors"]["shared"] == 0
    # the user's own school added later: counted for everyone in it
    cli.json("people", "edit", "Ben", "--school", "Harbor College:2012")
    cli.json("people", "edit", "Maya", "--school", "Harbor College")
    assert cli.show("Ben")["strength_factors"]["shared"] > 0


def test_refusals_are_one_line_and_change_nothing(cli):
    cli.add("Ben Lee", "--school", "Bayview University:MBA")
    for options, said in (
        (("--school", "bayview university:mba"), "Ben Lee is in Bayview University already"),
        (("--community", "Toastmasters"), "community must be KIND:NAME[:ROLE][:FROM-TO]"),
        (("--community", "guild:Makers"), "with KIND one of school, alumni, club, other"),
        (("--school", "Harbor:BA:2015-2014"), "school 'Harbor:BA:2015-2014': from: 2015 is after"),
        (("--school", "Harbor:1850"), "a year from 1900 to"),
        (("--school", " "), "--school is empty: give a value"),
        (("--remove-school", "Harbor"), "Ben Lee has no school or community 'Harbor'"),
        (("--school", "Harbor", "--school", "harbor "), "--school 'harbor ' is given twice"),
        (("--remove-school", "Zed" * 50), f"school or community '{'Zed' * 50:.40}'…"),
    ):
        line = cli.error_line(cli("people", "edit", "Ben", "--tag", "x", *options))
        assert said in line, line
    shown = cli.show("Ben")
    assert [a["community"] for a in shown["affiliations"]] == ["Bayview University"]
    assert shown["tags"] == []
    assert cli.scalar("SELECT count(*) FROM community") == 1
    line = cli.error_line(cli("people", "add", "Cy", "--school", "Harbor:2015-2014"))
    assert "from: 2015 is after" in line
    line = cli.error_line(cli("people", "add", "Dup Two", "--school", "H:BA", "--school", "H:BA"))
    assert line == "netweave: error: --school 'H:BA' is given twice", line
    assert cli.names() == ["Ben Lee"]
