"""``netweave knows``, ``intros`` and ``graph`` from the command line."""

from __future__ import annotations

import json

import networkx as nx


def _people(cli):
    cli.add("Me Myself", "--me", "--need", "Advice on energy policy jobs")
    cli.add("Ana Ruiz", "--company", "Acme", "--need", "Introductions to energy policy staff")
    cli.add("Bo Chen", "--company", "Acme", "--offer", "Introductions to state energy policy staff")
    cli.add("Ana Ruiz", "--company", "Globex")  # a namesake


def test_knows_add_list_remove(cli):
    _people(cli)
    edge = cli.json("knows", "add", "#2", "Bo Chen", "--context", "rowing", "--since", "2020-01-02")
    assert (edge["a"], edge["b"], edge["since"]) == ("Ana Ruiz", "Bo Chen", "2020-01-02")
    text = cli("knows", "list", "Bo")
    assert text.exit_code == 0
    assert "rowing" in text.stdout
    assert cli.json("knows", "list", "#2") == [edge]
    line = cli.error_line(cli("knows", "add", "Bo Chen", "Ana Ruiz"), code=2)
    assert "ambiguous" in line
    assert "#2" in line
    assert "already know each other" in cli.error_line(cli("knows", "add", "#2", "Bo Chen"))
    assert cli("knows", "remove", "Bo Chen", "#2").stdout == "Removed: Ana Ruiz — Bo Chen.\n"
    assert cli.json("knows", "list") == []
    assert "--since" in cli("knows", "add", "#2", "Bo Chen", "--since", "soon").stderr


def test_knows_suggestions_confirm_and_dismiss(cli):
    _people(cli)
    found = cli.json("knows", "suggestions")
    assert [(s["a"], s["b"], s["reason"]) for s in found] == [
        ("Ana Ruiz", "Bo Chen", "both work at Acme")
    ]
    shown = cli("knows", "suggestions")
    assert "Confirm with `netweave knows confirm A B`" in shown.stdout
    assert cli("knows", "dismiss", "#2", "Bo Chen").exit_code == 0
    assert cli.json("knows", "suggestions") == []
    assert cli("knows", "confirm", "#2", "Bo Chen").stdout.startswith("Confirmed: Ana Ruiz knows")
    assert cli("knows", "suggestions").stdout.startswith("No suggestions")
    cli.add("Cy Dee")
    assert cli("knows", "confirm", "Cy Dee", "Bo Chen").stdout == (
        "Confirmed: Bo Chen knows Cy Dee.\nThey were not among the suggestions (`netweave "
        "knows suggestions`): recorded as `netweave knows add` does.\n"
    )


def test_intros_suggest_json_contract_and_text(cli):
    _people(cli)
    found = cli.json("intros", "suggest", "--method", "lexical")
    assert found
    assert {"a", "b", "score", "reason"} <= set(found[0])
    assert (found[0]["a"], found[0]["b"]) == ("Bo Chen", "Ana Ruiz")  # whose help is asked
    text = cli("intros", "suggest", "--method", "lexical", "--limit", "1")
    assert text.stdout.splitlines()[:5] == [
        f" 1. Bo Chen (#3) ↔ Ana Ruiz (#2)  score {found[0]['score']:.2f}",
        "      Ana Ruiz needs “Introductions to energy policy staff”",
        "      Bo Chen offers “Introductions to state energy policy staff”"
        " (shared words: energy, introduction, policy, staff)",
        "      they may know each other already: both work at Acme",
        "      ask Bo Chen first, whose help is asked: `netweave intros propose #3 #2 --why TEXT`",
    ]
    assert "unknown matching method" in cli.error_line(cli("intros", "suggest", "--method", "x"))


def test_intros_suggest_with_nothing_to_suggest_says_what_is_missing(cli):
    cli.add("Ana Ruiz", "--need", "Introductions to energy policy staff")
    cli.add("Bo Chen", "--need", "A bass player")
    text = cli("intros", "suggest", "--method", "lexical")
    assert text.exit_code == 0
    assert text.stdout.splitlines()[0] == (
        "No suggestions yet: 2 people have needs, but nobody has an offer recorded, "
        "and no two people share two interests."
    )
    assert cli.json("intros", "suggest", "--method", "lexical") == []


def test_intros_workflow_from_the_command_line(cli, today):
    _people(cli)
    proposed = cli("intros", "propose", "#2", "Bo Chen", "--why", "both work on energy policy")
    assert proposed.exit_code == 0
    assert "Message to Ana Ruiz:" in proposed.stdout
    n = str(cli.json("intros", "list")[0]["id"])
    asked = cli("intros", "ask", n)
    assert asked.stdout.splitlines()[1].startswith("Logged a message to Ana Ruiz (conversation #")
    agreed = cli("intros", "agree", n, "--note", "yes")
    assert "Message to Bo Chen:" in agreed.stdout
    assert "Next: send the opt-in question to Bo Chen" in agreed.stdout
    items = cli.json("today")["items"]
    assert any(i["kind"] == "intro" and i["person"] == "Bo Chen" for i in items)
    refused = cli.error_line(cli("intros", "introduce", n))
    assert "is at step 'Ana Ruiz agreed'; next: send the opt-in question to Bo Chen" in refused
    cli("intros", "ask", n)
    cli("intros", "agree", n)
    made = cli.json("intros", "introduce", n)
    assert (made["state"], made["logged"]["to"]) == ("introduced", ["Ana Ruiz", "Bo Chen"])
    assert cli.json("knows", "list", "Bo")[0]["context"].startswith("introduced by you")
    for flags in (("--met", "--not-met"), ("--not-helped", "--helped")):
        flag = flags[0].replace("not-", "")[2:]
        said = cli.error_line(cli("intros", "outcome", n, *flags), 2)
        assert f"give --{flag} or --not-{flag}, not both" in said
    assert cli.json("intros", "show", n)["state"] == "introduced"  # nothing recorded
    done = cli.json("intros", "outcome", n, "--met", "--not-helped")
    assert done["outcome"] == "they met; it did not help"
    shown = cli("intros", "show", n)
    assert f"  {today.isoformat()}  Ana Ruiz agreed — yes" in shown.stdout
    assert "Outcome: they met; it did not help" in shown.stdout
    corrected = cli("intros", "outcome", n, "--not-met", "--helped", "--note", "Lunch booked")
    assert corrected.stdout.startswith(
        f"Outcome corrected for: introduction #{n} of Ana Ruiz and Bo Chen (outcome corrected)."
    )
    shown = cli("intros", "show", n).stdout  # each outcome says what it recorded
    assert f"  {today.isoformat()}  outcome recorded: they met; it did not help\n" in shown
    assert "outcome corrected: they did not meet; it helped — Lunch booked\n" in shown
    assert "Outcome: they did not meet; it helped — Lunch booked" in shown
    assert cli("intros", "list").stdout.startswith("No introductions under way")
    assert len(cli.json("intros", "list", "--all")) == 1
    assert "no introduction #99" in cli.error_line(cli("intros", "show", "99"))


def test_intros_decline_says_nothing_goes_to_the_other_side(cli):
    _people(cli)
    cli("intros", "propose", "#2", "Bo Chen", "--why", "energy policy")
    cli("intros", "ask", "1")
    result = cli("intros", "decline", "1")
    assert result.stdout.splitlines() == [
        "Introduction #1 of Ana Ruiz and Bo Chen declined.",
        "No message goes to the other side.",
    ]
    assert "was declined already" in cli.error_line(cli("intros", "decline", "1"))


def test_a_no_from_b_after_a_agreed_leaves_a_to_tell(cli):
    _people(cli)
    cli("intros", "propose", "#2", "Bo Chen", "--why", "energy policy")
    for step in ("ask", "agree", "ask"):
        cli("intros", step, "1")
    said = cli("intros", "decline", "1").stdout.splitlines()
    assert said[:3] == [
        "Introduction #1 of Ana Ruiz and Bo Chen declined.",
        "Ana Ruiz said yes and waits to hear: only that it will not happen, not why.",
        "Message to Ana Ruiz:",
    ]
    assert said[-1] == (
        "Next: let Ana Ruiz know the introduction to Bo Chen will not happen, without saying "
        "why, then `netweave intros tell 1`"
    )
    told = cli("intros", "tell", "1").stdout.splitlines()
    assert told[1].startswith("Logged a message to Ana Ruiz (conversation #")
    assert "told Ana Ruiz it will not happen" in cli("intros", "show", "1").stdout
    assert "already" in cli.error_line(cli("intros", "tell", "1"))


def test_graph_export_writes_files_networkx_opens(cli, tmp_path):
    _people(cli)
    cli("knows", "add", "#2", "Bo Chen")
    for fmt in ("graphml", "gexf", "json"):
        path = tmp_path / f"net.{fmt}"
        result = cli("graph", "export", str(path), "--format", fmt)
        assert result.stdout == f"Wrote 4 people and 1 edge to {path} ({fmt}).\n"
        if fmt == "graphml":
            graph = nx.read_graphml(path)
        elif fmt == "gexf":
            graph = nx.read_gexf(path)
        else:
            graph = nx.cytoscape_graph(json.loads(path.read_text(encoding="utf-8")))
        assert graph.number_of_nodes() == 4
        assert graph.number_of_edges() == 1
    line = cli.error_line(cli("graph", "export", str(tmp_path / "x"), "--format", "dot"))
    assert "unknown graph format 'dot'" in line


def test_graph_export_without_a_record_of_the_user_says_how_to_add_one(cli, tmp_path):
    cli.add("Ana Ruiz")
    cli.add("Bo Chen")
    cli("knows", "add", "Ana Ruiz", "Bo Chen")
    path = tmp_path / "net.json"
    assert cli("graph", "export", str(path)).stdout.splitlines() == [
        f"Wrote 2 people and 1 edge to {path} (json).",
        "There is no record of you, so none of your own ties is in it: add yourself with "
        '`netweave people add "Your Name" --me`.',
    ]


def test_graph_export_takes_its_format_from_the_files_extension(cli, tmp_path):
    _people(cli)
    gexf, cyto, other = tmp_path / "net.gexf", tmp_path / "net.JSON", tmp_path / "net.xml"
    assert cli("graph", "export", str(gexf)).stdout.endswith("(gexf).\n")
    assert nx.read_gexf(gexf).number_of_nodes() == 4
    assert cli("graph", "export", str(cyto)).stdout.endswith("(json).\n")
    assert "elements" in json.loads(cyto.read_text(encoding="utf-8"))
    assert cli("graph", "export", str(other)).stdout.endswith("(graphml).\n")
    assert nx.read_graphml(other).number_of_nodes() == 4
    refused = tmp_path / "wrong.gexf"
    line = cli.error_line(cli("graph", "export", str(refused), "--format", "graphml"))
    assert line.endswith("wrong.gexf ends in .gexf, but --format is graphml: "
                         "give a FILE ending in .graphml, or --format gexf")  # fmt: skip
    assert not refused.exists()


#: Runs the program as ``python -m netweave`` does, then says on its last line of standard
#: error whether the matching model's runtime was imported (the model is loaded only so).
_SAYS_IF_LOADED = """
import runpy, sys
try:
    runpy.run_module("netweave", run_name="__main__", alter_sys=True)
finally:
    print("loaded" if "onnxruntime" in sys.modules else "not loaded", file=sys.stderr)
"""


def test_intros_suggest_loads_the_model_only_when_a_text_has_no_cached_vector(cli):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from netweave.config import DB_ENV

    _people(cli)
    cli.add("Cy Dorn", "--offer", "AI researcher, open to joining an early-stage company")
    first = cli.json("intros", "suggest")  # computes and caches every text's vector
    env = {k: v for k, v in os.environ.items() if k != DB_ENV}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2] / "src")  # this source

    def suggest() -> tuple[object, str]:
        args = ["--db", cli.db_url, "--as-of", cli.today.isoformat(), "intros", "suggest"]
        done = subprocess.run(
            [sys.executable, "-c", _SAYS_IF_LOADED, *args, "--json"],
            capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout), done.stderr.splitlines()[-1]

    assert suggest() == (first, "not loaded")  # every vector cached: the same, no model
    assert {s["method"] for s in first} == {"semantic"}
    edited = cli("people", "edit", "#2", "--need", "A technical cofounder who knows ML")
    assert edited.exit_code == 0, edited.stderr
    found, loaded = suggest()
    assert loaded == "loaded"  # a new need: the model embeds it
    assert {s["method"] for s in found} == {"semantic"}
    assert ("Cy Dorn", "Ana Ruiz") in [(s["a"], s["b"]) for s in found]


def test_people_show_says_whom_they_know_and_their_introductions(cli):
    _people(cli)
    cli.add("Cy Dee")
    cli("knows", "add", "#2", "Cy Dee", "--context", "rowing")
    n = cli.json("intros", "propose", "Bo Chen", "#2", "--why", "energy policy")["id"]
    view = cli.json("people", "show", "#2")
    assert view["knows"] == [
        {"id": 5, "name": "Cy Dee", "context": "rowing", "since": None, "how": "well"}
    ]
    assert view["introductions"] == [{"id": n, "with": "Bo Chen", "with_id": 3, "step": "proposed"}]
    shown = cli("people", "show", "#2").stdout
    assert "  Knows: Cy Dee (#5) (rowing)\n" in shown
    assert f"  Introductions: #{n} with Bo Chen: proposed\n" in shown
    assert "Knows:" not in cli("people", "show", "Me Myself").stdout  # nothing to say
