"""Pages kept as rendered HTML until the data changes: the Today, Person and Introductions
pages.

These pages are opened far more often than anything changes (and the Introductions page
matches everyone's needs and offers). The rendered page is
remembered with the same key as the reads behind it (``services/memo.py``: the database's
data version and the hour), with a stand-in where each session's CSRF token goes, so a
repeat visit costs a look-up and one replacement instead of the queries and the template.
A page not remembered yet is read and rendered in the thread pool, off the event loop.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from netweave.services.memo import peek, remembered
from netweave.web.deps import ctx_of, session_of, web

#: Where each session's CSRF token goes in a remembered page: random per process, so no
#: name or note can contain it by accident (tokens are URL-safe base64; this is hex).
CSRF_SLOT = f"csrf-slot-{secrets.token_hex(16)}"
_SLOT = CSRF_SLOT.encode()


async def remembered_page(
    request: Request, key: Hashable, template: str, context: Callable[[], dict[str, Any]]
) -> HTMLResponse:
    """``template`` rendered with ``context()``, remembered under ``key`` until a change."""
    state = web(request)
    full = ("page", template, key, state.login_required)
    found, body = peek(state.ctx, full)
    if not found:
        body = await run_in_threadpool(
            remembered, state.ctx, full, lambda: _render(request, template, context())
        )
    assert isinstance(body, bytes)
    return HTMLResponse(body.replace(_SLOT, session_of(request).csrf.encode()))


def _render(request: Request, template: str, context: dict[str, Any]) -> bytes:
    state = web(request)
    page = state.templates.get_template(template).render(
        csrf=CSRF_SLOT,
        login_required=state.login_required,
        today=ctx_of(request).clock.today(),
        here=request.url.path,  # one page a key: the same path each time it is remembered
        **context,
    )
    return page.encode()
