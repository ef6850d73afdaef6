"""Network-map data written as GraphML, GEXF (Gephi) or Cytoscape JSON, through networkx."""

from __future__ import annotations

import json
from typing import Any, TextIO

FORMATS = ("graphml", "gexf", "json")
_XML = '<?xml version="1.0" encoding="utf-8"?>\n'


def to_networkx(data: dict[str, Any]) -> Any:
    """An undirected ``networkx.Graph`` of ``network_graph`` data.

    Attribute values these formats cannot hold are adapted: lists become ``"; "``-joined
    text, ``None`` and an empty list are left out. A knows edge between two people the user
    also has a tie to cannot happen (knows edges never involve the user), but a repeated
    pair keeps both kinds.
    """
    import networkx as nx

    graph = nx.Graph(name="netweave network")
    for node in data["nodes"]:  # a label, which Gephi shows (the id otherwise)
        graph.add_node(node["id"], label=node["name"], **_attrs(node, skip=("id",)))
    for edge in data["edges"]:
        a, b = edge["source"], edge["target"]
        attrs = _attrs(edge, skip=("source", "target"))
        if graph.has_edge(a, b):
            old = graph.edges[a, b]
            attrs["kind"] = f"{old['kind']},{attrs['kind']}"
            attrs["weight"] = max(old["weight"], attrs["weight"])
        graph.add_edge(a, b, **attrs)
    return graph


def _attrs(item: dict[str, Any], *, skip: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in item.items():
        if key in skip or value is None or value == []:
            continue
        out[key] = "; ".join(str(v) for v in value) if isinstance(value, list) else value
    return out


def write_graph(data: dict[str, Any], fmt: str, out: TextIO) -> None:
    """Write ``data`` to the text file ``out`` in ``fmt`` (one of :data:`FORMATS`)."""
    import networkx as nx

    graph = to_networkx(data)
    if fmt == "graphml":
        out.write(_XML)
        out.writelines(line + "\n" for line in nx.generate_graphml(graph))
    elif fmt == "gexf":
        out.write(_XML)
        out.writelines(line + "\n" for line in nx.generate_gexf(graph))
    else:
        document = _cytoscape(nx.cytoscape_data(graph))
        document["clusters"] = [
            {**c, "members": [str(m) for m in c["members"]]} for c in data["clusters"]
        ]
        out.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")


def _cytoscape(document: dict[str, Any]) -> dict[str, Any]:
    """Cytoscape.js JSON as that library reads it: every id, source and target a string (as
    networkx writes the nodes' ids; its ``value`` too, so networkx reads the file back with
    one kind of key), and the graph's data an object."""
    for node in document["elements"]["nodes"]:
        node["data"]["value"] = str(node["data"]["value"])
    for edge in document["elements"]["edges"]:
        edge["data"]["source"] = str(edge["data"]["source"])
        edge["data"]["target"] = str(edge["data"]["target"])
    if isinstance(document.get("data"), list):
        document["data"] = dict(document["data"])
    return document
