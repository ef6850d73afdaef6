"""``netweave graph``: the network as a graph file for Gephi, Cytoscape or networkx."""

from pathlib import Path
from typing import Annotated

import typer

from netweave.cli.options import Force, JsonOpt, path_argument
from netweave.cli.output import print_json, say
from netweave.cli.state import context
from netweave.logic.wording import count

app = typer.Typer(
    help="Your network as a graph: export it for Gephi or Cytoscape.", no_args_is_help=True
)


@app.command("export")
def export(
    ctx: typer.Context,
    path: Annotated[Path, path_argument("Where to write the graph.", metavar="FILE")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="graphml, gexf (Gephi) or json (Cytoscape).")
    ] = "graphml",
    min_strength: Annotated[
        int, typer.Option("--min-strength", min=0, max=100, help="Leave out weaker ties.")
    ] = 0,
    force: Force = False,
    json_out: JsonOpt = False,
) -> None:
    """Write people, your ties, who-knows-whom and clusters to FILE."""
    from netweave.services.graph import export_graph

    result = export_graph(context(ctx), fmt.lower(), path, min_strength=min_strength, force=force)
    if json_out:
        print_json(result)
    else:
        people, edges = count(result["nodes"], "person", "people"), count(result["edges"], "edge")
        say(f"Wrote {people} and {edges} to {path} ({fmt}).")
