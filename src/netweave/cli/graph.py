"""``netweave graph``: the network as a graph file for Gephi, Cytoscape or networkx."""

from pathlib import Path
from typing import Annotated

import typer

from netweave.cli.options import Force, JsonOpt, number_option, path_argument
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
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="graphml, gexf (Gephi) or json (Cytoscape) [default: FILE's extension, "
            "else graphml].",
        ),
    ] = None,
    min_strength: Annotated[
        int, number_option("--min-strength", bounds=(0, 100), help="Leave out weaker ties.")
    ] = 0,
    force: Force = False,
    json_out: JsonOpt = False,
) -> None:
    """Write people, your ties, who-knows-whom and clusters to FILE."""
    from netweave.services.graph import export_graph

    fmt = graph_format(path, fmt)
    result = export_graph(context(ctx), fmt, path, min_strength=min_strength, force=force)
    if json_out:
        print_json(result)
    else:
        people, edges = count(result["nodes"], "person", "people"), count(result["edges"], "edge")
        say(f"Wrote {people} and {edges} to {path} ({fmt}).")
        if not result["has_me"] and result["nodes"]:
            say("There is no record of you, so none of your own ties is in it: add yourself "
                'with `netweave people add "Your Name" --me`.')  # fmt: skip


def graph_format(path: Path, fmt: str | None) -> str:
    """The format to write: ``--format``, else FILE's extension (``.gexf``, ``.json``,
    ``.graphml``), else GraphML. A format that FILE's extension contradicts is refused:
    Gephi and Cytoscape go by the name."""
    from netweave.errors import InvalidInput
    from netweave.io.graph import FORMATS

    ext = path.suffix.lower().removeprefix(".")
    named = ext if ext in FORMATS else None
    if fmt is None:
        return named or "graphml"
    fmt = fmt.lower()
    if named is not None and fmt in FORMATS and fmt != named:
        raise InvalidInput(
            f"{path.name} ends in .{named}, but --format is {fmt}: "
            f"give a FILE ending in .{fmt}, or --format {named}"
        )
    return fmt
