"""What every route needs: the service context, the session, the login and CSRF guard."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from netweave.errors import Ambiguous, Conflict, InvalidInput, NetweaveError, NotFound
from netweave.services.context import Context, refresh_settings
from netweave.web.held import HeldLogs
from netweave.web.notices import Notices
from netweave.web.once import SentOnce
from netweave.web.security import (
    CSRF_FIELD,
    CSRF_HEADER,
    SAFE_METHODS,
    LoginLimiter,
    Session,
    tokens_match,
)
from netweave.web.uploads import UnsupportedUpload

TEMPLATES = Path(__file__).parent / "templates"
#: Paths shown without logging in (the login page itself and the health check; the static
#: files and FastAPI's /openapi.json, the API's description, answer too: docs/security.md).
PUBLIC_PATHS = frozenset({"/login", "/healthz"})
#: The largest request body accepted (an upload of a LinkedIn archive fits comfortably).
MAX_BODY_BYTES = 20 * 1024 * 1024
#: The fields of a form that are not typed in it: its token, its key (``once``, a log form's)
#: where it goes next, and what an edit form showed (``web/shown.py``).
UNTYPED = frozenset({CSRF_FIELD, "once", "next", "back", "focus", "shown"})
#: The HTTP status of each kind of netweave error (400 for the others).
_STATUS = {
    UnsupportedUpload: 415,
    NotFound: 404,
    InvalidInput: 422,
    Conflict: 409,
    Ambiguous: 409,
}


@dataclass
class WebState:
    """Everything the app keeps between requests."""

    ctx: Context
    host: str
    login_required: bool
    templates: Jinja2Templates
    limiter: LoginLimiter = field(default_factory=LoginLimiter)
    jobs: dict[str, Any] = field(default_factory=dict)
    held: HeldLogs = field(default_factory=HeldLogs)
    notices: Notices = field(default_factory=Notices)
    sent: SentOnce = field(default_factory=SentOnce)


class LoginRequired(Exception):
    """A page was asked for before logging in: the handler redirects to the login page."""


def web(request: Request) -> WebState:
    """The app's state."""
    state = request.app.state.web
    assert isinstance(state, WebState)
    return state


def ctx_of(request: Request) -> Context:
    """The service context of the app."""
    return web(request).ctx


def session_of(request: Request) -> Session:
    """The session the security middleware attached to this request."""
    session = request.state.session
    assert isinstance(session, Session)
    return session


def give_notice(request: Request, page: str, value: object) -> str:
    """Keep ``value`` as a one-time notice for this session's next view of ``page``; the
    key its address carries (``web/notices.py``)."""
    return web(request).notices.give(session_of(request).sid, page, value)


def take_notice(request: Request, key: str, page: str) -> object | None:
    """The one-time notice kept under ``key`` for this session and ``page``, gone once
    taken (``None``: no key, none, or taken already). One this server never had (it was
    started again since the form was sent) is said lost by the page, once."""
    if not key:
        return None
    notices = web(request).notices
    value = notices.take(session_of(request).sid, key, page)
    if value is None and notices.lost(key):
        request.state.notice_lost = True
    return value


#: The query parameter of the one-time notice that says what a form just did (``said_at``).
SAID = "said"


def said_at(request: Request, path: str, text: str, fragment: str = "") -> str:
    """The address ``path`` (maybe with a query) a form lands on, saying ``text`` there once
    (``?said=KEY``, a one-time notice: reloaded or bookmarked, the page says nothing more);
    ``fragment``: where on it to land (``#…``)."""
    page, _, query = path.partition("?")
    key = give_notice(request, f"{SAID}:{page}", text)
    return f"{page}?{query + '&' if query else ''}{SAID}={key}{'#' + fragment if fragment else ''}"


def said_here(request: Request) -> str | None:
    """What the form that landed on this page did, the first time the page is shown."""
    found = take_notice(request, request.query_params.get(SAID, ""), f"{SAID}:{request.url.path}")
    return found if isinstance(found, str) else None


async def guard(request: Request) -> None:
    """Login when a password is set; the CSRF token on every state-changing request; the
    settings as stored now (another process may have changed them: ``config set``)."""
    session = session_of(request)
    path = request.url.path
    state = web(request)
    if state.login_required and not session.auth and path not in PUBLIC_PATHS:
        if path.startswith("/api/"):
            raise HTTPException(401, "log in first")
        raise LoginRequired()
    refresh_settings(state.ctx)
    if request.method in SAFE_METHODS:
        return
    if int(request.headers.get("content-length") or 0) > MAX_BODY_BYTES:
        raise HTTPException(413, f"request larger than {MAX_BODY_BYTES // (1024 * 1024)} MB")
    token = request.headers.get(CSRF_HEADER)
    kind = request.headers.get("content-type", "")
    if not token and kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
        # whether the form holds anything typed, for an error page that sends back to it
        request.state.typed = any(v for k, v in form.multi_items() if k not in UNTYPED)
    if not tokens_match(session.csrf, token):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page (or a ``_partial``) rendered with the CSRF token and the navigation state."""
    state = web(request)
    form_said = said_here(request)  # first: a lost notice is said by the page (notice_lost)
    response = state.templates.TemplateResponse(
        request,
        template,
        {
            "csrf": session_of(request).csrf,
            "login_required": state.login_required,
            "today": state.ctx.clock.today(),
            "here": request.url.path,
            "form_said": form_said,
            "notice_lost": getattr(request.state, "notice_lost", False),
            **context,
        },
        status_code=status_code,
    )
    assert isinstance(response, HTMLResponse)
    return response


def wants_json(request: Request) -> bool:
    """A fetch from the page's script asking for a fragment or JSON instead of a redirect."""
    return request.headers.get("x-requested-with") == "fetch"


def status_of(exc: NetweaveError) -> int:
    """The HTTP status of a netweave error (a page that says it in place answers with it too)."""
    return next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 400)
