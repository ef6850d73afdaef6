"""How ``netweave today`` prints the agenda: the items, what waits for later, who has no circle."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from netweave.cli.output import console, escape
from netweave.logic.vocab import kind_label
from netweave.logic.wording import count

if TYPE_CHECKING:
    from rich.console import Console


def print_today(result: dict[str, Any], circles: Mapping[str, int | None]) -> None:
    """The agenda ``compute_agenda`` made, with the circle to offer people who have none."""
    out = console()
    out.print(f"[bold]Today, {result['as_of']}[/bold]")
    if not result["items"] and result.get("empty_network"):
        out.print(
            "  Nothing due: your network is empty so far. Add the people you know "
            "(`netweave people add NAME`) or import them (`netweave import --help`)."
        )
    elif result.get("snoozed_only"):  # due, but snoozed: not "nothing due"
        from netweave.services.agenda import snoozed_due

        snoozed = snoozed_due(result["more"]["check_ins"])
        out.print(f"  Nothing due today: {snoozed} (`netweave people list --overdue`).")
    elif not result["items"]:
        out.print("  Nothing due. A good day to reach out to someone you have not heard from.")
    _print_items(out, result)
    _print_more(out, result["more"], said=bool(result.get("snoozed_only")))
    if unsorted := result.get("without_circle"):
        _print_without_circle(out, unsorted, circles)


def _print_items(out: Console, result: dict[str, Any]) -> None:
    """The day's items, one line per person, numbered."""
    from netweave.services.agenda_item import by_person

    numbered = {n["person_id"] for n in result["namesakes"]}  # a name two people share
    for n, item in enumerate(by_person(result["items"]), 1):
        who = escape(item["person"] or "")
        if item["person_id"] in numbered:
            who += f" (#{item['person_id']})"
        kind = kind_label(item["kind"])
        label = f"[bold]{who}[/bold] [dim]{kind}[/dim]" if who else f"[dim]{kind}[/dim]"
        out.print(f"  {n:>2}. {label} — {escape(item['reason'])}")
        for other in item.get("also", []):  # the same person: one contact can do both
            out.print(
                f"      also [dim]{kind_label(other['kind'])}[/dim] — {escape(other['reason'])}"
            )


def _print_more(out: Console, more: dict[str, Any], *, said: bool = False) -> None:
    """What the day leaves for later: more items, check-ins (unless ``said`` already, as
    snoozed), greetings, 3B7 steps, congratulations."""
    if more["items"]:
        out.print(f"  … and {count(more['items'], 'more item')}: they come up as these are done.")
    if more["check_ins"] and not said:
        from netweave.services.agenda import OVERDUE_COUNTED

        due = count(more["check_ins"], "more person", "more people")
        if more["check_ins"] >= OVERDUE_COUNTED:
            due = f"{OVERDUE_COUNTED:,} or more people"
        out.print(f"  … and {due} due for a check-in: `netweave people list --overdue`")
    if more.get("greetings"):
        from netweave.logic.woven import shell_word

        greetings = count(more["greetings"], "more greeting")
        running = more.get("greetings_campaign")
        how = (
            f"`netweave campaign show {escape(shell_word(running['name']))}` lists them all"
            if running
            else "`netweave campaign list` names the campaigns running"
        )
        out.print(f"  … and {greetings} of a seasonal campaign, a few a day: {how}")
    if more.get("steps"):
        from netweave.services.followup_steps import steps_held

        held = steps_held(more["steps"], more["steps_at_most"], more["steps_last_day"])
        out.print(f"  {held}.")
    if more.get("congratulations"):
        from netweave.services.agenda import cheers_held

        out.print(f"  {cheers_held(more['congratulations'])}: `netweave tasks list`")


def _print_without_circle(out: Console, unsorted: int, circles: Mapping[str, int | None]) -> None:
    """How many people have no circle nor cadence, so no check-ins, and how to give them one."""
    from netweave.services.agenda import OVERDUE_COUNTED
    from netweave.services.circles import suggested_circle

    many = f"{unsorted:,} or more people have" if unsorted >= OVERDUE_COUNTED else None
    into = suggested_circle(circles)
    how = (
        f"`netweave people circle {into} --unsorted` (or one by one, "
        "`netweave people edit NAME --circle C`)"
        if into
        else "no circle has a cadence: give one a cadence first (`netweave config set "
        "circles.wide 180`)"
    )
    out.print(f"  {many or count(unsorted, 'person has', 'people have')} no circle or "
              f"cadence yet, so no check-ins: {how}")  # fmt: skip
