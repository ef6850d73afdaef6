"""Pages kept as rendered HTML until the data changes: the Today, Person and Introductions
pages.

These pages are opened far more often than anything changes (and the Introductions page
matches everyone's needs and offers). The rendered page is
remembered with the same key as the reads behind it (``services/memo.py``: the database's
data version and the hour), with a stand-in where each session's CSRF token goes, and one
where each log form's key goes (each visit's forms get keys of their own: ``web/held.py``),
so a repeat visit costs a look-up and two replacements instead of the queries and the
template.
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
from netweave.web.deps import SAID, ctx_of, render, session_of, web
from netweave.web.held import new_key

#: Where each session's CSRF token goes in a remembered page: random per process, so no
#: name or note can contain it by accident (tokens are URL-safe base64; this is hex).
CSRF_SLOT = f"csrf-slot-{secrets.token_hex(16)}"
_SLOT = CSRF_SLOT.encode()
#: Where each log form's key goes in a remembered page (``form_key()`` in a template).
KEY_SLOT = f"key-slot-{secrets.token_hex(16)}"
_KEY_SLOT = KEY_SLOT.encode()


async def remembered_page(
    request: Request, key: Hashable, template: str, context: Callable[[], dict[str, Any]]
) -> HTMLResponse:
    """``template`` rendered with ``context()``, remembered under ``key`` until a change."""
    if SAID in request.query_params:  # what a form just did, said once: not remembered
        return await run_in_threadpool(lambda: render(request, template, **context()))
    state = web(request)
    full = ("page", template, key, state.login_required)
    found, body = peek(state.ctx, full)
    if not found:
        body = await run_in_threadpool(
            remembered, state.ctx, full, lambda: _render(request, template, context())
        )
    assert isinstance(body, bytes)
    return HTMLResponse(_keyed(body.replace(_SLOT, session_of(request).csrf.encode())))


def _keyed(body: bytes) -> bytes:
    """The page with a new key in each of its log forms."""
    parts = body.split(_KEY_SLOT)
    keyed = [parts[0]]
    for part in parts[1:]:
        keyed += [new_key().encode(), part]
    return b"".join(keyed)


def _render(request: Request, template: str, context: dict[str, Any]) -> bytes:
    state = web(request)
    page = state.templates.get_template(template).render(
        csrf=CSRF_SLOT,
        login_required=state.login_required,
        today=ctx_of(request).clock.today(),
        here=request.url.path,  # one page a key: the same path each time it is remembered
        form_key=lambda: KEY_SLOT,
        **context,
    )
    return page.encode()
