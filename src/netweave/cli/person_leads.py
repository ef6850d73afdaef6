"""The open leads a person is linked to, as ``people show`` prints them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netweave.cli.output import escape

if TYPE_CHECKING:
    from rich.console import Console


def print_person_leads(out: Console, leads: list[dict[str, Any]]) -> None:
    """One line a lead: its number, role and employer, their role on it, its stage and
    next step (with its day)."""
    if not leads:
        return
    out.print("  [bold]Leads:[/bold]")
    for lead in leads:
        line = (
            f"#{lead['lead_id']} {lead['title']} at {lead['org']} — "
            f"{lead['role'].replace('_', ' ')}; stage: {lead['stage'].replace('_', ' ')}"
        )
        if lead["next_step"]:
            due = f" (due {lead['next_due']})" if lead["next_due"] else ""
            line += f"; next step: {lead['next_step']}{due}"
        out.print("    " + escape(line))
