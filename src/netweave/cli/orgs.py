"""``netweave orgs``: the organizations people work at, and merging two names of one."""

from typing import Annotated

import typer

from netweave.cli.options import JsonOpt, change
from netweave.cli.output import console, escape, print_json, say, say_new_org, table
from netweave.cli.state import context

app = typer.Typer(help="Add, edit, merge, list and show organizations.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The organization's name.")],
    domain: Annotated[
        str | None, typer.Option("--domain", help="Web or mail domain, e.g. acme.com.")
    ] = None,
    industry: Annotated[str | None, typer.Option("--industry", help="Its industry.")] = None,
    location: Annotated[str | None, typer.Option("--location", help="Where it is.")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Add an organization."""
    from netweave.services.orgs import add_organization

    view = add_organization(
        context(ctx), name, domain=domain, industry=industry, location=location, note=note
    )
    if json_out:
        print_json(view)
    else:
        say(f"Added {view['name']} (#{view['id']}).")
        say_new_org(view, only_if_similar=True)


@app.command("edit")
def edit(
    ctx: typer.Context,
    org: Annotated[str, typer.Argument(help="Which: an id or a name.")],
    name: Annotated[str | None, typer.Option("--name", help="Rename it.")] = None,
    domain: Annotated[
        str | None, typer.Option("--domain", help="Web or mail domain (none: drop it).")
    ] = None,
    industry: Annotated[
        str | None, typer.Option("--industry", help="Its industry (none: drop it).")
    ] = None,
    location: Annotated[
        str | None, typer.Option("--location", help="Where it is (none: drop it).")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Its notes (none: drop them).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Rename an organization or change its details."""
    from netweave.services.orgs import edit_organization

    view = edit_organization(
        context(ctx),
        org,
        name=name,
        domain=change(domain, "--domain"),
        industry=change(industry, "--industry"),
        location=change(location, "--location"),
        note=change(note, "--note"),
    )
    if json_out:
        print_json(view)
    else:
        say(f"Changed {view['name']} (#{view['id']}).")


@app.command("merge")
def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The organization to keep: an id or a name.")],
    others: Annotated[
        list[str], typer.Argument(help="The names of it to fold into KEEP (ids or names).")
    ],
    json_out: JsonOpt = False,
) -> None:
    """Merge organizations that are one (Facebook into Meta): their people, targets and
    leads move to KEEP, and their names stay as aliases, so that imports naming them land
    on KEEP. Undo each with `netweave import undo`."""
    from netweave.services.org_merge import merge_organizations

    result = merge_organizations(context(ctx), keep, others)
    if json_out:
        print_json(result)
        return
    kept = result["kept"]
    merged = result["merged"]
    for one in merged:
        moved = ", ".join(
            f"{one[what]} {what if one[what] != 1 else what[:-1]}"
            for what in ("positions", "targets", "leads")
            if one[what]
        )
        say(f"Merged {one['name']} (#{one['id']}) into {kept['name']} (#{kept['id']})"
            f"{': ' + moved + ' moved' if moved else ''}.")  # fmt: skip
    if merged:
        say(_undo_hint([one["batch"] for one in merged]))
    for ids in result["similar_leads"]:
        say(f"Leads {', '.join(f'#{i}' for i in ids)} are for one role at {kept['name']} "
            "now: if they are one opportunity, keep one and withdraw the others "
            f"(`netweave leads move {ids[-1]} withdrawn`).")  # fmt: skip


def _undo_hint(batches: list[int]) -> str:
    """How to undo a merge of one or several: each merge is undone newest first, as a
    merge stays while a later one builds on the organization it kept."""
    steps = [f"`netweave import undo {batch}`" for batch in reversed(batches)]
    if len(steps) == 1:
        return f"Undo with {steps[0]}."
    return f"Undo them newest first: {', then '.join(steps)}."


@app.command("list")
def list_(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List organizations with how many of your people work there now."""
    from netweave.services.orgs import list_organizations

    views = list_organizations(context(ctx))
    if json_out:
        print_json(views)
    elif not views:
        say("No organizations yet: they are added with people (--company) or `netweave orgs add`.")
    else:
        table(
            ["#", "Organization", "People now", "Industry", "Location", "Target"],
            [
                [
                    v["id"],
                    v["name"],
                    v["people_now"],
                    v["industry"],
                    v["location"],
                    "yes" if v["target"] else "",
                ]
                for v in views
            ],
        )


@app.command("show")
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="An id or a name.")],
    json_out: JsonOpt = False,
) -> None:
    """Show an organization with its people now and its alumni."""
    from netweave.services.orgs import show_organization

    view = show_organization(context(ctx), name)
    if json_out:
        print_json(view)
        return
    out = console()
    out.print(f"[bold]{escape(view['name'])}[/bold] (#{view['id']})")
    if view["aliases"]:
        out.print(f"  [bold]Also known as:[/bold] {escape(', '.join(view['aliases']))}")
    for label in ("domain", "industry", "location", "notes"):
        if view[label]:
            out.print(f"  [bold]{label.capitalize()}:[/bold] {escape(view[label])}")
    if view["people_now"]:
        table(
            ["#", "There now", "Title"],
            [[p["id"], p["name"], p["title"]] for p in view["people_now"]],
        )
    if view["alumni"]:
        table(
            ["#", "Worked there", "Title", "Until"],
            [[p["id"], p["name"], p["title"], p["until"]] for p in view["alumni"]],
        )
    if not view["people_now"] and not view["alumni"]:
        out.print("  Nobody in your network works there yet.")
