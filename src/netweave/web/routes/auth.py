"""Logging in and out (only when a password is set)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netweave.services.access import check_password
from netweave.web.deps import ctx_of, render, session_of, web

router = APIRouter(include_in_schema=False)


@router.get("/login")
def login_page(request: Request) -> Response:
    """The login form."""
    return render(request, "login.html", error=None)


@router.post("/login")
def login(request: Request, password: Annotated[str, Form()] = "") -> Response:
    """Check the password; too many failures from one client wait a minute."""
    state = web(request)
    client = request.client.host if request.client else "?"
    if state.limiter.blocked(client):
        return render(
            request, "login.html", status_code=429, error="Too many attempts: wait a minute."
        )
    if not check_password(ctx_of(request), password):
        state.limiter.failed(client)
        return render(request, "login.html", status_code=401, error="Wrong password.")
    state.limiter.reset(client)
    _renew(request, auth=True)
    return RedirectResponse("/", status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    """Forget the login (a new session, a new CSRF token)."""
    _renew(request, auth=False)
    return RedirectResponse("/login" if web(request).login_required else "/", status_code=303)


def _renew(request: Request, *, auth: bool) -> None:
    """A new session id and CSRF token on every change of login state (no fixation)."""
    session = session_of(request)
    session.sid = secrets.token_urlsafe(16)
    session.csrf = secrets.token_urlsafe(32)
    session.auth = auth
    session.fresh = True
