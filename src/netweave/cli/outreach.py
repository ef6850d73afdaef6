"""``paths``, ``prep``, ``draft`` and ``report``: working the network in a job search."""

from pathlib import Path
from typing import Annotated, Any

import typer

from netweave.cli.options import JsonOpt, limit_option, number_option, path_option
from netweave.cli.output import aside, print_json, say, say_answered, say_more, table
from netweave.cli.state import context
from netweave.logic.parse import MAX_DAYS
from netweave.logic.wording import count, echoed


def register(app: typer.Typer) -> None:
    """Add the commands to the top-level app."""
    app.command("paths")(paths)
    app.command("prep")(prep)
    app.command("draft")(draft)
    app.command("report")(report)


def paths(
    ctx: typer.Context,
    org: Annotated[str, typer.Argument(help="An organization: id or name.")],
    limit: Annotated[int, limit_option("How many paths.", "--limit", "-n")] = 10,
    json_out: JsonOpt = False,
) -> None:
    """The warm ways into an organization, strongest first, each with its reason."""
    from netweave.services.paths import ways_in

    ways = ways_in(context(ctx), org, limit=limit)
    found = ways["paths"]
    if json_out:
        print_json(found)
        return
    if not found:
        from netweave.services.orgs import show_organization

        name = show_organization(context(ctx), org)["name"]
        say(f"No way into {name} yet: nobody you know works there or knows someone who does.")
        return
    table(
        ["Score", "Path", "Why"],
        [[p["score"], " → ".join(["you", *_hops(p)]), p["reason"]] for p in found],
    )
    say_more(len(found), ways["reachable"])


def _hops(path: dict[str, Any]) -> list[str]:
    """The people along a path, each with their #id: namesakes are common in a big network."""
    names, ids = [*path["hops"], path["target_person"]], [*path["hop_ids"], path["target_id"]]
    return [f"{name} #{pid}" for name, pid in zip(names, ids, strict=True)]


def prep(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person you will talk with.")],
    focus: Annotated[
        str | None, typer.Option("--focus", help="What you are exploring, e.g. 'data teams'.")
    ] = None,
    done: Annotated[
        bool, typer.Option("--done", help="The conversation happened: log it and plan the thanks.")
    ] = False,
    notes: Annotated[
        str | None, typer.Option("--notes", metavar="TEXT", help="With --done: what you learned.")
    ] = None,
    kind: Annotated[
        str, typer.Option("--kind", help="With --done: coffee, call, video…")
    ] = "video",
    update_in: Annotated[
        int,
        number_option(
            "--update-in",
            metavar="DAYS",
            bounds=(1, MAX_DAYS),
            help="With --done: when to update them.",
        ),
    ] = 30,
    json_out: JsonOpt = False,
) -> None:
    """A TIARA question sheet for an informational conversation (never a job ask)."""
    from netweave.services.outreach import prep_done, prep_sheet

    given = [o for o in ("notes", "kind", "update_in") if _given(ctx, o)]
    if given and not done:
        ctx.fail(f"--{given[0].replace('_', '-')} needs --done (it logs the conversation)")
    if done and focus is not None:
        ctx.fail("--focus is for the question sheet: leave it out with --done")
    if done:
        result = prep_done(context(ctx), name, notes=notes, kind=kind, update_in_days=update_in)
        if json_out:
            print_json(result)
        else:
            _say_prep_done(result)
        return
    sheet = prep_sheet(context(ctx), name, focus=focus)
    if json_out:
        print_json(sheet)
    else:
        _print_sheet(sheet)


def _say_prep_done(result: dict[str, Any]) -> None:
    """What ``prep --done`` logged, and the tasks it planned (the thanks, the update)."""
    say("Logged the conversation (advice received).")
    for title in result["tasks_done"]:
        say(f"  Done with it: {title}")
    say_answered(result["asks_fulfilled"])
    for task in result["tasks"]:
        say(f"  Task #{task['id']} due {task['due']}: {task['title']}")


def _given(ctx: typer.Context, name: str) -> bool:
    """Whether the option was typed (not its default)."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name != "DEFAULT"


def _print_sheet(sheet: dict[str, Any]) -> None:
    where = ", ".join(x for x in (sheet["title"], sheet["org"]) if x)
    say(f"Conversation with {sheet['person']}" + (f" ({where})" if where else ""))
    say(f"  {sheet['opening']}")
    for section in sheet["sections"]:
        say(f"\n{section['title']}")
        for question in section["questions"]:
            say(f"  - {question}")
    say("\nRemember")
    for line in sheet["reminders"]:
        say(f"  - {line}")


def draft(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="The person to write to.")] = None,
    ask: Annotated[str, typer.Option("--ask", help="What to ask for: advice.")] = "advice",
    broad: Annotated[
        str | None, typer.Option("--broad", help="Your interest broadly, e.g. 'climate tech'.")
    ] = None,
    narrow: Annotated[
        str | None, typer.Option("--narrow", help="…and narrowly, e.g. 'grid storage analytics'.")
    ] = None,
    check: Annotated[
        Path | None,
        path_option("--check", metavar="FILE", help="Check a message you wrote ('-': stdin)."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Write a short outreach message by the six-point rules, or check one you wrote.

    To someone whose ask for advice is still unanswered: says so, and from its day drafts
    the one follow-up instead (before it, nothing). NAME with --check checks your text as a
    message to them, as the web's "Check my text" does (their organization and title are
    not taken for a job ask). A text that breaks a rule ends --check with exit status 1,
    each rule it breaks named on its own line (with --json, "ok" is false), as a linter
    does; 0 when it keeps every rule."""
    from netweave.errors import InvalidInput
    from netweave.services.outreach import draft_message

    if check is not None:
        _check_draft(ctx, check, json_out, name=name, interest=(broad, narrow))
        return
    if name is None:
        raise InvalidInput("name the person to write to, or give --check FILE")
    result = draft_message(context(ctx), name, ask=ask, broad=broad, narrow=narrow)
    if json_out:
        print_json(result)
        return
    if result["open_ask"]:  # asked already: said aside, so the file holds the message alone
        aside(result["open_ask"])
    if result["text"] is None:  # nothing to send now
        raise typer.Exit(1)
    if result["follow_up"]:
        aside("Your one follow-up, in place of a first message:\n")
    say(result["text"])  # the message alone: `draft NAME > message.txt` keeps just it
    aside(f"\n({result['words']} words)")
    for finding in result["broken"]:
        aside(f"note: {finding['rule']}: {finding['message']}")


def _check_draft(
    ctx: typer.Context,
    check: Path,
    json_out: bool,
    *,
    name: str | None,
    interest: tuple[str | None, str | None],
) -> None:
    """``draft [NAME] --check``: the six rules a message written by hand breaks (exit 1 if
    any); with NAME, checked as that person's draft is (their context no job ask)."""
    from netweave.errors import InvalidInput
    from netweave.services.outreach import check_for, check_message

    text = _read(check)
    if not text.strip():  # not six rules broken: nothing written yet
        where = "stdin" if str(check) == "-" else str(check)
        raise InvalidInput(f"{where}: the message is empty, nothing to check")
    if name is None:
        result = check_message(text)
    else:
        broad, narrow = interest
        result = check_for(context(ctx), name, text, broad=broad, narrow=narrow)
    if json_out:
        print_json(result)
    elif result["ok"]:
        say(f"Follows all six rules ({result['words']} words).")
    else:
        for finding in result["broken"]:
            say(f"{check}: {finding['rule']}: {finding['message']}")
    if not result["ok"]:
        raise typer.Exit(1)


def _read(path: Path) -> str:
    import sys

    from netweave.errors import InvalidInput

    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot read {echoed(str(path))}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"cannot read {echoed(str(path))}: not UTF-8 text") from None


def report(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Where your leads, interviews and offers came from; replies; time per stage."""
    from netweave.services.report import job_report

    result = job_report(context(ctx))
    if json_out:
        print_json(result)
        return
    say(f"Job search as of {result['as_of']}: {count(result['leads'], 'lead')}")
    _print_funnel(result["funnel"])
    for line in _referral_lines(result):
        say(line)
    hidden = result["hidden"]
    say(
        f"\nHidden leads (through people, before or without a posting): "
        f"{hidden['hidden']} of {hidden['total']} ({_pct(hidden['share'])})"
    )
    replies = result["replies"]
    classes = replies["classes"]
    say(
        f"Replies to outreach: {replies['replied']} of {replies['outreaches']} "
        f"({_pct(replies['reply_rate'])}); boosters {classes['booster']}, obligates "
        f"{classes['obligate']}, curmudgeons {classes['curmudgeon']}, "
        f"too early to tell {classes['pending']}"
    )
    if result["stage_times"]:
        say("")
        _print_stage_times(result["stage_times"])


def _print_funnel(funnel: list[dict[str, Any]]) -> None:
    """The funnel by source: leads, interviews, offers and their rates."""
    table(
        ["Source", "Leads", "Interviews", "Offers", "Accepted", "Interview rate", "Offer rate"],
        [
            [
                f["source"],
                f["leads"],
                f["interviews"],
                f["offers"],
                f["accepted"],
                _pct(f["interview_rate"]),
                _pct(f["offer_rate"]),
            ]
            for f in funnel
        ],
    )


def _print_stage_times(stage_times: list[dict[str, Any]]) -> None:
    """How long leads stayed in each stage."""
    table(
        ["Stage", "Stays", "Mean days", "Median days", "Total days"],
        [
            [
                s["stage"].replace("_", " "),
                s["stays"],
                s["mean_days"],
                s["median_days"],
                s["total_days"],
            ]
            for s in stage_times
        ],
    )


def _referral_lines(result: dict[str, Any]) -> list[str]:
    """What the sources leave out: a source is how a lead first arrived, so the leads
    referred later (and the offer accepted) are said apart."""
    r = result["referred"]
    lines = [
        "\nSource is how each lead first arrived. Referred, whatever the source (a referral "
        f"asked for or given): {count(r['leads'], 'lead')}; {r['interviews']} reached "
        f"interviews, {r['offers']} an offer, {r['accepted']} accepted."
    ]
    for a in result["accepted"]:
        via = f"came through {a['source']}"
        if a["referred"]:
            via += "; referred" + (f" by {', '.join(a['referrers'])}" if a["referrers"] else "")
        lines.append(f"Accepted: lead #{a['id']}, {a['role']} at {a['org']}, on {a['on']} — {via}.")
    return lines


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"
