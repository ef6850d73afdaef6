"""The network as a graph: map data, and GraphML / GEXF / Cytoscape JSON that networkx opens."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest

from factories import person, talk
from netweave.errors import Conflict, InvalidInput
from netweave.services import knows
from netweave.services.context import Context
from netweave.services.graph import export_graph, network_graph


def _network(ctx: Context) -> dict[str, int]:
    me = person(ctx, "Me Myself", is_me=True)
    ana = person(ctx, "Ana Ruiz", company="Acme", circle="close", interests=[])
    bo = person(ctx, "Bo Chen", company="Acme")
    cy = person(ctx, "Cy Dorn", company="Globex")
    talk(ctx, "Ana Ruiz", on=dt.date(2026, 6, 1), kind="coffee")
    talk(ctx, "Ana Ruiz", on=dt.date(2026, 5, 1), kind="call")
    knows.add_knows(ctx, "Bo Chen", "Cy Dorn", context="rowing")
    return {"me": me["id"], "ana": ana["id"], "bo": bo["id"], "cy": cy["id"]}


def test_map_data_has_people_ties_knows_edges_and_clusters(ctx: Context) -> None:
    ids = _network(ctx)
    data = network_graph(ctx)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == set(ids.values())
    ana = nodes[ids["ana"]]
    assert (ana["circle"], ana["organization"], ana["is_me"]) == ("close", "Acme", False)
    assert ana["strength"] > nodes[ids["bo"]]["strength"] == 0
    assert ana["size"] > nodes[ids["bo"]]["size"]
    assert nodes[ids["me"]]["is_me"] is True
    edges = {(e["source"], e["target"], e["kind"]): e for e in data["edges"]}
    assert set(edges) == {(ids["me"], ids["ana"], "tie"), (ids["bo"], ids["cy"], "knows")}
    assert edges[(ids["me"], ids["ana"], "tie")]["weight"] == ana["strength"]
    assert edges[(ids["bo"], ids["cy"], "knows")]["context"] == "rowing"
    assert data["clusters"] == [
        {"id": data["clusters"][0]["id"], "kind": "organization", "label": "Acme",
         "members": sorted((ids["ana"], ids["bo"]))},
    ]  # fmt: skip
    # A strength floor keeps the user, the ties that strong, and the people a knows edge
    # links to one of them; two weak people who know each other go.
    floor = ana["strength"]
    kept = network_graph(ctx, min_strength=floor)
    assert {n["id"] for n in kept["nodes"]} == {ids["me"], ids["ana"]}
    assert [(e["source"], e["target"]) for e in kept["edges"]] == [(ids["me"], ids["ana"])]
    knows.add_knows(ctx, "Ana Ruiz", "Bo Chen", context="climbing")
    kept = network_graph(ctx, min_strength=floor)
    assert {n["id"] for n in kept["nodes"]} == {ids["me"], ids["ana"], ids["bo"]}
    assert {(e["source"], e["target"], e["kind"]) for e in kept["edges"]} == {
        (ids["me"], ids["ana"], "tie"),
        (min(ids["ana"], ids["bo"]), max(ids["ana"], ids["bo"]), "knows"),
    }
    assert {n["id"] for n in network_graph(ctx, min_strength=101)["nodes"]} == {ids["me"]}


def _read(fmt: str, path: Path) -> nx.Graph:
    if fmt == "graphml":
        return nx.read_graphml(path, node_type=int)
    if fmt == "gexf":
        return nx.read_gexf(path, node_type=int)
    graph = nx.cytoscape_graph(json.loads(path.read_text(encoding="utf-8")))
    return nx.relabel_nodes(graph, int)  # Cytoscape's ids are text


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_exports_open_in_networkx_with_nodes_edges_and_attributes(
    ctx: Context, tmp_path: Path, fmt: str
) -> None:
    ids = _network(ctx)
    path = tmp_path / f"net.{fmt}"
    assert export_graph(ctx, fmt, path) == {
        "path": str(path),
        "format": fmt,
        "nodes": 4,
        "edges": 2,
        "has_me": True,
    }
    graph = _read(fmt, path)
    assert {int(n) for n in graph.nodes} == set(ids.values())
    assert {frozenset(int(x) for x in e) for e in graph.edges} == {
        frozenset((ids["me"], ids["ana"])),
        frozenset((ids["bo"], ids["cy"])),
    }
    node = graph.nodes[ids["ana"]]
    assert node["name"] == "Ana Ruiz"
    assert node["organization"] == "Acme"
    assert node["circle"] == "close"
    assert int(node["strength"]) > 0
    edge = graph.edges[ids["bo"], ids["cy"]]
    assert (edge["kind"], edge["context"]) == ("knows", "rowing")
    assert "communities" not in node  # none: left out, not written empty
    text = path.read_text(encoding="utf-8")
    if fmt == "gexf":  # Gephi shows the label
        assert f'<node id="{ids["ana"]}" label="Ana Ruiz">' in text
    if fmt == "json":  # Cytoscape.js: ids, sources and targets are text; data is an object
        document = json.loads(text)
        assert document["clusters"][0]["label"] == "Acme"
        assert document["data"]["name"] == "netweave network"
        node_ids = {n["data"]["id"] for n in document["elements"]["nodes"]}
        for e in document["elements"]["edges"]:
            assert {e["data"]["source"], e["data"]["target"]} <= node_ids
        assert set(document["clusters"][0]["members"]) <= node_ids


def test_export_refuses_unknown_formats_and_unwritable_paths(ctx: Context, tmp_path: Path) -> None:
    _network(ctx)
    with pytest.raises(InvalidInput, match="choose one of: graphml, gexf, json"):
        export_graph(ctx, "dot", tmp_path / "x.dot")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(InvalidInput, match="cannot write"):
        export_graph(ctx, "graphml", blocker / "x.graphml")


def test_export_makes_folders_and_replaces_a_file_only_when_told(
    ctx: Context, tmp_path: Path
) -> None:
    _network(ctx)
    path = tmp_path / "maps" / "2026" / "net.graphml"
    export_graph(ctx, "graphml", path)
    first = path.read_text(encoding="utf-8")
    assert first.startswith('<?xml version="1.0" encoding="utf-8"?>\n<graphml')
    with pytest.raises(Conflict, match="already exists"):
        export_graph(ctx, "gexf", path)
    assert path.read_text(encoding="utf-8") == first  # untouched
    export_graph(ctx, "gexf", path, force=True)
    assert "<gexf" in path.read_text(encoding="utf-8")
    assert [p.name for p in path.parent.iterdir()] == ["net.graphml"]  # no temporary left
