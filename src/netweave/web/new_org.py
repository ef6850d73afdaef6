"""The notice of the page a form lands on when the form made the employer from the name
typed ("Init is a new organization; did you mean Initrode (#3)?"), shown once.

The form keeps the organization it made as a one-time notice (``web/notices.py``) and
lands with its key (``?new_org=KEY``); the first view of the page takes it and says it
while that organization is still the person's or lead's employer. Reloaded, bookmarked or
gone back to, the page says nothing of it any more.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

from netweave.services.orgs import organization_lookalikes
from netweave.web.deps import ctx_of, give_notice, take_notice


def new_org_query(
    request: Request, page: str, view: dict[str, Any] | None, employer: str | None, *,
    similar_only: bool,
) -> dict[str, str]:  # fmt: skip
    """The query that carries the notice, for a form whose result ``view`` says it made
    the organization ``employer`` (``similar_only``: only when its name is close to
    another's); empty when there is nothing to say."""
    if not view or not view.get("new_org") or not employer:
        return {}
    org = organization_lookalikes(ctx_of(request), employer)
    if org is None or (similar_only and not org["similar"]):
        return {}
    return {"new_org": give_notice(request, page, org["id"])}


def new_org_notice(
    request: Request, key: str, page: str, employer: str | None, *, similar_only: bool
) -> dict[str, Any] | None:
    """The notice the form kept under ``key`` for this page, taken (``None``: none, taken
    already, or the employer is no longer the organization the form made)."""
    made = take_notice(request, key, page)
    if made is None or not employer:
        return None
    org = organization_lookalikes(ctx_of(request), employer)
    if org is None or org["id"] != made or (similar_only and not org["similar"]):
        return None
    return org
