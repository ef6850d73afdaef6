"""Asking before a change that cannot be taken back, with or without the page's script.

A form that deletes or closes something is sent with ``confirm=yes`` once the user said
yes: the page's script asks in a dialog and adds the field, so one click does it; without
the script the form arrives without it, and the route answers with a page that says what
will happen, a button that sends the form again with ``confirm=yes``, and a way back.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request
from fastapi.responses import Response

from netweave.web.deps import render

#: The field of a form that says the user confirmed it.
CONFIRM_FIELD = "confirm"


def confirmed(value: object) -> bool:
    """Whether a form's ``confirm`` field says yes."""
    return value == "yes"


def confirm_page(
    request: Request,
    *,
    title: str,
    said: str,
    yes: str,
    back: str,
    back_label: str,
    fields: Mapping[str, str] | None = None,
    warning: str | None = None,
    danger: bool = True,
    active: str | None = None,
) -> Response:
    """The page that asks before the form sent to this address is carried out: ``title``
    asks, ``said`` says what will happen (``warning``: what cannot be undone), the ``yes``
    button sends the form's ``fields`` again, confirmed; ``back`` leads away, changing
    nothing (``danger``: the button is red, for a loss; else the page's main button;
    ``active``: the section of the navigation it belongs to)."""
    url = request.url
    action = url.path + (f"?{url.query}" if url.query else "")
    return render(
        request,
        "confirm.html",
        title=title,
        said=said,
        warning=warning,
        yes=yes,
        action=action,
        fields=dict(fields or {}),
        back=back,
        back_label=back_label,
        confirm_field=CONFIRM_FIELD,
        danger=danger,
        active=active,
    )
