"""Network-map data written as GraphML, GEXF (Gephi) or Cytoscape JSON, through networkx."""

from __future__ import annotations

import json
from typing import Any, TextIO

FORMATS = ("graphml", "gexf", "json")
_XML = '<?xml version="1.0" encoding="utf-8"?>\n'


def to_networkx(data: dict[str, Any]) -> Any:
    """An undirected ``networkx.Graph`` of ``network_graph`` data.

    Attribute values these formats cannot hold are adapted: lists become ``"; "``-joined
    text, ``None`` is left out. A knows edge between two people the user also has a tie to
    cannot happen (knows edges never involve the user), but a repeated pair keeps both kinds.
    """
    import networkx as nx

    graph = nx.Graph(name="netweave network")
    for node in data["nodes"]:
        graph.add_node(node["id"], **_attrs(node, skip=("id",)))
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
        if key in skip or value is None:
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
        document = nx.cytoscape_data(graph)
        document["clusters"] = data["clusters"]
        out.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
