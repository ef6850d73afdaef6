"""The network as a graph: the data behind a network map, and exports for Gephi/Cytoscape."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from netweave.services.context import Context
from netweave.services.relationships import strengths
from netweave.store.models import Affiliation, Community, Knows, Organization, Person, Position

#: A node's drawn size: this base plus its tie strength (0–100) scaled down.
BASE_SIZE, SIZE_PER_STRENGTH = 4.0, 0.16
_CHUNK = 500


def network_graph(ctx: Context, *, min_strength: int = 0) -> dict[str, Any]:
    """``{nodes, edges, clusters}`` as plain data a web page or an exporter can draw.

    Nodes are people (the user included, ``is_me``) with circle, current organization,
    communities, strength and a size by strength. Edges are the user's ties (``kind: tie``,
    weight = strength) and who-knows-whom (``kind: knows``). Clusters group people by
    organization and by community. ``min_strength`` leaves out ties weaker than it; their
    people stay only when a knows edge links them to someone at least that strong (a way to
    reach them), with that edge alone.
    """
    now = ctx.clock.now()
    with ctx.db.reading() as session:
        people = session.execute(
            select(
                Person.id,
                Person.display_name,
                Person.circle,
                Person.is_me,
                Person.strength_override,
            ).order_by(Person.id)
        ).all()
        ids = [p.id for p in people]
        computed = strengths(session, ids, now)
        orgs = organizations_of(session)
        communities = communities_of(session)
        knows = session.execute(
            select(
                Knows.person_a_id, Knows.person_b_id, Knows.status, Knows.confidence, Knows.context
            ).order_by(Knows.person_a_id, Knows.person_b_id)
        ).all()
    me = next((p.id for p in people if p.is_me), None)
    strength = {
        p.id: p.strength_override
        if p.strength_override is not None
        else computed.get(p.id, (0, {}))[0]
        for p in people
    }
    strong = {p.id for p in people if p.is_me or strength[p.id] >= min_strength}
    knows = [e for e in knows if e.person_a_id in strong or e.person_b_id in strong]
    shown = strong | {x for e in knows for x in (e.person_a_id, e.person_b_id)}
    nodes = [node(p, strength[p.id], orgs, communities) for p in people if p.id in shown]
    ties = [(p.id, strength[p.id]) for p in people if p.id in strong and p.id != me]
    edges = graph_edges(me, ties, knows)
    return {"nodes": nodes, "edges": edges, "clusters": clusters_of(shown, orgs, communities)}


def node(
    person: Any,
    strength: int,
    orgs: dict[int, tuple[int, str]],
    communities: dict[int, list[tuple[int, str]]],
) -> dict[str, Any]:
    """One person of the graph (a row with ``id, display_name, is_me, circle``)."""
    value = 100 if person.is_me else strength
    return {
        "id": person.id,
        "name": person.display_name,
        "is_me": bool(person.is_me),
        "circle": person.circle,
        "organization": orgs.get(person.id, (None, None))[1],
        "communities": [name for _, name in communities.get(person.id, [])],
        "strength": value,
        "size": round(BASE_SIZE + SIZE_PER_STRENGTH * value, 2),
    }


def graph_edges(
    me: int | None, ties: list[tuple[int, int]], knows: list[Any]
) -> list[dict[str, Any]]:
    """The user's ties (``(person, strength)``, the weak ones left out) and the knows rows."""
    edges = []
    if me is not None:
        edges += [
            {"source": me, "target": pid, "kind": "tie", "weight": value,
             "status": "confirmed", "context": None}
            for pid, value in ties
            if value > 0
        ]  # fmt: skip
    edges += [
        {"source": e.person_a_id, "target": e.person_b_id, "kind": "knows",
         "weight": round(100 * e.confidence), "status": e.status, "context": e.context}
        for e in knows
    ]  # fmt: skip
    return edges


def organizations_of(
    session: Session, ids: Sequence[int] | None = None
) -> dict[int, tuple[int, str]]:
    """Each person's current organization (the most recent position), as (id, name); of
    everyone, or of the people ``ids``."""
    query = (
        select(Position.person_id, Organization.id, Organization.name)
        .join(Organization, Organization.id == Position.organization_id)
        .where(Position.current.is_(True))
        .order_by(Position.person_id, Position.id)
    )
    return {pid: (oid, name) for pid, oid, name in _rows_of(session, query, ids)}


def communities_of(
    session: Session, ids: Sequence[int] | None = None
) -> dict[int, list[tuple[int, str]]]:
    """Each person's communities, as (id, name); of everyone, or of the people ``ids``."""
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    query = (
        select(Affiliation.person_id, Community.id, Community.name)
        .join(Community, Community.id == Affiliation.community_id)
        .order_by(Affiliation.person_id, Community.id)
    )
    for pid, cid, name in _rows_of(session, query, ids):
        if (cid, name) not in out[pid]:
            out[pid].append((cid, name))
    return out


def _rows_of(session: Session, query: Select[Any], ids: Sequence[int] | None) -> list[Any]:
    """The rows of ``query`` (first column: a person), for everyone or for ``ids`` only."""
    if ids is None:
        return list(session.execute(query))
    owner = query.selected_columns[0]
    rows: list[Any] = []
    for start in range(0, len(ids), _CHUNK):
        rows += session.execute(query.where(owner.in_(ids[start : start + _CHUNK]))).all()
    return rows


def clusters_of(
    shown: set[int],
    orgs: dict[int, tuple[int, str]],
    communities: dict[int, list[tuple[int, str]]],
) -> list[dict[str, Any]]:
    """Groups of two or more people shown: by organization, then by community."""
    groups: dict[tuple[str, int], tuple[str, list[int]]] = {}
    for pid, (oid, name) in orgs.items():
        if pid in shown:
            groups.setdefault(("organization", oid), (name, []))[1].append(pid)
    for pid, memberships in communities.items():
        if pid in shown:
            for cid, name in memberships:
                groups.setdefault(("community", cid), (name, []))[1].append(pid)
    return [
        {"id": f"{kind}:{key}", "kind": kind, "label": label, "members": sorted(members)}
        for (kind, key), (label, members) in sorted(groups.items())
        if len(members) > 1
    ]


def export_graph(
    ctx: Context, fmt: str, path: Path, *, min_strength: int = 0, force: bool = False
) -> dict[str, Any]:
    """Write the network map as GraphML, GEXF or Cytoscape JSON; returns what was written.

    As every export: folders are made, an existing file is replaced only with ``force``, and
    the file appears whole or not at all.
    """
    from netweave.io.graph import FORMATS, write_graph
    from netweave.services.backup import new_file

    if fmt not in FORMATS:
        from netweave.errors import InvalidInput

        raise InvalidInput(f"unknown graph format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    data = network_graph(ctx, min_strength=min_strength)
    with new_file(path, force=force, database=ctx.db.sqlite_file) as out:
        write_graph(data, fmt, out)
    return {
        "path": str(path),
        "format": fmt,
        "nodes": len(data["nodes"]),
        "edges": len(data["edges"]),
        # without a record of the user there are no ties from them in the graph
        "has_me": any(node["is_me"] for node in data["nodes"]),
    }
