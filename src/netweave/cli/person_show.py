"""How ``people show`` and ``people list`` print people: one in full, many as a table."""

from typing import Any
from urllib.parse import unquote

from netweave.cli.output import cell, console, escape, table
from netweave.cli.person_leads import print_person_leads
from netweave.logic.employer import work_line
from netweave.logic.wording import birthday_text, count, every, met_text


def print_people(views: list[dict[str, Any]], *, due: bool = False) -> None:
    """A table of person views (``person_rows`` is enough)."""
    columns = ["#", "Name", "Company", "Title", "Circle", "Last contact", "Tags"]
    if due:
        columns.append("Due since")
    rows = []
    for v in views:
        row = [
            v["id"],
            v["name"],
            v["company"],
            v["title"],
            v["circle"],
            v["last_interaction"],
            v["tags"],
        ]
        if due:
            until = v.get("check_in_snoozed_until")
            row.append(f"{v['next_due']} (snoozed to {until})" if until else v["next_due"])
        rows.append(row)
    table(columns, rows)


def print_person(v: dict[str, Any]) -> None:
    """Everything about one person (``show_person``'s view), a line per field given."""
    out = console()
    work = work_line(v["title"], v["company"])  # "Former plant manager, Retired"
    out.print(
        f"[bold]{escape(v['name'])}[/bold] (#{v['id']})" + (f" — {escape(work)}" if work else "")
    )
    me = v["is_me"]  # the user's own record: no tie to measure, no check-in to make
    lines = [
        ("Headline", v["headline"]),
        ("Pronouns", v["pronouns"]),
        ("Location", v["location"]),
        ("Emails", v["emails"]),
        ("Phones", v["phones_shown"]),
        ("LinkedIn", v["linkedin"] and unquote(v["linkedin"])),  # zoë-dupont, not zo%C3%AB
        ("Birthday", birthday_text(v["birthday"])),
        ("Circle", None if me else _circle(v)),
        ("Met", met_text(v)),
        ("Last contact", v["last_interaction"]),
        ("Next check-in", v.get("next_due_said") or v["next_due"]),
        ("Snoozed", _snoozed(v)),
        ("Strength", None if me else f"{v['strength']}/100 — {v['strength_reason']}"),
        ("Reciprocity", None if me else _balance(v["reciprocity"])),
        ("Responds", v["responder"]),
        ("Tags", v["tags"]),
        ("Interests", [f"{i['label']} ({i['category']})" for i in v["interests"]]),
        ("Needs", v["needs"]),
        ("Offers", v["offers"]),
        ("Schools and communities", "; ".join(_affiliation(a) for a in v["affiliations"])),
        ("Knows", "; ".join(_tie(t) for t in v.get("knows", []))),
        ("Introductions", "; ".join(_intro(i) for i in v.get("introductions", []))),
    ]
    for label, value in lines:
        if value not in (None, "", []):
            out.print(f"  [bold]{label}:[/bold] {escape(cell(value))}")
    notes = [cell(line) for line in (v["notes"] or "").splitlines() if line.strip()]
    for n, line in enumerate(notes):  # a line of its own for each line of the notes
        out.print(("  [bold]Notes:[/bold] " if n == 0 else "         ") + escape(line))
    past = [p for p in v["positions"] if not p["current"]]
    if past:
        out.print(
            "  [bold]Before:[/bold] "
            + escape("; ".join(work_line(p["title"], p["organization"]) for p in past))
        )
    print_person_leads(out, v["leads"])
    if v["interactions"]:
        out.print("  [bold]Recent conversations:[/bold]")
        for i in v["interactions"][:10]:
            number = f"#{i['id']}"
            out.print(
                f"    [dim]{number:>6}[/dim]  {i['date']}  {i['kind']:<8} "
                + escape(i["summary"] or "")
            )


def _tie(t: dict[str, Any]) -> str:
    """Someone they know: "Rosa Gil (Umbrella, since 2026-09-04)"."""
    said = [t["context"], f"since {t['since']}" if t["since"] else None]
    said = [s for s in said if s]
    return f"{t['name']} (#{t['id']})" + (f" ({', '.join(said)})" if said else "")


def _intro(i: dict[str, Any]) -> str:
    """An introduction: "#1 with Mia Ford: outcome corrected"."""
    return f"#{i['id']} with {i['with']}: {i['step']}"


def _snoozed(v: dict[str, Any]) -> str | None:
    """The agenda's suggestions about them hidden today, and how to lift a snooze."""
    hidden = v.get("snoozed") or {}
    if not hidden:
        return None
    what = "; ".join(f"{kind.replace('_', '-')} until {until}" for kind, until in hidden.items())
    kind = next(iter(hidden)).replace("_", "-")
    return f"{what} (to offer it again now: `netweave snooze #{v['id']} --kind {kind} --off`)"


#: How a kind of community reads.
_KINDS = {"school": "school", "alumni": "alumni group", "club": "club"}


def _affiliation(a: dict[str, Any]) -> str:
    """A school or community: "Bayview University (school, BA Economics, 2014–2018)"."""
    start, end = a["years"]
    years = (
        (str(start) if start == end else f"{start}–{end}")
        if start and end
        else (f"from {start}" if start else (f"until {end}" if end else None))
    )
    said = [_KINDS.get(a["kind"], "community"), a["role"], years]
    return f"{a['community']} ({', '.join(s for s in said if s)})"


_CADENCE_SOURCE = {"own": "own cadence", "circle": "circle"}


def _circle(v: dict[str, Any]) -> str | None:
    """The circle, and how often to keep in touch and why (own cadence, a tag's, the circle's)."""
    days, circle = v["cadence_days"], v["circle"]
    if days is None:
        return str(circle) if circle else None
    source = v.get("cadence_source")
    why = f"tag {v.get('cadence_tag')}" if source == "tag" else _CADENCE_SOURCE.get(source or "")
    return f"{circle or 'no circle'}; keep in touch {every(days)}" + (f" ({why})" if why else "")


def _balance(r: dict[str, Any]) -> str | None:
    if not (r["gave"] or r["received"] or r["asked"]):
        return None
    balance = f"{r['balance']:+d}" if r["balance"] else "0"
    text = f"you gave {r['gave']}, received {r['received']}, asked {r['asked']}"
    text += f" (balance {balance})"
    if r["only_taken"]:
        text += " — you have only taken so far: offer something"
    if r["open_asks"]:
        text += f"; {count(r['open_asks'], 'open ask')} (`netweave asks list`)"
    return text
