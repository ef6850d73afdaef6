"""The app factory: ``create_app(ctx)`` builds the FastAPI app on an open service context."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from netweave import __version__
from netweave.errors import NetweaveError
from netweave.logic.employer import is_employer, work_line
from netweave.logic.name_parts import initials
from netweave.logic.normalize import is_web_address
from netweave.logic.vocab import GIFTS, exchange_words, kind_label
from netweave.logic.wording import birthday_text, count, days, met_text, sentence
from netweave.services.agenda import OVERDUE_COUNTED, cheers_held, snoozed_due
from netweave.services.agenda_item import by_person, to_do_said
from netweave.services.context import Context
from netweave.services.followup_steps import steps_held
from netweave.store.engine import LOCKED, is_locked
from netweave.web.deps import TEMPLATES, LoginRequired, WebState, guard, render, status_of
from netweave.web.forms import SNOOZE_CHOICES, form_lengths
from netweave.web.held import new_key
from netweave.web.security import SecurityMiddleware, Signer, allowed_hosts

STATIC = Path(__file__).parent / "static"
_CLI_HINT = re.compile(r" \(`netweave [^`]*`\)|,? then `[^`]*`|:? `[^`]*`(?: or `[^`]*`)*")
#: Bounded, so that a long message (a pasted text in it) costs no more than a short one.
_CLI_CLAUSE = re.compile(
    r" \([^()`]{0,200}`[^`]{0,200}`[^()]{0,200}\)"
    r"|[;,:]? [^;,:.()`]{0,200}`[^`]{0,200}`[^;.()]{0,200}(?=[.;]|$)"
)
#: Seconds a client is asked to wait before it tries a write again the database refused.
RETRY_AFTER = 10
#: How long a request's write waits for another process's write lock (SQLite) before the
#: page says the database is busy: a few seconds, where a command waits 30.
BUSY_WAIT_MS = 3_000
#: A conversation's note longer than this (characters or lines) is folded in a timeline, its
#: first lines shown.
LONG_NOTE = 600
NOTE_LINES = 4
#: The statuses of a refused form whose page links back to it.
_BACK = (*range(400, 500), 503)


def web_text(text: str) -> str:
    """Coaching text without the command-line hints it carries for the terminal."""
    return _CLI_HINT.sub("", text)


_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def whole_dates(text: object) -> Markup:
    """Text with each YYYY-MM-DD kept on one line (a narrow screen breaks at hyphens)."""
    return Markup(
        _ISO_DAY.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', str(escape(text)))
    )


def next_day(day: dt.date) -> dt.date:
    """The day after ``day``: the first a snooze form's "until" may name."""
    return day + dt.timedelta(days=1)


def web_error(text: str) -> str:
    """An error message without the command it names for the terminal: the parenthesis or
    the closing clause that holds it ("no ask #4 (`netweave asks list` lists them)")."""
    return _CLI_CLAUSE.sub("", text)


def create_app(
    ctx: Context,
    *,
    host: str = "127.0.0.1",
    login_required: bool | None = None,
    signing_key: bytes | None = None,
) -> FastAPI:
    """The web app on ``ctx``; login is required when a password is set (or when told so).
    Its writes wait ``BUSY_WAIT_MS`` for another writer before answering 503."""
    from netweave.services.access import has_password

    ctx.db.wait_for_writers(BUSY_WAIT_MS)
    templates = _templates()
    app = FastAPI(
        title="netweave",
        version=__version__,
        description="The JSON API of netweave: every page's data and action. State-changing "
        "calls need the session cookie and its CSRF token in `X-CSRF-Token`. Every error "
        'is `{"error": "<one line>"}` with its status (404 for an id no record has, 422 for '
        "a value refused); a request that fails the checks of its fields carries FastAPI's "
        "`detail` list beside it.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        dependencies=[Depends(guard)],
    )
    app.state.web = WebState(
        ctx=ctx,
        host=host,
        login_required=has_password(ctx) if login_required is None else login_required,
        templates=templates,
    )
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    _include_routers(app)
    _handlers(app)
    _build_routes(app)
    app.add_middleware(SecurityMiddleware, hosts=allowed_hosts(host), signer=Signer(signing_key))
    return app


def _templates() -> Jinja2Templates:
    """The pages' templates, with the globals, filters and tests they use."""
    from netweave.services.agenda_done import CONTACT_TASKS, SUGGESTION_NOTES
    from netweave.services.agenda_snooze import SNOOZABLE

    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.globals["version"] = __version__
    templates.env.globals["lengths"] = form_lengths()  # each form field's maxlength
    templates.env.globals["snoozable"] = SNOOZABLE
    templates.env.globals["kind_label"] = kind_label
    templates.env.globals["work_line"] = work_line
    templates.env.globals["is_employer"] = is_employer
    templates.env.globals["done_kinds"] = SUGGESTION_NOTES
    templates.env.globals["contact_tasks"] = CONTACT_TASKS
    templates.env.globals["gifts"] = GIFTS
    templates.env.globals["overdue_counted"] = OVERDUE_COUNTED
    templates.env.globals["cheers_held"] = cheers_held
    templates.env.globals["steps_held"] = steps_held
    templates.env.globals["snoozed_due"] = snoozed_due
    templates.env.filters["web_text"] = web_text
    templates.env.filters["web_error"] = web_error
    templates.env.filters["days"] = days
    templates.env.filters["count"] = count
    templates.env.filters["birthday"] = birthday_text
    templates.env.filters["met"] = met_text
    templates.env.filters["sentence"] = sentence
    templates.env.filters["whole_dates"] = whole_dates
    templates.env.filters["next_day"] = next_day
    templates.env.filters["by_person"] = by_person
    templates.env.filters["to_do_said"] = to_do_said
    templates.env.filters["exchange_words"] = exchange_words
    templates.env.globals["initials"] = initials
    templates.env.globals["long_note"] = LONG_NOTE
    templates.env.globals["snooze_choices"] = SNOOZE_CHOICES
    templates.env.globals["note_lines"] = NOTE_LINES
    templates.env.globals["form_key"] = new_key
    templates.env.tests["web_address"] = is_web_address
    return templates


def _include_routers(app: FastAPI) -> None:
    """Every area's routes: the pages, then the JSON API."""
    from netweave.web.routes import (
        api,
        api_jobs,
        api_more,
        api_outreach,
        api_weave,
        auth,
        campaigns,
        conversations,
        duplicates,
        events,
        export,
        imports,
        jobs,
        knows,
        log,
        orgs,
        outreach,
        people,
        person_edit,
        profile,
        settings,
        targets,
        tasks,
        today,
        weave,
    )

    # the Duplicates page before the People routes: "/people/duplicates" is not a person id
    modules = (auth, today, duplicates, person_edit, people, log, knows, conversations, orgs,
               events, imports, export, jobs, targets, weave, campaigns, settings, outreach,
               profile, tasks)  # fmt: skip
    for module in (*modules, api, api_more, api_jobs, api_weave, api_outreach):
        app.include_router(module.router)


def _build_routes(app: FastAPI) -> None:
    """Build every route's parameters now, in the thread that makes the app, not while it
    serves. FastAPI builds the routes of an included router on their first use, each
    parameter's validator with pydantic's warning that the alias FastAPI gives it "has no
    effect" silenced by ``warnings.catch_warnings``, which is not thread-safe: another
    thread changing the filters at that moment (pytest does around each test) let the
    warning through, an error where warnings are errors. A look-up of the last route by
    name walks them all (``/healthz`` comes after the routers)."""
    app.url_path_for("healthz")


def _handlers(app: FastAPI) -> None:
    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(NetweaveError)
    async def netweave_error(request: Request, exc: NetweaveError) -> Response:
        return _error(request, status_of(exc), exc.said(web=True))

    @app.exception_handler(OperationalError)
    async def locked(request: Request, exc: OperationalError) -> Response:
        if not is_locked(exc):
            raise exc  # a fault: the server's error page, and its log
        # a CLI command (an import) holds the write lock: say so, as the CLI does
        return _error(request, 503, LOCKED, headers={"Retry-After": str(RETRY_AFTER)})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, _http_said(request, exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return _api_invalid(exc)
        errors = exc.errors()
        if not errors:
            return _error(request, 422, "Some fields are missing or not valid.")
        if request.method == "GET" and errors[0].get("loc", ("",))[0] == "path":
            return _error(request, 404, f"no such page: {request.url.path}")  # /people/abc
        return _error(request, 422, said_plainly(errors))

    @app.exception_handler(ValidationError)
    async def invalid_form(request: Request, exc: ValidationError) -> Response:
        # a form checked in the route (``PersonIn(...)``): say which field, in the form's words
        errors = exc.errors()
        if not errors:
            return _error(request, 422, "Some fields are not valid.")
        return _error(request, 422, said_plainly(errors))


#: A form field's label where it is not its name with a capital ("met_on" is "Met on").
_LABELS = {
    "a": "First person",
    "b": "Second person",
    "org": "Organization",
    "url": "Posting",
    "on": "Day",
    "due": "Due",
    "q": "Search",
    "emails": "Email",
    "phones": "Phone",
    "me": "Your address",
    "names": "People you met",
    "create_people": "Add the people",
    "skip_bad_rows": "Skip bad rows",
}
#: What is chosen in a field picked from a list, for "Choose an event" when none was sent.
_CHOSEN = {
    "event": "an event",
    "stage": "a stage",
    "kind": "a kind",
    "source": "a source",
    "circle": "a circle",
    "role": "a role",
    "status": "an answer",
    "what": "what to change",
    "a": "the first person",
    "b": "the second person",
    "file": "a file",
}
#: Plain sentences for pydantic's error types (``{label}`` and the error's context fill them).
_SAID = {
    "missing": "{label}: fill it in",
    "string_too_long": "{label}: at most {max_length:,} characters",
    "string_too_short": "{label}: at least {min_length:,} characters",
    "too_long": "{label}: at most {max_length:,}",
    "too_short": "{label}: at least {min_length:,}",
    "bool_parsing": "{label}: yes or no",
    "bool_type": "{label}: yes or no",
    "int_parsing": "{label}: a whole number",
    "int_type": "{label}: a whole number",
    "int_from_float": "{label}: a whole number",
    "float_parsing": "{label}: a number",
    "float_type": "{label}: a number",
    "greater_than_equal": "{label}: at least {ge:,}",
    "greater_than": "{label}: more than {gt:,}",
    "less_than_equal": "{label}: at most {le:,}",
    "less_than": "{label}: less than {lt:,}",
    "date_parsing": "{label}: a date like 2026-03-14",
    "date_from_datetime_parsing": "{label}: a date like 2026-03-14",
    "date_type": "{label}: a date like 2026-03-14",
    "string_type": "{label}: text",
    "list_type": "{label}: a list",
    "extra_forbidden": "{label}: not a field of this form",
    "literal_error": "{label}: one of {expected}",
    "enum": "{label}: one of {expected}",
}


def field_label(field: str) -> str:
    """The words a form shows for a field: ``met_on`` → ``Met on``."""
    return _LABELS.get(field) or (field.replace("_", " ").capitalize() or "A field")


def said_plainly(errors: Any) -> str:
    """Validation errors in the form's words: "Note: at most 10,000 characters", "Choose an
    event" (the first three, one sentence each, a field said once)."""
    sentences: list[str] = []
    for error in errors:
        sentence = _sentence(error)
        if sentence not in sentences:
            sentences.append(sentence)
    more = len(sentences) - 3
    return ". ".join(sentences[:3]) + (f" (and {more} more)." if more > 0 else ".")


def _sentence(error: Any) -> str:
    # the field: the last name in the location (a list's item is said as its list's)
    names = [str(part) for part in error.get("loc", ()) if isinstance(part, str)]
    field = names[-1] if names and names[-1] not in ("body", "query", "path") else ""
    kind = str(error.get("type", ""))
    if kind == "missing" and field in _CHOSEN:
        return f"Choose {_CHOSEN[field]}"
    label = field_label(field)
    if kind == "value_error":  # a check of ours: its message is already said plainly
        text = str(error.get("ctx", {}).get("error", "") or error.get("msg", ""))
        return f"{label}: {text.removeprefix('Value error, ')}"
    template = _SAID.get(kind)
    if template is None:
        return f"{label}: not a value this form takes"
    try:
        text = template.format(label=label, **(error.get("ctx") or {}))
    except (KeyError, ValueError, TypeError):  # a context unlike the usual one
        return f"{label}: not a value this form takes"
    given = error.get("input")
    if kind == "string_too_long" and isinstance(given, str):
        text += f" (this one has {len(given):,})"
    return text


def _http_said(request: Request, exc: StarletteHTTPException) -> str:
    """An HTTP error in one line: a route's own words, else what was asked that is not here
    (Starlette says only "Not Found" or "Method Not Allowed")."""
    detail = str(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":
        return f"no such address: {request.url.path}"
    if exc.status_code == 405 and detail == "Method Not Allowed":
        return f"{request.method} is not allowed on {request.url.path}"
    return detail


def _api_invalid(exc: RequestValidationError) -> Response:
    """A request to /api refused by its checks (``/api/people/abc`` too: it says what was
    wrong): ``error`` in one line, as every /api error says it, with FastAPI's ``detail``
    list beside it."""
    errors = exc.errors()
    said = said_plainly(errors) if errors else "Some fields are missing or not valid."
    return JSONResponse({"error": said, "detail": _plain(errors)}, status_code=422)


def _plain(errors: Any) -> Any:
    """Validation errors as JSON-safe values (they may carry exceptions and bytes)."""
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in errors]


def _error(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    if request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    ):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    # a form refused (or not let in yet: 503) is saved nowhere: back to it, to send it again
    back = _form_page(request) if request.method == "POST" and status in _BACK else None
    # a form of buttons only (an intro's step) had nothing typed in it to find again
    typed = getattr(request.state, "typed", True)
    page = render(
        request,
        "error.html",
        status_code=status,
        status=status,
        message=message,
        back=back,
        typed=typed,
    )
    page.headers.update(headers or {})
    return page


def _form_page(request: Request) -> str | None:
    """The page of this app the refused form was sent from (its path), to go back to."""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc != request.url.netloc or not referer.path.startswith("/"):
        return None
    path = referer.path + (f"?{referer.query}" if referer.query else "")
    return None if path.startswith("//") else path
